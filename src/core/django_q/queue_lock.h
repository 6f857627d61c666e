// The ORM broker's `lock` column, in each version's own meaning (SEMANTICS.md §4; django_q/brokers/orm.py
// of django-q 1.3.9 and django-q2 1.11.0, read for this):
//   q2: lock = "locked until". enqueue writes now; dequeue takes `key = name AND lock < now` and sets
//       lock = now + retry on each row it takes.
//   q1: lock = "taken at". enqueue writes now - retry; dequeue takes `key = name AND lock < now - retry`
//       and sets lock = now.
// Neither ever takes a row whose lock is NULL (`NULL < x` is not true in SQL).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/sched/timestamp.h"
#include "core/schema/schema.h"

namespace core {

// Q_CLUSTER['retry'] when the export does not say otherwise (Django Q's default, both versions).
constexpr std::int64_t kDefaultRetrySeconds = 60;

// The lock `enqueue` writes at `now`: the row is handed out at the next dequeue.
UnixMicros EnqueueLock(Variant variant, UnixMicros now, std::int64_t retry_seconds = kDefaultRetrySeconds);
// The same as the column's text, in the form Django itself writes and compares it (microseconds
// left out when zero, as Python's str(datetime) does; q2's dequeue matches the lock it read by equality).
std::string EnqueueLockText(Variant variant, UnixMicros now, std::int64_t retry_seconds = kDefaultRetrySeconds);

// The lock dequeue writes on a row it takes at `taken_at` (q2: taken_at + retry; q1: taken_at).
UnixMicros DequeueLock(Variant variant, UnixMicros taken_at, std::int64_t retry_seconds = kDefaultRetrySeconds);

// The journal operation of ClearQueueLocks: djq apply dates its locks again when it applies them.
constexpr std::string_view kClearLockOperation = "clear_queue_lock";

// What the broker does with a row as of `now`.
enum class LockState {
    Null,        // NULL: no broker ever hands it out
    Available,   // the next dequeue takes it (never taken, or its lease ran out; from the instant itself on)
    Taken,       // handed out to a cluster; handed out again at `available_at`
    Unreadable,  // not a datetime
};

struct LockReading {
    LockState state = LockState::Null;
    std::optional<UnixMicros> lock;          // the column's time
    std::optional<UnixMicros> available_at;  // when the broker hands it out (again)
};

LockReading ReadLock(Variant variant, const std::optional<std::string>& lock, UnixMicros now,
                     std::int64_t retry_seconds = kDefaultRetrySeconds);

}  // namespace core
