// The search field and list_filter drop-downs above a task list: group, cluster, started, stopped.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/insights/task_insights.h"
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
// The failed tasks of a failure group, named in the URL by its link id.
void ShowFailureGroup(App& app, const core::FailureGroup& group);
// Sets the list to the failure group a link names (#/failed?failure_group=<FailureSignature::LinkId>):
// none of its tasks until FindLinkedFailureGroups finds the group.
void WaitForFailureGroup(TaskListView& view, std::string link_id);
// Gives each list waiting for a failure group that group's tasks once the dashboard's failure
// groups are read for the working copy as it is now; a group the export does not have is said so.
void FindLinkedFailureGroups(App& app);
// True while the list on screen waits for its failure group: the failure groups must be read.
bool ListWaitsOnFailureGroup(const App& app);

// Draws them and updates view.query; QueryChanged when anything changed.
void DrawTaskFilters(App& app, TaskListView& view);

}  // namespace ui
