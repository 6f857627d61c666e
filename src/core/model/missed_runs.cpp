#include "core/model/missed_runs.h"

#include <algorithm>

namespace core {
namespace {

// The schedule's tasks started in [from, until), oldest first: the scheduler's group for them is
// the schedule's name, or its id when it has none.
Result<std::vector<ScheduleTask>> TasksOfSchedule(Export& export_, const ScheduleRow& schedule, UnixMicros from, UnixMicros until) {
    auto stmt = export_.db.Prepare("SELECT id, name, started FROM django_q_task WHERE \"group\" = ?1 AND started >= ?2 AND started < ?3 ORDER BY started");
    if (!stmt) return stmt.error();
    stmt->Bind(1, TaskGroupOf(schedule)).Bind(2, FormatDjangoDatetime(from)).Bind(3, FormatDjangoDatetime(until));
    std::vector<ScheduleTask> tasks;
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

Result<std::vector<UnixMicros>> DueTimes(const ScheduleRow& schedule, SchedulerVariant rules, const TimeZone& zone, UnixMicros from,
                                         UnixMicros until, int max_runs) {
    const ScheduleTiming timing = TimingOf(schedule);
    if (!timing.next_run || schedule.schedule_type == "O") return std::vector<UnixMicros>();
    // A run due shortly before the window may have started inside it, late: look back a day, and
    // keep such a run only when its task is there (before the window a missing task proves nothing).
    auto due = RunsBetween(timing, rules, zone, from - kMicrosPerDay, std::min(until, *timing.next_run));
    if (!due) return due.error();
    std::vector<UnixMicros> times = std::move(due.value());
    if (static_cast<int>(times.size()) > max_runs) times.erase(times.begin(), times.end() - max_runs);
    return times;
}

std::vector<ExpectedRun> MatchRuns(const std::vector<UnixMicros>& due_times, const std::vector<ScheduleTask>& tasks, UnixMicros next_run,
                                   UnixMicros from) {
    std::vector<ExpectedRun> runs;
    auto task = tasks.begin();
    for (std::size_t i = 0; i < due_times.size(); ++i) {
        ExpectedRun run;
        run.due = due_times[i];
        const UnixMicros next_due = i + 1 < due_times.size() ? due_times[i + 1] : next_run;
        task = std::find_if(task, tasks.end(), [&](const ScheduleTask& t) { return t.started >= run.due; });
        if (task != tasks.end() && task->started < next_due) {
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

Result<std::vector<ExpectedRun>> CheckPastRuns(Export& export_, const ScheduleRow& schedule, SchedulerVariant rules, const TimeZone& zone,
                                               UnixMicros from, UnixMicros until, int max_runs) {
    auto times = DueTimes(schedule, rules, zone, from, until, max_runs);
    if (!times) return times.error();
    if (times->empty()) return std::vector<ExpectedRun>();
    const UnixMicros next_run = *TimingOf(schedule).next_run;
    auto tasks = TasksOfSchedule(export_, schedule, times->front(), next_run);
    if (!tasks) return tasks.error();
    return MatchRuns(times.value(), tasks.value(), next_run, from);
}

}  // namespace core
