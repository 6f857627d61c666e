// The Queued tasks list's search and filters: the admin's list_filter key, plus the lock state, and
// a search over name, func and task id with Django admin's word rules (task_query.h's
// SplitSearchWords). A queue holds few rows, so they are described once and filtered in memory.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/model/queued.h"

namespace core {

struct QueueQuery {
    std::string search;              // every word in the name, func or task id (case-insensitive)
    std::optional<std::string> key;  // the queue (cluster name)
    std::optional<LockState> lock;
};

// The rows of `all` that match, in id order.
std::vector<const QueuedView*> FilterQueued(const std::vector<QueuedView>& all, const QueueQuery& query);

// The distinct keys of `all`, sorted, each with how many rows have it: the key filter's choices.
std::vector<std::pair<std::string, std::int64_t>> QueueKeyCounts(const std::vector<QueuedView>& all);
// How many rows of `all` are in `state`.
std::int64_t CountInLockState(const std::vector<QueuedView>& all, LockState state);

}  // namespace core
