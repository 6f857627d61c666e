// The changeset: the journal as a JSON document the server applies with `djq apply`.
//
// Format (version 1):
//   {"format": "djq-changeset", "version": 1, "created": "2026-11-24 10:00:00.123456",
//    "source": {"name": "export.sqlite3", "variant": "q2"},
//    "changes": [{"seq": 1, "batch": 1, "operation": "delete_tasks", "kind": "delete",
//                 "table": "django_q_task", "pk": "7e59...", "before": {...row...}, "after": null,
//                 "at": "2026-11-24 09:59:58.000001"}, ...]}
// Entries apply in order. Each checks its before image against the server's row (an insert
// checks that the row is absent): a row changed on the server since the export is a conflict.
#pragma once

#include <string>
#include <vector>

#include "core/sync/journal.h"
#include "core/sync/server_signing.h"

namespace core {

constexpr int kChangesetVersion = 1;

struct ChangesetSource {
    std::string name;     // the export the edits were made on
    std::string variant;  // "q1" / "q2"
};

// The working copy's journal as changeset JSON (pretty-printed).
Result<std::string> ExportChangeset(Db& working, const ChangesetSource& source);

enum class ApplyOutcome {
    Applied,         // the server row was as expected and is now changed
    AlreadyApplied,  // the server row already is the entry's after image (applying twice is harmless)
    Conflict,        // the server row is neither: reported, never overwritten
};
const char* ApplyOutcomeName(ApplyOutcome outcome);

// The one rule apply and rebase share: what an edit (kind, before, after) means for a database
// whose row is `current` (nullopt when absent). Applied means "apply it now".
ApplyOutcome ClassifyEdit(EditKind kind, const std::optional<RowImage>& before, const std::optional<RowImage>& after,
                          const std::optional<RowImage>& current);

struct EntryResult {
    std::int64_t seq = 0;
    std::string operation, kind, table;
    nlohmann::json pk;
    ApplyOutcome outcome = ApplyOutcome::Applied;
    std::optional<RowImage> expected;  // for conflicts: what the journal saw (before image)
    std::optional<RowImage> server;    // ...and what the server has now
};

struct ApplyOptions {
    bool dry_run = false;         // report what would happen; change nothing
    bool skip_conflicts = false;  // apply the entries that do not conflict
    // Signs queue entries left unsigned (a resubmit without the key, server_signing.h); without it
    // a changeset holding one is refused ("changeset.needs_key") and nothing is written.
    std::optional<ServerSigning> signing;
};

struct ApplyReport {
    std::vector<EntryResult> entries;
    std::int64_t applied = 0, already_applied = 0, conflicts = 0;
    bool committed = false;  // false on a dry run, or when conflicts stopped it
};

// Applies a changeset to a server database in one transaction. With conflicts and without
// skip_conflicts nothing is written. Errors (bad JSON, an unknown format version, an entry that
// is malformed) name the entry: "changeset.syntax", "changeset.version", "changeset.bad_entry".
Result<ApplyReport> ApplyChangeset(Db& server, std::string_view changeset_json, const ApplyOptions& options);

}  // namespace core
