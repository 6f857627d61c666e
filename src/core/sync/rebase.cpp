#include "core/sync/rebase.h"

#include "core/sync/changeset.h"

namespace core {
namespace {

// Performs one edit through `batch`, so it is journalled against the database it now applies to.
Status Perform(EditBatch& batch, const JournalEntry& edit) {
    switch (edit.kind) {
        case EditKind::Insert: return batch.Insert(edit.table, *edit.after);
        case EditKind::Delete: return batch.Delete(edit.table, edit.pk);
        case EditKind::Update: return batch.Update(edit.table, *edit.after);
    }
    return Ok{};
}

}  // namespace

Result<RebaseResult> Rebase(Export& newer, const std::vector<JournalEntry>& edits) {
    RebaseResult result;
    std::size_t next = 0;
    while (next < edits.size()) {
        // One original batch at a time, so undo keeps working per user action.
        const std::int64_t batch_id = edits[next].batch;
        std::size_t end = next;
        while (end < edits.size() && edits[end].batch == batch_id) ++end;
        auto replayed = Journalled(newer.db, edits[next].operation, [&](EditBatch& batch) -> Status {
            for (std::size_t i = next; i < end; ++i) {
                const JournalEntry& edit = edits[i];
                auto current = ReadRow(newer.db, edit.table, edit.pk);
                if (!current) return current.error();
                switch (ClassifyEdit(edit.kind, edit.before, edit.after, current.value())) {
                    case ApplyOutcome::Applied:
                        if (auto done = Perform(batch, edit); !done) return done;
                        ++result.reapplied;
                        break;
                    case ApplyOutcome::AlreadyApplied: ++result.already_there; break;
                    case ApplyOutcome::Conflict: result.conflicts.push_back({edit, current.value()}); break;
                }
            }
            return Ok{};
        });
        if (!replayed) return replayed.error();
        next = end;
    }
    // A batch whose every edit conflicted or was already there left no entries: nothing to undo.
    return result;
}

Status KeepMine(Export& newer, const RebaseConflict& conflict) {
    const JournalEntry& mine = conflict.mine;
    return Journalled(newer.db, mine.operation, [&](EditBatch& batch) -> Status {
        auto current = ReadRow(newer.db, mine.table, mine.pk);
        if (!current) return current.error();
        if (mine.kind == EditKind::Delete) return current.value() ? batch.Delete(mine.table, mine.pk) : Status(Ok{});
        return current.value() ? batch.Update(mine.table, *mine.after) : batch.Insert(mine.table, *mine.after);
    });
}

}  // namespace core
