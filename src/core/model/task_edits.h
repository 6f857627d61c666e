// Named, journalled mutations of tasks. Views call these; they never build SQL.
#pragma once

#include <string>
#include <vector>

#include "core/model/export.h"

namespace core {

// Deletes the tasks with these ids as one undoable batch ("delete_tasks"). Ids that no longer
// exist are an error ("journal.no_row") and nothing is deleted.
Result<std::int64_t> DeleteTasks(Export& export_, const std::vector<std::string>& ids);

}  // namespace core
