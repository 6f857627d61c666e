// The edit journal (DESIGN.md §3): every edit to the working copy runs in one transaction that
// changes the rows and appends, per row, the operation, table, primary key, before image, after
// image and time. Entries of one user action share a batch, which is also the unit of undo, and an
// action id (a uuid4 hex made when the action is done, kept through rebases) by which `djq apply`
// recognises an action it has already applied on a server.
// The journal lives in the working copy's own table djq_journal; Django's tables keep Django's schema.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/sync/row_image.h"

namespace core {

enum class EditKind { Insert, Update, Delete };
const char* EditKindName(EditKind kind);  // "insert", "update", "delete"

struct JournalEntry {
    std::int64_t seq = 0;
    std::int64_t batch = 0;
    std::string action;     // the user action's id, the same for every entry of the batch
    std::string operation;  // the named action: "delete_tasks", "save_schedule", ...
    EditKind kind = EditKind::Update;
    std::string table;
    nlohmann::json pk;
    std::optional<RowImage> before;  // absent for inserts
    std::optional<RowImage> after;   // absent for deletes
    std::string at;                  // UTC, Django datetime text
};

// The row changes of one batch. Each call captures the row's before image, changes the row and
// appends the journal entry, inside the batch's transaction.
class EditBatch {
public:
    Status Insert(std::string_view table, const RowImage& image);
    Status Update(std::string_view table, const RowImage& image);  // image holds the whole new row
    Status Delete(std::string_view table, const nlohmann::json& pk);
    std::int64_t changed() const { return m_changed; }
    std::int64_t number() const { return m_batch; }  // for JournalledMore
    // The primary key of the row the last Insert wrote (an AUTOINCREMENT id SQLite chose).
    const nlohmann::json& last_inserted() const { return m_last_inserted; }

private:
    friend Status JournalledIn(Db&, std::optional<std::int64_t>, std::string_view, const std::function<Status(EditBatch&)>&,
                               std::string_view);
    EditBatch(Db& db, std::int64_t batch, std::string action, std::string operation, std::string at)
        : m_db(db), m_batch(batch), m_action(std::move(action)), m_operation(std::move(operation)), m_at(std::move(at)) {}
    Status Append(EditKind kind, std::string_view table, const nlohmann::json& pk, const std::optional<RowImage>& before,
                  const std::optional<RowImage>& after);

    Db& m_db;
    std::int64_t m_batch;
    std::string m_action, m_operation, m_at;
    std::int64_t m_changed = 0;
    nlohmann::json m_last_inserted;
};

// Creates the journal table in a working copy when it is missing (and gives a journal made before
// action ids one id per batch).
Status EnsureJournal(Db& db);

// Runs `edit` as one journalled batch named `operation`, in one transaction: all of it or nothing.
Status Journalled(Db& db, std::string_view operation, const std::function<Status(EditBatch&)>& edit);
// Runs `edit` as more of batch `number` (EditBatch::number of a Journalled call), in a transaction
// of its own: one user action too large for one frame, done in steps, is still one undo.
Status JournalledMore(Db& db, std::int64_t number, std::string_view operation, const std::function<Status(EditBatch&)>& edit);
// Both: in `number`, or in a new batch when nullopt. A new batch takes `action` as its action id
// (rebase keeps the id of the action it replays), or a new one when empty.
Status JournalledIn(Db& db, std::optional<std::int64_t> number, std::string_view operation,
                    const std::function<Status(EditBatch&)>& edit, std::string_view action = {});

// Every entry, oldest first (empty when the working copy was never edited); or only batch `batch`'s.
Result<std::vector<JournalEntry>> ReadJournal(Db& db, std::optional<std::int64_t> batch = std::nullopt);

// Reverts the most recent batch and removes its entries. Returns the undone operation's name;
// error "journal.empty" when there is nothing to undo.
Result<std::string> UndoLastBatch(Db& db);
// Reverts batch `batch`, whichever it is, when no later batch changed one of its rows (error
// "journal.later_edit" naming that action: undo it first). Returns the undone operation's name.
Result<std::string> UndoBatch(Db& db, std::int64_t batch);

}  // namespace core
