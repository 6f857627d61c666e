// Opening an export, along one path: the format (SQLite or dumpdata JSON), then the database
// (opened, or imported into a new one), its own triggers and views dropped from a working copy,
// then the schema (DetectSchema). Every front end opens through here.
#pragma once

#include <string>
#include <vector>

#include "core/db/db.h"
#include "core/schema/export.h"

namespace core {

// Warnings about what was opened, one sentence each: schema objects removed, a WAL-mode file read
// without its -wal (changes still there are missing). Empty when there is nothing to say.
std::vector<std::string> OpenWarnings(const Export& export_);

// Loads an export from the bytes of a file into memory (the app's working copy): a SQLite
// database, or dumpdata JSON imported into a new one. Errors from Db::OpenBytes, ImportDumpdata
// and DetectSchema; the message names `source`.
Result<Export> OpenExportBytes(ByteView bytes, std::string source);
// The same from a buffer the database takes over (no copy of a SQLite file). `already_kept`: the
// bytes are a kept working copy as they are (Db::OpenBuffer).
Result<Export> OpenExportBuffer(FileBuffer buffer, std::string source, bool already_kept = false);

// The last step for a database made otherwise (the app's stepped import, the demo): its schema.
Result<Export> ExportOf(Result<Db> opened, std::string source);

// Opens a SQLite export file in place (the CLI; ReadWrite only for commands that change it), or
// imports a dumpdata JSON file into memory.
Result<Export> OpenExportFile(const std::string& path, OpenMode mode = OpenMode::ReadOnly);

}  // namespace core
