// The changeset: the journal as a JSON document the server applies with `djq apply` (apply.h).
//
// Format (version 2; version 1 lacked "action", and reads with one action per batch):
//   {"format": "djq-changeset", "version": 2, "created": "2026-11-24 10:00:00.123456",
//    "source": {"name": "export.sqlite3", "variant": "q2"},
//    "changes": [{"seq": 1, "batch": 1, "action": "<uuid4 hex>", "operation": "delete_tasks",
//                 "kind": "delete", "table": "django_q_task", "pk": "7e59...", "before": {...row...},
//                 "after": null, "at": "2026-11-24 09:59:58.000001"}, ...]}
// Entries apply in order. Each checks its before image against the server's row: a row changed on
// the server since the export is a conflict. Entries sharing an action are one user action.
#pragma once

#include <string>
#include <vector>

#include "core/sync/journal.h"

namespace core {

constexpr int kChangesetVersion = 2;

struct ChangesetSource {
    std::string name;      // the export the edits were made on
    std::string variant;   // "q1" / "q2"
    std::string database = {};  // read: DatabaseIdentity of that export ("" when it has none); ExportChangeset fills it
};

// Deeper JSON is refused ("changeset.too_deep") while it is read.
constexpr int kMaxChangesetDepth = 8;

// The working copy's journal as changeset JSON (pretty-printed).
Result<std::string> ExportChangeset(Db& working, const ChangesetSource& source);

// A changeset's entries, checked for shape (not against any database). Errors name the entry:
// "changeset.syntax", "changeset.version", "changeset.bad_entry".
struct ParsedChangeset {
    std::string created;
    ChangesetSource source;
    std::vector<JournalEntry> entries;
};
Result<ParsedChangeset> ParseChangeset(std::string_view changeset_json);

enum class ApplyOutcome {
    Applied,         // the server row was as expected and is now changed
    AlreadyApplied,  // already done on the server (applying twice is harmless)
    Conflict,        // the server row is neither: reported, never overwritten
};
const char* ApplyOutcomeName(ApplyOutcome outcome);

// The one rule apply and rebase share: what an edit (kind, before, after) means for a database
// whose row is `current` (nullopt when absent). Applied means "apply it now".
ApplyOutcome ClassifyEdit(EditKind kind, const std::optional<RowImage>& before, const std::optional<RowImage>& after,
                          const std::optional<RowImage>& current);

}  // namespace core
