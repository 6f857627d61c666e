// "Missed runs": the runs a schedule should have had in the export's time window, each matched
// with the task the scheduler launched for it (its group is the schedule's name, or its id), so
// late and missed runs stand out (SEMANTICS.md §5).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/model/schedule.h"
#include "core/sched/schedule_runs.h"
#include "core/sched/time_zone.h"

namespace core {

enum class RunCheck { OnTime, Late, Missed };
const char* RunCheckLabel(RunCheck check);  // "on time", "late", "missed"

struct ExpectedRun {
    UnixMicros due = 0;
    RunCheck check = RunCheck::Missed;
    std::optional<std::string> task_id, task_name;  // the task that ran for it
    std::optional<UnixMicros> started;
};

// The scheduler polls about every 30 seconds; a task that starts later than this after its due
// time counts as late.
constexpr UnixMicros kLateAfter = 120'000'000;

// The due times in [from, until) walked back from the schedule's next_run, newest first (at most
// `max_runs`), each matched with the first task of the schedule's group that started at or after
// it and before the next due time; plus runs due in the day before `from` whose task started late,
// inside the window.
Result<std::vector<ExpectedRun>> CheckPastRuns(Export& export_, const ScheduleRow& schedule, SchedulerVariant rules, const TimeZone& zone,
                                               UnixMicros from, UnixMicros until, int max_runs = 100);

// CheckPastRuns in two halves, for a caller that has read the schedule's tasks itself (the health
// check reads every schedule's in one pass). The due times, oldest first: the newest `max_runs`
// in [from - 1 day, min(until, next_run)); empty for a ONCE schedule or one without a next run.
Result<std::vector<UnixMicros>> DueTimes(const ScheduleRow& schedule, SchedulerVariant rules, const TimeZone& zone, UnixMicros from,
                                         UnixMicros until, int max_runs);
struct ScheduleTask {
    std::string id, name;
    UnixMicros started = 0;
};
// Each due time matched as CheckPastRuns says, newest first; `tasks` are the group's, oldest
// first (those before the first due time are passed over).
std::vector<ExpectedRun> MatchRuns(const std::vector<UnixMicros>& due_times, const std::vector<ScheduleTask>& tasks, UnixMicros next_run,
                                   UnixMicros from);

}  // namespace core
