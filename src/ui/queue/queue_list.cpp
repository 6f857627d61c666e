#include "ui/queue/queue_list.h"

#include <utility>

#include <imgui.h>

#include "core/model/list_rows_file.h"
#include "core/model/queue_edits.h"
#include "ui/app/app.h"
#include "ui/app/export_rows.h"
#include "ui/app/time_display.h"
#include "ui/app/signing_inputs.h"
#include "ui/theme/theme.h"
#include "ui/queue/queue_entry.h"
#include "ui/widgets/widgets.h"

namespace ui {
namespace {

struct LockChoice {
    core::LockState state;
    const char* label;
};
constexpr LockChoice kLockChoices[] = {
    {core::LockState::Available, "Available"}, {core::LockState::Taken, "Taken"}, {core::LockState::Null, "NULL lock"}};

const char* LockLabel(core::LockState state) {
    for (const auto& choice : kLockChoices)
        if (choice.state == state) return choice.label;
    return "Unreadable";
}

// A task id's first digits tell rows apart; the whole id is in the tooltip and on the row's page.
constexpr std::size_t kTaskIdShown = 12;

std::string Counted(const std::string& label, std::int64_t count) { return label + " (" + GroupThousands(count) + ")"; }

void Reload(App& app, QueueListView& view) {
    // Lock states are read against the clock: again when it moves on a minute, or jumps (the
    // export's clock is known once the tasks are counted).
    const std::int64_t minute = ShownNow(app) / 60'000'000;
    if (view.generation == app.generation && minute == view.described_minute && !view.refilter) return;
    if (view.generation != app.generation || minute != view.described_minute) {
        view.described_minute = minute;
        auto rows = core::DescribeQueue(*app.current, ShownNow(app));
        if (!rows) app.mirror.SetError(rows.error().code, rows.error().Describe());
        view.rows = rows ? std::move(rows.value()) : std::vector<core::QueuedView>();
        view.generation = app.generation;
        view.checked.clear();
    }
    view.shown = core::FilterQueued(view.rows, view.query);
    view.refilter = false;
}

void Label(const char* text) {
    ImGui::SameLine(0, 16);
    InlineLabel(text);
}

// A filter's drop-down: All, then each value with how many rows have it.
template <class T>
struct FilterChoice {
    T value;
    std::string label;
};

template <class T>
void FilterDropDown(App& app, QueueListView& view, const char* name, const std::string& shown, std::optional<T>& selected,
                    const std::vector<FilterChoice<T>>& choices) {
    if (!BeginDropDown(app.mirror, name, shown, 160.0f)) return;
    if (Option(app.mirror, "All", !selected)) {
        selected.reset();
        view.refilter = true;
    }
    for (const auto& choice : choices) {
        if (!Option(app.mirror, choice.label, selected == choice.value)) continue;
        selected = choice.value;
        view.refilter = true;
    }
    EndDropDown();
}

void DrawFilters(App& app, QueueListView& view) {
    core::QueueQuery& query = view.query;
    if (TextInput(app.mirror, "Search", "Search name, func or task id", view.search, 320.0f, std::exchange(view.focus_search, false))) {
        query.search = view.search;
        view.refilter = true;
    }
    std::vector<FilterChoice<std::string>> keys;
    for (const auto& [key, count] : core::QueueKeyCounts(view.rows)) keys.push_back({key, Counted(key, count)});
    Label("Key");
    FilterDropDown(app, view, "Key filter", query.key.value_or("All"), query.key, keys);
    std::vector<FilterChoice<core::LockState>> locks;
    for (const auto& choice : kLockChoices)
        locks.push_back({choice.state, Counted(choice.label, core::CountInLockState(view.rows, choice.state))});
    Label("Lock");
    FilterDropDown(app, view, "Lock filter", query.lock ? LockLabel(*query.lock) : "All", query.lock, locks);
}

// A file of the list: the id, then each shown column (Lock as the stored lock and its state,
// Signature as the column words it).
void DrawExportRowsOf(App& app, QueueListView& view) {
    using F = core::QueuedFileColumn;
    static const std::vector<std::vector<F>> kFileColumns = {{}, {}, {F::Key}, {F::Name}, {F::Group}, {F::Func}, {F::Lock, F::LockState}, {F::TaskId}, {}};
    constexpr int kSignatureColumn = 8;
    DrawExportRows(app, static_cast<long long>(view.shown.size()), "queued", [&](core::RowsFormat format, const core::TextSink& sink) {
        std::vector<F> columns = {F::Id};
        bool signature = false;
        for (int c : view.shown_columns) {
            if (c == kSignatureColumn) signature = true;
            else if (c < static_cast<int>(kFileColumns.size())) columns.insert(columns.end(), kFileColumns[c].begin(), kFileColumns[c].end());
        }
        std::vector<std::string> names;
        for (F column : columns) names.emplace_back(core::QueuedFileColumnName(column));
        if (signature) names.emplace_back("signature");
        return core::WriteRows(format, names, view.shown.size(), [&](std::size_t index) -> core::Result<core::RowCells> {
            core::RowCells cells;
            for (F column : columns) cells.push_back(core::QueuedFileCell(*view.shown[index], column));
            if (signature) cells.push_back(SignatureWords(app, *view.shown[index]));
            return cells;
        }, sink);
    });
}

void DrawActions(App& app, QueueListView& view) {
    ResultsCount(app.mirror, static_cast<long long>(view.shown.size()), static_cast<long long>(view.rows.size()));
    SelectionActions(app.mirror, view.checked, view.delete_ids);
    DrawExportRowsOf(app, view);
}

std::string RowName(const core::QueuedView& row) { return row.package ? row.name : "queue row " + std::to_string(row.row.id); }

// Cells the page shows shortened (the lock's consequence on a second line, the task id's first
// digits) are recorded whole in the mirror, for screen readers and tests.
void DrawRow(App& app, QueueListView& view, const core::QueuedView& row, bool signatures) {
    const float two_lines = ImGui::GetTextLineHeightWithSpacing() + ImGui::GetTextLineHeight();
    ImGui::TableNextRow(ImGuiTableRowFlags_None, two_lines);
    ImGui::PushID(static_cast<int>(row.row.id));
    ImGui::TableSetColumnIndex(0);
    if (ImGui::Selectable("##row", false, ImGuiSelectableFlags_SpanAllColumns | ImGuiSelectableFlags_AllowOverlap, ImVec2(0, two_lines)))
        OpenQueueEntry(app, row.row.id);
    std::string cells;
    const auto cell = [&](int column, const std::string& text, const std::string& shown, bool warn = false, bool wrap = false) {
        if (!cells.empty()) cells += " | ";
        cells += text;
        if (!ImGui::TableSetColumnIndex(column)) return false;
        if (warn) ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(theme::Colors().failure));
        const std::string& hover = warn && !row.error.empty() ? row.error : shown != text ? text : std::string();
        if (wrap) {
            ImGui::PushTextWrapPos(0.0f);
            ImGui::TextUnformatted(shown.c_str());
            ImGui::PopTextWrapPos();
            if (!hover.empty() && ImGui::IsItemHovered()) ImGui::SetTooltip("%s", hover.c_str());
        } else {
            CellText(app.mirror, shown, hover);
        }
        if (warn) ImGui::PopStyleColor();
        return true;
    };
    const auto plain = [&](int column, const std::string& text, bool warn = false) { return cell(column, text, text, warn); };
    plain(1, std::to_string(row.row.id));
    plain(2, row.row.key);
    plain(3, row.package ? row.name : "(unreadable)", !row.package);
    plain(4, row.group);
    plain(5, row.func);
    const core::LockWordsText lock = core::DescribeLockInWords(row, ShownTimeZone(app));
    if (cell(6, lock.headline + ": " + lock.detail, lock.headline)) ImGui::TextDisabled("%s", lock.detail.c_str());
    cell(7, row.task_id, row.task_id.size() > kTaskIdShown ? row.task_id.substr(0, kTaskIdShown) + "…" : row.task_id);
    if (signatures) {
        const std::string words = SignatureWords(app, row);
        // "waiting to be signed on the server" takes the row's two lines.
        cell(8, words, words, !words.empty() && words.rfind("valid", 0) != 0, true);
    }
    ImGui::TableSetColumnIndex(0);
    RecordItem(app.mirror, "row", RowName(row), cells);
    if (app.mirror.ConsumeActivation(RowName(row))) OpenQueueEntry(app, row.row.id);  // a screen reader's or test's click
    ImGui::SameLine(0, 0);
    bool checked = view.checked.count(row.row.id) > 0;
    ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(ImGui::GetStyle().FramePadding.x, 0.0f));
    if (Checkbox(app.mirror, "Select queued task " + std::to_string(row.row.id), checked)) {
        if (!view.checked.erase(row.row.id)) view.checked.insert(row.row.id);
    }
    ImGui::PopStyleVar();
    ImGui::PopID();
}

void DrawTable(App& app, QueueListView& view) {
    // The signature column appears once there is something to say: a key to check with, or a row
    // still to be signed on the server.
    bool signatures = !app.resubmit.settings.secret_key.empty();
    for (const auto& row : view.rows) signatures |= row.signed_on_server || !row.package;
    constexpr ImGuiTableColumnFlags Stretch = ImGuiTableColumnFlags_WidthStretch, Fixed = ImGuiTableColumnFlags_WidthFixed;
    struct Column {
        const char* label;
        ImGuiTableColumnFlags flags;
        float width;
    };
    std::vector<Column> columns = {{"", Fixed | ImGuiTableColumnFlags_NoHide | ImGuiTableColumnFlags_NoResize, ImGui::GetFrameHeight()},
                                   {"ID", Fixed, 40}, {"Key", Fixed, 72}, {"Name", Stretch, 1.7f}, {"Group", Fixed, 110},
                                   {"Func", Stretch, 1.35f}, {"Lock", Fixed, 232}, {"Task id", Fixed, 110}};
    if (signatures) columns.push_back({"Signature", Fixed, 146});
    const ImGuiTableFlags flags = ImGuiTableFlags_Hideable | ImGuiTableFlags_Resizable | ImGuiTableFlags_ScrollY |
                                  ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV;
    const std::string id = signatures ? "queue-signed" : "queue";
    if (!BeginListTable(id.c_str(), columns, flags)) return;
    ImGui::TableSetupScrollFreeze(1, 1);
    for (const auto& column : columns) ImGui::TableSetupColumn(column.label, column.flags, column.width);
    ColumnHeaders(app.mirror);
    view.shown_columns.clear();
    for (int c = 1; c < static_cast<int>(columns.size()); ++c)
        if (ImGui::TableGetColumnFlags(c) & ImGuiTableColumnFlags_IsEnabled) view.shown_columns.push_back(c);
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(view.shown.size()));
    while (clipper.Step())
        for (int index = clipper.DisplayStart; index < clipper.DisplayEnd; ++index)
            DrawRow(app, view, *view.shown[static_cast<std::size_t>(index)], signatures);
    ImGui::EndTable();
}

}  // namespace

std::string SignatureWords(const App& app, const core::QueuedView& row) {
    if (row.signed_on_server) return "waiting to be signed on the server";
    if (!row.payload) return "unreadable";
    const core::ResubmitSettings& settings = app.resubmit.settings;
    if (settings.secret_key.empty()) return "";
    return core::SignatureCheckName(*core::CheckQueuedSignature(row, settings.secret_key, settings.cluster_name));
}

void DrawQueueSigningBar(App& app) {
    GuessClusterOnce(app);
    InlineLabel("Signatures");
    DrawSigningInputs(app, true);
}

bool DrawQueueDeleteConfirmation(App& app, std::vector<std::int64_t>& ids) {
    if (ids.empty()) return false;
    const std::string what = std::to_string(ids.size()) + (ids.size() == 1 ? " queued task" : " queued tasks");
    std::vector<std::string> listed;
    for (std::size_t i = 0; i < ids.size() && i < kConfirmListed; ++i) listed.push_back("queued task " + std::to_string(ids[i]));
    const Choice choice = Confirm(app.mirror, "Delete queued tasks?", "Delete " + what + "?", listed, ids.size(),
                                  "No cluster will run them. The deletion is journalled: Undo brings them back, and the "
                                  "changeset deletes them on the server.",
                                  "Delete " + what);
    if (choice == Choice::Pending) return false;
    const std::vector<std::int64_t> chosen = std::exchange(ids, {});
    if (choice == Choice::Cancelled) return false;
    if (auto deleted = core::DeleteQueueRows(*app.current, chosen); !deleted) {
        app.open_error = OpenError{deleted.error(), app.current->source};
        return false;
    }
    AfterChange(app);
    app.notice = "Deleted " + what + ".";
    return true;
}

void ShowQueue(App& app) { app.page = Page::Queue; }

void DrawQueueList(App& app, QueueListView& view) {
    if (ImGui::IsKeyChordPressed(ImGuiMod_Shortcut | ImGuiKey_F)) view.focus_search = true;
    Heading(app.mirror, "Queued tasks");
    if (!app.current->schema.has_ormq) {
        TextMuted(app.mirror, "This export has no django_q_ormq table: its cluster does not use the ORM broker.");
        return;
    }
    DrawQueueSigningBar(app);
    DrawFilters(app, view);
    Reload(app, view);
    DrawActions(app, view);
    DrawTable(app, view);
    DrawQueueDeleteConfirmation(app, view.delete_ids);
}

}  // namespace ui
