// The rows of one task list as its table shows them: the counts, and pages of rows fetched from the
// core only when the table scrolls onto them (a million tasks never sit in memory).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/model/task_list_scan.h"
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

    // While the search index loads, a list whose order it will answer takes its first page and counts
    // from a scan of the table in steps (core::TaskListScan), which Tick advances: SQL would sort
    // every row in one frame. Pages past the first wait for the index.
    void ScanUntilIndexed(const core::TaskQuery& query);
    void Indexed();  // the index answers now: what the scan found gives way to it
    bool scanning() const { return m_scan && !m_scan->done() && !m_error; }
    bool waiting_for_index() const { return m_scan.has_value(); }
    std::int64_t rows_scanned() const { return m_scan ? m_scan->rows_read() : 0; }
    void StepScan(core::Export& export_, std::int64_t rows);

    std::int64_t matching() const { return m_matching; }
    std::int64_t total() const { return m_total; }
    const std::optional<core::Error>& error() const { return m_error; }

private:
    static constexpr std::int64_t kPageRows = 128;
    static constexpr std::size_t kPagesKept = 16;

    void TakeScanned();

    std::optional<core::TaskListScan> m_scan;
    bool m_counted = false, m_total_counted = false;
    std::int64_t m_matching = 0, m_total = 0;
    std::map<std::int64_t, std::vector<ListedTask>> m_pages;  // by page number
    std::optional<core::Error> m_error;
};

}  // namespace ui
