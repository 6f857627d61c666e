// `djq apply`: a changeset (changeset.h) carried out on the server's database, as the real Django Q
// must see it (SEMANTICS.md §4):
//   - Each user action (a resubmit: delete the failure + insert its queue entry) is all or nothing.
//     An action with a conflicting entry is skipped whole, never in part.
//   - Rows of django_q_schedule and django_q_ormq are inserted with an id the server assigns, so a
//     new row never clashes with one the server made since the export, nor replaces it.
//   - A queue entry is written as the server's version of `enqueue` writes it, dated now: q2
//     lock = now, q1 lock = now - retry. So is a cleared lock. A payload left for the server's key
//     is signed now.
//   - An applied action is recorded on the server (applied_record.h): applying the same changeset
//     again, or a later one holding the same actions, never repeats them.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/schema/export.h"
#include "core/django_q/queue_lock.h"
#include "core/sync/changeset.h"
#include "core/django_q/server_signing.h"

namespace core {

struct ApplyOptions {
    bool dry_run = false;         // report what would happen; change nothing
    bool skip_conflicts = false;  // apply the actions that do not conflict, skip those that do (whole)
    // Signs queue entries left unsigned (a resubmit without the key, server_signing.h); without it
    // a changeset holding one is refused ("changeset.needs_key") and nothing is written.
    std::optional<ServerSigning> signing;
    std::int64_t retry_seconds = kDefaultRetrySeconds;  // Q_CLUSTER['retry'], for q1's lock
    std::optional<UnixMicros> now;                      // the apply's time (tests); the clock otherwise
};

struct EntryResult {
    std::int64_t seq = 0;
    std::string operation, kind, table;
    nlohmann::json pk;                 // as the working copy named the row
    nlohmann::json server_pk;          // the server's row (an inserted row's new id)
    ApplyOutcome outcome = ApplyOutcome::Applied;
    std::optional<RowImage> expected;  // for conflicts: what the journal saw (before image)
    std::optional<RowImage> server;    // ...and what the server has now
    std::string signed_call;           // a queue entry signed here: "func(args, kwargs)" as it will run
};

struct ActionResult {
    std::string action, operation;
    // Applied, AlreadyApplied (recorded on the server before), Conflict (skipped: nothing of it written).
    ApplyOutcome outcome = ApplyOutcome::Applied;
    std::vector<EntryResult> entries;
};

struct ApplyReport {
    std::vector<ActionResult> actions;
    std::int64_t applied = 0, already_applied = 0, skipped = 0;  // actions
    std::int64_t conflicts = 0;                                  // entries in conflict
    bool committed = false;  // false on a dry run, or when conflicts stopped it
};

// Applies a changeset to a server database in one transaction (each action in a savepoint of its
// own). With conflicts and without skip_conflicts nothing is written. Errors (bad JSON, an unknown
// format version, a malformed entry, a column the server's table lacks) name the entry and write
// nothing: "changeset.syntax", "changeset.version", "changeset.bad_entry", "changeset.needs_key".
Result<ApplyReport> ApplyChangeset(Export& server, std::string_view changeset_json, const ApplyOptions& options);

}  // namespace core
