// The schedule form's validation, as Django's admin does it and more (SEMANTICS.md §5): func
// required, the type known to the variant, minutes for the Minutes type, a cron line croniter
// accepts for Cron, args and kwargs Python literals the scheduler can read (with the position of
// the error), intended_date_kwarg an identifier and not a keyword, lengths within the columns.
#pragma once

#include <string>
#include <vector>

#include "core/model/schedule.h"
#include "core/sched/schedule_runs.h"

namespace core {

struct FieldError {
    std::string field;    // the column: "cron", "args", ...
    std::string message;  // what is wrong, with the position where it has one
};

// Every problem, in form order; empty when the schedule can be saved.
std::vector<FieldError> ValidateSchedule(const SchemaInfo& schema, SchedulerVariant rules, const ScheduleRow& schedule);

}  // namespace core
