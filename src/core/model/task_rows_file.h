// A task list as a file (issue 19, item 6): every task its query matches, in the list's order,
// with the columns the list shows, as CSV (RFC 4180, a header row) or JSON (an array of objects).
// Values are as stored: times are Django's UTC text, time taken is seconds, and the result is the
// admin's short_result, as the list shows it.
#pragma once

#include <vector>

#include "core/model/rows_file.h"
#include "core/model/task_query.h"

namespace core {

enum class TaskFileColumn { Id, Name, Group, Func, Cluster, Status, Started, Stopped, TimeTaken, Result, Attempts };
// "id", "name", "group", "func", "cluster", "status", "started", "stopped", "time_taken", "result", "attempt_count".
const char* TaskFileColumnName(TaskFileColumn column);

// Writes the rows a thousand tasks at a time to `sink`.
Status WriteTaskRows(Export& export_, const TaskQuery& query, const std::vector<TaskFileColumn>& columns, RowsFormat format,
                     const TextSink& sink);

}  // namespace core
