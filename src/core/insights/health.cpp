#include "core/insights/health.h"

#include <algorithm>
#include <map>

#include "core/model/missed_runs.h"
#include "core/model/schedule.h"
#include "core/model/schedule_query.h"
#include "core/model/schedule_validation.h"
#include "core/model/task_query.h"
#include "core/sched/timestamp.h"

namespace core {
namespace {


}  // namespace

const char* HealthCheckId(HealthCheck check) {
    switch (check) {
        case HealthCheck::ScheduleUnreadable: return "schedule_unreadable";
        case HealthCheck::ScheduleOverdue: return "schedule_overdue";
        case HealthCheck::ScheduleMissedRuns: return "schedule_missed_runs";
        case HealthCheck::ScheduleFailing: return "schedule_failing";
        case HealthCheck::LastRunPruned: return "last_run_pruned";
        case HealthCheck::SchedulePaused: return "schedule_paused";
        case HealthCheck::QueueNeverTaken: return "queue_never_taken";
        case HealthCheck::QueueWaiting: return "queue_waiting";
        case HealthCheck::QueueBadSignature: return "queue_bad_signature";
    }
    return "";
}

const char* HealthCheckTitle(HealthCheck check) {
    switch (check) {
        case HealthCheck::ScheduleUnreadable: return "Args or kwargs the scheduler cannot read";
        case HealthCheck::ScheduleOverdue: return "Overdue schedules";
        case HealthCheck::ScheduleMissedRuns: return "Schedules that missed runs in the export's window";
        case HealthCheck::ScheduleFailing: return "Schedules whose last runs all failed";
        case HealthCheck::LastRunPruned: return "Last runs pruned from the export";
        case HealthCheck::SchedulePaused: return "Paused schedules";
        case HealthCheck::QueueNeverTaken: return "Queue entries no broker takes";
        case HealthCheck::QueueWaiting: return "Queue entries waiting for a broker";
        case HealthCheck::QueueBadSignature: return "Queue entries the key does not verify";
    }
    return "";
}

bool NeedsAttention(HealthCheck check) { return check != HealthCheck::SchedulePaused; }

Result<bool> HealthScan::CheckSchedules(Export& export_, std::int64_t max_rows) {
    // Reading and checking a schedule (its last run looked up, its args and kwargs parsed) costs
    // about what reading twenty tasks does.
    auto schedules = ReadSchedulesAfter(export_, m_read_through, std::max<std::int64_t>(1, max_rows / 20));
    if (!schedules) return schedules.error();
    if (!schedules->empty()) m_read_through = schedules->back().id;
    for (const ScheduleListRow& schedule : schedules.value()) {
        const auto add = [&](HealthCheck check, std::string detail) { m_rows.push_back({check, true, schedule.id, LabelOf(schedule), std::move(detail)}); };
        for (const FieldError& error : ValidateSchedule(export_.schema, m_options.rules, schedule))
            if (error.field == "args" || error.field == "kwargs")
                add(HealthCheck::ScheduleUnreadable, error.field + ": " + error.message + " (the scheduler's whole pass fails on it, every time)");
        if (IsOverdue(schedule, m_options.now)) add(HealthCheck::ScheduleOverdue, "next run " + *schedule.next_run + " UTC has passed");
        if (schedule.task && !schedule.last_run_name)
            add(HealthCheck::LastRunPruned, "last run " + *schedule.task + " is no longer in the export (pruned by save_limit, or deleted)");
        if (IsPaused(schedule)) add(HealthCheck::SchedulePaused, "repeats is 0: the scheduler skips it");
        m_schedules.push_back(schedule);
    }
    if (!schedules->empty()) return false;
    for (const ScheduleRow& schedule : m_schedules) m_schedule_groups.insert(TaskGroupOf(schedule));
    return true;
}

Result<bool> HealthScan::ReadRuns(Export& export_, std::int64_t max_rows) {
    auto step = NextRowidStep(export_, m_read_through, max_rows);
    if (!step) return step.error();
    if (!step.value()) return true;
    // The schedules' groups are matched here, not in SQL: an IN list in the query was built again
    // at every step, which cost more than the step's rows.
    auto stmt = export_.db.Prepare("SELECT \"group\", stopped, success = 0, started FROM django_q_task WHERE rowid > ?1 AND rowid <= ?2 AND \"group\" IS NOT NULL");
    if (!stmt) return stmt.error();
    stmt->Bind(1, m_read_through).Bind(2, step.value()->through);
    const auto keep = static_cast<std::size_t>(m_options.failing_runs);
    while (true) {
        auto row = stmt->Step();
        if (!row) return row.error();
        if (!row.value()) break;
        if (m_schedule_groups.find(stmt->Text(0)) == m_schedule_groups.end()) continue;
        const std::string group(stmt->Text(0));
        if (const auto started = ParseDjangoDatetime(stmt->OptionalText(3).value_or(""))) {
            GroupStarts& starts = m_starts[group];
            starts.tasks.push_back({{}, {}, *started});
            if (stmt->Int(2) == 0 && (!starts.first_success || *started < *starts.first_success)) starts.first_success = started;
        }
        Runs& runs = m_runs[group];
        std::pair<std::string, bool> run{std::string(stmt->Text(1)), stmt->Int(2) != 0};
        // Newest first; Django's stored text orders as its time.
        const auto at = std::find_if(runs.begin(), runs.end(), [&](const auto& kept) { return kept.first < run.first; });
        if (static_cast<std::size_t>(at - runs.begin()) >= keep) continue;
        runs.insert(at, std::move(run));
        if (runs.size() > keep) runs.pop_back();
    }
    m_read_through = step.value()->through;
    return false;
}

void HealthScan::AddFailingSchedules() {
    for (const ScheduleRow& schedule : m_schedules) {
        const Runs& runs = m_runs[TaskGroupOf(schedule)];
        const bool all_failed = runs.size() == static_cast<std::size_t>(m_options.failing_runs) &&
                                std::all_of(runs.begin(), runs.end(), [](const auto& run) { return run.second; });
        if (all_failed)
            m_rows.push_back({HealthCheck::ScheduleFailing, true, schedule.id, LabelOf(schedule),
                              "its last " + std::to_string(m_options.failing_runs) + " runs failed, the newest at " + runs.front().first + " UTC"});
    }
}

Result<bool> HealthScan::AddMissedRuns(std::int64_t max_rows) {
    constexpr int kDueTimesChecked = 1'000;  // the newest: a minutely schedule over a month is 43,200
    std::int64_t work = 0;
    for (; m_read_through < static_cast<std::int64_t>(m_schedules.size()) && work < max_rows; ++m_read_through) {
        const ScheduleRow& schedule = m_schedules[static_cast<std::size_t>(m_read_through)];
        auto found = m_starts.find(TaskGroupOf(schedule));
        if (found == m_starts.end() || IsPaused(schedule) || !schedule.next_run) continue;
        GroupStarts& starts = found->second;
        std::sort(starts.tasks.begin(), starts.tasks.end(), [](const ScheduleTask& a, const ScheduleTask& b) { return a.started < b.started; });
        // Its window: from its oldest kept success (or, with none, its oldest task) to the clock.
        const UnixMicros from = starts.first_success.value_or(starts.tasks.front().started);
        auto due = DueTimes(schedule, m_options.rules, m_options.zone, from, m_options.now, kDueTimesChecked);
        if (!due) return due.error();
        work += static_cast<std::int64_t>(due->size() + starts.tasks.size() / 8);  // a due time costs about what reading a task does
        if (due->empty()) continue;
        const auto runs = MatchRuns(due.value(), starts.tasks, *TimingOf(schedule).next_run, from);
        const auto missed = std::count_if(runs.begin(), runs.end(), [](const ExpectedRun& run) { return run.check == RunCheck::Missed; });
        if (missed == 0) continue;
        const auto latest = std::find_if(runs.begin(), runs.end(), [](const ExpectedRun& run) { return run.check == RunCheck::Missed; });
        m_rows.push_back({HealthCheck::ScheduleMissedRuns, true, schedule.id, LabelOf(schedule),
                          std::to_string(missed) + " of the " + std::to_string(runs.size()) + " runs due since " + FormatDjangoDatetime(runs.back().due) +
                              " UTC have no task, the latest due at " + FormatDjangoDatetime(latest->due) + " UTC"});
    }
    if (m_read_through < static_cast<std::int64_t>(m_schedules.size())) return false;
    m_starts = {};
    return true;
}

Result<bool> HealthScan::CheckQueue(Export& export_, std::int64_t max_rows) {
    const std::optional<std::string_view> key = m_options.secret_key ? std::optional<std::string_view>(*m_options.secret_key) : std::nullopt;
    // Decoding a package costs about what reading a hundred tasks does.
    auto entries = ListQueuedAfter(export_, m_read_through, std::max<std::int64_t>(1, max_rows / 100));
    if (!entries) return entries.error();
    if (entries->empty()) return true;
    m_read_through = entries->back().id;
    for (const QueuedRow& row : entries.value()) {
        // Salt: the name of the cluster that takes the entry (its key), which is what it verifies with.
        const QueuedView view = DescribeQueued(row, export_.schema.variant, m_options.now, key, row.key);
        const auto add = [&](HealthCheck check, std::string detail) { m_rows.push_back({check, false, row.id, view.name, std::move(detail)}); };
        const LockReading& lock = view.lock;
        if (lock.state == LockState::Null || lock.state == LockState::Unreadable)
            add(HealthCheck::QueueNeverTaken, LockWords(view));
        else if (lock.state == LockState::Available && lock.available_at && *lock.available_at < m_options.now - m_options.queue_waiting)
            add(HealthCheck::QueueWaiting, "available since " + FormatDjangoDatetime(*lock.available_at) + " UTC and not taken: is a cluster with key \"" +
                                               row.key + "\" running?");
        if (view.signature && *view.signature != SignatureCheck::Valid)
            add(HealthCheck::QueueBadSignature, std::string("signature ") + SignatureCheckName(*view.signature) +
                                                    " with the typed SECRET_KEY and salt \"" + row.key +
                                                    "\" (the cluster that takes it checks SHA-256 only): it drops the entry");
    }
    return false;
}

Result<bool> HealthScan::Step(Export& export_, std::int64_t max_rows) {
    switch (m_phase) {
        case Phase::Schedules: {
            auto checked = CheckSchedules(export_, max_rows);
            if (!checked) return checked.error();
            if (!checked.value()) return false;
            m_read_through = 0;  // task rowids from the first
            m_phase = Phase::Runs;
            return false;
        }
        case Phase::Runs: {
            auto read = ReadRuns(export_, max_rows);
            if (!read) return read.error();
            if (!read.value()) return false;
            AddFailingSchedules();
            m_read_through = 0;
            m_phase = Phase::MissedRuns;
            return false;
        }
        case Phase::MissedRuns: {
            auto added = AddMissedRuns(max_rows);
            if (!added) return added.error();
            if (!added.value()) return false;
            m_read_through = INT64_MIN;  // queue ids from the first
            m_phase = Phase::Queue;
            return false;
        }
        case Phase::Queue: {
            auto checked = CheckQueue(export_, max_rows);
            if (!checked) return checked.error();
            if (!checked.value()) return false;
            std::stable_sort(m_rows.begin(), m_rows.end(), [](const HealthRow& a, const HealthRow& b) {
                if (a.check != b.check) return a.check < b.check;
                return a.id < b.id;
            });
            m_phase = Phase::Done;
            return true;
        }
        case Phase::Done: return true;
    }
    return true;
}

Result<std::vector<HealthRow>> CheckHealth(Export& export_, const HealthOptions& options) {
    HealthScan scan(options);
    while (true) {
        auto done = scan.Step(export_, INT64_MAX);
        if (!done) return done.error();
        if (done.value()) return scan.rows();
    }
}

}  // namespace core
