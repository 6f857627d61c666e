#include "core/insights/health.h"

#include <algorithm>
#include <map>

#include <nlohmann/json.hpp>

#include "core/model/queued.h"
#include "core/model/schedule.h"
#include "core/model/schedule_query.h"
#include "core/model/schedule_validation.h"
#include "core/sched/timestamp.h"

namespace core {
namespace {

std::string LabelOf(const ScheduleRow& schedule) { return schedule.name.value_or(schedule.func); }

// The group Django Q gives a schedule's tasks: its name, or its id.
std::string GroupOf(const ScheduleRow& schedule) { return schedule.name.value_or(std::to_string(schedule.id)); }

// Per schedule group, whether its newest `runs` tasks all failed (a group with fewer tasks never
// counts): one pass over the tasks of those groups.
Result<std::map<std::string, bool>> LastRunsFailed(Export& export_, const std::vector<ScheduleListRow>& schedules, int runs) {
    nlohmann::json groups = nlohmann::json::array();
    for (const ScheduleListRow& schedule : schedules) groups.push_back(GroupOf(schedule));
    auto stmt = export_.db.Prepare(
        "SELECT \"group\", count(*), sum(success = 0) FROM (SELECT \"group\", success, row_number() OVER (PARTITION BY \"group\" ORDER BY stopped DESC) AS n "
        "FROM django_q_task WHERE \"group\" IN (SELECT value FROM json_each(?1))) WHERE n <= ?2 GROUP BY \"group\"");
    if (!stmt) return stmt.error();
    stmt->Bind(1, groups.dump()).Bind(2, static_cast<std::int64_t>(runs));
    std::map<std::string, bool> failing;
    while (true) {
        auto row = stmt->Step();
        if (!row) return row.error();
        if (!row.value()) break;
        failing[std::string(stmt->Text(0))] = stmt->Int(1) == runs && stmt->Int(2) == runs;
    }
    return failing;
}

Status CheckSchedules(Export& export_, const HealthOptions& options, std::vector<HealthRow>& rows) {
    auto schedules = ReadSchedules(export_);
    if (!schedules) return schedules.error();
    auto failing = LastRunsFailed(export_, schedules.value(), options.failing_runs);
    if (!failing) return failing.error();
    for (const ScheduleListRow& schedule : schedules.value()) {
        const auto add = [&](HealthCheck check, std::string detail) { rows.push_back({check, true, schedule.id, LabelOf(schedule), std::move(detail)}); };
        for (const FieldError& error : ValidateSchedule(export_.schema, options.rules, schedule))
            if (error.field == "args" || error.field == "kwargs")
                add(HealthCheck::ScheduleUnreadable, error.field + ": " + error.message + " (the scheduler's whole pass fails on it, every time)");
        if (IsOverdue(schedule, options.now)) add(HealthCheck::ScheduleOverdue, "next run " + *schedule.next_run + " UTC has passed");
        if (auto it = failing->find(GroupOf(schedule)); it != failing->end() && it->second)
            add(HealthCheck::ScheduleFailing, "its last " + std::to_string(options.failing_runs) + " runs failed");
        if (schedule.task && !schedule.last_run_name)
            add(HealthCheck::LastRunPruned, "last run " + *schedule.task + " is no longer in the export (pruned by save_limit, or deleted)");
        if (IsPaused(schedule)) add(HealthCheck::SchedulePaused, "repeats is 0: the scheduler skips it");
    }
    return Ok{};
}

Status CheckQueue(Export& export_, const HealthOptions& options, std::vector<HealthRow>& rows) {
    auto queued = ListQueued(export_);
    if (!queued) return queued.error();
    for (const QueuedRow& row : queued.value()) {
        const std::optional<std::string_view> key = options.secret_key ? std::optional<std::string_view>(*options.secret_key) : std::nullopt;
        const QueuedView view = DescribeQueued(row, export_.schema.variant, options.now, key, row.key);
        const auto add = [&](HealthCheck check, std::string detail) { rows.push_back({check, false, row.id, view.name, std::move(detail)}); };
        const LockReading& lock = view.lock;
        if (lock.state == LockState::Null || lock.state == LockState::Unreadable)
            add(HealthCheck::QueueNeverTaken, LockWords(view));
        else if (lock.state == LockState::Available && lock.available_at && *lock.available_at < options.now - options.queue_waiting)
            add(HealthCheck::QueueWaiting, "available since " + FormatDjangoDatetime(*lock.available_at) + " UTC and not taken: is a cluster with key \"" +
                                               row.key + "\" running?");
        if (view.signature && *view.signature != SignatureCheck::Valid)
            add(HealthCheck::QueueBadSignature, std::string("signature ") + SignatureCheckName(*view.signature) +
                                                    " with the typed SECRET_KEY and salt \"" + row.key +
                                                    "\" (the cluster that takes it checks SHA-256 only): it drops the entry");
    }
    return Ok{};
}

}  // namespace

const char* HealthCheckId(HealthCheck check) {
    switch (check) {
        case HealthCheck::ScheduleUnreadable: return "schedule_unreadable";
        case HealthCheck::ScheduleOverdue: return "schedule_overdue";
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

Result<std::vector<HealthRow>> CheckHealth(Export& export_, const HealthOptions& options) {
    std::vector<HealthRow> rows;
    if (auto checked = CheckSchedules(export_, options, rows); !checked) return checked.error();
    if (export_.schema.has_ormq)
        if (auto checked = CheckQueue(export_, options, rows); !checked) return checked.error();
    std::stable_sort(rows.begin(), rows.end(), [](const HealthRow& a, const HealthRow& b) {
        if (a.check != b.check) return a.check < b.check;
        return a.id < b.id;
    });
    return rows;
}

}  // namespace core
