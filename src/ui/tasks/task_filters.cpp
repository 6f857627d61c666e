#include "ui/tasks/task_filters.h"

#include <algorithm>

#include <imgui.h>

#include "ui/app/app.h"
#include "core/sched/local_time.h"
#include "ui/app/time_display.h"
#include "ui/overview/dashboard.h"
#include "ui/theme/theme.h"
#include "ui/widgets/widgets.h"

namespace ui {
namespace {

constexpr float kValueFilterWidth = 180.0f;  // the Group and Cluster drop-downs


std::string Counted(const std::string& label, std::int64_t count) { return label + " (" + GroupThousands(count) + ")"; }

// Group or cluster: "All" plus every value with its count, loaded the first time the list opens.
bool ValueFilter(App& app, TaskListView& view, const char* name, core::FilterColumn column, std::optional<std::string>& chosen) {
    auto& values = column == core::FilterColumn::Group ? view.groups : view.clusters;
    const std::string current = !chosen ? std::string("All") : chosen->empty() ? "(none)" : *chosen;
    InlineLabel(name);
    bool changed = false;
    if (BeginDropDown(app.mirror, (std::string(name) + " filter").c_str(), current, kValueFilterWidth)) {
        if (!values) {
            auto counted = core::CountByValue(*app.current, view.query.kind, column);
            values = counted ? std::move(counted.value()) : std::vector<core::ValueCount>();
        }
        if (Option(app.mirror, "All", !chosen)) {
            chosen.reset();
            changed = true;
        }
        for (const auto& value : *values) {
            // A NULL group is Django's "(None)" choice: tasks started without a group.
            const std::string label = Counted(value.value ? *value.value : "(none)", value.count);
            const bool selected = chosen && *chosen == value.value.value_or("");
            if (Option(app.mirror, label, selected)) {
                chosen = value.value.value_or("");
                changed = true;
            }
        }
        EndDropDown();
    }
    return changed;
}

}  // namespace

void ApplyDateFilter(App& app, const DateFilter& filter, std::optional<std::string>& from, std::optional<std::string>& until) {
    const core::TimeZone& zone = ShownTimeZone(app);
    if (filter.custom) {
        from = core::ParseDateBound(filter.from, zone);
        until = core::ParseDateBound(filter.until, zone);
    } else {
        const core::DateRange range = core::PresetRange(filter.preset, ShownNow(app), zone);
        from = range.from;
        until = range.until;
    }
}

namespace {

// The kind's list with no search and no filter, for a link that sets one of its own.
TaskListView& ClearedList(App& app, core::TaskKind kind) {
    TaskListView& view = *TaskListOn(app, ListPageOf(kind));
    view.search.clear();
    view.query.search.clear();
    view.query.group.reset();
    view.query.cluster.reset();
    view.query.func.reset();
    view.query.among.reset();
    view.query.among_label.clear();
    view.failure_group.clear();
    view.failure_group_pending = false;
    view.started = {};
    view.query.started_from.reset();
    view.query.started_until.reset();
    view.stopped = {};
    view.query.stopped_from.reset();
    view.query.stopped_until.reset();
    return view;
}

void ShowListOf(App& app, TaskListView& view) {
    QueryChanged(view);
    ShowList(app, ListPageOf(view.query.kind));
}

}  // namespace

void ShowTasksStoppedBetween(App& app, core::TaskKind kind, core::UnixMicros from, core::UnixMicros until) {
    TaskListView& view = ClearedList(app, kind);
    // Typed as the user would type them ("YYYY-MM-DD HH:MM"): bucket bounds are whole hours or days.
    const core::TimeZone& zone = ShownTimeZone(app);
    view.stopped = DateFilter{core::DatePreset::Any, true, core::FormatLocalSeconds(zone, from).substr(0, 16),
                              core::FormatLocalSeconds(zone, until).substr(0, 16)};
    ApplyDateFilter(app, view.stopped, view.query.stopped_from, view.query.stopped_until);
    ShowListOf(app, view);
}

void ShowTasksOfFunc(App& app, core::TaskKind kind, const std::string& func) {
    TaskListView& view = ClearedList(app, kind);
    view.query.func = func;
    ShowListOf(app, view);
}

void ShowTasksAmong(App& app, core::TaskKind kind, std::vector<std::int64_t> rowids, std::string label) {
    TaskListView& view = ClearedList(app, kind);
    view.query.among = std::make_shared<const std::vector<std::int64_t>>(std::move(rowids));
    view.query.among_label = std::move(label);
    ShowListOf(app, view);
}

namespace {

std::string FailureGroupLabel(const core::FailureGroup& group) { return "the tasks of failure group \"" + group.signature.Headline() + "\""; }

}  // namespace

void ShowFailureGroup(App& app, const core::FailureGroup& group) {
    ShowTasksAmong(app, core::TaskKind::Failed, group.rowids, FailureGroupLabel(group));
    TaskListOn(app, Page::Failed)->failure_group = group.signature.LinkId();
}

void WaitForFailureGroup(TaskListView& view, std::string link_id) {
    view.query.among = std::make_shared<const std::vector<std::int64_t>>();
    view.query.among_label = "the tasks of failure group " + link_id + " (finding it: reading the failure groups…)";
    view.failure_group = std::move(link_id);
    view.failure_group_pending = true;
    QueryChanged(view);
}

void FindLinkedFailureGroups(App& app) {
    const auto lists = TaskLists(app);
    if (std::none_of(lists.begin(), lists.end(), [](const TaskListView* view) { return view->failure_group_pending; })) return;
    const core::TaskInsights* insights = CurrentInsights(app);
    if (!insights) return;
    for (TaskListView* view : lists) {
        if (!view->failure_group_pending) continue;
        const auto group = std::find_if(insights->failure_groups.begin(), insights->failure_groups.end(),
                                        [&](const core::FailureGroup& g) { return g.signature.LinkId() == view->failure_group; });
        view->failure_group_pending = false;
        if (group == insights->failure_groups.end()) {
            view->query.among_label = "the tasks of failure group " + view->failure_group + ", which " + app.current->source +
                                      " does not have (none of its tasks failed so, or they were resubmitted or deleted)";
        } else {
            view->query.among = std::make_shared<const std::vector<std::int64_t>>(group->rowids);
            view->query.among_label = FailureGroupLabel(*group);
        }
        QueryChanged(*view);
    }
}

bool ListWaitsOnFailureGroup(const App& app) {
    const TaskListView* shown = TaskListOn(app, app.page);
    return shown && shown->failure_group_pending;
}

bool DrawDateFilter(App& app, const char* name, DateFilter& filter, std::optional<std::string>& from, std::optional<std::string>& until) {
    using core::DatePreset;
    InlineLabel(name);
    bool changed = false;
    const std::string current = filter.custom ? "Custom range" : core::DatePresetLabel(filter.preset);
    if (BeginDropDown(app.mirror, (std::string(name) + " filter").c_str(), current, 130.0f)) {
        for (DatePreset preset : {DatePreset::Any, DatePreset::Today, DatePreset::Past7Days, DatePreset::ThisMonth, DatePreset::ThisYear}) {
            if (Option(app.mirror, core::DatePresetLabel(preset), !filter.custom && filter.preset == preset)) {
                filter = {preset, false, {}, {}};
                changed = true;
            }
        }
        if (Option(app.mirror, "Custom range", filter.custom)) {
            filter.custom = true;
            changed = true;
        }
        EndDropDown();
    }
    if (filter.custom) {
        // Room for "YYYY-MM-DD HH:MM"; a typed bound that is not a date says so instead of being ignored.
        constexpr float kBoundWidth = 150.0f;
        SameLineIfFits(kBoundWidth);
        changed |= TextInput(app.mirror, (std::string(name) + " from").c_str(), "YYYY-MM-DD", filter.from, kBoundWidth);
        SameLineIfFits(kBoundWidth);
        changed |= TextInput(app.mirror, (std::string(name) + " until").c_str(), "YYYY-MM-DD", filter.until, kBoundWidth);
        for (const std::string* bound : {&filter.from, &filter.until}) {
            if (bound->empty() || core::ParseDateBound(*bound)) continue;
            SameLineIfFits(ImGui::CalcTextSize(bound->c_str()).x + 300.0f);
            ImGui::AlignTextToFramePadding();
            TextColored(app.mirror, theme::Colors().failure, "\"" + *bound + "\" is not a date (YYYY-MM-DD or YYYY-MM-DD HH:MM, in " + ShownTimeZone(app).Name() + ")");
        }
    }
    if (changed) ApplyDateFilter(app, filter, from, until);
    return changed;
}

namespace {

// A filter set from elsewhere (the dashboard), with no control of its own: said above the
// others, with a button that clears it. True when cleared.
bool FilterFromElsewhere(App& app, const std::string& what, const char* clear_label) {
    ImGui::AlignTextToFramePadding();
    Value(app.mirror, "Only", what);
    ImGui::SameLine();
    return Button(app.mirror, clear_label);
}

}  // namespace

void DrawTaskFilters(App& app, TaskListView& view) {
    core::TaskQuery& query = view.query;
    bool changed = false;
    if (query.func && FilterFromElsewhere(app, "tasks of func " + *query.func, "Show every func")) {
        query.func.reset();
        changed = true;
    }
    if (query.among && FilterFromElsewhere(app, query.among_label, "Show every task")) {
        query.among.reset();
        query.among_label.clear();
        view.failure_group.clear();
        view.failure_group_pending = false;
        changed = true;
    }
    if (TextInput(app.mirror, "Search", "Search name, func or group (quotes keep phrases)", view.search, 340.0f, view.focus_search)) {
        query.search = view.search;
        changed = true;
    }
    view.focus_search = false;
    SameLineIfFits(CheckboxWidth("in args, kwargs and result"));
    if (Checkbox(app.mirror, "in args, kwargs and result", view.search_values, true)) ValueSearchChanged(app, view);
    SameLineIfFits(LabelledWidth("Group", kValueFilterWidth), 16);
    changed |= ValueFilter(app, view, "Group", core::FilterColumn::Group, query.group);
    if (app.current->schema.task_cluster) {
        SameLineIfFits(LabelledWidth("Cluster", kValueFilterWidth), 16);
        changed |= ValueFilter(app, view, "Cluster", core::FilterColumn::Cluster, query.cluster);
    }
    if (view.search_values && app.value_search && !app.value_search->done()) {
        const auto& progress = *app.value_search;
        ImGui::AlignTextToFramePadding();
        TextMuted(app.mirror, "Searching values: " + GroupThousands(progress.indexed) + " of " + GroupThousands(progress.total) +
                                  " tasks decoded so far; more results appear as they are found");
    }
    changed |= DrawDateFilter(app, "Started", view.started, query.started_from, query.started_until);
    SameLineIfFits(LabelledWidth("Stopped", 130.0f), 16);
    changed |= DrawDateFilter(app, "Stopped", view.stopped, query.stopped_from, query.stopped_until);
    if (changed) QueryChanged(view);
}

}  // namespace ui
