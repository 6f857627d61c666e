#include "ui/tasks/task_pages.h"

#include "core/model/decoded_value.h"

namespace ui {

void TaskPages::QueryChanged() {
    m_counted = false;
    m_pages.clear();
    m_error.reset();
}

void TaskPages::DataChanged() {
    QueryChanged();
    m_total_counted = false;
}

bool TaskPages::Refresh(core::Export& export_, const core::TaskQuery& query) {
    if (m_counted) return !m_error;
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
        std::vector<ListedTask> listed;
        listed.reserve(rows->size());
        for (auto& row : rows.value()) {
            std::string short_result = row.success ? std::string() : core::ShortResult(row.result);
            listed.push_back({std::move(row), std::move(short_result)});
        }
        found = m_pages.emplace(page, std::move(listed)).first;
    }
    const auto offset = static_cast<std::size_t>(index - page * kPageRows);
    return offset < found->second.size() ? &found->second[offset] : nullptr;
}

}  // namespace ui
