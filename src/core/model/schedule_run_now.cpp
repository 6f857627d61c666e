#include "core/model/schedule_run_now.h"

#include "core/decode/py_literal_parse.h"
#include "core/model/schedule.h"
#include "core/django_q/signing_check.h"
#include "core/django_q/task_name.h"
#include "core/sync/journal.h"

namespace core {
namespace {

// datetime.isoformat() of an aware UTC datetime: "2026-11-24T01:29:49.303207+00:00".
std::string IsoFormatUtc(UnixMicros at) {
    std::string text = FormatDjangoDatetime(at);
    text[10] = 'T';
    return text + "+00:00";
}

// Sets `key` in a dict's alternating key/value items, keeping its place when it is there.
void SetItem(std::vector<PyRef>& items, const std::string& key, PyRef value) {
    for (std::size_t i = 0; i + 1 < items.size(); i += 2)
        if (items[i]->kind == PyKind::Str && items[i]->text == key) {
            items[i + 1] = std::move(value);
            return;
        }
    items.push_back(PyStr(key));
    items.push_back(std::move(value));
}

PyRef TakeItem(std::vector<PyRef>& items, const std::string& key) {
    for (std::size_t i = 0; i + 1 < items.size(); i += 2)
        if (items[i]->kind == PyKind::Str && items[i]->text == key) {
            PyRef value = items[i + 1];
            items.erase(items.begin() + static_cast<std::ptrdiff_t>(i), items.begin() + static_cast<std::ptrdiff_t>(i) + 2);
            return value;
        }
    return nullptr;
}

PyRef ToDict(std::vector<PyRef> items) {
    std::vector<std::pair<PyRef, PyRef>> pairs;
    for (std::size_t i = 0; i + 1 < items.size(); i += 2) pairs.emplace_back(items[i], items[i + 1]);
    return PyDict(std::move(pairs));
}

// The keyword arguments scheduler() passes to async_task for `schedule` (django_q/scheduler.py).
Result<AsyncTaskKeywords> SchedulerKeywords(const ScheduleRow& schedule, const PyValue& kwargs, UnixMicros now) {
    std::vector<PyRef> items = kwargs.items;
    PyRef given_options = TakeItem(items, "q_options");
    if (given_options && given_options->kind != PyKind::Dict)
        return MakeError("schedule.bad_kwargs", "its kwargs' q_options is not a dict", "kwargs");
    std::vector<PyRef> q_options = given_options ? given_options->items : std::vector<PyRef>();
    if (schedule.intended_date_kwarg && !schedule.intended_date_kwarg->empty())
        SetItem(items, *schedule.intended_date_kwarg, PyStr(IsoFormatUtc(now)));
    if (schedule.hook) SetItem(q_options, "hook", PyStr(*schedule.hook));
    PyRef broker_name = TakeItem(q_options, "broker_name");
    PyRef cluster = schedule.cluster && !schedule.cluster->empty() ? PyStr(*schedule.cluster) : nullptr;
    if (!cluster) {
        for (std::size_t i = 0; i + 1 < q_options.size(); i += 2)
            if (q_options[i]->text == "cluster") cluster = q_options[i + 1];
    }
    SetItem(q_options, "cluster", cluster ? cluster : broker_name ? broker_name : PyNone());
    bool has_group = false;
    for (std::size_t i = 0; i + 1 < q_options.size(); i += 2) has_group |= q_options[i]->text == "group";
    if (!has_group) SetItem(q_options, "group", schedule.name ? PyStr(*schedule.name) : PyInt(schedule.id));

    AsyncTaskKeywords keywords;
    for (std::size_t i = 0; i + 1 < items.size(); i += 2) {
        if (items[i]->kind != PyKind::Str) return MakeError("schedule.bad_kwargs", "a kwargs key is not a str", "kwargs");
        keywords.emplace_back(items[i]->text, items[i + 1]);
    }
    keywords.emplace_back("q_options", ToDict(std::move(q_options)));
    return keywords;
}

// A copy due now that runs once and is deleted: the same call, grouped under the same name.
ScheduleRow OnceCopy(const ScheduleRow& schedule, UnixMicros now) {
    ScheduleRow once = schedule;
    once.id = 0;
    once.schedule_type = "O";
    once.repeats = -1;
    once.minutes.reset();
    once.cron.reset();
    once.task.reset();
    once.next_run = FormatDjangoDatetime(now);
    once.name = TaskGroupOf(schedule);  // its task gets the group scheduler() gives the schedule's
    return once;
}

// "its args: ..." at "args, line 1, column 4": which text of the schedule the scheduler would fail on.
Error InField(const char* field, Error error) {
    error.message = std::string("its ") + field + ": " + error.message;
    error.where = error.where.empty() ? field : std::string(field) + ", " + error.where;
    return error;
}

}  // namespace

Result<RunNowDone> RunScheduleNow(Export& export_, std::int64_t id, const ResubmitSettings& settings, UnixMicros now) {
    auto found = FindSchedule(export_, id);
    if (!found) return found.error();
    if (!found->has_value()) return MakeError("schedule.not_found", "no schedule " + std::to_string(id) + " in this export");
    const ScheduleRow& schedule = *found.value();
    auto args = ParseScheduleArgs(schedule.args.value_or(""));
    if (!args) return InField("args", args.error());
    auto kwargs = ParseScheduleKwargs(schedule.kwargs.value_or(""), SchedulerVariantFor(export_.schema.variant));
    if (!kwargs) return InField("kwargs", kwargs.error());

    RunNowDone done;
    RowImage row;
    if (settings.way == ResubmitWay::OnceSchedule) {
        row = ScheduleImage(export_.schema, OnceCopy(schedule, now));
    } else {
        if (settings.way == ResubmitWay::QueueEntry && settings.secret_key.empty())
            return MakeError("resubmit.no_key", "a queue entry is signed with the server's SECRET_KEY: type it, or run it as a ONCE schedule");
        if (settings.way == ResubmitWay::QueueEntry)
            if (auto key = RequireMatchingKey(export_, settings.secret_key, settings.cluster_name, settings.key_rotated); !key) return key.error();
        if (!export_.schema.has_ormq)
            return MakeError("resubmit.no_queue_table", "this export has no django_q_ormq table (the server does not use the ORM broker): run it as a ONCE schedule");
        auto keywords = SchedulerKeywords(schedule, *kwargs.value(), now);
        if (!keywords) return keywords.error();
        auto plan = PlanAsyncTask(export_, schedule.func, *args.value(), std::move(keywords.value()), settings, now);
        if (!plan) return plan.error();
        row = plan->row;
        done.queued = true;
        done.task_name = HumanHash(plan->new_task_id);
    }
    auto written = Journalled(export_.db, "run_schedule_now", [&](EditBatch& batch) -> Status {
        if (auto inserted = batch.Insert(done.queued ? "django_q_ormq" : "django_q_schedule", row); !inserted) return inserted;
        if (!done.queued) done.schedule_id = batch.last_inserted().get<std::int64_t>();
        return Ok{};
    });
    if (!written) return written.error();
    return done;
}

}  // namespace core
