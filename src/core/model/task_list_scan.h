// A task list's first page and counts, read from the table a rowid range at a time: what a list
// shows while the search index (task_search.h) is still loading. Without an index for its order,
// SQL would read and sort every row in one go (about 150 ms per million tasks natively, several
// times that in the browser: one frozen frame); in ranges the work spreads over frames, and the
// first page is on screen long before the index is ready.
#pragma once

#include <cstdint>
#include <vector>

#include "core/model/task_query.h"

namespace core {

class TaskListScan {
public:
    // Finds the query's page (offset, limit) and how many tasks match.
    explicit TaskListScan(TaskQuery query) : m_query(std::move(query)) {}

    // Reads the next `max_rows` rows of the table; true once the page and the counts are known.
    Result<bool> Step(Export& export_, std::int64_t max_rows);

    const TaskQuery& query() const { return m_query; }
    bool done() const { return m_done; }
    std::int64_t rows_read() const { return m_rows_read; }
    // Once done: the page in the list's order, the matching tasks, and the tasks of the query's kind.
    const std::vector<TaskListRow>& rows() const { return m_rows; }
    std::int64_t matching() const { return m_matching; }
    std::int64_t of_kind() const { return m_of_kind; }

private:
    TaskQuery m_query;
    bool m_done = false;
    std::int64_t m_read_through = 0;  // rowids up to here are read (rowids start at 1)
    std::int64_t m_rows_read = 0, m_matching = 0, m_of_kind = 0;
    // Each range's first rows: the page is among them (a range contributes at most offset + limit).
    std::vector<std::int64_t> m_candidates;
    std::vector<TaskListRow> m_rows;
};

}  // namespace core
