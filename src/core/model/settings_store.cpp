#include "core/model/settings_store.h"

namespace core {
namespace {

constexpr std::string_view kSettingsDdl = "CREATE TABLE IF NOT EXISTS djq_settings (key TEXT PRIMARY KEY, value TEXT NOT NULL)";

}  // namespace

Result<std::optional<std::string>> ReadSetting(Db& db, std::string_view key) {
    auto exists = db.Prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'djq_settings'");
    if (!exists) return exists.error();
    auto has_table = exists->Step();
    if (!has_table) return has_table.error();
    if (!has_table.value()) return std::optional<std::string>();  // a read-only export stays untouched
    auto stmt = db.Prepare("SELECT value FROM djq_settings WHERE key = ?1");
    if (!stmt) return stmt.error();
    stmt->Bind(1, key);
    auto row = stmt->Step();
    if (!row) return row.error();
    if (!row.value()) return std::optional<std::string>();
    return std::optional<std::string>(std::string(stmt->Text(0)));
}

Status WriteSetting(Db& db, std::string_view key, std::string_view value) {
    if (auto made = db.Exec(kSettingsDdl); !made) return made;
    auto stmt = db.Prepare("INSERT INTO djq_settings (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = excluded.value");
    if (!stmt) return stmt.error();
    stmt->Bind(1, key).Bind(2, value);
    return stmt->Run();
}

}  // namespace core
