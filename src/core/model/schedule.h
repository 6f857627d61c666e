// A row of django_q_schedule (SEMANTICS.md §1, §5) and the Scheduled tasks list's view of it: the
// admin's last_run (the name of the task `schedule.task` names) and that task's success.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/schema/export.h"
#include "core/sched/schedule_runs.h"
#include "core/sync/row_image.h"

namespace core {

struct ScheduleRow {
    std::int64_t id = 0;  // 0: not saved yet (the database assigns one)
    std::optional<std::string> name;
    std::string func;
    std::optional<std::string> hook;
    std::optional<std::string> args;    // Python literal text
    std::optional<std::string> kwargs;  // Python literal text (dict, or k=v, ...)
    std::string schedule_type = "O";
    std::optional<std::int64_t> minutes;
    std::int64_t repeats = -1;
    std::optional<std::string> next_run;  // Django datetime text, UTC
    std::optional<std::string> cron;
    std::optional<std::string> task;                 // id of the last task it launched
    std::optional<std::string> cluster;              // django-q >= 1.1
    std::optional<std::string> intended_date_kwarg;  // django-q2
};

struct ScheduleListRow : ScheduleRow {
    std::optional<std::string> last_run_name;  // nullopt: no task, or its row is gone (pruned)
    std::optional<bool> last_run_success;
};

// Every schedule with its last run, by id.
Result<std::vector<ScheduleListRow>> ReadSchedules(Export& export_);
// The next `limit` of them after id `after_id` (a step's worth).
Result<std::vector<ScheduleListRow>> ReadSchedulesAfter(Export& export_, std::int64_t after_id, std::int64_t limit);
// The schedule with this id; nullopt when there is none.
Result<std::optional<ScheduleRow>> FindSchedule(Export& export_, std::int64_t id);

// The columns that decide when it runs, for the scheduler rules (sched/schedule_runs.h).
ScheduleTiming TimingOf(const ScheduleRow& schedule);
// The group the scheduler gives the tasks it launches: the schedule's name, or its id.
std::string TaskGroupOf(const ScheduleRow& schedule);
// How a report names it: its name, or its func when it has none (NULL or empty).
std::string LabelOf(const ScheduleRow& schedule);

// The row as the journal stores it, with exactly the columns this variant's table has (no "id"
// when the schedule is new).
RowImage ScheduleImage(const SchemaInfo& schema, const ScheduleRow& schedule);

}  // namespace core
