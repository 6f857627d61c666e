#include "core/demo/demo.h"

#include "core/django_q/queue_lock.h"

#include <algorithm>
#include <cstdlib>
#include <optional>
#include <vector>

#include "core/decode/pickle_writer.h"
#include "core/decode/signing.h"
#include "core/demo/demo_catalog.h"
#include "core/demo/demo_rng.h"
#include "core/django_q/queue_lock.h"
#include "core/sched/schedule_runs.h"
#include "core/sched/time_zone.h"
#include "core/sched/timestamp.h"

namespace core {
namespace {

namespace catalog = demo_catalog;
constexpr std::int64_t kMinute = 60'000'000;  // microseconds
constexpr std::int64_t kHistoryMinutes = 14 * 24 * 60;

std::string HexId(DemoRng& rng) {
    static constexpr char kHex[] = "0123456789abcdef";
    std::string id(32, '0');
    for (auto& c : id) c = kHex[rng.Below(16)];
    return id;
}

std::string HumanName(DemoRng& rng) {
    std::string name;
    for (int i = 0; i < 4; ++i) name += (i ? "-" : "") + std::string(catalog::kWords[rng.Below(catalog::kWords.size())]);
    return name;
}

// Run time scattered around the typical one (0.3x to 3x, skewed long like real queues).
std::int64_t RunMicros(DemoRng& rng, int typical_millis) {
    const double factor = 0.3 + 2.7 * rng.Unit() * rng.Unit();
    return static_cast<std::int64_t>(typical_millis * factor * 1000.0);
}

// "<str(exception)> : <traceback>", as Django Q stores a failure (SEMANTICS.md §3): the message
// without its type first, the type on the traceback's last line. `varying` fills the '#'.
std::string FailureText(std::string_view func, std::string_view exception, std::int64_t varying) {
    std::string last_line(exception);
    if (const auto mark = last_line.find('#'); mark != std::string::npos) last_line.replace(mark, 1, std::to_string(varying));
    const auto colon = last_line.find(": ");
    const std::string message = colon == std::string::npos ? "" : last_line.substr(colon + 2);
    const auto dot = func.rfind('.');
    std::string file(func.substr(0, dot));
    for (auto& c : file)
        if (c == '.') c = '/';
    return message + " : Traceback (most recent call last):\n"
           "  File \"/srv/app/venv/lib/python3.12/site-packages/django_q/worker.py\", line 97, in worker\n"
           "    res = f(*task[\"args\"], **task[\"kwargs\"])\n"
           "  File \"/srv/app/" + file + ".py\", line 42, in " + std::string(func.substr(dot + 1)) + "\n"
           "    return client.run(payload)\n" +
           last_line + "\n";
}

struct TaskRow {
    std::string id, name, func, group;
    std::int64_t started, stopped;
    bool success;
    int attempts;
    PyRef args, kwargs, result;
};

PyRef DatetimeAt(std::int64_t micros) {
    const std::string text = FormatDjangoDatetime(micros);  // "YYYY-MM-DD HH:MM:SS[.ffffff]"
    auto field = [&](std::size_t at, std::size_t width) { return std::atoi(text.substr(at, width).c_str()); };
    return PyDatetime(field(0, 4), field(5, 2), field(8, 2), field(11, 2), field(14, 2), field(17, 2),
                      text.size() > 19 ? field(20, 6) : 0, true);
}

// What a task of `func` is typically called with and returns, so decoded values look real.
void MakeValues(DemoRng& rng, TaskRow& task, std::int64_t now) {
    const std::string_view func = task.func;
    const std::int64_t id = rng.Between(1000, 99999);
    std::vector<std::pair<PyRef, PyRef>> kwargs;
    if (func.find("thumbnail") != std::string_view::npos) {
        task.args = PyTuple({PyStr("/srv/media/uploads/" + std::to_string(id) + ".jpg"), PyTuple({PyInt(320), PyInt(240)})});
        task.result = PyStr("/srv/media/thumbs/" + std::to_string(id) + "_320x240.jpg");
    } else if (func.find("charge") != std::string_view::npos || func.find("invoice") != std::string_view::npos) {
        task.args = PyTuple({PyInt(id)});
        kwargs.emplace_back(PyStr("amount"), PyCall(PyGlobal("decimal", "Decimal"), {PyStr(std::to_string(rng.Between(5, 900)) + "." +
                                                                                             std::to_string(rng.Between(10, 99)))}));
        kwargs.emplace_back(PyStr("currency"), PyStr("EUR"));
        task.result = PyDict({{PyStr("charged"), PyBool(true)}, {PyStr("reference"), PyStr("ch_" + std::to_string(rng.Next() % 1000000007))}});
    } else if (func.find("push") != std::string_view::npos || func.find("digest") != std::string_view::npos) {
        task.args = PyTuple({PyInt(id), PyStr("Your order has shipped")});
        kwargs.emplace_back(PyStr("urgent"), PyBool(rng.Chance(0.1)));
        task.result = PyInt(rng.Between(1, 3));
    } else if (func.find("report") != std::string_view::npos || func.find("export") != std::string_view::npos) {
        task.args = PyTuple({PyStr("eu")});
        kwargs.emplace_back(PyStr("day"), DatetimeAt(now - rng.Between(1, 14) * 86'400'000'000));
        task.result = PyDict({{PyStr("rows"), PyInt(rng.Between(100, 50000))}, {PyStr("file"), PyStr("reports/sales-eu.xlsx")}});
    } else if (func.find("sync") != std::string_view::npos || func.find("reindex") != std::string_view::npos) {
        task.args = PyTuple({PyList({PyInt(id), PyInt(id + 1), PyInt(id + 7)})});
        task.result = PyDict({{PyStr("updated"), PyInt(rng.Between(0, 3))}, {PyStr("took"), PyFloat(static_cast<double>(rng.Between(10, 9000)) / 1000.0)}});
    } else {
        task.args = PyTuple({PyInt(id)});
        task.result = rng.Chance(0.5) ? PyNone() : PyStr("ok");
    }
    task.kwargs = PyDict(std::move(kwargs));
}

class DemoWriter {
public:
    DemoWriter(Db& db, const DemoOptions& options) : m_db(db), m_options(options), m_rng(options.seed) {}

    Status Write(std::int64_t now) {
        if (auto created = CreateDjangoQSchema(m_db, m_options.variant); !created) return created;
        return InTransaction(m_db, [&]() -> Status {
            if (auto schedules = WriteSchedules(now); !schedules) return schedules;
            if (auto queued = WriteQueue(now); !queued) return queued;
            if (auto tasks = WriteTasks(now); !tasks) return tasks;
            return LinkLastRuns();
        });
    }

private:
    bool IsQ2() const { return m_options.variant == Variant::DjangoQ2; }

    // schedule.task names the task the scheduler launched last: the newest of the schedule's group
    // (SQLite takes the id from the row max() picked, in one pass over the tasks).
    Status LinkLastRuns() {
        return m_db.Exec(R"(UPDATE django_q_schedule SET task = last.id FROM (SELECT "group", id, max(stopped) FROM django_q_task )"
                         R"(WHERE "group" IS NOT NULL GROUP BY "group") AS last WHERE last."group" = django_q_schedule.name)");
    }

    Status WriteSchedules(std::int64_t now) {
        auto stmt = m_db.Prepare(
            IsQ2() ? R"(INSERT INTO django_q_schedule (id, name, func, hook, args, kwargs, schedule_type, minutes, repeats, next_run, cron, task, cluster, intended_date_kwarg) VALUES (?1, ?2, ?3, NULL, ?4, ?5, ?6, ?7, ?8, ?9, ?10, NULL, NULL, NULL))"
                   : R"(INSERT INTO django_q_schedule (id, name, func, hook, args, kwargs, schedule_type, minutes, repeats, next_run, cron, task, cluster) VALUES (?1, ?2, ?3, NULL, ?4, ?5, ?6, ?7, ?8, ?9, ?10, NULL, NULL))");
        if (!stmt) return stmt.error();
        for (std::int64_t i = 0; i < m_options.schedules; ++i) {
            const auto& spec = catalog::kSchedules[i % catalog::kSchedules.size()];
            const std::string name = i < static_cast<std::int64_t>(catalog::kSchedules.size())
                                         ? std::string(spec.name)
                                         : std::string(spec.name) + "-" + std::to_string(i / catalog::kSchedules.size() + 1);
            const std::int64_t next_run = now + (spec.period_minutes > 0 ? m_rng.Between(1, spec.period_minutes) : 60) * kMinute;
            stmt->Reset();
            stmt->Bind(1, i + 1).Bind(2, name).Bind(3, spec.func);
            if (spec.type == "D" || spec.type == "W") stmt->Bind(4, std::string_view("'eu'")); else stmt->Bind(4, std::nullopt);
            if (spec.type == "C") stmt->Bind(5, std::string_view("notify=False")); else stmt->Bind(5, std::nullopt);
            stmt->Bind(6, spec.type);
            if (spec.type == "I") stmt->Bind(7, static_cast<std::int64_t>(spec.minutes)); else stmt->Bind(7, std::nullopt);
            stmt->Bind(8, static_cast<std::int64_t>(spec.repeats)).Bind(9, FormatDjangoDatetime(next_run));
            if (spec.type == "C") stmt->Bind(10, spec.cron); else stmt->Bind(10, std::nullopt);
            if (auto done = stmt->Run(); !done) return done;
            m_schedule_names.push_back(name);
            auto due = DueTimesInHistory(spec, next_run, now);
            if (!due) return due.error();
            m_schedule_due.push_back(std::move(due.value()));
        }
        return Ok{};
    }

    // The times a schedule was due in the demo's history, oldest first, as the scheduler walked
    // them (walked back from its next run); none for a paused schedule, which does not run.
    static Result<std::vector<std::int64_t>> DueTimesInHistory(const catalog::DemoSchedule& spec, std::int64_t next_run, std::int64_t now) {
        if (spec.repeats == 0) return std::vector<std::int64_t>();
        ScheduleTiming timing;
        timing.type = spec.type;
        if (spec.type == "I") timing.minutes = spec.minutes;
        timing.cron = spec.cron;
        timing.repeats = spec.repeats;
        timing.next_run = next_run;
        return RunsBetween(timing, SchedulerVariant::DjangoQ2, TimeZone::Utc(), now - kHistoryMinutes * kMinute, now);
    }

    // A task that ran (`queued` false) or one the queue holds, which took no due time of its schedule.
    TaskRow MakeTask(std::int64_t now, bool queued = false) {
        TaskRow task;
        task.id = HexId(m_rng);
        task.name = HumanName(m_rng);
        int typical_millis = 0;
        std::string_view exception = "RuntimeError: scheduled job failed";
        // A third of the work comes from schedules (group = schedule name), the rest is ad hoc. A
        // schedule's tasks ran at its due times, newest first: the scheduler starts each within its
        // 30-second poll, so the health panel finds no missed run. Once a schedule's history is
        // full, the task is an ad hoc one.
        std::optional<std::int64_t> due;
        if (!m_schedule_names.empty() && m_rng.Chance(0.33)) {
            const auto index = m_rng.Below(m_schedule_names.size());
            if (queued || !m_schedule_due[index].empty()) {
                due = queued ? now : m_schedule_due[index].back();
                if (!queued) m_schedule_due[index].pop_back();
                const auto& spec = catalog::kSchedules[index % catalog::kSchedules.size()];
                task.func = spec.func;
                task.group = m_schedule_names[index];
                typical_millis = spec.typical_millis;
            }
        }
        if (!due) {
            int total = 0;
            for (const auto& f : catalog::kFuncs) total += f.weight;
            auto pick = static_cast<int>(m_rng.Below(static_cast<std::uint64_t>(total)));
            const catalog::TaskFunc* chosen = &catalog::kFuncs[0];
            for (const auto& f : catalog::kFuncs) {
                if (pick < f.weight) { chosen = &f; break; }
                pick -= f.weight;
            }
            task.func = chosen->func;
            typical_millis = chosen->typical_millis;
            exception = chosen->exception;
            if (m_rng.Chance(0.2)) task.group = "batch-" + std::to_string(m_rng.Between(1000, 1099));
        }
        if (due) {  // started within the scheduler's poll after it was due; it may still run at `now`
            task.started = *due + m_rng.Between(0, 29'999'999);
            task.stopped = std::min(now - 1, task.started + RunMicros(m_rng, typical_millis));
        } else {  // stop first, then start = stop - run time, so every task has finished by `now`
            task.stopped = now - m_rng.Between(1, kHistoryMinutes * 60) * 1'000'000 - m_rng.Between(0, 999'999);
            task.started = task.stopped - RunMicros(m_rng, typical_millis);
        }
        task.success = !m_rng.Chance(m_options.failure_rate);
        task.attempts = task.success ? 1 : static_cast<int>(m_rng.Between(1, 3));
        MakeValues(m_rng, task, now);
        if (!task.success) task.result = PyStr(FailureText(task.func, exception, task.stopped / 1000 % 100'000));
        return task;
    }

    Status WriteTasks(std::int64_t now) {
        auto stmt = m_db.Prepare(
            IsQ2() ? R"(INSERT INTO django_q_task (id, name, func, hook, args, kwargs, result, started, stopped, success, "group", attempt_count, cluster) VALUES (?1, ?2, ?3, NULL, ?10, ?11, ?4, ?5, ?6, ?7, ?8, ?9, 'default'))"
                   : R"(INSERT INTO django_q_task (id, name, func, hook, args, kwargs, result, started, stopped, success, "group", attempt_count) VALUES (?1, ?2, ?3, NULL, ?10, ?11, ?4, ?5, ?6, ?7, ?8, ?9))");
        if (!stmt) return stmt.error();
        for (std::int64_t i = 0; i < m_options.tasks; ++i) {
            const TaskRow task = MakeTask(now);
            stmt->Reset();
            stmt->Bind(1, task.id).Bind(2, task.name).Bind(3, task.func);
            auto args = EncodePickledField(*task.args), kwargs = EncodePickledField(*task.kwargs), result = EncodePickledField(*task.result);
            if (!args || !kwargs || !result) return MakeError("demo.pickle", "a demo value could not be pickled");
            stmt->Bind(4, result.value()).Bind(10, args.value()).Bind(11, kwargs.value());
            stmt->Bind(5, FormatDjangoDatetime(task.started)).Bind(6, FormatDjangoDatetime(task.stopped));
            stmt->Bind(7, static_cast<std::int64_t>(task.success));
            if (task.group.empty()) stmt->Bind(8, std::nullopt); else stmt->Bind(8, task.group);
            stmt->Bind(9, static_cast<std::int64_t>(task.attempts));
            if (auto done = stmt->Run(); !done) return done;
        }
        return Ok{};
    }

    // ORM broker rows: signed packages as async_task enqueues them, in every lock state.
    Status WriteQueue(std::int64_t now) {
        auto stmt = m_db.Prepare(R"(INSERT INTO django_q_ormq ("key", payload, "lock") VALUES (?1, ?2, ?3))");
        if (!stmt) return stmt.error();
        for (std::int64_t i = 0; i < m_options.queued; ++i) {
            TaskRow task = MakeTask(now, true);
            const std::int64_t enqueued = now - m_rng.Between(0, 600) * 1'000'000;
            std::vector<std::pair<PyRef, PyRef>> package = {
                {PyStr("id"), PyStr(task.id)}, {PyStr("name"), PyStr(task.name)}, {PyStr("func"), PyStr(task.func)},
                {PyStr("args"), task.args}, {PyStr("kwargs"), task.kwargs}, {PyStr("started"), DatetimeAt(enqueued)}};
            if (!task.group.empty()) package.emplace_back(PyStr("group"), PyStr(task.group));
            auto pickle = EncodePickle(*PyDict(std::move(package)));
            if (!pickle) return pickle.error();
            stmt->Reset();
            stmt->Bind(1, std::string_view(kDemoCluster))
                .Bind(2, SignPayload(pickle.value(), kDemoSecretKey, kDemoCluster, enqueued / 1'000'000));
            // A third waiting as enqueue left them, a third taken by a worker seconds ago, a third
            // taken so long ago that the broker hands them out again (each as this variant writes it).
            const auto state = m_rng.Below(3);
            const UnixMicros ago = m_rng.Between(5, 50) * 1'000'000, retry = kDefaultRetrySeconds * 1'000'000;
            const UnixMicros lock = state == 0   ? EnqueueLock(m_options.variant, enqueued)
                                    : state == 1 ? DequeueLock(m_options.variant, now - ago)
                                                 : DequeueLock(m_options.variant, now - retry - ago);
            stmt->Bind(3, FormatDjangoDatetime(lock));
            if (auto done = stmt->Run(); !done) return done;
        }
        return Ok{};
    }

    Db& m_db;
    const DemoOptions& m_options;
    DemoRng m_rng;
    std::vector<std::string> m_schedule_names;
    std::vector<std::vector<std::int64_t>> m_schedule_due;  // each schedule's due times not yet run, oldest first
};

}  // namespace

Result<Db> MakeDemoDatabase(const DemoOptions& options) {
    if (options.tasks < 0 || options.schedules < 0 || options.queued < 0)
        return MakeError("demo.bad_options", "counts of tasks, schedules and queued tasks must not be negative");
    const auto now = ParseDjangoDatetime(options.now);
    if (!now) return MakeError("demo.bad_options", "\"" + options.now + "\" is not a date and time like 2026-11-24 12:00:00");

    auto opened = Db::OpenMemory();
    if (!opened) return opened.error();
    Db db = std::move(opened.value());
    DemoWriter writer(db, options);
    if (auto written = writer.Write(*now); !written) return written.error();
    return db;
}

}  // namespace core
