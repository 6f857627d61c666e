#include "core/model/missed_runs.h"

#include <algorithm>

namespace core {
namespace {

struct GroupTask {
    std::string id, name;
    UnixMicros started;
};

// The schedule's tasks started in [from, until), oldest first: the scheduler's group for them is
// the schedule's name, or its id when it has none.
Result<std::vector<GroupTask>> TasksOfSchedule(Export& export_, const ScheduleRow& schedule, UnixMicros from, UnixMicros until) {
    auto stmt = export_.db.Prepare("SELECT id, name, started FROM django_q_task WHERE \"group\" = ?1 AND started >= ?2 AND started < ?3 ORDER BY started");
    if (!stmt) return stmt.error();
    stmt->Bind(1, TaskGroupOf(schedule)).Bind(2, FormatDjangoDatetime(from)).Bind(3, FormatDjangoDatetime(until));
    std::vector<GroupTask> tasks;
    for (;;) {
        auto row = stmt->Step();
        if (!row) return row.error();
        if (!row.value()) return tasks;
        if (auto started = ParseDjangoDatetime(stmt->Text(2)))
            tasks.push_back({std::string(stmt->Text(0)), std::string(stmt->Text(1)), *started});
    }
}

}  // namespace

const char* RunCheckLabel(RunCheck check) {
    switch (check) {
        case RunCheck::OnTime: return "on time";
        case RunCheck::Late: return "late";
        case RunCheck::Missed: return "missed";
    }
    return "?";
}

Result<std::vector<ExpectedRun>> CheckPastRuns(Export& export_, const ScheduleRow& schedule, SchedulerVariant rules, const TimeZone& zone,
                                               UnixMicros from, UnixMicros until, int max_runs) {
    const ScheduleTiming timing = TimingOf(schedule);
    if (!timing.next_run || schedule.schedule_type == "O") return std::vector<ExpectedRun>();
    const UnixMicros last_due = std::min(until, *timing.next_run);
    // A run due shortly before the window may have started inside it, late: look back a day, and
    // keep such a run only when its task is there (before the window a missing task proves nothing).
    auto due = RunsBetween(timing, rules, zone, from - kMicrosPerDay, last_due);
    if (!due) return due.error();
    std::vector<UnixMicros> times = std::move(due.value());
    if (static_cast<int>(times.size()) > max_runs) times.erase(times.begin(), times.end() - max_runs);
    if (times.empty()) return std::vector<ExpectedRun>();
    auto tasks = TasksOfSchedule(export_, schedule, times.front(), *timing.next_run);
    if (!tasks) return tasks.error();

    std::vector<ExpectedRun> runs;
    auto task = tasks->begin();
    for (std::size_t i = 0; i < times.size(); ++i) {
        ExpectedRun run;
        run.due = times[i];
        const UnixMicros next_due = i + 1 < times.size() ? times[i + 1] : *timing.next_run;
        task = std::find_if(task, tasks->end(), [&](const GroupTask& t) { return t.started >= run.due; });
        if (task != tasks->end() && task->started < next_due) {
            run.task_id = task->id;
            run.task_name = task->name;
            run.started = task->started;
            run.check = task->started - run.due > kLateAfter ? RunCheck::Late : RunCheck::OnTime;
            ++task;
        }
        if (run.due >= from || run.task_id) runs.push_back(std::move(run));
    }
    std::reverse(runs.begin(), runs.end());
    return runs;
}

}  // namespace core
