#include "core/model/resubmit.h"

#include <utility>

#include "core/decode/pickle_reader.h"
#include "core/decode/pickle_writer.h"
#include "core/decode/py_literal.h"
#include "core/decode/py_repr.h"
#include "core/decode/signing.h"
#include "core/django_q/package_signing.h"
#include "core/django_q/queue_lock.h"
#include "core/django_q/signing_check.h"
#include "core/model/task.h"
#include "core/django_q/task_name.h"
#include "core/sync/journal.h"
#include "core/django_q/server_signing.h"

namespace core {
namespace {

using Keywords = AsyncTaskKeywords;

// async_task's opt_keys, in the order it copies them into the package.
const std::vector<std::string>& OptionKeys(const SchemaInfo& schema) {
    static const std::vector<std::string> q1 = {"hook", "group", "save", "sync", "cached", "ack_failure",
                                                "iter_count", "iter_cached", "chain", "broker", "timeout"};
    static const std::vector<std::string> q2 = {"hook", "group", "save", "sync", "cached", "ack_failure", "iter_count",
                                                "iter_cached", "chain", "broker", "cluster", "timeout"};
    return schema.variant == Variant::DjangoQ2 ? q2 : q1;
}

Error TaskError(const TaskRow& task, Error error) {
    error.message = "cannot resubmit " + task.name + ": " + error.message;
    error.where = "task " + task.id;
    return error;
}

PyRef OptionalStr(const std::optional<std::string>& text) { return text ? PyStr(*text) : PyNone(); }

// The decoded args tuple and kwargs dict (NULL columns are () and {}, as `or ()` and `or {}` make them).
Result<std::pair<PyRef, PyRef>> DecodeCall(const TaskRow& task) {
    PyRef args = PyTuple({}), kwargs = PyDict({});
    if (task.args) {
        auto decoded = DecodePickledField(*task.args);
        if (!decoded) return MakeError(decoded.error().code, "its args: " + decoded.error().Describe());
        args = std::move(decoded.value());
    }
    if (task.kwargs) {
        auto decoded = DecodePickledField(*task.kwargs);
        if (!decoded) return MakeError(decoded.error().code, "its kwargs: " + decoded.error().Describe());
        kwargs = std::move(decoded.value());
    }
    if (args->kind != PyKind::Tuple && args->kind != PyKind::List)
        return MakeError("resubmit.bad_args", "its args are not a tuple, so *args has nothing to unpack");
    if (kwargs->kind != PyKind::Dict) return MakeError("resubmit.bad_kwargs", "its kwargs are not a dict");
    return std::pair{args, kwargs};
}

// The call's keyword arguments as async_task receives them: the admin's explicit options first,
// then the task's own kwargs. A kwarg that repeats an option is Python's TypeError.
Result<Keywords> CallKeywords(const SchemaInfo& schema, const TaskRow& task, const PyValue& kwargs) {
    Keywords keywords = {{"hook", OptionalStr(task.hook)}};
    if (schema.variant == Variant::DjangoQ2) {
        keywords.emplace_back("group", OptionalStr(task.group));
        keywords.emplace_back("cluster", OptionalStr(task.cluster));
    }
    for (std::size_t i = 0; i + 1 < kwargs.items.size(); i += 2) {
        if (kwargs.items[i]->kind != PyKind::Str) return MakeError("resubmit.bad_kwargs", "a kwargs key is not a str");
        const std::string& key = kwargs.items[i]->text;
        for (const auto& [given, value] : keywords)
            if (given == key)
                return MakeError("resubmit.option_clash", "its kwargs hold \"" + key + "\", which the admin's resubmit also passes: Python would refuse the call");
        keywords.emplace_back(key, kwargs.items[i + 1]);
    }
    return keywords;
}

PyRef Pop(Keywords& keywords, const std::string& key) {
    for (auto it = keywords.begin(); it != keywords.end(); ++it) {
        if (it->first != key) continue;
        PyRef value = it->second;
        keywords.erase(it);
        return value;
    }
    return nullptr;
}

PyRef StartedNow(UnixMicros now) {
    const std::int64_t days = now / kMicrosPerDay - (now % kMicrosPerDay < 0);
    const std::int64_t micros = now - days * kMicrosPerDay;
    const Civil date = CivilFromDays(days);
    const auto seconds = static_cast<int>(micros / 1'000'000);
    return PyDatetimeUtc(static_cast<int>(date.year), static_cast<int>(date.month), static_cast<int>(date.day), seconds / 3600,
                         seconds / 60 % 60, seconds % 60, static_cast<int>(micros % 1'000'000));
}

// A failed or successful task's call, queued again: async_task(func, *args, hook=..., **kwargs).
Result<ResubmitPlan> PlanQueueEntry(Export& export_, const TaskRow& task, const ResubmitSettings& settings, UnixMicros now) {
    auto call = DecodeCall(task);
    if (!call) return call.error();
    auto keywords = CallKeywords(export_.schema, task, *call->second);
    if (!keywords) return keywords.error();
    return PlanAsyncTask(export_, task.func, *call->first, std::move(keywords.value()), settings, now);
}

// A ONCE schedule the scheduler turns into the same async_task call.
Result<ResubmitPlan> PlanOnceSchedule(Export& export_, const TaskRow& task, UnixMicros now) {
    auto call = DecodeCall(task);
    if (!call) return call.error();
    if (auto keywords = CallKeywords(export_.schema, task, *call->second); !keywords) return keywords.error();
    auto args = PythonLiteral(*PyTuple(call->first->items), "args");
    if (!args) return args.error();
    auto kwargs = PythonLiteral(*call->second, "kwargs");
    if (!kwargs) return kwargs.error();
    const bool q2 = export_.schema.variant == Variant::DjangoQ2;
    ResubmitPlan plan;
    // The scheduler groups the task it launches under the schedule's name: q2's resubmit keeps the group.
    plan.row = {{"func", task.func},
                {"hook", task.hook ? nlohmann::json(*task.hook) : nlohmann::json()},
                {"args", args.value()},
                {"kwargs", kwargs.value()},
                {"schedule_type", "O"},
                {"repeats", -1},
                {"next_run", FormatDjangoDatetime(now)},
                {"task", nullptr},
                {"name", q2 && task.group ? *task.group : task.name},
                {"minutes", nullptr},
                {"cron", nullptr}};
    if (export_.schema.schedule_cluster) plan.row["cluster"] = q2 && task.cluster ? nlohmann::json(*task.cluster) : nlohmann::json();
    if (export_.schema.schedule_intended_date_kwarg) plan.row["intended_date_kwarg"] = nullptr;
    return plan;
}

}  // namespace

Result<ResubmitPlan> PlanAsyncTask(Export& export_, const std::string& func, const PyValue& args, AsyncTaskKeywords keywords,
                                   const ResubmitSettings& settings, UnixMicros now) {
    PyRef q_options = Pop(keywords, "q_options");
    if (q_options && q_options->kind != PyKind::Dict) return MakeError("resubmit.bad_kwargs", "its q_options is not a dict");
    const std::string id = NewTaskId();
    PyRef name = Pop(keywords, "task_name");
    if (!name && q_options)
        if (const PyValue* given = DictItem(*q_options, "task_name")) name = std::make_shared<PyValue>(*given);
    if (!name || (name->kind == PyKind::Str && name->text.empty()) || name->kind == PyKind::None) name = PyStr(HumanHash(id));

    std::vector<std::pair<PyRef, PyRef>> package = {
        {PyStr("id"), PyStr(id)}, {PyStr("name"), name}, {PyStr("func"), PyStr(func)}, {PyStr("args"), PyTuple(args.items)}};
    PyRef cluster;
    for (const auto& key : OptionKeys(export_.schema)) {
        PyRef value;
        if (q_options && DictItem(*q_options, key)) value = std::make_shared<PyValue>(*DictItem(*q_options, key));
        if (PyRef popped = Pop(keywords, key); popped && !value) value = popped;
        if (!value || key == "broker") continue;  // the broker is never serialised
        if (key == "cluster") cluster = value;
        package.emplace_back(PyStr(key), value);
    }
    std::vector<std::pair<PyRef, PyRef>> rest;
    for (auto& [key, value] : keywords) rest.emplace_back(PyStr(key), value);
    package.emplace_back(PyStr("kwargs"), PyDict(std::move(rest)));
    package.emplace_back(PyStr("started"), StartedNow(now));

    const PyRef whole = PyDict(std::move(package));
    // Checked for both ways: an entry left for the server's key must be one djq apply will sign.
    if (auto signable = CheckSignablePackage(*whole); !signable) return signable.error();
    auto pickle = EncodePickle(*whole);
    if (!pickle) return pickle.error();
    std::string payload = UnsignedPayload(pickle.value());
    if (settings.way != ResubmitWay::QueueEntrySignedOnServer) {
        auto signed_package = SignPackage(pickle.value(), settings.secret_key, settings.cluster_name, now / 1'000'000, settings.compress);
        if (!signed_package) return signed_package.error();
        payload = std::move(signed_package->payload);
    }
    // get_broker(task["cluster"]): the queue of the task's cluster, else the default one.
    const std::string key = cluster && cluster->kind == PyKind::Str ? cluster->text : settings.cluster_name;
    ResubmitPlan plan;
    plan.new_task_id = id;
    plan.call = func + " args " + ReprPython(*DictItem(*whole, "args")) + " kwargs " + ReprPython(*DictItem(*whole, "kwargs"));
    plan.row = {{"key", key},
                {"payload", payload},
                // As enqueue writes it: a NULL lock is never handed out. djq apply dates it again when applied.
                {"lock", EnqueueLockText(export_.schema.variant, now)}};
    return plan;
}

Result<std::vector<ResubmitPlan>> PlanResubmit(Export& export_, const std::vector<std::string>& ids, const ResubmitSettings& settings,
                                               UnixMicros now) {
    const bool queue = settings.way != ResubmitWay::OnceSchedule;
    if (settings.way == ResubmitWay::QueueEntry && settings.secret_key.empty())
        return MakeError("resubmit.no_key", "a queue entry is signed with the server's SECRET_KEY: type it, or resubmit as a schedule");
    if (settings.way == ResubmitWay::QueueEntry)
        if (auto key = RequireMatchingKey(export_, settings.secret_key, settings.cluster_name, settings.key_rotated); !key) return key.error();
    if (queue && !export_.schema.has_ormq)
        return MakeError("resubmit.no_queue_table", "this export has no django_q_ormq table (the server does not use the ORM broker): resubmit as a schedule");
    std::vector<ResubmitPlan> plans;
    for (const auto& id : ids) {
        auto found = FindTask(export_, id);
        if (!found) return found.error();
        if (!found->has_value()) return MakeError("resubmit.not_found", "no task " + id + " in this export");
        const TaskRow& task = *found.value();
        auto plan = queue ? PlanQueueEntry(export_, task, settings, now) : PlanOnceSchedule(export_, task, now);
        if (!plan) return TaskError(task, plan.error());
        plan->task_id = task.id;
        plan->task_name = task.name;
        plan->delete_task = !task.success;
        plans.push_back(std::move(plan.value()));
    }
    return plans;
}

Result<std::string> GuessClusterName(Export& export_) {
    std::vector<std::string> queries;
    if (export_.schema.has_ormq) queries.push_back("SELECT key FROM django_q_ormq GROUP BY key ORDER BY count(*) DESC, key LIMIT 1");
    if (export_.schema.task_cluster)
        queries.push_back("SELECT cluster FROM django_q_task WHERE cluster IS NOT NULL GROUP BY cluster ORDER BY count(*) DESC, cluster LIMIT 1");
    for (const auto& sql : queries) {
        auto stmt = export_.db.Prepare(sql);
        if (!stmt) return stmt.error();
        auto row = stmt->Step();
        if (!row) return row.error();
        if (row.value()) return std::string(stmt->Text(0));
    }
    return std::string("default");
}

Result<ResubmitDone> ResubmitTasks(Export& export_, const std::vector<std::string>& ids, const ResubmitSettings& settings, UnixMicros now) {
    auto plans = PlanResubmit(export_, ids, settings, now);
    if (!plans) return plans.error();
    const bool queue = settings.way != ResubmitWay::OnceSchedule;
    const char* table = queue ? "django_q_ormq" : "django_q_schedule";
    ResubmitDone done;
    auto written = Journalled(export_.db, "resubmit_tasks", [&](EditBatch& batch) -> Status {
        for (const auto& plan : plans.value()) {
            if (auto inserted = batch.Insert(table, plan.row); !inserted) return inserted;
            ++(queue ? done.queued : done.scheduled);
            if (!plan.delete_task) continue;
            if (auto deleted = batch.Delete("django_q_task", plan.task_id); !deleted) return deleted;
            ++done.deleted;
        }
        return Ok{};
    });
    if (!written) return written.error();
    return done;
}

}  // namespace core
