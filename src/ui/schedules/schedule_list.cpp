#include "ui/schedules/schedule_list.h"

#include <imgui.h>

#include "core/model/list_rows_file.h"
#include "core/model/row_labels.h"
#include "core/model/schedule_edits.h"
#include "core/sched/schedule_runs.h"
#include "ui/app/app.h"
#include "ui/app/export_rows.h"
#include "ui/app/time_display.h"
#include "ui/tasks/task_filters.h"
#include "ui/theme/theme.h"
#include "ui/schedules/schedule_editor.h"
#include "ui/tasks/task_detail.h"
#include "ui/widgets/widgets.h"

namespace ui {
namespace {

using core::ScheduleColumn;

struct ColumnSpec {
    const char* label;
    ScheduleColumn sort;
    ImGuiTableColumnFlags flags;
    float width;
};

std::vector<ColumnSpec> Columns(const core::Export& current) {
    constexpr ImGuiTableColumnFlags Stretch = ImGuiTableColumnFlags_WidthStretch, Fixed = ImGuiTableColumnFlags_WidthFixed;
    std::vector<ColumnSpec> columns = {
        {"", ScheduleColumn::Id, ImGuiTableColumnFlags_NoSort | ImGuiTableColumnFlags_NoHide | ImGuiTableColumnFlags_NoReorder | ImGuiTableColumnFlags_NoResize | Fixed, 0},
        {"ID", ScheduleColumn::Id, Fixed, 50},
        {"Name", ScheduleColumn::Name, ImGuiTableColumnFlags_NoHide | Stretch, 1.6f},
        {"Func", ScheduleColumn::Func, Stretch, 2.0f},
        {"Type", ScheduleColumn::Type, Fixed, 90},
        {"Repeats", ScheduleColumn::Repeats, Fixed, 130},
    };
    if (current.schema.schedule_cluster) columns.push_back({"Cluster", ScheduleColumn::Cluster, Fixed, 90});
    columns.push_back({"Next run", ScheduleColumn::NextRun, Fixed | ImGuiTableColumnFlags_DefaultSort, 240});
    columns.push_back({"Last run", ScheduleColumn::LastRun, Stretch, 1.6f});
    columns.push_back({"Success", ScheduleColumn::Success, Fixed, 80});
    return columns;
}

std::optional<core::UnixMicros> NextRunOf(const core::ScheduleRow& row) {
    return row.next_run ? core::ParseDjangoDatetime(*row.next_run) : std::nullopt;
}

std::string SuccessText(const core::ScheduleListRow& row) {
    if (!row.last_run_success) return row.task ? "?" : "";
    return *row.last_run_success ? "yes" : "no";
}

void Reload(App& app, ScheduleListView& view) {
    if (const std::string key = DateBoundsKey(app); key != view.dates_for) {  // "Today" moved with the zone or clock
        view.dates_for = key;
        ApplyDateFilter(app, view.next_run, view.query.next_run.from, view.query.next_run.until);
        view.refilter = true;
    }
    if (view.generation == app.generation && !view.refilter) return;
    if (view.generation != app.generation) {
        auto rows = core::ReadSchedules(*app.current);
        if (!rows) app.mirror.SetError(rows.error().code, rows.error().Describe());
        view.rows = rows ? std::move(rows.value()) : std::vector<core::ScheduleListRow>();
        view.generation = app.generation;
        view.checked.clear();
    }
    view.shown = core::FilterSchedules(view.rows, view.query, ShownNow(app));
    view.refilter = false;
}

void DrawFilters(App& app, ScheduleListView& view) {
    core::ScheduleQuery& query = view.query;
    bool changed = false;
    if (TextInput(app.mirror, "Search", "Search name or func (quotes keep phrases)", view.search, 300.0f, view.focus_search)) {
        query.search = view.search;
        changed = true;
    }
    view.focus_search = false;
    SameLineIfFits(LabelledWidth("Type", 120.0f), 16);
    InlineLabel("Type");
    const core::SchedulerVariant rules = SchedulerRules(app);
    const std::string type_label = query.schedule_type ? core::ScheduleTypeLabel(*query.schedule_type) : "All";
    if (BeginDropDown(app.mirror, "Type filter", type_label, 120.0f)) {
        if (Option(app.mirror, "All", !query.schedule_type)) {
            query.schedule_type.reset();
            changed = true;
        }
        for (const auto& type : core::ScheduleTypes(rules)) {
            if (Option(app.mirror, core::ScheduleTypeLabel(type), query.schedule_type == type)) {
                query.schedule_type = type;
                changed = true;
            }
        }
        EndDropDown();
    }
    if (app.current->schema.schedule_cluster) {
        SameLineIfFits(LabelledWidth("Cluster", 140.0f), 16);
        InlineLabel("Cluster");
        const std::string current = !query.cluster ? "All" : query.cluster->empty() ? "(none)" : *query.cluster;
        if (BeginDropDown(app.mirror, "Cluster filter", current, 140.0f)) {
            if (Option(app.mirror, "All", !query.cluster)) {
                query.cluster.reset();
                changed = true;
            }
            for (const auto& cluster : core::ScheduleClusters(view.rows)) {
                if (Option(app.mirror, cluster.empty() ? "(none)" : cluster, query.cluster == cluster)) {
                    query.cluster = cluster;
                    changed = true;
                }
            }
            EndDropDown();
        }
    }
    SameLineIfFits(LabelledWidth("Next run", 130.0f), 16);
    changed |= DrawDateFilter(app, "Next run", view.next_run, query.next_run.from, query.next_run.until);
    SameLineIfFits(CheckboxWidth("Paused"), 16);
    changed |= Checkbox(app.mirror, "Paused", query.paused_only, true);
    SameLineIfFits(CheckboxWidth("Overdue"));
    changed |= Checkbox(app.mirror, "Overdue", query.overdue_only, true);
    if (changed) view.refilter = true;
}

void DrawActions(App& app, ScheduleListView& view) {
    ResultsCount(app.mirror, static_cast<long long>(view.shown.size()), static_cast<long long>(view.rows.size()));
    ImGui::SameLine(0, 24);
    if (Button(app.mirror, "New schedule")) NewSchedule(app);
    SelectionActions(app.mirror, view.checked, view.delete_ids);
    DrawExportRows(app, static_cast<long long>(view.shown.size()), "schedules", [&view](core::RowsFormat format, const core::TextSink& sink) {
        std::vector<std::string> names;
        for (core::ScheduleColumn column : view.shown_columns) names.emplace_back(core::ScheduleFileColumnName(column));
        return core::WriteRows(format, names, view.shown.size(), [&view](std::size_t index) -> core::Result<core::RowCells> {
            core::RowCells cells;
            for (core::ScheduleColumn column : view.shown_columns) cells.push_back(core::ScheduleFileCell(*view.shown[index], column));
            return cells;
        }, sink);
    });
}

// The columns a file of the list holds: the id, then those the table shows (the check box aside).
void NoteShownColumns(ScheduleListView& view, const std::vector<ColumnSpec>& columns) {
    view.shown_columns = {ScheduleColumn::Id};
    for (std::size_t c = 1; c < columns.size(); ++c)
        if ((ImGui::TableGetColumnFlags(static_cast<int>(c)) & ImGuiTableColumnFlags_IsEnabled) && columns[c].sort != ScheduleColumn::Id)
            view.shown_columns.push_back(columns[c].sort);
}

bool ApplySort(ScheduleListView& view, const std::vector<ColumnSpec>& columns) {
    ImGuiTableSortSpecs* specs = ImGui::TableGetSortSpecs();
    if (!specs || !specs->SpecsDirty) return false;
    if (specs->SpecsCount > 0) {
        view.query.sort = columns[static_cast<std::size_t>(specs->Specs[0].ColumnIndex)].sort;
        view.query.descending = specs->Specs[0].SortDirection == ImGuiSortDirection_Descending;
    }
    specs->SpecsDirty = false;
    view.refilter = true;
    return true;
}

void DrawRow(App& app, ScheduleListView& view, const std::vector<ColumnSpec>& columns, int index, const core::ScheduleListRow& row) {
    const core::UnixMicros now = ShownNow(app);
    ImGui::TableNextRow();
    ImGui::PushID(static_cast<int>(row.id));
    ImGui::TableSetColumnIndex(0);
    if (ImGui::Selectable("##row", index == view.cursor, ImGuiSelectableFlags_SpanAllColumns | ImGuiSelectableFlags_AllowOverlap)) {
        view.cursor = index;
        EditSchedule(app, row.id);
    }
    std::string cells;
    const auto cell = [&](const std::string& text, bool warn = false) {
        if (warn) ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(theme::Colors().failure));
        CellText(app.mirror, text);
        if (warn) ImGui::PopStyleColor();
        if (!cells.empty()) cells += " | ";
        cells += text;
    };
    for (std::size_t c = 1; c < columns.size(); ++c) {
        if (!ImGui::TableSetColumnIndex(static_cast<int>(c))) continue;
        switch (columns[c].sort) {
            case ScheduleColumn::Id: cell(std::to_string(row.id)); break;
            case ScheduleColumn::Name: cell(row.name.value_or("")); break;
            case ScheduleColumn::Func: cell(row.func); break;
            case ScheduleColumn::Type: cell(core::ScheduleTypeLabel(row.schedule_type)); break;
            case ScheduleColumn::Repeats: cell(core::RepeatsInWords(row.schedule_type, row.repeats)); break;
            case ScheduleColumn::Cluster: cell(row.cluster.value_or("")); break;
            case ScheduleColumn::NextRun: {
                const bool overdue = core::IsOverdue(row, now);
                cell(FormatShown(app, NextRunOf(row)) + (overdue ? " (overdue)" : ""), overdue);
                break;
            }
            case ScheduleColumn::LastRun:
                if (row.last_run_name) {
                    if (Link(app.mirror, *row.last_run_name)) OpenTask(app, *row.task);
                    cells += " | " + *row.last_run_name;
                } else {
                    cell(row.task ? "(task row gone)" : "");
                    if (row.task && ImGui::IsItemHovered())
                        ImGui::SetTooltip("The task %s is not in this export: pruned by save_limit, or deleted.", row.task->c_str());
                }
                break;
            case ScheduleColumn::Success:  // the last run's outcome as a badge, as on All tasks
                if (row.last_run_success) {
                    Badge(app.mirror, SuccessText(row), *row.last_run_success ? theme::Colors().success : theme::Colors().failure);
                    cells += " | " + SuccessText(row);
                } else {
                    cell(SuccessText(row));
                }
                break;
        }
    }
    ImGui::TableSetColumnIndex(0);
    RecordItem(app.mirror, "row", row.name ? *row.name : "schedule " + std::to_string(row.id), cells);
    ImGui::SameLine(0, 0);
    bool checked = view.checked.count(row.id) > 0;
    ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(ImGui::GetStyle().FramePadding.x, 0.0f));
    if (Checkbox(app.mirror, "Select schedule " + std::to_string(row.id), checked)) {
        if (!view.checked.erase(row.id)) view.checked.insert(row.id);
    }
    ImGui::PopStyleVar();
    ImGui::PopID();
}

void DrawTable(App& app, ScheduleListView& view) {
    const auto columns = Columns(*app.current);
    const ImGuiTableFlags flags = ImGuiTableFlags_Sortable | ImGuiTableFlags_Hideable | ImGuiTableFlags_Reorderable | ImGuiTableFlags_Resizable |
                                  ImGuiTableFlags_ScrollY | ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV;
    const std::string id = std::string("schedules-") + core::VariantId(app.current->schema.variant);
    if (!BeginListTable(id.c_str(), columns, flags)) return;
    ImGui::TableSetupScrollFreeze(1, 1);
    for (const auto& column : columns) {
        const std::string label = column.sort == ScheduleColumn::NextRun ? TimeColumnLabel(app, column.label) : column.label;
        ImGui::TableSetupColumn(label.c_str(), column.flags, column.width == 0 ? ImGui::GetFrameHeight() : column.width);
    }
    ColumnHeaders(app.mirror, view.query.descending);
    NoteShownColumns(view, columns);
    if (ApplySort(view, columns)) Reload(app, view);
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(view.shown.size()));
    while (clipper.Step())
        for (int index = clipper.DisplayStart; index < clipper.DisplayEnd; ++index) DrawRow(app, view, columns, index, *view.shown[static_cast<std::size_t>(index)]);
    ImGui::EndTable();
}

void DrawDeleteConfirmation(App& app, ScheduleListView& view) {
    if (view.delete_ids.empty()) return;
    const std::size_t count = view.delete_ids.size();
    const std::string what = std::to_string(count) + (count == 1 ? " schedule" : " schedules");
    const auto listed = core::ScheduleLabels(*app.current, view.delete_ids, kConfirmListed);
    const Choice choice = Confirm(app.mirror, "Delete schedules?", "Delete " + what + "?", listed ? listed.value() : std::vector<std::string>{}, count,
                                  "Their tasks stay. The deletion is journalled: Undo brings them back, and the changeset deletes them on the server.",
                                  "Delete " + what);
    if (choice == Choice::Cancelled) view.delete_ids.clear();
    if (choice == Choice::Confirmed) {
        if (auto deleted = core::DeleteSchedules(*app.current, view.delete_ids)) {
            AfterChange(app);
            app.notice = "Deleted " + what + ".";
        } else {
            app.open_error = OpenError{deleted.error(), app.current->source};
        }
        view.delete_ids.clear();
    }
}

}  // namespace

void ShowSchedules(App& app) { app.page = Page::Schedules; }

void DrawScheduleList(App& app, ScheduleListView& view) {
    if (ImGui::IsKeyChordPressed(ImGuiMod_Shortcut | ImGuiKey_F)) view.focus_search = true;
    Heading(app.mirror, "Scheduled tasks");
    DrawScheduleSettings(app);
    DrawFilters(app, view);
    Reload(app, view);
    DrawActions(app, view);
    DrawTable(app, view);
    DrawDeleteConfirmation(app, view);
}

}  // namespace ui
