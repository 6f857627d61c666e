// Named, journalled mutations of queued tasks (django_q_ormq). The admin's QueueAdmin edits a row's
// key and lock and deletes rows (SEMANTICS.md §2); with the server's SECRET_KEY this tool can also
// sign a row's package again (after a key rotation) or change the call it makes. The key is only
// used to sign: it is never stored, journalled or put in an error.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/decode/py_value.h"
#include "core/schema/export.h"
#include "core/sched/timestamp.h"

namespace core {

// The admin's change form: key (the queue, 1-100 characters) and lock (a UTC datetime, nullopt
// for NULL, which no broker ever takes: ClearQueueLocks is what makes a row available). One undoable batch "save_queue_row".
// Errors: "queue.not_found", "queue.bad_key", "queue.bad_lock".
Status SaveQueueRow(Export& export_, std::int64_t id, std::string_view key, const std::optional<std::string>& lock);

// Clear lock: makes these rows available at the broker's next dequeue, as enqueue would have
// written them at `now` (q2: now; q1: now - retry; never NULL, which no broker takes). djq apply
// dates the lock again at the time it is applied. One undoable batch ("clear_queue_lock").
Status ClearQueueLocks(Export& export_, const std::vector<std::int64_t>& ids, UnixMicros now);

// Deletes these rows as one undoable batch ("delete_queue_rows"); an id that no longer exists is
// an error and nothing is deleted. Returns how many were deleted.
Result<std::int64_t> DeleteQueueRows(Export& export_, const std::vector<std::int64_t>& ids);

// What a signing edit needs: the server's SECRET_KEY, Q_CLUSTER['name'] (the salt) and
// Q_CLUSTER['compress']. An empty key refuses the edit with "queue.no_key".
struct QueueSigning {
    std::string_view secret_key;
    std::string_view salt = "default";
    bool compress = false;
    bool key_rotated = false;  // the export's entries were signed with an older key (signing_check.h)
};

// Signs the row's package again, the same pickle, with the time `now` ("resign_queue_row"). Also
// signs a resubmit that was waiting to be signed on the server.
Status ResignQueueRow(Export& export_, std::int64_t id, const QueueSigning& signing, UnixMicros now);

// The call the package makes, as typed: func a dotted path; args and kwargs Python literals
// (ParseQueuedArgs / ParseQueuedKwargs). nullopt keeps the package's own value, which may have no
// literal (a model instance); so does a func equal to the one shown (it may be a pickled function).
struct QueuedCall {
    std::string func;
    std::optional<std::string> args, kwargs;
};

// Rebuilds the package with this call, every other key kept in place and order, pickles it
// (protocol 5, as Python 3.8+ Django Q) and signs it at `now` ("edit_queued_call"). Errors:
// "queue.no_key", "queue.not_found", "queue.unreadable" (its package cannot be decoded),
// "queue.bad_func", and the literal errors of the args and kwargs.
Status EditQueuedCall(Export& export_, std::int64_t id, const QueuedCall& call, const QueueSigning& signing, UnixMicros now);

// Args as typed: a literal; a value that is not a tuple becomes a 1-tuple (as the scheduler
// reads Schedule.args); empty text is ().
Result<PyRef> ParseQueuedArgs(std::string_view text);
// Kwargs as typed: a dict literal with str keys ("kwargs.not_dict", "kwargs.invalid"); blank is {}.
Result<PyRef> ParseQueuedKwargs(std::string_view text);

}  // namespace core
