#include "ui/compare/compare_page.h"

#include <algorithm>

#include <imgui.h>

#include "ui/app/app.h"
#include "ui/app/time_display.h"
#include "ui/compare/comparison.h"
#include "ui/queue/queue_list.h"
#include "ui/schedules/schedule_editor.h"
#include "ui/tasks/task_filters.h"
#include "ui/theme/theme.h"
#include "ui/widgets/widgets.h"

namespace ui {
namespace {

constexpr std::size_t kGroupsShown = 50, kSchedulesShown = 100;  // djq diff lists them all
constexpr ImGuiTableFlags kTableFlags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_SizingStretchProp;

std::string Plural(std::size_t n, const char* one, const char* many) { return GroupThousands(static_cast<long long>(n)) + " " + (n == 1 ? one : many); }

void MoreRows(App& app, std::size_t total, std::size_t shown) {
    if (total > shown) TextMuted(app.mirror, "and " + GroupThousands(static_cast<long long>(total - shown)) + " more (djq diff OLD NEW lists them all)");
}

void Totals(App& app, const core::ExportDiff& diff) {
    Value(app.mirror, "Tasks", BeforeAfter(diff.tasks_before, diff.tasks_after));
    Value(app.mirror, "Failed tasks", BeforeAfter(diff.failures_before, diff.failures_after));
    Value(app.mirror, "Queued tasks", BeforeAfter(diff.queue.before, diff.queue.after));
    Value(app.mirror, "Last task stopped", FormatShown(app, diff.last_stopped_before) + " → " + FormatShown(app, diff.last_stopped_after));
}

void FailureGroupChanges(App& app, const core::ExportDiff& diff, const std::string& older) {
    const std::size_t appeared = static_cast<std::size_t>(std::count_if(diff.groups.begin(), diff.groups.end(), [](const auto& g) { return g.Appeared(); }));
    Text(app.mirror, "New failures (" + GroupThousands(static_cast<long long>(diff.new_failures.size())) + ")");
    if (diff.new_failures.empty()) return TextMuted(app.mirror, "No task failed since " + older + ".");
    if (Link(app.mirror, "Show the " + Plural(diff.new_failures.size(), "new failure", "new failures")))
        ShowTasksAmong(app, core::TaskKind::Failed, diff.NewFailureRowids(), "the failures new since " + older);
    ImGui::SameLine();
    TextMuted(app.mirror, "in " + Plural(diff.groups.size(), "failure group", "failure groups") + ", " + GroupThousands(static_cast<long long>(appeared)) +
                              " of them new");
    if (!ImGui::BeginTable("failure group changes", 6, kTableFlags)) return;
    ImGui::TableSetupColumn("Change", ImGuiTableColumnFlags_WidthStretch, 0.8f);
    ImGui::TableSetupColumn("Failures then → now", ImGuiTableColumnFlags_WidthStretch, 1.2f);
    ImGui::TableSetupColumn("New", ImGuiTableColumnFlags_WidthStretch, 0.5f);
    ImGui::TableSetupColumn("Error", ImGuiTableColumnFlags_WidthStretch, 4.0f);
    ImGui::TableSetupColumn("Where", ImGuiTableColumnFlags_WidthStretch, 2.0f);
    ImGui::TableSetupColumn(TimeColumnLabel(app, "Last seen").c_str(), ImGuiTableColumnFlags_WidthStretch, 1.5f);
    ColumnHeaders(app.mirror);
    for (std::size_t i = 0; i < diff.groups.size() && i < kGroupsShown; ++i) {
        const core::FailureGroupChange& g = diff.groups[i];
        ImGui::PushID(static_cast<int>(i));
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        if (g.Appeared()) TextColored(app.mirror, theme::Colors().failure, "new group");
        else Text(app.mirror, "grew");
        ImGui::TableNextColumn();
        Text(app.mirror, BeforeAfter(g.before, g.after));
        ImGui::TableNextColumn();
        CellTextRight(app.mirror, GroupThousands(static_cast<long long>(g.new_rowids.size())));
        ImGui::TableNextColumn();
        // Its new failures, newest first: their tracebacks, and Resubmit for them all.
        if (Link(app.mirror, g.signature.Headline()))
            ShowTasksAmong(app, core::TaskKind::Failed, g.new_rowids, "the failures of group \"" + g.signature.Headline() + "\" new since " + older);
        ImGui::TableNextColumn();
        CellText(app.mirror, g.signature.Place(), g.signature.file + ", in " + g.signature.function);
        ImGui::TableNextColumn();
        CellText(app.mirror, FormatShown(app, g.last_seen));
        ImGui::PopID();
    }
    ImGui::EndTable();
    MoreRows(app, diff.groups.size(), kGroupsShown);
}

void GroupsGone(App& app, const core::ExportDiff& diff) {
    if (diff.groups_gone.empty()) return;
    Text(app.mirror, "Failure groups with no failure left (" + GroupThousands(static_cast<long long>(diff.groups_gone.size())) + ")");
    ImGui::Indent();
    for (std::size_t i = 0; i < diff.groups_gone.size() && i < kGroupsShown; ++i)
        TextMuted(app.mirror, GroupThousands(diff.groups_gone[i].before) + " before: " + diff.groups_gone[i].signature.Headline());
    MoreRows(app, diff.groups_gone.size(), kGroupsShown);
    ImGui::Unindent();
}

std::string FieldChanges(const core::ScheduleChange& change) {
    std::string text;
    for (const core::FieldChange& f : change.fields) text += (text.empty() ? "" : "; ") + f.field + ": " + f.before + " → " + f.after;
    return text;
}

void ScheduleChanges(App& app, const core::ExportDiff& diff) {
    Text(app.mirror, "Schedules: " + GroupThousands(static_cast<long long>(diff.schedules.size())) + " added, removed or edited, " +
                         GroupThousands(diff.schedules_ran) + " run by the scheduler");
    if (diff.schedules.empty()) return;
    if (!ImGui::BeginTable("schedule changes", 3, kTableFlags)) return;
    ImGui::TableSetupColumn("Change", ImGuiTableColumnFlags_WidthStretch, 0.8f);
    ImGui::TableSetupColumn("Schedule", ImGuiTableColumnFlags_WidthStretch, 2.0f);
    ImGui::TableSetupColumn("What changed", ImGuiTableColumnFlags_WidthStretch, 5.0f);
    ColumnHeaders(app.mirror);
    for (std::size_t i = 0; i < diff.schedules.size() && i < kSchedulesShown; ++i) {
        const core::ScheduleChange& s = diff.schedules[i];
        ImGui::PushID(static_cast<int>(i));
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        Text(app.mirror, core::ScheduleChangeKindId(s.kind));
        ImGui::TableNextColumn();
        const std::string label = "Schedule " + std::to_string(s.id) + " " + s.label;
        if (s.kind == core::ScheduleChangeKind::Removed) Text(app.mirror, label);  // only the older export has it
        else if (Link(app.mirror, label)) EditSchedule(app, s.id);
        ImGui::TableNextColumn();
        ImGui::PushTextWrapPos(0.0f);  // every change, whole: args and kwargs can be long
        Text(app.mirror, FieldChanges(s));
        ImGui::PopTextWrapPos();
        ImGui::PopID();
    }
    ImGui::EndTable();
    MoreRows(app, diff.schedules.size(), kSchedulesShown);
}

void QueueChanges(App& app, const core::ExportDiff& diff, const std::string& older) {
    const core::QueueChange& q = diff.queue;
    Text(app.mirror, "Queue: " + BeforeAfter(q.before, q.after));
    ImGui::Indent();
    TextMuted(app.mirror, Plural(q.added.size(), "entry", "entries") + " added, " + GroupThousands(q.gone) + " taken or deleted, " +
                              GroupThousands(static_cast<long long>(q.waiting.size())) + " still waiting since " + older);
    for (const auto& [cluster, counts] : q.per_cluster) TextMuted(app.mirror, "cluster " + cluster + ": " + BeforeAfter(counts.first, counts.second));
    ImGui::Unindent();
    if (q.after > 0 && Link(app.mirror, "Show the queue")) ShowQueue(app);
}

void DrawProgress(App& app, const Comparison& c) {
    if (c.older) return TextMuted(app.mirror, "Reading " + c.source + ": " + GroupThousands(c.older_scan.tasks_read()) + " tasks so far…");
    TextMuted(app.mirror, "Reading this working copy: " + GroupThousands(c.current_scan ? c.current_scan->tasks_read() : 0) + " tasks so far…");
}

void OfferToOpen(App& app) {
    ImGui::PushTextWrapPos(ImGui::GetFontSize() * 46.0f);
    Text(app.mirror,
         "Open an earlier export of the same server (yesterday's, say) to see what changed since: new failures and their failure groups, "
         "schedules added, removed or edited, and how the queue moved. The working copy stays as it is.");
    ImGui::PopTextWrapPos();
    if (Button(app.mirror, "Open an older export…")) RequestComparison(app);
}

}  // namespace

void ShowComparison(App& app) { app.page = Page::Compare; }

void DrawComparePage(App& app) {
    Heading(app.mirror, "Compare with an older export");
    if (!app.comparison && app.kept_comparison) {
        ReopenKeptComparison(app);
        return TextMuted(app.mirror, "Reopening " + app.kept_comparison->source + ", the older export kept from your last visit…");
    }
    if (!app.comparison) return OfferToOpen(app);
    const Comparison& c = *app.comparison;
    ImGui::AlignTextToFramePadding();
    Text(app.mirror, "From " + c.source + " (older) to " + app.current->source + " (this working copy)");
    SameLineIfFits(ButtonWidth("Compare with another…") + ButtonWidth("Close comparison") + ImGui::GetStyle().ItemSpacing.x, 24);
    if (Button(app.mirror, "Compare with another…")) RequestComparison(app);
    ImGui::SameLine();
    if (Button(app.mirror, "Close comparison")) {
        CloseComparison(app);
        return ShowList(app, Page::Overview);
    }
    if (!c.error.empty()) return TextColored(app.mirror, theme::Colors().failure, "Could not compare: " + c.error);
    if (!c.diff) return DrawProgress(app, c);
    const core::ExportDiff& diff = *c.diff;
    ImGui::PushTextWrapPos(0.0f);
    for (const std::string& warning : diff.warnings) TextColored(app.mirror, theme::Colors().failure, warning);
    ImGui::PopTextWrapPos();
    Totals(app, diff);
    ImGui::Spacing();
    FailureGroupChanges(app, diff, c.source);
    GroupsGone(app, diff);
    ImGui::Spacing();
    ScheduleChanges(app, diff);
    ImGui::Spacing();
    QueueChanges(app, diff, c.source);
}

}  // namespace ui
