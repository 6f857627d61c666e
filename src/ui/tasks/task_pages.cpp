#include "ui/tasks/task_pages.h"

#include "core/model/decoded_value.h"

namespace ui {

namespace {

std::vector<ListedTask> Listed(std::vector<core::TaskListRow> rows) {
    std::vector<ListedTask> listed;
    listed.reserve(rows.size());
    for (auto& row : rows) {
        std::string short_result = row.success ? std::string() : core::ShortResult(row.result);
        listed.push_back({std::move(row), std::move(short_result)});
    }
    return listed;
}

}  // namespace

void TaskPages::QueryChanged() {
    m_scan.reset();  // a scan of the new query starts when the list asks
    m_counted = false;
    m_pages.clear();
    m_error.reset();
}

void TaskPages::DataChanged() {
    QueryChanged();
    m_total_counted = false;
}

void TaskPages::ScanUntilIndexed(const core::TaskQuery& query) {
    if (m_scan) return;
    core::TaskQuery first_page = query;
    first_page.offset = 0;
    first_page.limit = kPageRows;
    m_scan.emplace(std::move(first_page));
    m_counted = false;
    m_pages.clear();
}

void TaskPages::Indexed() {
    if (!m_scan) return;
    m_scan.reset();
    m_counted = false;  // counted again from memory: the same numbers, and every page reachable
    m_pages.clear();
}

void TaskPages::StepScan(core::Export& export_, std::int64_t rows) {
    if (!scanning()) return;
    if (auto stepped = m_scan->Step(export_, rows); !stepped) m_error = stepped.error();
}

// The scan's page and counts, once it is done.
void TaskPages::TakeScanned() {
    m_matching = m_scan->matching();
    m_total = m_scan->of_kind();
    m_total_counted = true;
    m_pages[0] = Listed(m_scan->rows());
}

bool TaskPages::Refresh(core::Export& export_, const core::TaskQuery& query) {
    if (m_counted) return !m_error;
    if (m_scan) {
        if (!m_scan->done()) return !m_error;  // nothing matches yet: the list says it is reading
        m_counted = true;
        TakeScanned();
        return true;
    }
    m_counted = true;
    auto matching = core::CountTasks(export_, query);
    if (!matching) {
        m_error = matching.error();
        m_matching = 0;
        return false;
    }
    m_matching = matching.value();
    if (m_total_counted) return true;
    core::TaskQuery everything;
    everything.kind = query.kind;
    auto total = core::CountTasks(export_, everything);
    if (!total) {
        m_error = total.error();
        return false;
    }
    m_total = total.value();
    m_total_counted = true;
    return true;
}

const ListedTask* TaskPages::Row(core::Export& export_, const core::TaskQuery& query, std::int64_t index) {
    if (index < 0 || index >= m_matching || m_error) return nullptr;
    const std::int64_t page = index / kPageRows;
    auto found = m_pages.find(page);
    if (found == m_pages.end() && m_scan) return nullptr;  // the scan found the first page only
    if (found == m_pages.end()) {
        if (m_pages.size() >= kPagesKept) m_pages.clear();  // scrolled far away: start over
        core::TaskQuery paged = query;
        paged.offset = page * kPageRows;
        paged.limit = kPageRows;
        auto rows = core::QueryTasks(export_, paged);
        if (!rows) {
            m_error = rows.error();
            return nullptr;
        }
        found = m_pages.emplace(page, Listed(std::move(rows).value())).first;
    }
    const auto offset = static_cast<std::size_t>(index - page * kPageRows);
    return offset < found->second.size() ? &found->second[offset] : nullptr;
}

}  // namespace ui
