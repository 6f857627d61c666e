// Django Q's admin action "Resubmit selected tasks to queue" (SEMANTICS.md §2), made on the working
// copy so it reaches the server through the changeset:
//   q2: async_task(func, *args, hook=task.hook, group=task.group, cluster=task.cluster, **kwargs)
//   q1: async_task(func, *args, hook=task.hook, **kwargs)
// then a failed task's row is deleted (a successful one is kept).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/decode/py_value.h"
#include "core/schema/export.h"
#include "core/sched/timestamp.h"
#include "core/sync/row_image.h"

namespace core {

enum class ResubmitWay {
    // A signed django_q_ormq row holding exactly the package async_task would enqueue. Needs the
    // server's SECRET_KEY, which stays in memory: only the signature it makes is stored.
    QueueEntry,
    // The same entry with its package unsigned: `djq apply --secret-key-env VAR` signs it on the
    // server (server_signing.h), so the key never reaches this tool.
    QueueEntrySignedOnServer,
    // Without the key: a Schedule of type ONCE, due now, repeats -1 (deleted after its run), whose
    // args and kwargs are the Python literals of the decoded values. Refused for values that have
    // no literal (a datetime, a model instance).
    OnceSchedule,
};

struct ResubmitSettings {
    ResubmitWay way = ResubmitWay::QueueEntry;
    std::string secret_key;                // QueueEntry only
    std::string cluster_name = "default";  // Q_CLUSTER['name']: the signing salt and the default queue key
    bool compress = false;                 // Q_CLUSTER['compress']
    bool key_rotated = false;              // the export's entries were signed with an older key (signing_check.h)
};

// The rows one task's resubmission writes, computed before anything is written.
struct ResubmitPlan {
    std::string task_id, task_name;
    bool delete_task = false;     // a failure: the admin deletes it
    std::string new_task_id;      // QueueEntry: the package's id (and name, humanhash of it)
    std::string call;             // queue entries: "func args (...) kwargs {...}", what a signature vouches for
    nlohmann::json row;           // the django_q_ormq or django_q_schedule row to insert
};

// async_task(func, *args, **keywords) as the django_q_ormq row it enqueues: the package's keys in
// async_task's order (q_options win over keywords; "broker" never serialised), a new id and its
// humanhash name, started = now; queued under the package's cluster, else settings.cluster_name.
using AsyncTaskKeywords = std::vector<std::pair<std::string, PyRef>>;
Result<ResubmitPlan> PlanAsyncTask(Export& export_, const std::string& func, const PyValue& args, AsyncTaskKeywords keywords,
                                   const ResubmitSettings& settings, UnixMicros now);

// Every task's plan, or the first task that cannot be resubmitted this way, named, with why:
// "resubmit.no_key", "resubmit.no_queue_table", "resubmit.not_found", "resubmit.option_clash",
// "literal.none", or the decoding error of its args or kwargs.
Result<std::vector<ResubmitPlan>> PlanResubmit(Export& export_, const std::vector<std::string>& ids,
                                               const ResubmitSettings& settings, UnixMicros now);

struct ResubmitDone {
    std::int64_t queued = 0, scheduled = 0, deleted = 0;
};
// Q_CLUSTER['name'] as the export shows it: the key most queue rows carry, else the cluster most
// tasks ran on (django-q2), else Django Q's default "default".
Result<std::string> GuessClusterName(Export& export_);

// Plans and writes the resubmission as one undoable batch ("resubmit_tasks"); nothing is written
// when any task cannot be resubmitted.
Result<ResubmitDone> ResubmitTasks(Export& export_, const std::vector<std::string>& ids, const ResubmitSettings& settings,
                                   UnixMicros now);

}  // namespace core
