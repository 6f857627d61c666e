// Rows of django_q_ormq, the ORM broker's queue (SEMANTICS.md §4), and each row as the admin's
// QueueAdmin shows it (§2): lock state, the decoded package's fields, and the signature check. Both
// the app and `djq queue` describe rows with DescribeQueued, so they say the same thing.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/decode/py_value.h"
#include "core/decode/signing.h"
#include "core/schema/export.h"
#include "core/django_q/queue_lock.h"
#include "core/sched/timestamp.h"
#include "core/sched/time_zone.h"

namespace core {

struct QueuedRow {
    std::int64_t id = 0;
    std::string key;                  // the cluster name
    std::string payload;              // "B64:TS:SIG"
    std::optional<std::string> lock;  // UTC; its meaning differs between q1 and q2 (queue_lock.h)
};

// Every queued row in id order; empty when the export has no django_q_ormq table.
Result<std::vector<QueuedRow>> ListQueued(Export& export_);
// The next `limit` of them after id `after_id` (a step's worth). Payloads::Skip leaves each payload
// empty without reading it, for a reader that needs only ids, clusters and locks.
enum class Payloads { Read, Skip };
Result<std::vector<QueuedRow>> ListQueuedAfter(Export& export_, std::int64_t after_id, std::int64_t limit, Payloads payloads = Payloads::Read);
// The row with this id; nullopt when there is none.
Result<std::optional<QueuedRow>> FindQueued(Export& export_, std::int64_t id);

struct QueuedView {
    QueuedRow row;
    Variant variant = Variant::DjangoQ2;  // whose broker reads the lock
    LockReading lock;                     // what that broker does with the row as of the description's time

    // A resubmit made without the key ("djq-unsigned:" + base64 pickle): djq apply signs it.
    bool signed_on_server = false;
    std::optional<SignedPayload> payload;  // parsed signed payload (not for signed_on_server rows)
    std::string signed_at;                 // UTC Django datetime of TS; "" when not signed
    Bytes pickle;                          // the package as stored (empty when unreadable)

    // The decoded package (null when it could not be read) and the admin's columns from it: a str
    // as itself, anything else as its repr, "-" when the package lacks the key.
    PyRef package;
    std::string task_id, name, group, func, args, kwargs;
    PyRef q_options;        // every other key of the package, in its order, as a dict
    std::string q_options_repr, package_repr;

    std::optional<SignatureCheck> signature;  // set when a key was given and the row is signed
    std::string error;  // why the payload or package cannot be read, or that it awaits signing; "" when fine
};

// Describes one row as of `now`, its lock as `variant`'s broker reads it. With `secret_key` the
// signature is checked with `salt` (the cluster name that signed it). Never fails: what cannot be
// read is said in `error`.
QueuedView DescribeQueued(const QueuedRow& row, Variant variant, UnixMicros now, std::optional<std::string_view> secret_key = std::nullopt,
                          std::string_view salt = kDefaultSigningSalt);
// Every row of the queue described as of `now`, in id order, without checking signatures. Packages
// past kMaxQueuePackageBytes in all are not kept (their rows say so).
inline constexpr std::size_t kMaxQueuePackageBytes = std::size_t{256} << 20;
Result<std::vector<QueuedView>> DescribeQueue(Export& export_, UnixMicros now);
// The signature check of a described row; nullopt for a row that is not signed (or unreadable).
std::optional<SignatureCheck> CheckQueuedSignature(const QueuedView& view, std::string_view secret_key, std::string_view salt);

// The lock in its version's meaning, a headline and a detail:
//   q2: "available" / "lock 2026-11-24 01:25:35 UTC passed: the next dequeue takes it";
//       "taken" / "locked until 2026-11-24 01:35:55 UTC, then handed out again"
//   q1: "taken at 2026-11-24 01:34:55 UTC" / "handed out again at 01:35:55 UTC (retry 60 s)"
//   both: "NULL lock" / "no broker ever takes it: Clear lock makes it available"
// Times are in `zone`, with its abbreviation.
struct LockWordsText {
    std::string headline, detail;
};
LockWordsText DescribeLockInWords(const QueuedView& view, const TimeZone& zone = TimeZone::Utc());
std::string LockWords(const QueuedView& view, const TimeZone& zone = TimeZone::Utc());  // "headline: detail"
// "null", "available", "taken", "unreadable": the lock states' names in links and tests.
const char* LockStateName(LockState state);
std::optional<LockState> LockStateNamed(std::string_view name);

}  // namespace core
