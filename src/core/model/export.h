// A Django Q database loaded from a server export: the SQLite handle plus what its schema is.
// Every view and CLI command starts from one of these.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "core/db/db.h"
#include "core/schema/schema.h"

namespace core {

class TaskSearch;

struct Export {
    Db db;
    SchemaInfo schema;
    std::string source;  // file name or path it came from, for titles and messages
    // The in-memory search over tasks (task_search.h), when the app attached one.
    std::shared_ptr<TaskSearch> task_search;
    // "trigger x", "view y": the export's own schema objects, dropped from a working copy so they
    // can neither change it behind the journal's back nor stand in for Django Q's tables.
    std::vector<std::string> removed_schema = {};
};

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

// Opens a SQLite export file in place (the CLI; ReadWrite only for commands that change it), or
// imports a dumpdata JSON file into memory.
Result<Export> OpenExportFile(const std::string& path, OpenMode mode = OpenMode::ReadOnly);

}  // namespace core
