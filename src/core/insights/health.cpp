#include "core/insights/health.h"

#include <algorithm>
#include <map>

#include <nlohmann/json.hpp>

#include "core/model/missed_runs.h"
#include "core/model/schedule.h"
#include "core/model/schedule_query.h"
#include "core/model/schedule_validation.h"
#include "core/model/task_query.h"
#include "core/sched/timestamp.h"

namespace core {
namespace {

std::string LabelOf(const ScheduleRow& schedule) { return schedule.name.value_or(schedule.func); }

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

Status HealthScan::CheckSchedules(Export& export_) {
    auto schedules = ReadSchedules(export_);
    if (!schedules) return schedules.error();
    nlohmann::json groups = nlohmann::json::array();
    for (const ScheduleListRow& schedule : schedules.value()) {
        const auto add = [&](HealthCheck check, std::string detail) { m_rows.push_back({check, true, schedule.id, LabelOf(schedule), std::move(detail)}); };
        for (const FieldError& error : ValidateSchedule(export_.schema, m_options.rules, schedule))
            if (error.field == "args" || error.field == "kwargs")
                add(HealthCheck::ScheduleUnreadable, error.field + ": " + error.message + " (the scheduler's whole pass fails on it, every time)");
        if (IsOverdue(schedule, m_options.now)) add(HealthCheck::ScheduleOverdue, "next run " + *schedule.next_run + " UTC has passed");
        if (schedule.task && !schedule.last_run_name)
            add(HealthCheck::LastRunPruned, "last run " + *schedule.task + " is no longer in the export (pruned by save_limit, or deleted)");
        if (IsPaused(schedule)) add(HealthCheck::SchedulePaused, "repeats is 0: the scheduler skips it");
        m_schedule_groups.push_back({schedule.id, LabelOf(schedule), TaskGroupOf(schedule), schedule});
        groups.push_back(TaskGroupOf(schedule));
    }
    m_groups_json = groups.dump();
    return Ok{};
}

Result<bool> HealthScan::ReadRuns(Export& export_, std::int64_t max_rows) {
    auto step = NextRowidStep(export_, m_read_through, max_rows);
    if (!step) return step.error();
    if (!step.value()) return true;
    auto stmt = export_.db.Prepare(
        "SELECT \"group\", stopped, success = 0, started FROM django_q_task WHERE rowid > ?1 AND rowid <= ?2 AND \"group\" IN (SELECT value FROM json_each(?3))");
    if (!stmt) return stmt.error();
    stmt->Bind(1, m_read_through).Bind(2, step.value()->through).Bind(3, m_groups_json);
    const auto keep = static_cast<std::size_t>(m_options.failing_runs);
    while (true) {
        auto row = stmt->Step();
        if (!row) return row.error();
        if (!row.value()) break;
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
    for (const ScheduleGroup& schedule : m_schedule_groups) {
        const Runs& runs = m_runs[schedule.group];
        const bool all_failed = runs.size() == static_cast<std::size_t>(m_options.failing_runs) &&
                                std::all_of(runs.begin(), runs.end(), [](const auto& run) { return run.second; });
        if (all_failed)
            m_rows.push_back({HealthCheck::ScheduleFailing, true, schedule.id, schedule.label,
                              "its last " + std::to_string(m_options.failing_runs) + " runs failed, the newest at " + runs.front().first + " UTC"});
    }
}

Status HealthScan::AddMissedRuns() {
    constexpr int kDueTimesChecked = 1'000;  // the newest: a minutely schedule over a month is 43,200
    for (const ScheduleGroup& entry : m_schedule_groups) {
        auto found = m_starts.find(entry.group);
        if (found == m_starts.end() || IsPaused(entry.schedule) || !entry.schedule.next_run) continue;
        GroupStarts& starts = found->second;
        std::sort(starts.tasks.begin(), starts.tasks.end(), [](const ScheduleTask& a, const ScheduleTask& b) { return a.started < b.started; });
        // Its window: from its oldest kept success (or, with none, its oldest task) to the clock.
        const UnixMicros from = starts.first_success.value_or(starts.tasks.front().started);
        auto due = DueTimes(entry.schedule, m_options.rules, m_options.zone, from, m_options.now, kDueTimesChecked);
        if (!due) return due.error();
        if (due->empty()) continue;
        const auto runs = MatchRuns(due.value(), starts.tasks, *TimingOf(entry.schedule).next_run, from);
        const auto missed = std::count_if(runs.begin(), runs.end(), [](const ExpectedRun& run) { return run.check == RunCheck::Missed; });
        if (missed == 0) continue;
        const auto latest = std::find_if(runs.begin(), runs.end(), [](const ExpectedRun& run) { return run.check == RunCheck::Missed; });
        m_rows.push_back({HealthCheck::ScheduleMissedRuns, true, entry.id, entry.label,
                          std::to_string(missed) + " of the " + std::to_string(runs.size()) + " runs due since " + FormatDjangoDatetime(from) +
                              " UTC have no task, the latest due at " + FormatDjangoDatetime(latest->due) + " UTC"});
    }
    m_starts = {};
    return Ok{};
}

Status HealthScan::CheckQueue(Export& export_, std::int64_t max_rows) {
    const std::optional<std::string_view> key = m_options.secret_key ? std::optional<std::string_view>(*m_options.secret_key) : std::nullopt;
    // Decoding a package costs about what reading a hundred tasks does.
    const std::int64_t entries = std::max<std::int64_t>(1, max_rows / 100);
    for (std::int64_t n = 0; n < entries && m_read_through < static_cast<std::int64_t>(m_queue.size()); ++n) {
        const QueuedRow& row = m_queue[static_cast<std::size_t>(m_read_through++)];
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
    return Ok{};
}

Result<bool> HealthScan::Step(Export& export_, std::int64_t max_rows) {
    switch (m_phase) {
        case Phase::Schedules:
            if (auto checked = CheckSchedules(export_); !checked) return checked.error();
            m_phase = Phase::Runs;
            return false;
        case Phase::Runs: {
            auto read = ReadRuns(export_, max_rows);
            if (!read) return read.error();
            if (!read.value()) return false;
            AddFailingSchedules();
            if (auto added = AddMissedRuns(); !added) return added.error();
            m_read_through = 0;
            m_phase = Phase::Queue;
            if (!export_.schema.has_ormq) return false;
            auto queue = ListQueued(export_);
            if (!queue) return queue.error();
            m_queue = std::move(queue.value());
            return false;
        }
        case Phase::Queue:
            if (auto checked = CheckQueue(export_, max_rows); !checked) return checked.error();
            if (m_read_through < static_cast<std::int64_t>(m_queue.size())) return false;
            m_queue = {};
            std::stable_sort(m_rows.begin(), m_rows.end(), [](const HealthRow& a, const HealthRow& b) {
                if (a.check != b.check) return a.check < b.check;
                return a.id < b.id;
            });
            m_phase = Phase::Done;
            return true;
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
