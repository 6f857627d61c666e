// The search field and list_filter drop-downs above a task list: group, cluster, started, stopped.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/model/task_query.h"
#include "core/sched/timestamp.h"

namespace ui {

struct App;
struct TaskListView;
struct DateFilter;

// The query bounds a date filter stands for (a preset at the current time, or the typed dates;
// a typed bound that is not a date leaves that side open).
void ApplyDateFilter(App& app, const DateFilter& filter, std::optional<std::string>& from, std::optional<std::string>& until);

// Django's date filter drop-down (Any, Today, Past 7 days, This month, This year) plus a custom
// range typed as dates (UTC). True when the bounds changed.
bool DrawDateFilter(App& app, const char* name, DateFilter& filter, std::optional<std::string>& from, std::optional<std::string>& until);

// Shows the kind's list of exactly the tasks that stopped in [from, until) (a dashboard bar): its
// other filters cleared, its Stopped filter a custom range of those times in the shown zone.
void ShowTasksStoppedBetween(App& app, core::TaskKind kind, core::UnixMicros from, core::UnixMicros until);
// The same for the tasks of one func, and for the tasks among `rowids` (sorted; a failure group's,
// or the failures new since an older export), which `label` names above the list: "the tasks of
// failure group …".
void ShowTasksOfFunc(App& app, core::TaskKind kind, const std::string& func);
void ShowTasksAmong(App& app, core::TaskKind kind, std::vector<std::int64_t> rowids, std::string label);

// Draws them and updates view.query; QueryChanged when anything changed.
void DrawTaskFilters(App& app, TaskListView& view);

}  // namespace ui
