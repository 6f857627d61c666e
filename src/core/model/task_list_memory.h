// The task lists answered from the search index's memory (task_search_index.h): the selection
// walked in the in-memory order of the sorted column, then only the page's rows read from SQLite by
// rowid. No SQL index is needed, so a large export's lists show without the seconds CREATE INDEX
// takes. task_query.cpp calls these; views call task_query.h.
#pragma once

#include "core/model/task_query.h"
#include "core/model/task_search_index.h"

namespace core {

// A JSON array of rowids, and the FROM clause that reads those rows (one lookup each) when the
// array is bound to `parameter` ("?3").
std::string RowidsJson(const std::vector<std::int64_t>& rowids);
std::string FromRowids(const std::string& parameter);

// The words, group and cluster of a query, as the index matches them; searching values too, the
// tasks whose decoded values hold each word (djq_task_text, as far as it is filled).
TaskSearchCriteria CriteriaOf(Export& export_, const TaskQuery& query);

// Whether the in-memory orders can answer a query of this shape (any order, dates in Django's
// form), once the index is ready.
bool MemoryCanOrder(const TaskQuery& query);
// The index, when it is ready to answer this query from memory; else null.
TaskSearchIndex* MemoryOrderFor(const Export& export_, const TaskQuery& query);

Result<std::vector<TaskListRow>> QueryTasksInMemory(Export& export_, TaskSearchIndex& index, const TaskQuery& query);
std::int64_t CountTasksInMemory(Export& export_, TaskSearchIndex& index, const TaskQuery& query);
Result<std::vector<std::string>> MatchingTaskIdsInMemory(Export& export_, TaskSearchIndex& index, const TaskQuery& query);

}  // namespace core
