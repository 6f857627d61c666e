#include "ui/funcs/funcs_page.h"

#include <algorithm>
#include <numeric>
#include <vector>

#include <imgui.h>

#include "core/insights/func_rows_file.h"
#include "ui/app/app.h"
#include "ui/app/export_rows.h"
#include "ui/app/time_display.h"
#include "ui/overview/dashboard.h"
#include "ui/tasks/task_filters.h"
#include "ui/theme/theme.h"
#include "ui/widgets/charts.h"
#include "ui/widgets/widgets.h"

namespace ui {
namespace {

enum FuncColumn { kFunc, kRuns, kFailed, kRate, kAttempts, kP50, kP95, kMax, kFirst, kLast, kOverTime, kColumns };

std::string Lower(std::string text) {
    for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return text;
}

// -1, 0 or 1 as `a` sorts before, with or after `b` by `column`.
int Compare(const core::FuncMetrics& a, const core::FuncMetrics& b, int column) {
    const auto three_way = [](const auto& x, const auto& y) { return x < y ? -1 : y < x ? 1 : 0; };
    switch (column) {
        case kFunc: return three_way(a.func, b.func);
        case kRuns: return three_way(a.runs, b.runs);
        case kFailed: return three_way(a.failures, b.failures);
        case kRate: return three_way(a.FailureRate(), b.FailureRate());
        case kAttempts: return three_way(a.attempts, b.attempts);
        case kP50: return three_way(a.time_taken.p50, b.time_taken.p50);
        case kP95: return three_way(a.time_taken.p95, b.time_taken.p95);
        case kMax: return three_way(a.time_taken.max, b.time_taken.max);
        case kFirst: return three_way(a.first_started, b.first_started);
        case kLast: return three_way(a.last_stopped, b.last_stopped);
        default: return 0;
    }
}

// The funcs the search keeps, in the chosen order (ties by name).
std::vector<const core::FuncMetrics*> Shown(const std::vector<core::FuncMetrics>& funcs, const FuncsView& view) {
    const std::string wanted = Lower(view.search);
    std::vector<const core::FuncMetrics*> shown;
    for (const core::FuncMetrics& f : funcs)
        if (wanted.empty() || Lower(f.func).find(wanted) != std::string::npos) shown.push_back(&f);
    std::stable_sort(shown.begin(), shown.end(), [&](const core::FuncMetrics* a, const core::FuncMetrics* b) {
        const int order = Compare(*a, *b, view.sort_column);
        if (order != 0) return view.descending ? order > 0 : order < 0;
        return a->func < b->func;
    });
    return shown;
}

void TakeSort(FuncsView& view) {
    ImGuiTableSortSpecs* specs = ImGui::TableGetSortSpecs();
    if (!specs || !specs->SpecsDirty || specs->SpecsCount == 0) return;
    view.sort_column = specs->Specs[0].ColumnIndex;
    view.descending = specs->Specs[0].SortDirection == ImGuiSortDirection_Descending;
    specs->SpecsDirty = false;
}

}  // namespace

void ShowFuncs(App& app) { app.page = Page::Funcs; }

void DrawFuncsPage(App& app, FuncsView& view) {
    Heading(app.mirror, "Funcs");
    const core::TaskInsights* insights = ShownInsights(app);
    if (!insights) return;
    TextInput(app.mirror, "Search funcs", "Search funcs (part of the name)", view.search, 340.0f);
    const auto shown = Shown(insights->funcs, view);
    ImGui::SameLine(0, 16);
    ImGui::AlignTextToFramePadding();
    ResultsCount(app.mirror, static_cast<long long>(shown.size()), static_cast<long long>(insights->funcs.size()));
    DrawExportRows(app, static_cast<long long>(shown.size()), "funcs", [&shown](core::RowsFormat format, const core::TextSink& sink) {
        return core::WriteRows(format, core::FuncFileColumns(), shown.size(),
                               [&shown](std::size_t index) -> core::Result<core::RowCells> { return core::FuncFileCells(*shown[index]); }, sink);
    });

    // The func and the sparkline share what the figures leave (at least 240 and 100 px); narrower,
    // the table scrolls sideways.
    struct Column {
        std::string label;
        ImGuiTableColumnFlags flags;
        float width;
    };
    constexpr ImGuiTableColumnFlags kFixed = ImGuiTableColumnFlags_WidthFixed;
    const std::vector<Column> columns = {
        {"Func", ImGuiTableColumnFlags_WidthStretch, 2.4f}, {"Runs", kFixed, 70.0f},       {"Failed", kFixed, 60.0f},
        {"Failure rate", kFixed, 90.0f},                  {"Attempts", kFixed, 75.0f},   {"p50", kFixed, 85.0f},
        {"p95", kFixed, 85.0f},                           {"Max", kFixed, 85.0f},        {TimeColumnLabel(app, "First run"), kFixed, 170.0f},
        {TimeColumnLabel(app, "Last run"), kFixed, 170.0f}, {"Over time", ImGuiTableColumnFlags_WidthStretch, 1.0f},
    };
    constexpr ImGuiTableFlags kFlags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_Sortable |
                                       ImGuiTableFlags_ScrollY | ImGuiTableFlags_Resizable;
    if (!BeginListTable("funcs", columns, kFlags)) return;
    ImGui::TableSetupScrollFreeze(1, 1);
    for (int index = 0; index < kColumns; ++index) {
        const Column& column = columns[static_cast<std::size_t>(index)];
        ImGuiTableColumnFlags flags = column.flags | ImGuiTableColumnFlags_PreferSortDescending;
        if (index == view.sort_column) flags |= ImGuiTableColumnFlags_DefaultSort;
        if (index == kOverTime) flags |= ImGuiTableColumnFlags_NoSort;
        ImGui::TableSetupColumn(column.label.c_str(), flags, column.width);
    }
    TakeSort(view);
    ColumnHeaders(app.mirror, view.descending);
    for (std::size_t i = 0; i < shown.size(); ++i) {
        const core::FuncMetrics& f = *shown[i];
        ImGui::PushID(static_cast<int>(i));
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        if (Link(app.mirror, f.func)) ShowTasksOfFunc(app, core::TaskKind::All, f.func);
        for (const std::string& text : {GroupThousands(f.runs), GroupThousands(f.failures), core::PercentText(f.FailureRate()), GroupThousands(f.attempts),
                                        core::SecondsText(f.time_taken.p50), core::SecondsText(f.time_taken.p95),
                                        core::SecondsText(f.time_taken.max)}) {
            ImGui::TableNextColumn();
            CellTextRight(app.mirror, text);
        }
        ImGui::TableNextColumn();
        CellText(app.mirror, FormatShown(app, f.first_started));
        ImGui::TableNextColumn();
        CellText(app.mirror, FormatShown(app, f.last_stopped));
        ImGui::TableNextColumn();
        Sparkline(f.sparkline, ImGui::GetContentRegionAvail().x, ImGui::GetTextLineHeight(), theme::Colors().schedule);
        ImGui::PopID();
    }
    ImGui::EndTable();
}

}  // namespace ui
