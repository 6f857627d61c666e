#include "ui/tasks/task_list.h"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <tuple>

#include <imgui.h>
#include <imgui_internal.h>  // TableSetColumnSortDirection: a link's sort shown on the headers

#include "core/model/row_labels.h"
#include "core/model/task_edits.h"
#include "platform/platform.h"
#include "ui/app/app.h"
#include "ui/app/export_rows.h"
#include "ui/app/time_display.h"
#include "ui/app/working_copy_menu.h"
#include "ui/navigation/location.h"
#include "ui/tasks/resubmit_dialog.h"
#include "ui/tasks/task_filters.h"
#include "ui/theme/theme.h"
#include "ui/tasks/task_detail.h"
#include "ui/widgets/widgets.h"

namespace ui {
namespace {

// The table's columns. Data columns carry their TaskColumn as ImGui's user id, which is how a
// click on a header becomes the query's sort.
enum class Cell { Check, Name, Group, Func, Cluster, Status, Started, Stopped, TimeTaken, ShortResult, Attempts };

struct ColumnSpec {
    Cell cell;
    const char* label;
    core::TaskColumn sort;
    ImGuiTableColumnFlags flags;
    float width;  // pixels for fixed columns, a weight for stretched ones
};

std::vector<ColumnSpec> Columns(const core::Export& current, core::TaskKind kind) {
    using C = core::TaskColumn;
    constexpr ImGuiTableColumnFlags Stretch = ImGuiTableColumnFlags_WidthStretch, Fixed = ImGuiTableColumnFlags_WidthFixed;
    std::vector<ColumnSpec> columns = {
        {Cell::Check, "", C::Name, ImGuiTableColumnFlags_NoSort | ImGuiTableColumnFlags_NoHide | ImGuiTableColumnFlags_NoReorder | ImGuiTableColumnFlags_NoResize | ImGuiTableColumnFlags_WidthFixed, 0},
        {Cell::Name, "Name", C::Name, ImGuiTableColumnFlags_NoHide | Stretch, 2.0f},
        {Cell::Group, "Group", C::Group, Stretch, 1.5f},
        {Cell::Func, "Func", C::Func, Stretch, 2.0f},
    };
    if (current.schema.task_cluster) columns.push_back({Cell::Cluster, "Cluster", C::Cluster, Fixed, 90});
    const bool all = kind == core::TaskKind::All;
    if (all) columns.push_back({Cell::Status, "Status", C::Name, Fixed | ImGuiTableColumnFlags_NoSort, 70});
    // Timestamps to the second keep their width; the text columns share what is left.
    // All tasks has a status column instead of started (time taken says how long before stopped).
    columns.push_back({Cell::Started, "Started", C::Started, Fixed | (all ? ImGuiTableColumnFlags_DefaultHide : 0), 140});
    columns.push_back({Cell::Stopped, "Stopped", C::Stopped, Fixed | ImGuiTableColumnFlags_DefaultSort | ImGuiTableColumnFlags_PreferSortDescending, 140});
    if (kind != core::TaskKind::Failed)
        columns.push_back({Cell::TimeTaken, "Time taken", C::TimeTaken, Fixed | ImGuiTableColumnFlags_PreferSortDescending, 95});
    if (kind != core::TaskKind::Successful)  // All tasks: a failure's result; a success's is on its page
        columns.push_back({Cell::ShortResult, "Result", C::Name, Stretch | ImGuiTableColumnFlags_NoSort, 2.5f});
    if (current.schema.task_attempt_count)
        columns.push_back({Cell::Attempts, "Attempts", C::AttemptCount, Fixed | ImGuiTableColumnFlags_DefaultHide, 85});
    return columns;
}

// One line, as the admin's HTML shows it: runs of whitespace (a traceback's newlines) become a space.
std::string OneLine(const std::string& text) {
    std::string line;
    bool space = false;
    for (char c : text) {
        const bool is_space = c == ' ' || c == '\n' || c == '\r' || c == '\t';
        if (is_space && !space) line += ' ';
        if (!is_space) line += c;
        space = is_space;
    }
    return line;
}

std::string CellText(App& app, const ListedTask& task, Cell cell) {
    const core::TaskListRow& row = task.row;
    switch (cell) {
        case Cell::Check: return {};
        case Cell::Name: return row.name;
        case Cell::Group: return row.group.value_or("");
        case Cell::Func: return row.func;
        case Cell::Cluster: return row.cluster.value_or("");
        case Cell::Status: return row.success ? "Success" : "Failed";
        case Cell::Started: return FormatStoredShown(app, row.started);
        case Cell::Stopped: return FormatStoredShown(app, row.stopped);
        case Cell::TimeTaken: {
            char text[32];
            std::snprintf(text, sizeof text, "%.3f s", row.time_taken);
            return text;
        }
        case Cell::ShortResult: return OneLine(task.short_result);
        case Cell::Attempts: return row.attempt_count ? std::to_string(*row.attempt_count) : "";
    }
    return {};
}

const char* KindName(core::TaskKind kind) {
    switch (kind) {
        case core::TaskKind::Successful: return "successful";
        case core::TaskKind::Failed: return "failed";
        case core::TaskKind::All: return "all";
    }
    return "all";
}

// "failed tasks", "successful task", "tasks" (All tasks).
std::string KindTasks(core::TaskKind kind, bool plural) {
    const std::string noun = plural ? "tasks" : "task";
    return kind == core::TaskKind::All ? noun : std::string(KindName(kind)) + " " + noun;
}

std::string TasksWord(std::int64_t count, core::TaskKind kind) { return GroupThousands(count) + " " + KindTasks(kind, count != 1); }

// True when a click on a header changed the order.
bool ApplySortSpecs(TaskListView& view, const std::vector<ColumnSpec>& columns) {
    ImGuiTableSortSpecs* specs = ImGui::TableGetSortSpecs();
    if (!specs || !specs->SpecsDirty) return false;
    specs->SpecsDirty = false;
    if (specs->SpecsCount == 0) return false;
    // A table's first frame reports its (restored) order as new; only a real change restarts the list.
    const ImGuiTableColumnSortSpecs& first = specs->Specs[0];
    const auto sort = columns[static_cast<std::size_t>(first.ColumnIndex)].sort;
    const bool descending = first.SortDirection == ImGuiSortDirection_Descending;
    if (sort == view.query.sort && descending == view.query.descending) return false;
    view.query.sort = sort;
    view.query.descending = descending;
    QueryChanged(view);
    return true;
}

// The columns a file of the list holds: the id, then those the table shows (the check box and the
// status word aside, written as "status").
void NoteShownColumns(TaskListView& view, const std::vector<ColumnSpec>& columns) {
    using F = core::TaskFileColumn;
    view.shown_columns = {F::Id};
    for (std::size_t c = 0; c < columns.size(); ++c) {
        if (!(ImGui::TableGetColumnFlags(static_cast<int>(c)) & ImGuiTableColumnFlags_IsEnabled)) continue;
        switch (columns[c].cell) {
            case Cell::Check: break;
            case Cell::Name: view.shown_columns.push_back(F::Name); break;
            case Cell::Group: view.shown_columns.push_back(F::Group); break;
            case Cell::Func: view.shown_columns.push_back(F::Func); break;
            case Cell::Cluster: view.shown_columns.push_back(F::Cluster); break;
            case Cell::Status: view.shown_columns.push_back(F::Status); break;
            case Cell::Started: view.shown_columns.push_back(F::Started); break;
            case Cell::Stopped: view.shown_columns.push_back(F::Stopped); break;
            case Cell::TimeTaken: view.shown_columns.push_back(F::TimeTaken); break;
            case Cell::ShortResult: view.shown_columns.push_back(F::Result); break;
            case Cell::Attempts: view.shown_columns.push_back(F::Attempts); break;
        }
    }
}

// The column chooser: ImGui's table keeps the choice (and order and widths, dragged on the
// headers) in its settings, which the platform keeps across visits.
void DrawColumnMenu(App& app, TaskListView& view, const std::vector<ColumnSpec>& columns) {
    if (view.open_column_menu) ImGui::OpenPopup("columns");
    view.open_column_menu = false;
    // Read and changed from the table, not from inside the popup: a popup is a window of its own,
    // where ImGui has no current table.
    std::vector<bool> shown(columns.size());
    for (std::size_t c = 0; c < columns.size(); ++c)
        shown[c] = ImGui::TableGetColumnFlags(static_cast<int>(c)) & ImGuiTableColumnFlags_IsEnabled;
    int toggled = -1;
    if (!ImGui::BeginPopup("columns")) return;
    TextMuted(app.mirror, "Show columns (drag a header to move it)");
    for (std::size_t c = 1; c < columns.size(); ++c) {
        if (columns[c].flags & ImGuiTableColumnFlags_NoHide) continue;
        bool checked = shown[c];
        if (Checkbox(app.mirror, columns[c].label, checked, true)) toggled = static_cast<int>(c);
    }
    ImGui::EndPopup();
    if (toggled >= 0) ImGui::TableSetColumnEnabled(toggled, !shown[static_cast<std::size_t>(toggled)]);
}

void ToggleChecked(TaskListView& view, const std::string& id) {
    if (view.all_matching) return;  // "all matching" is cleared as a whole
    if (!view.checked.erase(id)) view.checked.insert(id);
}

// Right-click on a row: what can be done to that one task.
void DrawRowMenu(App& app, TaskListView& view, const core::TaskRow& task) {
    if (!ImGui::BeginPopupContextItem("row-menu")) return;
    if (Option(app.mirror, "Open", false)) OpenTask(app, task.id);
    if (Option(app.mirror, "Open in a new tab", false)) platform::OpenInNewTab(TaskLocation(task.id));
    ImGui::Separator();
    if (Option(app.mirror, "Copy id", false)) CopyToClipboard(app, "the id " + task.id, task.id);
    if (Option(app.mirror, "Copy name", false)) CopyToClipboard(app, "the name " + task.name, task.name);
    ImGui::Separator();
    if (Option(app.mirror, "Resubmit…", false)) AskResubmit(app, {task.id});
    if (Option(app.mirror, "Delete…", false)) view.delete_ids = {task.id};
    ImGui::EndPopup();
}

// A cell as the column shows it: status as a coloured badge, time taken right-aligned (its unit
// beside it), the rest as text cut to the column.
void DrawCell(App& app, Cell cell, const core::TaskListRow& row, const std::string& text) {
    if (cell == Cell::Status) return Badge(app.mirror, text, row.success ? theme::Colors().success : theme::Colors().failure);
    if (cell == Cell::TimeTaken) return CellTextRight(app.mirror, text);
    ui::CellText(app.mirror, text);
}

void DrawRow(App& app, TaskListView& view, const std::vector<ColumnSpec>& columns, std::int64_t index, const ListedTask& task) {
    ImGui::TableNextRow();
    ImGui::PushID(task.row.id.c_str());
    ImGui::TableSetColumnIndex(0);
    // The row's Selectable spans every column; the checkbox is drawn over it (AllowOverlap).
    const bool is_cursor = index == view.cursor;
    if (ImGui::Selectable("##row", is_cursor, ImGuiSelectableFlags_SpanAllColumns | ImGuiSelectableFlags_AllowOverlap | ImGuiSelectableFlags_AllowDoubleClick)) {
        view.cursor = index;
        if (ImGui::GetIO().KeyCtrl) platform::OpenInNewTab(TaskLocation(task.row.id));  // as a link would
        else if (ImGui::IsMouseDoubleClicked(ImGuiMouseButton_Left)) OpenTask(app, task.row.id);
    }
    if (ImGui::IsItemHovered() && ImGui::IsMouseClicked(ImGuiMouseButton_Middle)) platform::OpenInNewTab(TaskLocation(task.row.id));
    DrawRowMenu(app, view, task.row);
    if (view.scroll_to_cursor && is_cursor) {
        if (!ImGui::IsItemVisible()) ImGui::SetScrollHereY(0.5f);
        view.scroll_to_cursor = false;
    }
    std::string cells;
    for (std::size_t c = 1; c < columns.size(); ++c) {
        if (!ImGui::TableSetColumnIndex(static_cast<int>(c))) continue;
        const std::string text = CellText(app, task, columns[c].cell);
        DrawCell(app, columns[c].cell, task.row, text);
        if (!cells.empty()) cells += " | ";
        cells += text;
    }
    ImGui::TableSetColumnIndex(0);
    if (IsNewSinceLastLoad(app, task.row.stopped)) {
        ImGui::TableSetBgColor(ImGuiTableBgTarget_RowBg1, theme::Colors().fresh_row_background);
        cells += " | new since the last load";
    }
    RecordItem(app.mirror, "row", task.row.name, cells);
    ImGui::SameLine(0, 0);
    bool checked = view.all_matching || view.checked.count(task.row.id) > 0;
    // As tall as the row's text, so the box sits on the row the highlight shows.
    ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(ImGui::GetStyle().FramePadding.x, 0.0f));
    if (Checkbox(app.mirror, "Select " + task.row.name, checked)) ToggleChecked(view, task.row.id);
    ImGui::PopStyleVar();
    ImGui::PopID();
}

// A row past the first page while the search index loads: it keeps its place until it can be read.
void DrawWaitingRow(App& app) {
    ImGui::TableNextRow();
    if (ImGui::TableSetColumnIndex(1)) TextMuted(app.mirror, "loading…");
}

void DrawTable(App& app, TaskListView& view) {
    core::Export& current = *app.current;
    const auto columns = Columns(current, view.query.kind);
    const ImGuiTableFlags flags = ImGuiTableFlags_Sortable | ImGuiTableFlags_Hideable | ImGuiTableFlags_Reorderable |
                                  ImGuiTableFlags_Resizable | ImGuiTableFlags_ScrollY | ImGuiTableFlags_RowBg |
                                  ImGuiTableFlags_BordersInnerV;
    // Variants have different columns; each keeps its own widths, order and hidden columns.
    const std::string id = std::string(KindName(view.query.kind)) + "-tasks-" + core::VariantId(current.schema.variant);
    if (!BeginListTable(id.c_str(), columns, flags)) return;
    ImGui::TableSetupScrollFreeze(1, 1);
    for (const auto& column : columns)
        ImGui::TableSetupColumn(column.cell == Cell::Started || column.cell == Cell::Stopped ? TimeColumnLabel(app, column.label).c_str() : column.label,
                                column.flags, column.cell == Cell::Check ? ImGui::GetFrameHeight() : column.width);
    if (view.sort_changed_outside) {
        for (std::size_t c = 1; c < columns.size(); ++c)
            if (columns[c].sort == view.query.sort && !(columns[c].flags & ImGuiTableColumnFlags_NoSort))
                ImGui::TableSetColumnSortDirection(static_cast<int>(c), view.query.descending ? ImGuiSortDirection_Descending : ImGuiSortDirection_Ascending, false);
        view.sort_changed_outside = false;
        ImGui::TableGetSortSpecs()->SpecsDirty = false;  // already the query's
    } else if (ApplySortSpecs(view, columns)) {
        ImGui::EndTable();  // the new order may need an index first (IndexReady, next frame)
        return;
    }
    DrawColumnMenu(app, view, columns);
    NoteShownColumns(view, columns);
    ColumnHeaders(app.mirror, view.query.descending);

    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(view.pages.matching()));
    if (view.scroll_to_cursor && view.cursor >= 0) clipper.IncludeItemByIndex(static_cast<int>(view.cursor));
    while (clipper.Step()) {
        for (int index = clipper.DisplayStart; index < clipper.DisplayEnd; ++index) {
            const ListedTask* task = view.pages.Row(current, view.query, index);
            if (!task && view.pages.waiting_for_index()) {
                DrawWaitingRow(app);
                continue;
            }
            if (!task) break;
            DrawRow(app, view, columns, index, *task);
        }
    }
    // Rows a page key moves by: what fits in the table.
    view.rows_per_page = static_cast<std::int64_t>(ImGui::GetWindowHeight() / ImGui::GetTextLineHeightWithSpacing()) - 2;
    ImGui::EndTable();
}

// The tasks an action applies to: every match ("select all"), the checked ones, or the cursor row.
std::vector<std::string> ActionTargets(App& app, TaskListView& view) {
    if (view.all_matching) {
        auto ids = core::MatchingTaskIds(*app.current, view.query);
        if (ids) return std::move(ids.value());
        app.open_error = OpenError{ids.error(), app.current->source};
        return {};
    }
    if (!view.checked.empty()) return {view.checked.begin(), view.checked.end()};
    if (const ListedTask* task = view.pages.Row(*app.current, view.query, view.cursor)) return {task->row.id};
    return {};
}

void DrawSelectionBar(App& app, TaskListView& view) {
    const std::int64_t selected = view.all_matching ? view.pages.matching() : static_cast<std::int64_t>(view.checked.size());
    ResultsCount(app.mirror, view.pages.matching(), view.pages.total());
    SameLineIfFits(ButtonWidth("Columns…"), 24);
    if (Button(app.mirror, "Columns…")) view.open_column_menu = true;
    DrawExportRows(app, view.pages.matching(), std::string(KindName(view.query.kind)) + "-tasks", [&](core::RowsFormat format, const core::TextSink& sink) {
        return core::WriteTaskRows(*app.current, view.query, view.shown_columns, format, sink);
    });
    // Every control keeps its place whether or not rows are ticked: ticking one never moves the rows.
    const std::string selected_text = GroupThousands(selected);
    SameLineIfFits(LabelledWidth("Selected", ImGui::CalcTextSize(selected_text.c_str()).x), 24);
    Value(app.mirror, "Selected", selected_text);
    const bool can_select_all = !view.all_matching && view.pages.matching() > 0 && view.pages.matching() != selected;
    const std::string select_all = "Select all " + GroupThousands(view.pages.matching()) + "##select-all";
    SameLineIfFits(ButtonWidth(select_all));
    if (ButtonUnless(app.mirror, select_all.c_str(), can_select_all ? "" : "Every matching task is selected")) {
        view.all_matching = true;
        view.checked.clear();
    }
    const std::string none_ticked = selected > 0 ? "" : "Tick rows first (or Select all)";
    SameLineIfFits(ButtonWidth("Clear selection"));
    if (ButtonUnless(app.mirror, "Clear selection", none_ticked)) {
        view.all_matching = false;
        view.checked.clear();
    }
    SameLineIfFits(ButtonWidth("Resubmit selected…"));
    if (ButtonUnless(app.mirror, "Resubmit selected…", none_ticked)) AskResubmit(app, ActionTargets(app, view));
    SameLineIfFits(ButtonWidth("Delete selected…"));
    if (ButtonUnless(app.mirror, "Delete selected…", none_ticked)) view.delete_ids = ActionTargets(app, view);
    ImGui::NewLine();
}

// Under an empty table: why, and how to widen the search.
void DrawEmptyList(App& app, const TaskListView& view) {
    if (view.pages.matching() > 0 || view.pages.error()) return;
    const core::TaskQuery& query = view.query;
    if (view.pages.total() == 0) return TextMuted(app.mirror, "This export holds no " + KindTasks(query.kind, true) + ".");
    std::string narrowing;
    const auto add = [&narrowing](const std::string& what) { narrowing += (narrowing.empty() ? "" : ", ") + what; };
    if (!query.search.empty()) add("the search \"" + query.search + "\"");
    if (query.group) add("the group filter");
    if (query.cluster) add("the cluster filter");
    if (query.func) add("the func filter");
    if (query.among) add("the filter to " + query.among_label);
    if (query.started_from || query.started_until) add("the Started dates");
    if (query.stopped_from || query.stopped_until) add("the Stopped dates");
    TextMuted(app.mirror, "No tasks match. To see more, clear " + (narrowing.empty() ? std::string("the filters") : narrowing) +
                              (query.search.empty() || query.search_values ? "" : ", or tick \"in args, kwargs and result\"") + ".");
}

void DrawDeleteConfirmation(App& app, TaskListView& view) {
    if (view.delete_ids.empty()) return;
    const std::string what = TasksWord(static_cast<std::int64_t>(view.delete_ids.size()), view.query.kind);
    const auto listed = core::TaskLabels(*app.current, view.delete_ids, kConfirmListed);
    const Choice choice = Confirm(app.mirror, "Delete tasks?", "Delete " + what + "?", listed ? listed.value() : std::vector<std::string>{},
                                  view.delete_ids.size(),
                                  "The deletion is journalled: Undo brings them back, and the changeset deletes them on the server.", "Delete " + what);
    if (choice == Choice::Cancelled) view.delete_ids.clear();
    if (choice == Choice::Confirmed) {
        view.deletion.emplace(std::move(view.delete_ids));
        view.delete_ids.clear();
    }
}

// A confirmed deletion, a few milliseconds of it per frame (all N of a million tasks take most of a
// minute), under a progress modal; one journal batch, so one Undo, however many steps it took.
void StepDeletion(App& app, TaskListView& view) {
    if (!view.deletion) return;
    constexpr const char* kTitle = "Deleting tasks";
    constexpr std::size_t kTasksPerStep = 100;
    const auto start = std::chrono::steady_clock::now();
    core::Result<bool> finished = false;
    do finished = view.deletion->Step(*app.current, kTasksPerStep);
    while (finished && !finished.value() && std::chrono::steady_clock::now() - start < std::chrono::milliseconds(8));
    const core::TaskDeletion& deletion = *view.deletion;
    const bool stop = finished && !finished.value() &&
                      Progress(app.mirror, kTitle, "Deleting " + TasksWord(deletion.total(), view.query.kind) + "…", deletion.deleted(),
                               deletion.total(), "Stop");
    if (finished && !finished.value() && !stop) return;
    if (!finished) app.open_error = OpenError{finished.error(), app.current->source};
    app.notice = "Deleted " + TasksWord(deletion.deleted(), view.query.kind) + (stop ? " (stopped before the rest)" : "") + ".";
    CloseProgress(kTitle);
    view.deletion.reset();
    view.checked.clear();
    view.all_matching = false;
    AfterChange(app);
}

void MoveCursor(TaskListView& view, std::int64_t to) {
    const std::int64_t last = view.pages.matching() - 1;
    view.cursor = to < 0 ? 0 : to > last ? last : to;
    view.scroll_to_cursor = true;
}

void HandleKeys(App& app, TaskListView& view) {
    if (ImGui::IsKeyChordPressed(ImGuiMod_Shortcut | ImGuiKey_F)) view.focus_search = true;
    if (ImGui::GetIO().WantTextInput || ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopup) || view.pages.matching() == 0) return;
    const std::int64_t page = view.rows_per_page > 1 ? view.rows_per_page : 1;
    if (ImGui::IsKeyPressed(ImGuiKey_DownArrow)) MoveCursor(view, view.cursor + 1);
    if (ImGui::IsKeyPressed(ImGuiKey_UpArrow)) MoveCursor(view, view.cursor - 1);
    if (ImGui::IsKeyPressed(ImGuiKey_PageDown)) MoveCursor(view, view.cursor + page);
    if (ImGui::IsKeyPressed(ImGuiKey_PageUp)) MoveCursor(view, view.cursor - page);
    if (ImGui::IsKeyPressed(ImGuiKey_Home)) MoveCursor(view, 0);
    if (ImGui::IsKeyPressed(ImGuiKey_End)) MoveCursor(view, view.pages.matching() - 1);
    const ListedTask* at_cursor = view.pages.Row(*app.current, view.query, view.cursor);
    if (!at_cursor) return;
    if (ImGui::IsKeyPressed(ImGuiKey_Enter) || ImGui::IsKeyPressed(ImGuiKey_KeypadEnter)) OpenTask(app, at_cursor->row.id);
    else if (ImGui::IsKeyPressed(ImGuiKey_Space, false)) ToggleChecked(view, at_cursor->row.id);
    else if (ImGui::IsKeyPressed(ImGuiKey_Delete, false)) view.delete_ids = ActionTargets(app, view);
}

// Why a schedule's last-run link can be empty: Django Q keeps only the newest save_limit successful
// tasks (SEMANTICS.md §6). The export does not hold the setting, so the user can say what it is.
void DrawSaveLimit(App& app, TaskListView& view) {
    if (view.query.kind != core::TaskKind::Successful) return;
    InlineLabel("Q_CLUSTER['save_limit']");
    TextInput(app.mirror, "save_limit", "250", view.save_limit, 70);
    ImGui::SameLine();
    const std::int64_t held = view.pages.total();
    char* end = nullptr;
    long long limit = std::strtoll(view.save_limit.c_str(), &end, 10);
    if (view.save_limit.empty() || *end != 0) limit = 250;  // not a number (yet): Django Q's default
    std::string text;
    if (limit == 0) text = "0 keeps every successful task.";
    else if (limit < 0) text = "-1 keeps none: successful tasks are not saved.";
    else if (held >= limit)
        text = "This export holds " + GroupThousands(held) + ": at the limit, so older successful tasks were pruned and their "
               "schedules' last-run links are empty. (django-q2's save_limit_per applies it per group, name or func: see the Group counts.)";
    else
        text = "This export holds " + GroupThousands(held) + ", under the limit: nothing was pruned yet.";
    TextMuted(app.mirror, text);
}

// The index the list's order and filters need. Making one blocks for about a second per million
// tasks, once per working copy, so on a large export the frame before says what is happening.
bool IndexReady(App& app, TaskListView& view) {
    constexpr std::int64_t kTasksWorthSaying = 50'000;
    const core::InMemory in_memory = core::AnsweredInMemory(*app.current, view.query);
    if (in_memory != core::InMemory::Soon) view.pages.Indexed();
    switch (in_memory) {
        case core::InMemory::Now: return true;
        case core::InMemory::Soon:  // Tick loads the index in steps; meanwhile it reads the first page from the table
            view.pages.ScanUntilIndexed(view.query);
            if (!view.pages.scanning()) return true;
            Text(app.mirror, "Reading the list: " + GroupThousands(view.pages.rows_scanned()) + " tasks read…");
            return false;
        case core::InMemory::Sorting:  // Tick sorts in steps, sooner than reading the table would give a page
            Text(app.mirror, "Sorting the list in memory…");
            return false;
        case core::InMemory::No: break;
    }
    const std::string index = core::TaskIndexFor(app.current->schema, view.query);
    if (index.empty() || index == view.indexed) return true;
    auto has = core::HasTaskIndex(*app.current, index);
    if (has && has.value()) {
        view.indexed = index;
        return true;
    }
    const std::int64_t tasks = app.summary ? app.summary->successful + app.summary->failed : 0;
    if (tasks >= kTasksWorthSaying && view.announced_index != index) {
        view.announced_index = index;
        Text(app.mirror, "Indexing " + GroupThousands(tasks) + " tasks for this order and filter (once per working copy)…");
        return false;
    }
    view.announced_index.clear();
    if (auto made = core::CreateTaskIndex(*app.current, index); !made) app.mirror.SetError(made.error().code, made.error().Describe());
    else view.indexed = index;
    return true;
}

}  // namespace

void QueryChanged(TaskListView& view) {
    view.pages.QueryChanged();
    view.cursor = -1;
    view.checked.clear();
    view.all_matching = false;
}

void DrawTaskList(App& app, TaskListView& view) {
    if (view.generation != app.generation) {  // the data changed: the selection may name tasks that are gone
        view.pages.DataChanged();
        view.indexed.clear();  // another export may have been opened
        view.checked.clear();
        view.all_matching = false;
        view.groups.reset();
        view.clusters.reset();
        view.generation = app.generation;
    }
    if (const std::string key = DateBoundsKey(app); key != view.dates_for) {  // "Today" moved with the zone or clock
        view.dates_for = key;
        const auto bounds = [](const core::TaskQuery& q) { return std::make_tuple(q.started_from, q.started_until, q.stopped_from, q.stopped_until); };
        const auto before = bounds(view.query);
        ApplyDateFilter(app, view.started, view.query.started_from, view.query.started_until);
        ApplyDateFilter(app, view.stopped, view.query.stopped_from, view.query.stopped_until);
        // Only bounds that moved read the list again (the clock settling after an open moves none without a date filter).
        if (bounds(view.query) != before) view.pages.QueryChanged();
    }
    Heading(app.mirror, view.query.kind == core::TaskKind::Successful ? "Successful tasks"
                        : view.query.kind == core::TaskKind::Failed   ? "Failed tasks"
                                                                      : "All tasks");
    DrawTaskFilters(app, view);
    if (!IndexReady(app, view)) return;
    view.pages.Refresh(*app.current, view.query);
    if (const auto& error = view.pages.error()) app.mirror.SetError(error->code, error->Describe());
    DrawSaveLimit(app, view);
    DrawSelectionBar(app, view);
    HandleKeys(app, view);
    DrawEmptyList(app, view);  // above the table, which takes the rest of the window
    DrawTable(app, view);
    DrawDeleteConfirmation(app, view);
    StepDeletion(app, view);
}

}  // namespace ui
