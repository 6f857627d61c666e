// A TaskSearchIndex attached to an export's working copy: filled from django_q_task in steps (a
// million tasks take about a second, so the app spreads it over frames), kept current by TEMP
// triggers on the table (never saved with the file), and offered to SQL as djq_task_match(rowid),
// true for the rows of the index's last Select. task_query.cpp uses it once it is complete; until
// then, and in the CLI (one query per run), lists use plain SQL.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include <cstdint>

#include "core/schema/export.h"
#include "core/model/task_search_index.h"

namespace core {

// Owned jointly by the Export and the SQL functions it adds (a connection may close later than its
// Export lets go, when a statement outlives it), so it lives until both are done with it.
class TaskSearch {
public:
    explicit TaskSearch(const SchemaInfo& schema) : m_schema(schema) {}
    TaskSearch(const TaskSearch&) = delete;
    TaskSearch& operator=(const TaskSearch&) = delete;

    TaskSearchIndex& index() { return m_index; }
    const TaskSearchIndex& index() const { return m_index; }
    const SchemaInfo& schema() const { return m_schema; }

    // Value search lookups by word (value_search.h TasksWithValue), good while djq_task_text's last
    // task is `through`: a list's pages and count reuse them instead of asking SQLite each time.
    struct ValueLookups {
        std::int64_t through = -1;
        std::map<std::string, std::shared_ptr<const std::vector<std::int64_t>>> by_word;
    };
    ValueLookups& value_lookups() { return m_value_lookups; }

    // Called by SQLite: the index changed in the open transaction; that transaction ended.
    void Changed() { m_changed_in_transaction = true; }
    void Committed() { m_changed_in_transaction = false; }
    void RolledBack();

private:
    SchemaInfo m_schema;  // which columns the variant has
    bool m_changed_in_transaction = false;
    TaskSearchIndex m_index;
    ValueLookups m_value_lookups;
};

// Attaches an empty index to the export (again: starts over).
Status AttachTaskSearch(Export& export_);
// Removes the index and its triggers, functions and hooks from the export's database.
void DetachTaskSearch(Export& export_);
// Reads up to `max_rows` more tasks into the attached index, or once it holds them all, sorts a
// step of its order; true when both are done (also when none is attached).
Result<bool> LoadTaskSearch(Export& export_, std::int64_t max_rows);
// The attached index once it holds every task (its order may still be sorting), else null.
TaskSearchIndex* ReadyTaskSearch(const Export& export_);

}  // namespace core
