#include "ui/overview/dashboard.h"

#include <algorithm>
#include <optional>

#include <imgui.h>

#include "ui/app/app.h"
#include "ui/app/time_display.h"
#include "ui/navigation/location.h"
#include "ui/overview/overview.h"
#include "ui/queue/queue_entry.h"
#include "ui/schedules/schedule_editor.h"
#include "ui/tasks/task_filters.h"
#include "ui/theme/theme.h"
#include "ui/widgets/charts.h"
#include "ui/widgets/widgets.h"

namespace ui {
namespace {

constexpr std::size_t kBusiestShown = 8, kGroupsShown = 8;
// More bars than this do not fit a screen's width: the bucket that would make them is not offered.
constexpr double kMostBars = 1'500;

}  // namespace

const core::TaskInsights* CurrentInsights(App& app) {
    if (!app.insights_scan || !app.insights_scan->done() || app.insights_generation != app.generation) return nullptr;
    const core::TimeZone& zone = ShownTimeZone(app);
    const auto bucket = app.overview.bucket;
    const std::string key = std::to_string(app.insights_generation) + "|" + zone.Name() + "|" + (bucket ? core::BucketName(*bucket) : "auto");
    if (key != app.insights_for) {
        app.insights = app.insights_scan->Summarise(zone, bucket);
        app.insights_for = key;
    }
    return &*app.insights;
}

const core::TaskInsights* ShownInsights(App& app) {
    if (const core::TaskInsights* current = CurrentInsights(app)) return current;
    const std::int64_t rows = app.insights_scan && app.insights_generation == app.generation ? app.insights_scan->rows_read() : 0;
    TextMuted(app.mirror, std::string(app.insights ? "Updating these figures" : "Reading tasks for these figures") + ": " +
                              GroupThousands(rows) + " read so far…");
    return app.insights ? &*app.insights : nullptr;
}

namespace {

void BucketChoice(App& app, OverviewView& view, const core::TaskInsights& insights) {
    constexpr double kMicrosPer[] = {3'600e6, 86'400e6, 7 * 86'400e6};
    const double span = insights.buckets.empty() ? 0.0 : static_cast<double>(insights.buckets.back().end - insights.buckets.front().start);
    InlineLabel("Per");
    if (Radio(app.mirror, "Auto", !view.bucket)) view.bucket.reset();
    for (core::Bucket bucket : {core::Bucket::Hour, core::Bucket::Day, core::Bucket::Week}) {
        ImGui::SameLine();
        const bool too_many = span / kMicrosPer[static_cast<int>(bucket)] > kMostBars;
        ImGui::BeginDisabled(too_many);
        std::string label = core::BucketName(bucket);
        label[0] = static_cast<char>(label[0] - 'a' + 'A');
        if (Radio(app.mirror, label, view.bucket == bucket)) view.bucket = bucket;
        ImGui::EndDisabled();
    }
}

void TasksOverTime(App& app, OverviewView& view, const core::TaskInsights& insights) {
    const core::TimeZone& zone = ShownTimeZone(app);
    ImGui::AlignTextToFramePadding();
    Text(app.mirror, std::string("Tasks stopped per ") + core::BucketName(insights.bucket) + " (" + ShownZoneLabel(app) + ")");
    ImGui::SameLine(0.0f, 24.0f);
    BucketChoice(app, view, insights);
    const std::vector<ChartSeries> series = {{"Succeeded", theme::Colors().success}, {"Failed", theme::Colors().failure}};
    std::vector<ChartBar> bars;
    bars.reserve(insights.buckets.size());
    for (const core::TimeBucket& bucket : insights.buckets)
        bars.push_back({core::BucketLabel(zone, insights.bucket, bucket), {bucket.successes, bucket.failures}});
    const ChartHit hit = StackedBarChart(app.mirror, "Tasks over time", series, bars, ImGui::GetTextLineHeight() * 11.0f);
    if (!hit.hit()) return;
    const core::TimeBucket& bucket = insights.buckets[static_cast<std::size_t>(hit.bar)];
    const core::TaskKind kind = hit.series == 0 ? core::TaskKind::Successful : hit.series == 1 ? core::TaskKind::Failed : core::TaskKind::All;
    ShowTasksStoppedBetween(app, kind, bucket.start, bucket.end);
}

void BusiestFuncs(App& app, const core::TaskInsights& insights) {
    Text(app.mirror, "Busiest funcs");
    constexpr ImGuiTableFlags kFlags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_SizingStretchProp;
    if (!ImGui::BeginTable("busiest funcs", 6, kFlags)) return;
    ImGui::TableSetupColumn("Func", ImGuiTableColumnFlags_WidthStretch, 3.0f);
    ImGui::TableSetupColumn("Runs", ImGuiTableColumnFlags_WidthStretch, 1.0f);
    ImGui::TableSetupColumn("Failed", ImGuiTableColumnFlags_WidthStretch, 1.0f);
    ImGui::TableSetupColumn("Failure rate", ImGuiTableColumnFlags_WidthStretch, 1.0f);
    ImGui::TableSetupColumn("Time taken p95", ImGuiTableColumnFlags_WidthStretch, 1.2f);
    ImGui::TableSetupColumn("Over time", ImGuiTableColumnFlags_WidthStretch, 1.5f);
    ColumnHeaders(app.mirror);
    for (std::size_t i = 0; i < insights.funcs.size() && i < kBusiestShown; ++i) {
        const core::FuncMetrics& f = insights.funcs[i];
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        if (Link(app.mirror, f.func)) ShowTasksOfFunc(app, core::TaskKind::All, f.func);
        ImGui::TableNextColumn();
        CellTextRight(app.mirror, GroupThousands(f.runs));
        ImGui::TableNextColumn();
        CellTextRight(app.mirror, GroupThousands(f.failures));
        ImGui::TableNextColumn();
        CellTextRight(app.mirror, core::PercentText(f.FailureRate()));
        ImGui::TableNextColumn();
        CellTextRight(app.mirror, core::SecondsText(f.time_taken.p95));
        ImGui::TableNextColumn();
        Sparkline(f.sparkline, ImGui::GetContentRegionAvail().x, ImGui::GetTextLineHeight(), theme::Colors().schedule);
    }
    ImGui::EndTable();
}

void FailureGroups(App& app, const core::TaskInsights& insights) {
    Text(app.mirror, "Failure groups (" + GroupThousands(static_cast<long long>(insights.failure_groups.size())) + ")");
    if (insights.failure_groups.empty()) return TextMuted(app.mirror, "No task failed.");
    constexpr ImGuiTableFlags kFlags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_SizingStretchProp;
    if (!ImGui::BeginTable("failure groups", 4, kFlags)) return;
    ImGui::TableSetupColumn("Failures", ImGuiTableColumnFlags_WidthStretch, 0.7f);
    ImGui::TableSetupColumn("Error", ImGuiTableColumnFlags_WidthStretch, 4.0f);
    ImGui::TableSetupColumn("Where", ImGuiTableColumnFlags_WidthStretch, 2.0f);
    ImGui::TableSetupColumn(TimeColumnLabel(app, "Last seen").c_str(), ImGuiTableColumnFlags_WidthStretch, 1.5f);
    ColumnHeaders(app.mirror);
    for (std::size_t i = 0; i < insights.failure_groups.size() && i < kGroupsShown; ++i) {
        const core::FailureGroup& group = insights.failure_groups[i];
        ImGui::PushID(static_cast<int>(i));
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        CellTextRight(app.mirror, GroupThousands(group.count));
        ImGui::TableNextColumn();
        // Its tasks, newest first: their tracebacks, and Resubmit for them all.
        if (Link(app.mirror, group.signature.Headline())) ShowFailureGroup(app, group);
        ImGui::TableNextColumn();
        CellText(app.mirror, group.signature.Place(), group.signature.file + ", in " + group.signature.function);
        ImGui::TableNextColumn();
        CellText(app.mirror, FormatShown(app, group.last_seen));
        ImGui::PopID();
    }
    ImGui::EndTable();
    if (insights.failure_groups.size() > kGroupsShown)
        TextMuted(app.mirror, "and " + GroupThousands(static_cast<long long>(insights.failure_groups.size() - kGroupsShown)) +
                                  " smaller groups (djq failures FILE lists them all)");
}

// A row's link: the schedule's page, or the queue entry's.
void HealthRowLink(App& app, const core::HealthRow& row) {
    const std::string label = std::string(row.schedule ? "Schedule " : "Queued task ") + std::to_string(row.id) + (row.label.empty() ? "" : " " + row.label);
    if (Link(app.mirror, label)) {
        if (row.schedule) EditSchedule(app, row.id);
        else OpenQueueEntry(app, row.id);
    }
    ImGui::SameLine();
    TextMuted(app.mirror, row.detail);
}

// The list that holds every row of a check beyond the few the panel shows, as a link: the
// location and what it lists; none where no list filter says the same.
struct MoreRowsLink {
    const char* location;
    const char* what;
};
std::optional<MoreRowsLink> ListOfCheck(core::HealthCheck check) {
    switch (check) {
        case core::HealthCheck::ScheduleOverdue: return MoreRowsLink{"#/schedules?overdue=1", "the overdue schedules"};
        case core::HealthCheck::SchedulePaused: return MoreRowsLink{"#/schedules?paused=1", "the paused schedules"};
        case core::HealthCheck::QueueNeverTaken: return MoreRowsLink{"#/queued?lock=null", "the entries with a NULL lock"};
        case core::HealthCheck::QueueWaiting: return MoreRowsLink{"#/queued?lock=available", "the available entries"};
        default: return std::nullopt;
    }
}

// What needs attention, by check, each row linking to what it names; paused schedules last, for
// information. A few rows per check, then a link to the list of them all where one can say so
// (djq health lists every row).
void HealthPanel(App& app) {
    constexpr std::size_t kRowsPerCheck = 5;
    if (!app.health_rows) return TextMuted(app.mirror, "Checking schedules and the queue…");
    const auto& rows = *app.health_rows;
    const auto attention = std::count_if(rows.begin(), rows.end(), [](const core::HealthRow& row) { return core::NeedsAttention(row.check); });
    if (attention == 0) TextColored(app.mirror, theme::Colors().success, "Nothing needs attention");
    else TextColored(app.mirror, theme::Colors().failure, "Needs attention (" + GroupThousands(attention) + ")");
    for (std::size_t i = 0; i < rows.size();) {
        std::size_t end = i;
        while (end < rows.size() && rows[end].check == rows[i].check) ++end;
        ImGui::PushID(static_cast<int>(i));
        Text(app.mirror, std::string(core::HealthCheckTitle(rows[i].check)) + " (" + GroupThousands(static_cast<long long>(end - i)) + ")" +
                             (core::NeedsAttention(rows[i].check) ? "" : ", for your information"));
        ImGui::Indent();
        for (std::size_t j = i; j < end && j < i + kRowsPerCheck; ++j) {
            ImGui::PushID(static_cast<int>(j));
            HealthRowLink(app, rows[j]);
            ImGui::PopID();
        }
        if (end - i > kRowsPerCheck) {
            const std::string more = "and " + GroupThousands(static_cast<long long>(end - i - kRowsPerCheck)) + " more";
            if (const auto list = ListOfCheck(rows[i].check)) {
                if (Link(app.mirror, more + ": " + list->what)) GoToLocation(app, list->location);
            } else {
                TextMuted(app.mirror, more + " (djq health FILE lists them all)");
            }
        }
        ImGui::Unindent();
        ImGui::PopID();
        i = end;
    }
}

}  // namespace

void DrawDashboard(App& app, OverviewView& view) {
    const core::TaskInsights* shown = ShownInsights(app);
    if (!shown) return;
    const core::TaskInsights& insights = *shown;
    if (insights.tasks == 0) return;
    Value(app.mirror, "Failure rate", core::PercentText(insights.FailureRate()) + " (" + GroupThousands(insights.failures) + " of " +
                                          GroupThousands(insights.tasks) + " tasks)");
    Value(app.mirror, "Time taken", "p50 " + core::SecondsText(insights.time_taken.p50) + " · p95 " + core::SecondsText(insights.time_taken.p95) +
                                        " · max " + core::SecondsText(insights.time_taken.max));
    ImGui::Spacing();
    HealthPanel(app);
    ImGui::Spacing();
    TasksOverTime(app, view, insights);
    ImGui::Spacing();
    BusiestFuncs(app, insights);
    ImGui::Spacing();
    FailureGroups(app, insights);
}

}  // namespace ui
