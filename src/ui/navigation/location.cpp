#include "ui/navigation/location.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdio>
#include <utility>
#include <vector>

#include "platform/platform.h"
#include "ui/app/app.h"
#include "ui/compare/compare_page.h"
#include "ui/tasks/task_filters.h"

namespace ui {
namespace {

using Params = std::vector<std::pair<std::string, std::string>>;

std::string PercentEncode(std::string_view text) {
    std::string out;
    for (unsigned char c : text) {
        if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~' || c == ':') {
            out += static_cast<char>(c);
        } else {
            char hex[4];
            std::snprintf(hex, sizeof hex, "%%%02X", c);
            out += hex;
        }
    }
    return out;
}

std::string PercentDecode(std::string_view text) {
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '%' && i + 2 < text.size() && std::isxdigit(static_cast<unsigned char>(text[i + 1])) &&
            std::isxdigit(static_cast<unsigned char>(text[i + 2]))) {
            out += static_cast<char>(std::stoi(std::string(text.substr(i + 1, 2)), nullptr, 16));
            i += 2;
        } else {
            out += text[i] == '+' ? ' ' : text[i];
        }
    }
    return out;
}

Params ParseParams(std::string_view query) {
    Params params;
    while (!query.empty()) {
        const std::string_view part = query.substr(0, query.find('&'));
        query.remove_prefix(std::min(query.size(), part.size() + 1));
        const auto equals = part.find('=');
        if (part.empty()) continue;
        params.emplace_back(PercentDecode(part.substr(0, equals)), equals == std::string_view::npos ? "" : PercentDecode(part.substr(equals + 1)));
    }
    return params;
}

struct PresetName {
    core::DatePreset preset;
    const char* name;
};
constexpr PresetName kPresets[] = {{core::DatePreset::Today, "today"}, {core::DatePreset::Past7Days, "past-7-days"},
                                   {core::DatePreset::ThisMonth, "this-month"}, {core::DatePreset::ThisYear, "this-year"}};

struct SortName {
    core::TaskColumn column;
    const char* name;
};
constexpr SortName kSorts[] = {{core::TaskColumn::Name, "name"},       {core::TaskColumn::Group, "group"},
                               {core::TaskColumn::Func, "func"},       {core::TaskColumn::Cluster, "cluster"},
                               {core::TaskColumn::Started, "started"}, {core::TaskColumn::Stopped, "stopped"},
                               {core::TaskColumn::TimeTaken, "time_taken"}, {core::TaskColumn::AttemptCount, "attempt_count"}};

std::string DateParam(const DateFilter& filter) {
    if (filter.custom) return filter.from + ".." + filter.until;
    for (const auto& preset : kPresets)
        if (preset.preset == filter.preset) return preset.name;
    return {};
}

void AddParam(std::string& out, const char* name, const std::string& value) {
    out += out.find('?') == std::string::npos ? "?" : "&";
    out += std::string(name) + "=" + PercentEncode(value);
}

std::string ListLocation(const TaskListView& view, const char* page) {
    std::string out = std::string("#/") + page;
    const core::TaskQuery& query = view.query;
    if (!query.search.empty()) AddParam(out, "q", query.search);
    if (view.search_values) AddParam(out, "values", "1");  // also in args, kwargs and result
    if (query.group) AddParam(out, "group", *query.group);
    if (query.cluster) AddParam(out, "cluster", *query.cluster);
    if (query.func) AddParam(out, "func", *query.func);
    if (!view.failure_group.empty()) AddParam(out, "failure_group", view.failure_group);
    if (const std::string started = DateParam(view.started); !started.empty()) AddParam(out, "started", started);
    if (const std::string stopped = DateParam(view.stopped); !stopped.empty()) AddParam(out, "stopped", stopped);
    if (query.sort != core::TaskColumn::Stopped || !query.descending) {
        for (const auto& sort : kSorts)
            if (sort.column == query.sort) AddParam(out, "sort", std::string(query.descending ? "-" : "") + sort.name);
    }
    return out;
}

DateFilter ParseDateParam(const std::string& value) {
    DateFilter filter;
    for (const auto& preset : kPresets)
        if (value == preset.name) filter.preset = preset.preset;
    if (const auto dots = value.find(".."); dots != std::string::npos) {
        filter.custom = true;
        filter.from = value.substr(0, dots);
        filter.until = value.substr(dots + 2);
    }
    return filter;
}

void ApplyListParams(App& app, TaskListView& view, const Params& params) {
    TaskListView fresh(view.query.kind);
    std::string failure_group;
    for (const auto& [name, value] : params) {
        if (name == "q") fresh.search = fresh.query.search = value;
        else if (name == "values") fresh.search_values = value == "1";
        else if (name == "group") fresh.query.group = value;
        else if (name == "cluster") fresh.query.cluster = value;
        else if (name == "func") fresh.query.func = value;
        else if (name == "failure_group") failure_group = value;
        else if (name == "started") fresh.started = ParseDateParam(value);
        else if (name == "stopped") fresh.stopped = ParseDateParam(value);
        else if (name == "sort") {
            const bool descending = !value.empty() && value[0] == '-';
            for (const auto& sort : kSorts)
                if (value.substr(descending ? 1 : 0) == sort.name) {
                    fresh.query.sort = sort.column;
                    fresh.query.descending = descending;
                    fresh.sort_changed_outside = true;
                }
        }
    }
    ApplyDateFilter(app, fresh.started, fresh.query.started_from, fresh.query.started_until);
    ApplyDateFilter(app, fresh.stopped, fresh.query.stopped_from, fresh.query.stopped_until);
    if (view.query.sort != fresh.query.sort || view.query.descending != fresh.query.descending) fresh.sort_changed_outside = true;
    view.query = fresh.query;
    view.search = fresh.search;
    view.search_values = fresh.search_values;
    view.started = fresh.started;
    view.stopped = fresh.stopped;
    view.sort_changed_outside = fresh.sort_changed_outside;
    view.failure_group.clear();
    view.failure_group_pending = false;
    QueryChanged(view);
    if (!failure_group.empty()) WaitForFailureGroup(view, failure_group);
}

// #/schedules?q=report&type=C&cluster=&next_run=today&paused=1&overdue=1
std::string SchedulesLocation(const ScheduleListView& view) {
    std::string out = "#/schedules";
    const core::ScheduleQuery& query = view.query;
    if (!query.search.empty()) AddParam(out, "q", query.search);
    if (query.schedule_type) AddParam(out, "type", *query.schedule_type);
    if (query.cluster) AddParam(out, "cluster", *query.cluster);
    if (const std::string next_run = DateParam(view.next_run); !next_run.empty()) AddParam(out, "next_run", next_run);
    if (query.paused_only) AddParam(out, "paused", "1");
    if (query.overdue_only) AddParam(out, "overdue", "1");
    return out;
}

void ApplySchedulesParams(App& app, ScheduleListView& view, const Params& params) {
    ScheduleListView fresh;
    for (const auto& [name, value] : params) {
        if (name == "q") fresh.search = fresh.query.search = value;
        else if (name == "type") fresh.query.schedule_type = value;
        else if (name == "cluster") fresh.query.cluster = value;
        else if (name == "next_run") fresh.next_run = ParseDateParam(value);
        else if (name == "paused") fresh.query.paused_only = value == "1";
        else if (name == "overdue") fresh.query.overdue_only = value == "1";
    }
    ApplyDateFilter(app, fresh.next_run, fresh.query.next_run.from, fresh.query.next_run.until);
    fresh.query.sort = view.query.sort;
    fresh.query.descending = view.query.descending;
    view.query = fresh.query;
    view.search = fresh.search;
    view.next_run = fresh.next_run;
    view.refilter = true;
}

// The number after `prefix` in a path ("schedule/12"); 0 when there is none.
std::int64_t IdAfter(std::string_view path, std::string_view prefix) {
    std::int64_t id = 0;
    std::from_chars(path.data() + prefix.size(), path.data() + path.size(), id);
    return id;
}

// #/queued?q=add&key=djqdemo&lock=available
std::string QueueLocation(const QueueListView& view) {
    std::string out = "#/queued";
    const core::QueueQuery& query = view.query;
    if (!query.search.empty()) AddParam(out, "q", query.search);
    if (query.key) AddParam(out, "key", *query.key);
    if (query.lock) AddParam(out, "lock", core::LockStateName(*query.lock));
    return out;
}

void ApplyQueueParams(QueueListView& view, const Params& params) {
    core::QueueQuery query;
    for (const auto& [name, value] : params) {
        if (name == "q") query.search = value;
        else if (name == "key") query.key = value;
        else if (name == "lock") query.lock = core::LockStateNamed(value);
    }
    view.query = query;
    view.search = query.search;
    view.refilter = true;
}

}  // namespace

std::string TaskLocation(std::string_view id) { return "#/task/" + PercentEncode(id); }

std::string LocationOf(const App& app) {
    switch (app.page) {
        case Page::Overview: return "#/";
        case Page::Successful: return ListLocation(app.successful, "successful");
        case Page::Failed: return ListLocation(app.failed, "failed");
        case Page::AllTasks: return ListLocation(app.all_tasks, "tasks");
        case Page::TaskDetail: return TaskLocation(app.detail.id);
        case Page::Schedules: return SchedulesLocation(app.schedules);
        case Page::ScheduleEdit: return app.schedule_editor.id == 0 ? "#/schedule/new" : "#/schedule/" + std::to_string(app.schedule_editor.id);
        case Page::Queue: return QueueLocation(app.queue);
        case Page::QueueEntry: return "#/queued/" + std::to_string(app.queue_entry.id);
        case Page::Changes: return "#/changes";
        case Page::Funcs: return "#/funcs";
        case Page::Compare: return "#/compare";
    }
    return "#/";
}

void GoToLocation(App& app, std::string_view fragment) {
    if (!fragment.empty() && fragment[0] == '#') fragment.remove_prefix(1);
    if (!fragment.empty() && fragment[0] == '/') fragment.remove_prefix(1);
    const auto question = fragment.find('?');
    const std::string_view path = fragment.substr(0, question);
    const Params params = question == std::string_view::npos ? Params{} : ParseParams(fragment.substr(question + 1));
    if (path == "successful" || path == "failed" || path == "tasks") {
        const Page page = path == "successful" ? Page::Successful : path == "failed" ? Page::Failed : Page::AllTasks;
        TaskListView& view = *TaskListOn(app, page);
        ApplyListParams(app, view, params);
        if (app.current) ValueSearchChanged(app, view);  // ?values=1: indexes the decoded values if needed
        FindLinkedFailureGroups(app);  // at once when the failure groups are read already
        ShowList(app, page);
    } else if (path.rfind("task/", 0) == 0) {
        OpenTask(app, PercentDecode(path.substr(5)));
    } else if (path == "schedules") {
        ApplySchedulesParams(app, app.schedules, params);
        ShowSchedules(app);
    } else if (path == "schedule/new") {
        NewSchedule(app);
    } else if (path.rfind("schedule/", 0) == 0) {
        EditSchedule(app, IdAfter(path, "schedule/"));
    } else if (path == "changes") {
        ShowChanges(app);
    } else if (path == "funcs") {
        ShowFuncs(app);
    } else if (path == "compare") {
        ShowComparison(app);
    } else if (path == "queued") {
        ApplyQueueParams(app.queue, params);
        ShowQueue(app);
    } else if (path.rfind("queued/", 0) == 0) {
        OpenQueueEntry(app, IdAfter(path, "queued/"));
    } else {
        ShowList(app, Page::Overview);
    }
    // The platform's URL already says this (a link, Back); the next publish only rewrites it in its
    // canonical form, without adding a history entry.
    app.published_location.clear();
}

void PublishLocation(App& app) {
    const std::string now = LocationOf(app);
    if (now == app.published_location) return;
    const auto path = [](const std::string& location) { return location.substr(0, location.find('?')); };
    // The first location replaces the page's own URL, so Back leaves the app as it would any page.
    const bool new_page = !app.published_location.empty() && path(now) != path(app.published_location);
    app.published_location = now;
    platform::SetLocation(now, new_page);
}

}  // namespace ui
