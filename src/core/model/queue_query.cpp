#include "core/model/queue_query.h"

#include <algorithm>
#include <map>

#include "core/model/admin_search.h"

namespace core {

std::vector<const QueuedView*> FilterQueued(const std::vector<QueuedView>& all, const QueueQuery& query) {
    const AdminSearch search(query.search);
    std::vector<const QueuedView*> rows;
    for (const auto& view : all) {
        if (query.key && view.row.key != *query.key) continue;
        if (query.lock && view.lock.state != *query.lock) continue;
        if (!search.Matches({view.name, view.func, view.task_id})) continue;
        rows.push_back(&view);
    }
    std::stable_sort(rows.begin(), rows.end(), [](const QueuedView* a, const QueuedView* b) { return a->row.id < b->row.id; });
    return rows;
}

std::vector<std::pair<std::string, std::int64_t>> QueueKeyCounts(const std::vector<QueuedView>& all) {
    std::map<std::string, std::int64_t> counts;
    for (const auto& view : all) ++counts[view.row.key];
    return {counts.begin(), counts.end()};
}

std::int64_t CountInLockState(const std::vector<QueuedView>& all, LockState state) {
    return std::count_if(all.begin(), all.end(), [&](const QueuedView& view) { return view.lock.state == state; });
}

}  // namespace core
