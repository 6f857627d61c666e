// The Successful and Failed task lists (SEMANTICS.md §2): Django admin's search, filters and
// ordering, one page at a time, and the counts for "N results (M total)". Views ask for pages;
// they never build SQL.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/model/export.h"

namespace core {

enum class TaskKind { Successful, Failed };
enum class TaskColumn { Name, Group, Func, Cluster, Started, Stopped, TimeTaken, AttemptCount };

struct TaskQuery {
    TaskKind kind = TaskKind::Successful;
    // Django admin search: words (quotes keep phrases); every word must appear, case-insensitively,
    // in the name, func or group.
    std::string search;
    std::optional<std::string> group;    // exact group; "" selects tasks without a group
    std::optional<std::string> cluster;  // exact cluster (django-q2)
    std::optional<std::string> stopped_from, stopped_until;  // UTC "YYYY-MM-DD HH:MM:SS", from inclusive, until exclusive
    TaskColumn sort = TaskColumn::Stopped;
    bool descending = true;  // Django Q's default ordering: -stopped
    std::int64_t offset = 0;
    std::int64_t limit = 100;
};

struct TaskListRow {
    std::string id, name, func;
    std::optional<std::string> group, cluster;
    std::string started, stopped;
    double time_taken = 0.0;  // seconds, stopped - started
    std::optional<std::int64_t> attempt_count;
};

// The search words Django's smart_split finds: whitespace separates, quotes keep phrases, and a
// quoted word loses its quotes (backslash escapes undone).
std::vector<std::string> SplitSearchWords(std::string_view search);

Result<std::vector<TaskListRow>> QueryTasks(Export& export_, const TaskQuery& query);
// How many tasks match the query (its offset and limit ignored).
Result<std::int64_t> CountTasks(Export& export_, const TaskQuery& query);

}  // namespace core
