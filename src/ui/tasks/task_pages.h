// The rows of one task list as its table shows them: the counts, and pages of rows fetched from the
// core only when the table scrolls onto them (a million tasks never sit in memory).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/model/task_query.h"

namespace ui {

struct ListedTask {
    core::TaskListRow row;
    std::string short_result;  // a failure's Result column: truncatechars(result, 100)
};

class TaskPages {
public:
    // Forgets the rows and the matching count: the query changed. The total stays (same data).
    void QueryChanged();
    // Forgets everything: the data changed.
    void DataChanged();
    // Counts matching and total tasks when they are not known yet. False on a database error (error()).
    bool Refresh(core::Export& export_, const core::TaskQuery& query);
    // The row at `index` in the query's order, fetching its page when needed; null past the end or
    // on an error.
    const ListedTask* Row(core::Export& export_, const core::TaskQuery& query, std::int64_t index);

    std::int64_t matching() const { return m_matching; }
    std::int64_t total() const { return m_total; }
    const std::optional<core::Error>& error() const { return m_error; }

private:
    static constexpr std::int64_t kPageRows = 128;
    static constexpr std::size_t kPagesKept = 16;

    bool m_counted = false, m_total_counted = false;
    std::int64_t m_matching = 0, m_total = 0;
    std::map<std::int64_t, std::vector<ListedTask>> m_pages;  // by page number
    std::optional<core::Error> m_error;
};

}  // namespace ui
