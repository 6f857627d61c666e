// A Django Q database loaded from a server export: the SQLite handle plus what its schema is.
// Every view and CLI command starts from one of these (core/open/open_export.h makes them).
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

}  // namespace core
