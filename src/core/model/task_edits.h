// Named, journalled mutations of tasks. Views call these; they never build SQL.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/schema/export.h"

namespace core {

// Deletes the tasks with these ids as one undoable batch ("delete_tasks"). Ids that no longer
// exist are an error ("journal.no_row") and nothing is deleted.
Result<std::int64_t> DeleteTasks(Export& export_, const std::vector<std::string>& ids);

// The same in steps, for "all N matching" on a large export (a million deletions take most of a
// minute): each Step deletes up to `max_tasks` more in a transaction of its own, all in one
// journal batch, so one Undo brings every one back. An error stops it; the steps before it stay.
class TaskDeletion {
public:
    explicit TaskDeletion(std::vector<std::string> ids) : m_ids(std::move(ids)) {}
    Result<bool> Step(Export& export_, std::size_t max_tasks);  // true when every task is deleted
    std::int64_t deleted() const { return m_deleted; }
    std::int64_t total() const { return static_cast<std::int64_t>(m_ids.size()); }

private:
    std::vector<std::string> m_ids;
    std::size_t m_next = 0;
    std::optional<std::int64_t> m_batch;
    std::int64_t m_deleted = 0;
};

}  // namespace core
