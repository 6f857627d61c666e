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

}  // namespace core
