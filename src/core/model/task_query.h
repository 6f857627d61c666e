// The Successful and Failed task lists (SEMANTICS.md §2), and All tasks (both together): Django admin's search, filters and
// ordering, one page at a time, and the counts for "N results (M total)". Views ask for pages;
// they never build SQL.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/schema/export.h"
#include "core/model/task.h"

namespace core {

// All: every task of the other two (success = 1 or 0), as one list.
enum class TaskKind { Successful, Failed, All };
// The success value a kind's tasks have: true, false, or either (nullopt).
inline std::optional<bool> SuccessOf(TaskKind kind) {
    return kind == TaskKind::All ? std::nullopt : std::optional<bool>(kind == TaskKind::Successful);
}
enum class TaskColumn { Name, Group, Func, Cluster, Started, Stopped, TimeTaken, AttemptCount };

struct TaskQuery {
    TaskKind kind = TaskKind::Successful;
    // Django admin search: words (quotes keep phrases); every word must appear, case-insensitively,
    // in the name, func or group.
    std::string search;
    // Also match the words in the decoded args, kwargs and result (value_search.h; tasks not yet
    // indexed there match on name, func and group only).
    bool search_values = false;
    std::optional<std::string> group;    // exact group; "" selects tasks without a group
    std::optional<std::string> cluster;  // exact cluster (django-q2)
    std::optional<std::string> func;     // exact func (the dashboard's link to a func's tasks)
    // Only these tasks (rowids, sorted): a failure group's (core/insights), or the failures new
    // since an older export; `among_label` says which on screen ("the tasks of failure group …").
    // Null for no such limit. Shared: a query is copied with every page.
    std::shared_ptr<const std::vector<std::int64_t>> among;
    std::string among_label;
    // UTC "YYYY-MM-DD HH:MM:SS" (date_filter.h makes them): from inclusive, until exclusive.
    std::optional<std::string> started_from, started_until;
    std::optional<std::string> stopped_from, stopped_until;
    TaskColumn sort = TaskColumn::Stopped;
    bool descending = true;  // Django Q's default ordering: -stopped
    std::int64_t offset = 0;
    std::int64_t limit = 100;
};

struct TaskListRow : TaskRow {
    double time_taken = 0.0;  // seconds, stopped - started
};

// One value of a filterable column (group or cluster) and how many tasks of the kind have it.
struct ValueCount {
    std::optional<std::string> value;  // nullopt: tasks where the column is NULL
    std::int64_t count = 0;
    bool operator==(const ValueCount&) const = default;
};

// The search words Django's smart_split finds: whitespace separates, quotes keep phrases, and a
// quoted word loses its quotes (backslash escapes undone).
std::vector<std::string> SplitSearchWords(std::string_view search);
// Django's icontains on SQLite: LIKE '%word%' ESCAPE '\\' with the word's own wildcards escaped.
std::string LikePattern(std::string_view word);

Result<std::vector<TaskListRow>> QueryTasks(Export& export_, const TaskQuery& query);
// A list's tasks among the rowids in (after, through]: how many of the query's kind there are, how
// many match, and the rowids of the first offset + limit matches in the list's order. A list reads
// the table a range at a time this way while the search index loads (task_list_scan.h), so no frame
// reads a million rows.
struct TaskRange {
    std::int64_t of_kind = 0, matching = 0;
    std::vector<std::int64_t> first_rowids;
};
Result<TaskRange> QueryTaskRange(Export& export_, const TaskQuery& query, std::int64_t after, std::int64_t through);
// The query's page (offset, limit) of the list made of these tasks only.
Result<std::vector<TaskListRow>> QueryTasksAmong(Export& export_, const TaskQuery& query, const std::vector<std::int64_t>& rowids);
// The next `rows` tasks after rowid `after` (fewer at the end; INT64_MAX: all the rest): the last
// one's rowid and how many; nullopt when none is left.
struct RowidStep {
    std::int64_t through = 0, rows = 0;
};
Result<std::optional<RowidStep>> NextRowidStep(Export& export_, std::int64_t after, std::int64_t rows);
// How many tasks match the query (its offset and limit ignored).
Result<std::int64_t> CountTasks(Export& export_, const TaskQuery& query);
// The ids of every task matching the query in its order (offset and limit ignored): what "select
// all N matching" acts on.
Result<std::vector<std::string>> MatchingTaskIds(Export& export_, const TaskQuery& query);

// Lists over many tasks need an index for their order and filters (a sort without one reads and
// sorts every row: seconds at a million tasks, for every page). The core keeps them as djq_task_*
// (those of All tasks end in _all: they do not lead with success)
// indexes in the working copy, made on first need (about a second per million tasks, once).
// The index `query` needs, or "" when its order and filters need none.
std::string TaskIndexFor(const SchemaInfo& schema, const TaskQuery& query);
// Whether the search index (task_search.h) answers `query` in memory: Now (no SQL index needed),
// Soon (once it has loaded, about a second at a million tasks, in steps), Sorting (loaded; once it
// has sorted the query's order, which this asks for: a few hundred milliseconds at a million tasks,
// in steps, where making an index blocks for longer), or No.
enum class InMemory { No, Now, Soon, Sorting };
InMemory AnsweredInMemory(const Export& export_, const TaskQuery& query);
Result<bool> HasTaskIndex(Export& export_, const std::string& index);
Status CreateTaskIndex(Export& export_, const std::string& index);

// The admin's list_filter choices with counts, most tasks first: groups (schedule names and group
// ids) or clusters (django-q2; empty for a variant without the column). Makes the column's index
// when missing.
enum class FilterColumn { Group, Cluster };
Result<std::vector<ValueCount>> CountByValue(Export& export_, TaskKind kind, FilterColumn column);

}  // namespace core
