#include "core/model/task_list_scan.h"

namespace core {

Result<bool> TaskListScan::Step(Export& export_, std::int64_t max_rows) {
    if (m_done) return true;
    auto step = NextRowidStep(export_, m_read_through, max_rows);
    if (!step) return step.error();
    if (const auto& range_end = step.value()) {
        auto range = QueryTaskRange(export_, m_query, m_read_through, range_end->through);
        if (!range) return range.error();
        m_matching += range->matching;
        m_of_kind += range->of_kind;
        m_candidates.insert(m_candidates.end(), range->first_rowids.begin(), range->first_rowids.end());
        m_rows_read += range_end->rows;
        m_read_through = range_end->through;
        return false;
    }
    // The whole table is read: the page is the candidates' first rows.
    auto rows = QueryTasksAmong(export_, m_query, m_candidates);
    if (!rows) return rows.error();
    m_rows = std::move(rows).value();
    m_candidates.clear();
    m_done = true;
    return true;
}

}  // namespace core
