#include "core/sync/rebase.h"

#include "core/sync/applied_record.h"
#include "core/sync/changeset.h"

namespace core {
namespace {

// A new schedule or queue entry, inserted with an id of the newer copy's choosing.
Status InsertNew(EditBatch& batch, const JournalEntry& edit, RowIds& ids) {
    RowImage row = *edit.after;
    row.erase(std::string(kPrimaryKey));
    if (auto done = batch.Insert(edit.table, row); !done) return done;
    ids.Add(edit.table, edit.pk, batch.last_inserted());
    return Ok{};
}

// Performs one edit (its row named as in the newer copy) through `batch`, so it is journalled
// against the database it now applies to.
Status Perform(EditBatch& batch, const JournalEntry& edit, const nlohmann::json& pk, const std::optional<RowImage>& after) {
    switch (edit.kind) {
        case EditKind::Insert: return batch.Insert(edit.table, *after);
        case EditKind::Delete: return batch.Delete(edit.table, pk);
        case EditKind::Update: return batch.Update(edit.table, *after);
    }
    return Ok{};
}

}  // namespace

Result<RebaseResult> Rebase(Export& newer, const std::vector<JournalEntry>& edits) {
    RebaseResult result;
    RowIds ids;  // rows the edits inserted, by their id in the older copy
    std::size_t next = 0;
    while (next < edits.size()) {
        // One original batch at a time, so undo keeps working per user action.
        const std::int64_t batch_id = edits[next].batch;
        std::size_t end = next;
        while (end < edits.size() && edits[end].batch == batch_id) ++end;
        auto on_server = WasApplied(newer.db, edits[next].action, ids);
        if (!on_server) return on_server.error();
        if (on_server.value()) {  // the newer export's server has applied this action already
            result.already_there += static_cast<std::int64_t>(end - next);
            next = end;
            continue;
        }
        auto replayed = JournalledIn(newer.db, std::nullopt, edits[next].operation, [&](EditBatch& batch) -> Status {
            for (std::size_t i = next; i < end; ++i) {
                const JournalEntry& edit = edits[i];
                if (edit.kind == EditKind::Insert && ServerAssignsId(edit.table)) {
                    if (auto done = InsertNew(batch, edit, ids); !done) return done;
                    ++result.reapplied;
                    continue;
                }
                const nlohmann::json pk = ids.ServerId(edit.table, edit.pk);
                const auto before = ids.Translate(edit.table, edit.pk, edit.before), after = ids.Translate(edit.table, edit.pk, edit.after);
                auto current = ReadRow(newer.db, edit.table, pk);
                if (!current) return current.error();
                switch (ClassifyEdit(edit.kind, before, after, current.value())) {
                    case ApplyOutcome::Applied:
                        if (auto done = Perform(batch, edit, pk, after); !done) return done;
                        ++result.reapplied;
                        break;
                    case ApplyOutcome::AlreadyApplied: ++result.already_there; break;
                    case ApplyOutcome::Conflict: {
                        JournalEntry mine = edit;  // named as in the newer copy, for KeepMine
                        mine.pk = pk;
                        mine.before = before;
                        mine.after = after;
                        result.conflicts.push_back({std::move(mine), current.value()});
                        break;
                    }
                }
            }
            return Ok{};
        }, edits[next].action);
        if (!replayed) return replayed.error();
        next = end;
    }
    // A batch whose every edit conflicted or was already there left no entries: nothing to undo.
    return result;
}

Status KeepMine(Export& newer, const RebaseConflict& conflict) {
    const JournalEntry& mine = conflict.mine;
    return JournalledIn(newer.db, std::nullopt, mine.operation, [&](EditBatch& batch) -> Status {
        auto current = ReadRow(newer.db, mine.table, mine.pk);
        if (!current) return current.error();
        if (!current.value())
            return MakeError("rebase.row_gone", "the row is gone from the newer export: keeping your edit would make it again",
                             mine.table + " id " + ShowColumnValue(mine.pk));
        if (mine.kind == EditKind::Delete) return batch.Delete(mine.table, mine.pk);
        if (mine.kind == EditKind::Update) {  // their row, with the columns my edit changed
            RowImage merged = *current.value();
            const RowImage changed = ChangedColumns(*mine.before, *mine.after);
            for (const auto& [column, value] : changed.items()) merged[column] = value;
            return batch.Update(mine.table, merged);
        }
        return MakeError("rebase.id_taken", "the newer export has another row with this id: your row was not written over it",
                         mine.table + " id " + ShowColumnValue(mine.pk));
    });
}

}  // namespace core
