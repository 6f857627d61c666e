// Rebase (DESIGN.md §3): a newer export arrives while the working copy has unsynced edits. The
// edits are re-applied on top of the newer export, batch by batch, and re-journalled against it
// (so a later `djq apply` on that server checks the right before images). An edit whose row
// changed in the newer export is a conflict, held for the user: keep mine or take theirs. A new
// schedule or queue entry is a new row in the newer export too (its id is only a local name), and
// an action the newer export records as applied on its server (applied_record.h) is already there.
#pragma once

#include <vector>

#include "core/schema/export.h"
#include "core/sync/journal.h"

namespace core {

struct RebaseConflict {
    JournalEntry mine;                // the edit as made on the older export
    std::optional<RowImage> theirs;   // the row in the newer export (nullopt: gone)
};

struct RebaseResult {
    std::int64_t reapplied = 0;        // edits now journalled on the newer export
    std::int64_t already_there = 0;    // edits the newer export already contains
    std::vector<RebaseConflict> conflicts;
};

// Replays `edits` (from ReadJournal of the older working copy) onto `newer`.
Result<RebaseResult> Rebase(Export& newer, const std::vector<JournalEntry>& edits);

// Resolves a conflict by setting the columns the user's edit changed on the newer export's row
// ("keep mine"; the columns it left alone keep their newer values), journalled under the edit's
// operation name: the same row, never another that now has its id. A row gone
// from the newer export stays gone ("rebase.row_gone": keeping the edit would make it again, and
// run a consumed queue entry or a deleted ONCE schedule twice). "Take theirs" needs no call.
Status KeepMine(Export& newer, const RebaseConflict& conflict);

}  // namespace core
