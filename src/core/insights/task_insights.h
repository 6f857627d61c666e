// The dashboard's figures, the per-func metrics and the failure groups (issue 19), from one pass
// over the tasks a rowid range at a time, so that no frame reads a million rows. What the pass
// keeps is small (counts per quarter hour, per func and hour, time taken per func, one entry per
// failure group), and is summarised for any time zone and bucket without reading the tasks again.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/insights/failure_signature.h"
#include "core/insights/percentiles.h"
#include "core/schema/export.h"
#include "core/sched/time_zone.h"
#include "core/sched/timestamp.h"

namespace core {

enum class Bucket { Hour, Day, Week };  // weeks start on Monday, as ISO weeks do
const char* BucketName(Bucket bucket);  // "hour", "day", "week"
std::optional<Bucket> ParseBucket(std::string_view name);
// The bucket that gives a readable number of bars: hours up to 3 days, days up to 120, else weeks.
Bucket AutomaticBucket(UnixMicros first, UnixMicros last);

// A time taken as the lists show it: "1.205 s"; a rate as "10.4%".
std::string SecondsText(UnixMicros micros);
std::string PercentText(double fraction);

// Tasks that stopped in [start, end) (UTC), one bucket of the chosen zone's wall clock.
struct TimeBucket {
    UnixMicros start = 0, end = 0;
    std::int64_t successes = 0, failures = 0;
};

// The bucket as its zone's wall clock shows its start: "2026-11-24 02:00" (hour), "2026-11-24"
// (day, and week: its Monday).
std::string BucketLabel(const TimeZone& zone, Bucket bucket, const TimeBucket& time_bucket);

constexpr int kSparklinePoints = 24;

struct FuncMetrics {
    std::string func;
    std::int64_t runs = 0, failures = 0;
    std::int64_t attempts = 0;  // the sum of attempt_count (runs, without the column)
    TimeTaken time_taken;  // stopped - started, as the admin's time_taken (percentiles.h)
    std::optional<UnixMicros> first_started, last_stopped;
    // Runs per 24th of the export's time span (by hour of stop), oldest first.
    std::vector<std::int64_t> sparkline;
    double FailureRate() const { return runs ? static_cast<double>(failures) / static_cast<double>(runs) : 0.0; }
};

struct FailureGroup {
    FailureSignature signature;  // of the newest task in it (its line, the others' may differ)
    std::int64_t count = 0;
    std::vector<std::pair<std::string, std::int64_t>> funcs;  // the funcs that failed so, most first
    std::optional<UnixMicros> first_seen, last_seen;          // by stopped
    std::string example_id, example_name;                     // the newest task in it
    std::string example_result;                               // its whole result text
    std::vector<std::int64_t> rowids;                         // every task in it, in rowid order
};

struct TaskInsights {
    std::int64_t tasks = 0, failures = 0;
    std::optional<UnixMicros> first_started, last_stopped;
    TimeTaken time_taken;
    Bucket bucket = Bucket::Hour;
    std::vector<TimeBucket> buckets;  // every bucket from the first task's stop to the last's, empty ones too
    std::vector<FuncMetrics> funcs;   // busiest first (runs, then name)
    std::vector<FailureGroup> failure_groups;  // largest first (count, then newest)
    double FailureRate() const { return tasks ? static_cast<double>(failures) / static_cast<double>(tasks) : 0.0; }
};

// A failed task as two exports of one server both name it: the same id stopped at the same time is
// the same failure (a retried task keeps its id but stops again).
struct FailedTask {
    std::int64_t rowid = 0;
    std::string id;
    std::optional<UnixMicros> stopped;
};

// The app's step of a TaskInsightsScan (and of a comparison's side), in rows' work (a failure is
// ten): about 2,000 tasks of the demo's, 2 ms natively, 3-6 in the browser. Half as much made
// the browser's figures 10% later.
inline constexpr std::int64_t kInsightsRowsPerStep = 3'000;
class TaskInsightsScan {
public:
    // Reads the next tasks, about `max_rows` rows' work (a failure, decoded, counts as ten); true once all are read.
    Result<bool> Step(Export& export_, std::int64_t max_rows);
    bool done() const { return m_done; }
    std::int64_t rows_read() const { return m_rows_read; }
    // The insights of the tasks read so far (all of them once done; time taken only then),
    // bucketed by the wall clock of `zone`, with AutomaticBucket's choice when `bucket` is nullopt.
    // A few milliseconds at a million tasks: a zone or bucket switch need not read the tasks again.
    TaskInsights Summarise(const TimeZone& zone, std::optional<Bucket> bucket) const;
    // Every failed task read, in rowid order (what a comparison of two exports matches), taken
    // from the scan once it is done: it keeps no copy.
    std::vector<FailedTask> TakeFailedTasks() { return std::move(m_failed_tasks); }

private:
    struct Counts {
        std::int64_t successes = 0, failures = 0;
    };
    struct Func {
        FuncMetrics metrics;            // all but func and sparkline, which Summarise fills
        std::vector<UnixMicros> taken;  // until FinishStep makes metrics.time_taken of it
        RankHistogram taken_bands;      // of `taken`, so its percentiles are found a piece at a time
        std::unordered_map<std::int64_t, std::int64_t> runs_per_hour;  // by UTC hour of stop
    };
    struct Group {
        FailureGroup group;
        std::map<std::string, std::int64_t> funcs;
    };
    void AddTask(std::string func, std::optional<UnixMicros> started, std::optional<UnixMicros> stopped,
                 bool success, std::int64_t attempts);
    // Once every task is read, a step at a time: the time-taken percentiles, which no zone or
    // bucket changes (all tasks' first, then each func's), about `max_rows` rows' work a step.
    // True when all are made.
    bool FinishStep(std::int64_t max_rows);
    void AddFailure(std::int64_t rowid, const std::string& func, std::optional<UnixMicros> stopped, const std::optional<std::string>& result,
                    std::string id, std::string name);

    bool m_done = false;
    std::int64_t m_read_through = 0, m_rows_read = 0;
    std::int64_t m_tasks = 0, m_failures = 0;
    std::optional<UnixMicros> m_first_started, m_last_stopped;
    RankHistogram m_all_taken;
    // All tasks' percentiles, then each func's, fed a piece of the funcs' values a step once every task is read.
    std::optional<BandSelection> m_selection;
    TimeTaken m_time_taken;
    bool m_rows_done = false, m_all_taken_done = false;
    std::map<std::int64_t, Counts> m_per_quarter_hour;  // by UTC quarter hour of stop: every zone's hours are whole quarters
    std::map<std::string, Func> m_funcs;
    std::map<std::string, Func>::iterator m_finish_at;  // the next func FinishStep makes percentiles of
    std::size_t m_finish_offset = 0;                     // how many of its values m_selection was fed
    std::unordered_map<std::string, std::size_t> m_group_of_key;
    std::vector<Group> m_groups;
    std::vector<FailedTask> m_failed_tasks;
};

// Every task read at once (the CLI's way).
Result<TaskInsights> ComputeTaskInsights(Export& export_, const TimeZone& zone, std::optional<Bucket> bucket);

}  // namespace core
