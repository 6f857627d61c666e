#include "ui/changes/changes_page.h"

#include <algorithm>

#include <imgui.h>

#include "core/sync/journal.h"
#include "ui/app/app.h"
#include "ui/app/working_copy_menu.h"
#include "ui/theme/theme.h"
#include "ui/widgets/widgets.h"

namespace ui {
namespace {

void UndoAction(App& app, const core::PendingAction& action) {
    auto undone = core::UndoBatch(app.current->db, action.batch);
    if (!undone) {
        app.notice = "Cannot undo #" + std::to_string(action.batch) + " yet: " + undone.error().message + ".";
        return;
    }
    AfterChange(app);
    app.notice = "Undid #" + std::to_string(action.batch) + ": " + core::ActionTitle(action) + ".";
}

// One action as a table row: its number, title and time, what it does on the server (cut to the
// column, whole on hover), and its own Undo. True when Undo was clicked.
bool DrawAction(App& app, const core::PendingAction& action) {
    const std::string number = "#" + std::to_string(action.batch);
    const std::string title = core::ActionTitle(action), words = core::ActionWords(action);
    ImGui::TableNextRow();
    ImGui::PushID(static_cast<int>(action.batch));
    ImGui::TableNextColumn();
    ImGui::AlignTextToFramePadding();
    CellText(app.mirror, number);
    ImGui::TableNextColumn();
    CellText(app.mirror, title);
    ImGui::TableNextColumn();
    CellText(app.mirror, action.at.substr(0, 19));
    ImGui::TableNextColumn();
    CellText(app.mirror, words);
    RecordItem(app.mirror, "row", number + " " + title, words);
    ImGui::TableNextColumn();
    const std::string undo = "Undo " + number;
    const bool clicked = Button(app.mirror, undo.c_str());
    ImGui::PopID();
    return clicked;
}

void DrawActions(App& app, const std::vector<core::PendingAction>& actions) {
    constexpr ImGuiTableFlags kFlags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_ScrollY | ImGuiTableFlags_Resizable;
    const float height = std::min(ImGui::GetContentRegionAvail().y * 0.6f, ImGui::GetFrameHeightWithSpacing() * (actions.size() + 1.5f));
    if (!ImGui::BeginTable("changes", 5, kFlags, ImVec2(0, height))) return;
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn("#", ImGuiTableColumnFlags_WidthFixed, 50);
    ImGui::TableSetupColumn("Action", ImGuiTableColumnFlags_WidthStretch, 1.2f);
    ImGui::TableSetupColumn("Done at (UTC)", ImGuiTableColumnFlags_WidthFixed, 140);
    ImGui::TableSetupColumn("On the server", ImGuiTableColumnFlags_WidthStretch, 3.0f);
    ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthFixed, ButtonWidth("Undo #00000"));
    ColumnHeaders(app.mirror);
    const core::PendingAction* undo = nullptr;
    ImGuiListClipper clipper;  // every action is one row: thousands cost only the visible ones
    clipper.Begin(static_cast<int>(actions.size()), ImGui::GetFrameHeightWithSpacing());
    while (clipper.Step())
        for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i)
            if (DrawAction(app, actions[static_cast<std::size_t>(i)])) undo = &actions[static_cast<std::size_t>(i)];
    ImGui::EndTable();
    if (undo) UndoAction(app, *undo);  // the list is read again on the next frame
}

}  // namespace

void ShowChanges(App& app) { ShowList(app, Page::Changes); }

void DrawChanges(App& app, ChangesView& view) {
    if (!app.current) return;
    if (view.generation != app.generation || !view.actions) {
        view.actions = core::ListPendingActions(app.current->db);
        view.generation = app.generation;
    }
    Heading(app.mirror, "Changes not yet on the server");
    if (!*view.actions) {
        app.mirror.SetError(view.actions->error().code, view.actions->error().Describe());
        return TextColored(app.mirror, theme::Colors().failure, "Cannot read the journal: " + view.actions->error().Describe());
    }
    const auto& actions = view.actions->value();
    if (actions.empty()) {
        TextMuted(app.mirror, "No unsynced edits. What you change in this export is listed here until the server has it.");
    } else {
        TextMuted(app.mirror, "Newest last. Undo takes back one action; one that a later action built on says which to undo first.");
        DrawActions(app, actions);
    }
    ImGui::Spacing();
    Heading(app.mirror, "Take them to the server");
    DrawExportChoices(app, true);
}

}  // namespace ui
