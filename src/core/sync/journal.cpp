#include "core/sync/journal.h"

#include <vector>

#include "core/django_q/task_name.h"
#include "core/sched/timestamp.h"
#include "core/schema/schema.h"

namespace core {
namespace {

constexpr const char* kJournalDdl = R"(CREATE TABLE IF NOT EXISTS djq_journal (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    batch INTEGER NOT NULL,
    action TEXT NOT NULL DEFAULT '',
    operation TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('insert', 'update', 'delete')),
    table_name TEXT NOT NULL,
    pk TEXT NOT NULL,
    before TEXT,
    after TEXT,
    at TEXT NOT NULL))";

std::string NowUtc() { return FormatDjangoDatetime(NowUnixMicros()); }

std::optional<EditKind> KindFromName(std::string_view name) {
    if (name == "insert") return EditKind::Insert;
    if (name == "update") return EditKind::Update;
    if (name == "delete") return EditKind::Delete;
    return std::nullopt;
}

// A batch journalled before action ids: an id made of its number and its time, stable across reads.
constexpr std::string_view kLegacyActionId =
    "'legacy-' || batch || '-' || (SELECT min(at) FROM djq_journal AS first WHERE first.batch = djq_journal.batch)";

Result<bool> HasActionColumn(Db& db) {
    auto columns = TableColumns(db, "djq_journal");
    if (!columns) return columns.error();
    return columns->count("action") > 0;
}

std::optional<RowImage> ParseImage(const Stmt& stmt, int column) {
    if (stmt.IsNull(column)) return std::nullopt;
    return nlohmann::json::parse(stmt.Text(column), nullptr, false);
}

}  // namespace

const char* EditKindName(EditKind kind) {
    switch (kind) {
        case EditKind::Insert: return "insert";
        case EditKind::Update: return "update";
        case EditKind::Delete: return "delete";
    }
    return "?";
}

Status EnsureJournal(Db& db) {
    if (auto made = db.Exec(kJournalDdl); !made) return made;
    auto has_action = HasActionColumn(db);
    if (!has_action) return has_action.error();
    if (has_action.value()) return Ok{};
    // A working copy journalled before action ids (kept in the browser): each batch keeps the id
    // ReadJournal gave it, so a changeset exported before and after this agrees.
    if (auto added = db.Exec("ALTER TABLE djq_journal ADD COLUMN action TEXT NOT NULL DEFAULT ''"); !added) return added;
    return db.Exec("UPDATE djq_journal SET action = " + std::string(kLegacyActionId));
}

Status EditBatch::Append(EditKind kind, std::string_view table, const nlohmann::json& pk, const std::optional<RowImage>& before,
                         const std::optional<RowImage>& after) {
    auto stmt = m_db.Prepare(
        "INSERT INTO djq_journal (batch, operation, kind, table_name, pk, before, after, at, action) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
    if (!stmt) return stmt.error();
    // Text that is not UTF-8 (a damaged export's name or key) is journalled byte for byte (row_image.h).
    stmt->Bind(9, m_action).Bind(1, m_batch).Bind(2, m_operation).Bind(3, std::string_view(EditKindName(kind))).Bind(4, table);
    stmt->Bind(5, WithExactText(pk).dump());
    if (before) stmt->Bind(6, WithExactText(*before).dump()); else stmt->Bind(6, std::nullopt);
    if (after) stmt->Bind(7, WithExactText(*after).dump()); else stmt->Bind(7, std::nullopt);
    stmt->Bind(8, m_at);
    if (auto done = stmt->Run(); !done) return done;
    ++m_changed;
    return Ok{};
}

Status EditBatch::Insert(std::string_view table, const RowImage& image) {
    if (auto done = InsertRow(m_db, table, image); !done) return done;
    const auto given = image.find(std::string(kPrimaryKey));
    const nlohmann::json pk = given == image.end() ? nlohmann::json() : *given;
    // Read back what SQLite stored (an AUTOINCREMENT id, type affinity) as the after image.
    auto stored = ReadRow(m_db, table, pk.is_null() ? nlohmann::json(m_db.LastInsertId()) : pk);
    if (!stored) return stored.error();
    m_last_inserted = (*stored.value())[std::string(kPrimaryKey)];
    return Append(EditKind::Insert, table, m_last_inserted, std::nullopt, stored.value());
}

Status EditBatch::Update(std::string_view table, const RowImage& image) {
    const auto given = image.find(std::string(kPrimaryKey));
    const nlohmann::json pk = given == image.end() ? nlohmann::json() : *given;
    auto before = ReadRow(m_db, table, pk);
    if (!before) return before.error();
    if (!before.value()) return MakeError("journal.no_row", "there is no row to change", std::string(table) + " id " + ShowColumnValue(pk));
    if (auto done = UpdateRow(m_db, table, image); !done) return done;
    auto after = ReadRow(m_db, table, pk);
    if (!after) return after.error();
    return Append(EditKind::Update, table, pk, before.value(), after.value());
}

Status EditBatch::Delete(std::string_view table, const nlohmann::json& pk) {
    auto before = ReadRow(m_db, table, pk);
    if (!before) return before.error();
    if (!before.value()) return MakeError("journal.no_row", "there is no row to delete", std::string(table) + " id " + ShowColumnValue(pk));
    if (auto done = DeleteRow(m_db, table, pk); !done) return done;
    return Append(EditKind::Delete, table, pk, before.value(), std::nullopt);
}

Status JournalledIn(Db& db, std::optional<std::int64_t> number, std::string_view operation,
                    const std::function<Status(EditBatch&)>& edit, std::string_view action) {
    if (auto ready = EnsureJournal(db); !ready) return ready;
    return InTransaction(db, [&]() -> Status {
        std::string action_id(action);
        if (!number) {
            auto next = db.Prepare("SELECT coalesce(max(batch), 0) + 1 FROM djq_journal");
            if (!next) return next.error();
            if (auto row = next->Step(); !row) return row.error();
            number = next->Int(0);
            if (action_id.empty()) action_id = NewTaskId();
        } else {  // more of an existing batch: its action
            auto existing = db.Prepare("SELECT action FROM djq_journal WHERE batch = ?1 LIMIT 1");
            if (!existing) return existing.error();
            existing->Bind(1, *number);
            auto row = existing->Step();
            if (!row) return row.error();
            action_id = row.value() ? std::string(existing->Text(0)) : NewTaskId();
        }
        EditBatch batch(db, *number, std::move(action_id), std::string(operation), NowUtc());
        return edit(batch);
    });
}

Status Journalled(Db& db, std::string_view operation, const std::function<Status(EditBatch&)>& edit) {
    return JournalledIn(db, std::nullopt, operation, edit);
}

Status JournalledMore(Db& db, std::int64_t number, std::string_view operation, const std::function<Status(EditBatch&)>& edit) {
    return JournalledIn(db, number, operation, edit);
}

Result<std::vector<JournalEntry>> ReadJournal(Db& db, std::optional<std::int64_t> batch) {
    std::vector<JournalEntry> entries;
    // Reading never creates the table: an untouched (or read-only) export simply has no journal.
    auto exists = db.Prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'djq_journal'");
    if (!exists) return exists.error();
    if (auto row = exists->Step(); !row || !row.value()) return entries;
    auto has_action = HasActionColumn(db);  // not added here: reading never writes (a read-only file)
    if (!has_action) return has_action.error();
    auto stmt = db.Prepare("SELECT seq, batch, operation, kind, table_name, pk, before, after, at, " +
                           std::string(has_action.value() ? "action" : kLegacyActionId) + " FROM djq_journal" +
                           (batch ? " WHERE batch = ?1" : "") + " ORDER BY seq");
    if (!stmt) return stmt.error();
    if (batch) stmt->Bind(1, *batch);
    while (true) {
        auto row = stmt->Step();
        if (!row) return row.error();
        if (!row.value()) return entries;
        JournalEntry entry;
        entry.seq = stmt->Int(0);
        entry.batch = stmt->Int(1);
        entry.operation = stmt->Text(2);
        entry.kind = KindFromName(stmt->Text(3)).value_or(EditKind::Update);
        entry.table = stmt->Text(4);
        entry.pk = nlohmann::json::parse(stmt->Text(5), nullptr, false);
        entry.before = ParseImage(stmt.value(), 6);
        entry.after = ParseImage(stmt.value(), 7);
        entry.at = stmt->Text(8);
        entry.action = stmt->Text(9);
        entries.push_back(std::move(entry));
    }
}

namespace {

// The newest batch; nullopt without a journal or entries.
Result<std::optional<std::int64_t>> LastBatch(Db& db) {
    auto has_journal = db.HasSchemaObject("table", "djq_journal");
    if (!has_journal) return has_journal.error();
    if (!has_journal.value()) return std::optional<std::int64_t>();
    auto last = db.Prepare("SELECT max(batch) FROM djq_journal");
    if (!last) return last.error();
    if (auto row = last->Step(); !row) return row.error();
    return last->IsNull(0) ? std::optional<std::int64_t>() : std::optional<std::int64_t>(last->Int(0));
}

// A later action that changed one of `batch`'s rows saw it as `batch` left it: that one goes first.
Status RequireNoLaterEdit(Db& db, std::int64_t batch) {
    auto later = db.Prepare(
        "SELECT later.operation, later.table_name, later.pk FROM djq_journal AS mine JOIN djq_journal AS later "
        "ON later.table_name = mine.table_name AND later.pk = mine.pk AND later.batch > mine.batch WHERE mine.batch = ?1 LIMIT 1");
    if (!later) return later.error();
    later->Bind(1, batch);
    auto found = later->Step();
    if (!found) return found.error();
    if (!found.value()) return Ok{};
    return MakeError("journal.later_edit", "a later " + std::string(later->Text(0)) + " changed " + std::string(later->Text(1)) + " id " +
                                               ShowColumnValue(nlohmann::json::parse(later->Text(2), nullptr, false)) + ": undo that first");
}

}  // namespace

Result<std::string> UndoLastBatch(Db& db) {
    auto last = LastBatch(db);
    if (!last) return last.error();
    if (!last.value()) return MakeError("journal.empty", "there is nothing to undo");
    return UndoBatch(db, *last.value());
}

Result<std::string> UndoBatch(Db& db, std::int64_t batch) {
    auto last = LastBatch(db);
    if (!last) return last.error();
    if (last.value() && batch < *last.value())
        if (auto alone = RequireNoLaterEdit(db, batch); !alone) return alone.error();
    auto entries = ReadJournal(db, batch);
    if (!entries) return entries.error();
    if (entries->empty()) return MakeError("journal.empty", "there is nothing to undo");
    const std::string operation = entries->back().operation;
    auto undone = InTransaction(db, [&]() -> Status {
        for (auto it = entries->rbegin(); it != entries->rend(); ++it) {
            Status step = it->kind == EditKind::Insert   ? DeleteRow(db, it->table, it->pk)
                          : it->kind == EditKind::Delete ? InsertRow(db, it->table, *it->before)
                                                         : UpdateRow(db, it->table, *it->before);
            if (!step) return step;
        }
        auto remove = db.Prepare("DELETE FROM djq_journal WHERE batch = ?1");
        if (!remove) return remove.error();
        remove->Bind(1, batch);
        return remove->Run();
    });
    if (!undone) return undone.error();
    return operation;
}

}  // namespace core
