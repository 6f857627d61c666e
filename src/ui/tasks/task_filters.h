// The search field and list_filter drop-downs above a task list: group, cluster, started, stopped.
#pragma once

#include <optional>
#include <string>

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

// Draws them and updates view.query; QueryChanged when anything changed.
void DrawTaskFilters(App& app, TaskListView& view);

}  // namespace ui
