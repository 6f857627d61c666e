// The Successful and Failed task lists (SEMANTICS.md §2): Django admin's columns, search, filters
// and -stopped ordering, over a table that fetches only the rows on screen. Rows are checked for
// actions (delete), the cursor row moves with the keyboard, and Enter or a double click opens it.
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/model/date_filter.h"
#include "core/model/task_edits.h"
#include "core/model/task_query.h"
#include "core/model/task_rows_file.h"
#include "ui/tasks/task_pages.h"

namespace ui {

struct App;

struct DateFilter {
    core::DatePreset preset = core::DatePreset::Any;
    bool custom = false;
    std::string from, until;  // typed custom bounds, "YYYY-MM-DD[ HH:MM]"
};

struct TaskListView {
    explicit TaskListView(core::TaskKind kind) { query.kind = kind; }

    core::TaskQuery query;  // offset and limit unused: the table pages itself
    std::string search;     // as typed; becomes query.search
    bool search_values = false;  // the user's choice; query.search_values once the index is complete
    DateFilter started, stopped;
    std::string dates_for;  // DateBoundsKey the date filters were applied at
    std::optional<std::vector<core::ValueCount>> groups, clusters;  // loaded when a filter menu opens
    // The failure group (FailureSignature::LinkId) query.among holds the tasks of, so the URL can
    // name it; "" for any other limit. Pending: a link named it, and the list shows none of its
    // tasks until the dashboard's failure groups are read (FindLinkedFailureGroups).
    std::string failure_group;
    bool failure_group_pending = false;

    TaskPages pages;
    std::uint64_t generation = 0;  // App::generation the pages were fetched at
    std::int64_t cursor = -1;      // the keyboard's row
    bool scroll_to_cursor = false;
    bool sort_changed_outside = false;  // a link set query.sort: the table's headers must follow
    bool focus_search = false;
    bool open_column_menu = false;   // "Columns…" was clicked: the table opens its menu
    std::vector<core::TaskFileColumn> shown_columns;  // what the table showed last frame: what "Export rows…" writes
    std::string announced_index;     // the index being made: said on screen the frame before
    std::string indexed;             // the index last found in the working copy (checked once, not every frame)
    std::string save_limit = "250";  // Q_CLUSTER['save_limit'] as the user knows it (Django Q's default)
    std::set<std::string> checked;  // task ids
    bool all_matching = false;      // "Select all N": every task the filter matches
    std::int64_t rows_per_page = 20;  // what fits in the table, for PageUp/PageDown
    std::vector<std::string> delete_ids;  // non-empty while the delete confirmation is open
    std::optional<core::TaskDeletion> deletion;  // confirmed, going on a step per frame
};

// Re-reads counts and rows on the next frame (the query changed).
void QueryChanged(TaskListView& view);
void DrawTaskList(App& app, TaskListView& view);

}  // namespace ui
