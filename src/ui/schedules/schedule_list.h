// The Scheduled tasks list (SEMANTICS.md §2, ScheduleAdmin): id, name, func, type, repeats,
// cluster, next run, last run (linking to its task), success; search, filters (type, cluster,
// next run dates, paused, overdue) and sort by any column. A row opens the editor.
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/model/schedule_query.h"
#include "ui/tasks/task_list.h"  // DateFilter

namespace ui {

struct App;

struct ScheduleListView {
    core::ScheduleQuery query;
    std::string search;  // as typed
    DateFilter next_run;
    std::string dates_for;  // DateBoundsKey the date filter was applied at
    std::vector<core::ScheduleListRow> rows;  // every schedule, re-read when the data changes
    std::vector<const core::ScheduleListRow*> shown;  // the filtered, sorted rows
    std::vector<core::ScheduleColumn> shown_columns;  // what Export rows… writes: the id, then the table's shown columns
    std::uint64_t generation = 0;  // App::generation `rows` were read at
    bool refilter = true;
    std::set<std::int64_t> checked;
    std::vector<std::int64_t> delete_ids;  // non-empty while the delete confirmation is open
    std::int64_t cursor = -1;
    bool focus_search = false;
};

void DrawScheduleList(App& app, ScheduleListView& view);
// Shows the Scheduled tasks page with only the schedules matching `search` (a link from a task).
void ShowSchedules(App& app);

}  // namespace ui
