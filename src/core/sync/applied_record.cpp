#include "core/sync/applied_record.h"

namespace core {
namespace {

constexpr const char* kAppliedDdl = R"(
CREATE TABLE IF NOT EXISTS djq_applied_action (
    action TEXT PRIMARY KEY,
    operation TEXT NOT NULL,
    applied_at TEXT NOT NULL,
    changeset TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS djq_applied_row (
    action TEXT NOT NULL,
    table_name TEXT NOT NULL,
    local_id TEXT NOT NULL,
    server_id TEXT NOT NULL,
    journal_lock TEXT,
    server_lock TEXT))";

Result<bool> HasAppliedTables(Db& db) { return db.HasSchemaObject("table", "djq_applied_action"); }

nlohmann::json ParsedOrNull(std::string_view text) { return nlohmann::json::parse(text, nullptr, false); }

}  // namespace

bool ServerAssignsId(std::string_view table) { return table == "django_q_schedule" || table == "django_q_ormq"; }

void RowIds::Add(std::string_view table, const nlohmann::json& local, const nlohmann::json& server,
                 std::optional<std::pair<nlohmann::json, nlohmann::json>> lock) {
    Mapping& mapping = m_rows[{std::string(table), local.dump()}];
    mapping.server = server;
    if (lock) mapping.lock = std::move(lock);
}

nlohmann::json RowIds::ServerId(std::string_view table, const nlohmann::json& local) const {
    const auto found = m_rows.find({std::string(table), local.dump()});
    return found == m_rows.end() ? local : found->second.server;
}

std::optional<RowImage> RowIds::Translate(std::string_view table, const nlohmann::json& local, const std::optional<RowImage>& image) const {
    const auto found = m_rows.find({std::string(table), local.dump()});
    if (!image || found == m_rows.end()) return image;
    RowImage translated = *image;
    translated[std::string(kPrimaryKey)] = found->second.server;
    if (found->second.lock && translated.contains("lock") && translated["lock"] == found->second.lock->first)
        translated["lock"] = found->second.lock->second;
    return translated;
}

Status EnsureAppliedTables(Db& db) { return db.Exec(kAppliedDdl); }

Result<bool> WasApplied(Db& db, std::string_view action, RowIds& ids) {
    auto has_tables = HasAppliedTables(db);
    if (!has_tables || !has_tables.value()) return has_tables;
    auto applied = db.Prepare("SELECT 1 FROM djq_applied_action WHERE action = ?1");
    if (!applied) return applied.error();
    applied->Bind(1, action);
    auto row = applied->Step();
    if (!row) return row.error();
    if (!row.value()) return false;
    auto rows = db.Prepare("SELECT table_name, local_id, server_id, journal_lock, server_lock FROM djq_applied_row WHERE action = ?1");
    if (!rows) return rows.error();
    rows->Bind(1, action);
    while (true) {
        auto next = rows->Step();
        if (!next) return next.error();
        if (!next.value()) return true;
        std::optional<std::pair<nlohmann::json, nlohmann::json>> lock;
        if (!rows->IsNull(3)) lock = std::pair{ParsedOrNull(rows->Text(3)), ParsedOrNull(rows->Text(4))};
        ids.Add(rows->Text(0), ParsedOrNull(rows->Text(1)), ParsedOrNull(rows->Text(2)), std::move(lock));
    }
}

Status RecordAppliedAction(Db& db, std::string_view action, std::string_view operation, std::string_view applied_at,
                           std::string_view changeset) {
    auto stmt = db.Prepare("INSERT INTO djq_applied_action (action, operation, applied_at, changeset) VALUES (?1, ?2, ?3, ?4)");
    if (!stmt) return stmt.error();
    stmt->Bind(1, action).Bind(2, operation).Bind(3, applied_at).Bind(4, changeset);
    return stmt->Run();
}

Status RecordAppliedRow(Db& db, std::string_view action, std::string_view table, const nlohmann::json& local,
                        const nlohmann::json& server, const std::optional<std::pair<nlohmann::json, nlohmann::json>>& lock) {
    auto stmt = db.Prepare(
        "INSERT INTO djq_applied_row (action, table_name, local_id, server_id, journal_lock, server_lock) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
    if (!stmt) return stmt.error();
    stmt->Bind(1, action).Bind(2, table).Bind(3, local.dump()).Bind(4, server.dump());
    if (lock) stmt->Bind(5, lock->first.dump()).Bind(6, lock->second.dump());
    else stmt->Bind(5, std::nullopt).Bind(6, std::nullopt);
    return stmt->Run();
}

}  // namespace core
