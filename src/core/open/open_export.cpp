#include "core/open/open_export.h"

#include "core/decode/utf8.h"
#include "core/io/file.h"
#include "core/sync/dumpdata_import.h"

namespace core {
namespace {

// "name" quoted for SQL, whatever it holds.
std::string QuoteName(std::string_view name) {
    std::string quoted = "\"";
    for (const char c : name) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
    return quoted + "\"";
}

// Drops every trigger and view the export brought: Django Q needs none, and a trigger would run
// inside the working copy on the user's edits.
Result<std::vector<std::string>> DropOwnSchemaObjects(Db& db) {
    auto stmt = db.Prepare("SELECT type, name FROM sqlite_schema WHERE type IN ('trigger', 'view') ORDER BY type, name");
    if (!stmt) return stmt.error();
    std::vector<std::pair<std::string, std::string>> objects;
    while (true) {
        auto row = stmt->Step();
        if (!row) return row.error();
        if (!row.value()) break;
        objects.emplace_back(stmt->Text(0), stmt->Text(1));
    }
    std::vector<std::string> removed;
    for (const auto& [type, name] : objects) {
        if (auto dropped = db.Exec("DROP " + std::string(type == "view" ? "VIEW" : "TRIGGER") + " IF EXISTS " + QuoteName(name)); !dropped)
            return dropped.error();
        removed.push_back(type + " " + EscapeInvalidUtf8(name));
    }
    return removed;
}

// A copy in memory: the export's own triggers and views are dropped before anything reads it.
Result<Db> WorkingCopy(Result<Db> opened, std::vector<std::string>& removed) {
    if (!opened) return opened;
    auto dropped = DropOwnSchemaObjects(opened.value());
    if (!dropped) return dropped.error();
    removed = std::move(dropped).value();
    return opened;
}

Result<Export> WithSchema(Result<Db> opened, std::string source, std::vector<std::string> removed) {
    if (!opened) {
        Error error = opened.error();
        error.message = source + ": " + error.message;
        return error;
    }
    auto schema = DetectSchema(opened.value());
    if (!schema) {
        Error error = schema.error();
        error.message = source + ": " + error.message;
        return error;
    }
    return Export{std::move(opened.value()), schema.value(), std::move(source), nullptr, std::move(removed)};
}

}  // namespace

Result<Export> ExportOf(Result<Db> opened, std::string source) { return WithSchema(std::move(opened), std::move(source), {}); }

Result<Export> OpenExportBytes(ByteView bytes, std::string source) {
    if (LooksLikeJson(bytes)) return ExportOf(ImportDumpdata(bytes), std::move(source));
    std::vector<std::string> removed;
    auto db = WorkingCopy(Db::OpenBytes(bytes), removed);
    return WithSchema(std::move(db), std::move(source), std::move(removed));
}

Result<Export> OpenExportBuffer(FileBuffer buffer, std::string source, bool already_kept) {
    if (LooksLikeJson(buffer.bytes())) return OpenExportBytes(buffer.bytes(), std::move(source));
    std::vector<std::string> removed;
    auto db = WorkingCopy(Db::OpenBuffer(std::move(buffer), already_kept), removed);
    return WithSchema(std::move(db), std::move(source), std::move(removed));
}

Result<Export> OpenExportFile(const std::string& path, OpenMode mode) {
    if (!IsRegularFile(path)) {  // a pipe is read once, into memory; a device is refused by ReadFile
        auto bytes = ReadFile(path);
        if (!bytes) return ExportOf(bytes.error(), path);
        return OpenExportBytes(bytes.value(), path);
    }
    auto head = ReadFileHead(path, 64);
    if (!head) return ExportOf(head.error(), path);
    if (LooksLikeJson(head.value())) {
        auto bytes = ReadFile(path);
        if (!bytes) return ExportOf(bytes.error(), path);
        return OpenExportBytes(bytes.value(), path);
    }
    return ExportOf(Db::OpenFile(path, mode), path);
}

std::vector<std::string> OpenWarnings(const Export& export_) {
    std::vector<std::string> warnings;
    if (!export_.removed_schema.empty()) {
        std::string names;
        for (const auto& name : export_.removed_schema) names += (names.empty() ? "" : ", ") + name;
        warnings.push_back("The export had its own " + names + ": removed from the working copy, so they cannot change it.");
    }
    if (export_.db.was_wal())
        warnings.push_back("The file was in WAL mode: changes still in its -wal file are not in it. Run PRAGMA wal_checkpoint on the "
                           "server's database, or export it with djq or dumpdata, for current data.");
    return warnings;
}

}  // namespace core
