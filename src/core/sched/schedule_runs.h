// When a Django Q schedule runs (SEMANTICS.md §5), per scheduler: django-q2's
// Schedule.calculate_next_run and scheduler() (models.py, scheduler.py: periods added in UTC, then
// corrected so the local wall-clock time stays across a DST change, except for I, H and Y), or
// django-q 1.3's cluster.scheduler() (arrow shifts in UTC, no correction). Cron lines are
// croniter's in both (cron.h), evaluated in the server's time zone from the time of the run.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/sched/timestamp.h"
#include "core/result.h"
#include "core/schema/schema.h"
#include "core/sched/time_zone.h"

namespace core {

enum class SchedulerVariant { DjangoQ1, DjangoQ2 };
// The scheduler that wrote a database of this variant.
SchedulerVariant SchedulerVariantFor(Variant variant);

// The columns of django_q_schedule that decide its runs.
struct ScheduleTiming {
    std::string type;            // schedule_type: "O", "I", "H", "D", "W", "BW", "M", "BM", "Q", "Y", "C"
    std::optional<int> minutes;  // for "I"; empty or 0 means 1, as the scheduler reads it
    std::string cron;            // for "C"
    int repeats = -1;
    std::optional<UnixMicros> next_run;  // empty: the scheduler never picks the row
};

// The types the variant's admin offers, in its order (q2 adds "BW" and "BM").
std::vector<std::string> ScheduleTypes(SchedulerVariant variant);
// "Once", "Minutes", "Hourly", "Daily", "Weekly", "Biweekly", "Monthly", "Bimonthly", "Quarterly",
// "Yearly", "Cron"; the code itself when it is none of them.
std::string ScheduleTypeLabel(std::string_view code);

// The timing as the admin form should accept it: a type the variant knows, minutes (1-32767) for
// Minutes, a cron line croniter accepts for Cron. Error "schedule.invalid", `where` the column
// ("schedule_type", "minutes", "cron").
Status ValidateTiming(const ScheduleTiming& timing, SchedulerVariant variant);

// The exact next_run values the scheduler would store after `next_run`, `count` of them: the
// period added again and again (ONCE: none), or croniter from next_run for cron (how the
// fixtures' goldens were made). Ignores repeats and the clock. Errors: an unknown type, a bad
// cron line ("schedule.invalid").
Result<std::vector<UnixMicros>> RunsAfterNextRun(const ScheduleTiming& timing, SchedulerVariant variant, const TimeZone& zone, int count);

// What will really happen from `now`, at most `count` runs: the first at next_run, or at `now`
// (the scheduler's next pass) when next_run is past; then each next run as the scheduler computes
// it from the run before — with catch_up=false skipping to the first time after the run, with
// catch_up=true running each missed period on one pass after another (those runs are listed at
// `now`). Cron: the next croniter match after each run. Stops where repeats runs out (q2: -1
// forever, n > 0 n more runs, 0 paused; q1: negative counts down forever); ONCE runs once.
Result<std::vector<UnixMicros>> UpcomingRuns(const ScheduleTiming& timing, SchedulerVariant variant, const TimeZone& zone, UnixMicros now,
                                             int count, bool catch_up);

// The run times the schedule was due at in [from, until), ascending, at most the latest
// `max_runs` (the default only bounds the work): for the missed-runs check. Cron: every match in
// the window. Periods: walked back from next_run. Walking back is exact for I and H (and q1's D
// and W); q2's D, W and BW keep the local wall-clock time, and the month types keep next_run's
// day of the month, which is an approximation where the scheduler's clamping or its DST
// correction moved the time (a schedule that ran on 31 January and 28 February is walked back
// from 28 March to 28 February, 28 January).
Result<std::vector<UnixMicros>> RunsBetween(const ScheduleTiming& timing, SchedulerVariant variant, const TimeZone& zone, UnixMicros from,
                                            UnixMicros until, int max_runs = 100000);

// The period in words: "every 15 minutes", "every day at the same local time",
// "cron 0 9 * * 1-5: at 09:00 on Monday through Friday".
std::string ExplainTiming(const ScheduleTiming& timing, SchedulerVariant variant);

// What repeats means for this row: "runs 24 more times, the last at 2026-11-30 09:00
// (Europe/Amsterdam)", "forever", "paused (repeats 0)", "once, then the schedule is deleted"...
std::string ExplainRepeats(const ScheduleTiming& timing, SchedulerVariant variant, const TimeZone& zone, UnixMicros now, bool catch_up = true);
// The same in a list's few words, beside the number: "-1 (forever)", "3 (3 more runs)",
// "0 (paused)", and for a Once schedule "-1 (once, then deleted)", "1 (once, then kept)".
std::string RepeatsInWords(const std::string& type, std::int64_t repeats);

}  // namespace core
