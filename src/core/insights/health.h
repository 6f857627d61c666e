// What needs attention in an export (issue 19, item 4), each row naming the schedule or queue
// entry concerned: schedules overdue, with runs missed in the export's window (no task of theirs
// for a due time: missed_runs.h), failing their last runs, paused, or with args/kwargs text the
// scheduler cannot read (one such row stops every scheduler pass, SEMANTICS.md §5), last-run links
// pruned by save_limit; queue entries no broker takes (a NULL or unreadable lock), waiting long
// past their retry for a broker, or whose signature the typed SECRET_KEY does not verify (Django Q
// checks SHA-256 only, so a legacy SHA-1 signature fails too).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/model/queued.h"
#include "core/schema/export.h"
#include "core/model/missed_runs.h"
#include "core/sched/schedule_runs.h"
#include "core/sched/time_zone.h"
#include "core/sched/timestamp.h"

namespace core {

enum class HealthCheck {
    ScheduleUnreadable,
    ScheduleOverdue,
    ScheduleMissedRuns,
    ScheduleFailing,
    LastRunPruned,
    SchedulePaused,
    QueueNeverTaken,
    QueueWaiting,
    QueueBadSignature,
};
const char* HealthCheckId(HealthCheck check);     // "schedule_unreadable", ... (JSON, links)
const char* HealthCheckTitle(HealthCheck check);  // "Args or kwargs the scheduler cannot read", ...
// Paused schedules are the admin's own way to stop one: listed, but not something wrong.
bool NeedsAttention(HealthCheck check);

struct HealthRow {
    HealthCheck check;
    bool schedule = true;  // else a queue entry
    std::int64_t id = 0;   // the schedule's or the queue entry's
    std::string label;     // the schedule's name (or func), the queued task's name
    std::string detail;    // why, in words
};

struct HealthOptions {
    UnixMicros now = 0;  // the export's clock (its newest task) or the wall clock
    SchedulerVariant rules = SchedulerVariant::DjangoQ2;
    TimeZone zone = TimeZone::Utc();  // the server's TIME_ZONE, which cron and daily schedules keep
    int failing_runs = 3;  // a schedule whose last this many runs all failed
    // A queue entry available this long without a broker taking it waits on no running cluster.
    UnixMicros queue_waiting = 10 * 60'000'000LL;
    std::optional<std::string> secret_key;  // checks the queue's signatures (salt: each row's key)
};

// The checks a step at a time, so no frame reads a million tasks or decodes a large queue: the
// schedules at once (thousands at most), then the tasks of their groups a rowid range a step, then
// the queue a few hundred entries a step. The app's step: about 2.5 ms natively.
inline constexpr std::int64_t kHealthRowsPerStep = 4'000;
class HealthScan {
public:
    explicit HealthScan(HealthOptions options) : m_options(std::move(options)) {}
    // Does about `max_rows` rows' work; true once every check is done.
    Result<bool> Step(Export& export_, std::int64_t max_rows);
    bool done() const { return m_phase == Phase::Done; }
    // Every row needing a look, in the order of HealthCheck, then by id (complete once done).
    const std::vector<HealthRow>& rows() const { return m_rows; }

private:
    enum class Phase { Schedules, Runs, MissedRuns, Queue, Done };
    // A schedule group's newest runs so far: (stopped, success), newest first, at most failing_runs.
    using Runs = std::vector<std::pair<std::string, bool>>;
    // The next schedules, about `max_rows` rows' work; true once every schedule is checked.
    Result<bool> CheckSchedules(Export& export_, std::int64_t max_rows);
    Result<bool> ReadRuns(Export& export_, std::int64_t max_rows);
    void AddFailingSchedules();
    // A few schedules' missed runs, about `max_rows` due times; true once every schedule's are.
    Result<bool> AddMissedRuns(std::int64_t max_rows);
    // The next entries, about `max_rows` rows' work; true once every entry is checked.
    Result<bool> CheckQueue(Export& export_, std::int64_t max_rows);

    HealthOptions m_options;
    Phase m_phase = Phase::Schedules;
    std::vector<HealthRow> m_rows;
    std::vector<ScheduleRow> m_schedules;  // every schedule, as checked
    std::map<std::string, Runs> m_runs;  // by group
    // Every task of each group by its start, and the group's oldest successful start: from then on
    // save_limit has pruned none of the export's tasks, so a due time without a task was missed.
    struct GroupStarts {
        std::vector<ScheduleTask> tasks;
        std::optional<UnixMicros> first_success;
    };
    std::map<std::string, GroupStarts> m_starts;
    std::set<std::string, std::less<>> m_schedule_groups;  // the task group of every schedule (its name, or its id)
    // Schedule id in Schedules, task rowid in Runs, schedule position in MissedRuns, queue entry id in Queue.
    std::int64_t m_read_through = INT64_MIN;
};

// Every check at once (the CLI's way): HealthScan::rows.
Result<std::vector<HealthRow>> CheckHealth(Export& export_, const HealthOptions& options);

}  // namespace core
