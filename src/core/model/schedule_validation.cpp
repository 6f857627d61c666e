#include "core/model/schedule_validation.h"

#include "core/decode/py_literal_parse.h"

namespace core {
namespace {

// The message with its position ("... (line 1, column 5)"); a column's name is no position.
std::string Described(const Error& error) {
    return error.where.empty() || error.where.find("line") == std::string::npos ? error.message : error.Describe();
}

void CheckLength(std::vector<FieldError>& errors, const char* field, const std::optional<std::string>& text, std::size_t limit) {
    if (text && text->size() > limit)
        errors.push_back({field, "at most " + std::to_string(limit) + " characters (the column is varchar(" + std::to_string(limit) + "))"});
}

}  // namespace

std::vector<FieldError> ValidateSchedule(const SchemaInfo& schema, SchedulerVariant rules, const ScheduleRow& schedule) {
    std::vector<FieldError> errors;
    CheckLength(errors, "name", schedule.name, 100);
    if (schedule.func.empty()) errors.push_back({"func", "required: the dotted path of the function to run"});
    CheckLength(errors, "func", schedule.func, 256);
    CheckLength(errors, "hook", schedule.hook, 256);
    if (schedule.args)
        if (auto args = ParseScheduleArgs(*schedule.args); !args) errors.push_back({"args", Described(args.error())});
    if (schedule.kwargs)
        if (auto kwargs = ParseScheduleKwargs(*schedule.kwargs, rules); !kwargs) errors.push_back({"kwargs", Described(kwargs.error())});
    ScheduleTiming timing;
    timing.type = schedule.schedule_type;
    if (schedule.minutes) timing.minutes = static_cast<int>(*schedule.minutes);
    timing.cron = schedule.cron.value_or("");
    if (auto valid = ValidateTiming(timing, rules); !valid) errors.push_back({valid.error().where, Described(valid.error())});
    CheckLength(errors, "cron", schedule.cron, 100);
    if (!schedule.next_run && schedule.repeats != 0) errors.push_back({"next_run", "required: a schedule without a next run never runs"});
    CheckLength(errors, "cluster", schedule.cluster, 100);
    if (schedule.intended_date_kwarg && !IsPythonIdentifierNotKeyword(*schedule.intended_date_kwarg))
        errors.push_back({"intended_date_kwarg", "must be a Python identifier and not a keyword, as the admin requires"});
    return errors;
}

}  // namespace core
