#include "core/sync/database_identity.h"

#include "core/decode/hash.h"

namespace core {

Result<std::string> DatabaseIdentity(Db& db) {
    auto found = db.HasSchemaObject("table", "django_migrations");
    if (!found) return found.error();
    if (!found.value()) return std::string();
    auto stmt = db.Prepare("SELECT app, name, applied FROM django_migrations ORDER BY id LIMIT 3");
    if (!stmt) return stmt.error();
    std::string rows;
    while (true) {
        auto row = stmt->Step();
        if (!row) return row.error();
        if (!row.value()) break;
        for (int column = 0; column < 3; ++column) rows.append(stmt->Text(column)).push_back('\n');
    }
    if (rows.empty()) return std::string();
    const Sha256Digest digest = Sha256(AsBytes(rows));
    return HexOf(ByteView(digest).first(8));
}

Status CheckSameDatabase(Export& working, Export& newer) {
    const auto other = [&](const std::string& why) {
        return MakeError("open.other_database", newer.source + " is not an export of the database your unsynced edits were made on (" +
                                                    working.source + "): " + why + ". Export the changeset or undo the edits first; it was not opened.");
    };
    if (working.schema.variant != newer.schema.variant) return other("it is another Django Q");
    auto mine = DatabaseIdentity(working.db), theirs = DatabaseIdentity(newer.db);
    if (!mine) return mine.error();
    if (!theirs) return theirs.error();
    if (!mine->empty() && !theirs->empty() && mine.value() != theirs.value()) return other("its django_migrations differ");
    return Ok{};
}

}  // namespace core
