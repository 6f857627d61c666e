#include "ui/tasks/task_detail.h"

#include <algorithm>
#include <cstdio>
#include <utility>

#include <imgui.h>

#include "core/sched/timestamp.h"
#include "ui/app/app.h"
#include "ui/app/time_display.h"
#include "ui/tasks/resubmit_dialog.h"
#include "ui/theme/fonts.h"
#include "ui/theme/theme.h"
#include "ui/widgets/value_tree.h"
#include "ui/widgets/widgets.h"

namespace ui {
namespace {

DecodedField Decode(const std::optional<std::string>& stored) {
    auto decoded = core::DecodeStoredValue(stored);
    if (!decoded) return {std::nullopt, decoded.error()};
    return {std::move(decoded.value()), std::nullopt};
}

void Load(App& app, TaskDetailView& view) {
    view.generation = app.generation;
    view.task.reset();
    view.schedule.reset();
    auto found = core::FindTask(*app.current, view.id);
    if (!found) {
        app.mirror.SetError(found.error().code, found.error().Describe());
        return;
    }
    view.task = std::move(found.value());
    if (!view.task) return;
    view.args = Decode(view.task->args);
    view.kwargs = Decode(view.task->kwargs);
    view.result = Decode(view.task->result);
    if (view.task->group)
        if (auto schedule = core::FindScheduleNamed(*app.current, *view.task->group); schedule) view.schedule = schedule.value();
}

void CopyButton(App& app, const std::string& what, const std::string& text) {
    if (Button(app.mirror, ("Copy " + what).c_str())) CopyToClipboard(app, what, text);
}

// A row of the fields table: label, value, and a copy button for values worth pasting elsewhere.
void Field(App& app, const std::string& name, const std::string& value, bool copyable = false) {
    ImGui::TableNextRow();
    ImGui::TableSetColumnIndex(0);
    ImGui::AlignTextToFramePadding();
    ImGui::TextDisabled("%s", name.c_str());
    ImGui::TableSetColumnIndex(1);
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(value.c_str());
    RecordItem(app.mirror, "value", name, value);
    if (copyable) {
        ImGui::SameLine(0, 12);
        CopyButton(app, name, value);
    }
}

std::string SecondsBetween(const std::string& started, const std::string& stopped) {
    const auto from = core::ParseDjangoDatetime(started), to = core::ParseDjangoDatetime(stopped);
    if (!from || !to) return "?";
    char text[32];
    std::snprintf(text, sizeof text, "%.3f s", static_cast<double>(*to - *from) / 1e6);
    return text;
}

// A text block in monospace, at most 360 px tall before it scrolls. Read-only text the user can
// select part of with the mouse or keys and copy (Ctrl+C), as in any page.
void MonoBlock(App& app, const std::string& name, const std::string& text) {
    ImGui::PushFont(Fonts().mono);
    const float lines = static_cast<float>(std::count(text.begin(), text.end(), '\n') + 1);
    const float height = std::min(lines * ImGui::GetTextLineHeight() + 2 * ImGui::GetStyle().FramePadding.y + 4.0f, 360.0f);
    ImGui::PushStyleColor(ImGuiCol_FrameBg, theme::Colors().card_background);
    // ReadOnly: ImGui never writes the buffer (no copy of a result up to 1 MB each frame).
    ImGui::InputTextMultiline(("##" + name).c_str(), const_cast<char*>(text.c_str()), text.size() + 1, ImVec2(-1.0f, height),
                              ImGuiInputTextFlags_ReadOnly);
    ImGui::PopStyleColor();
    ImGui::PopFont();
    RecordItem(app.mirror, "code", name, text);
}

void DecodedSection(App& app, const std::string& name, const DecodedField& field, bool is_result) {
    ImGui::Spacing();
    ImGui::SeparatorText(name.c_str());
    if (field.error) {
        Text(app.mirror, "Cannot decode the " + name + ": " + field.error->Describe());
        return;
    }
    if (!field.value) {
        TextMuted(app.mirror, "(none)");
        return;
    }
    const core::DecodedValue& value = *field.value;
    // A failure's result is its error text and traceback: shown as written, line by line.
    const bool traceback = is_result && value.text && value.text->find('\n') != std::string::npos;
    const std::string& shown = traceback ? *value.text : value.pretty;
    MonoBlock(app, name, shown);
    CopyButton(app, name, traceback ? *value.text : value.repr);
    if (!traceback && value.tree) DrawValueTree(app.mirror, name, *value.tree);
}

}  // namespace

void CopyToClipboard(App& app, const std::string& what, const std::string& text) {
    ImGui::SetClipboardText(text.c_str());
    app.notice = "Copied " + what + " to the clipboard.";
}

void OpenTask(App& app, std::string id) {
    if (id != app.detail.id) app.detail.scroll_to_top = true;
    app.detail.id = std::move(id);
    app.detail.generation = app.generation - 1;  // loads on the next draw
    app.page = Page::TaskDetail;
}

void DrawTaskDetail(App& app, TaskDetailView& view) {
    if (view.generation != app.generation) Load(app, view);
    if (Button(app.mirror, "Back to the list") || (ImGui::IsKeyPressed(ImGuiKey_Escape) && !ImGui::GetIO().WantTextInput)) {
        app.page = app.list_page;
        return;
    }
    if (!view.task) {
        Heading(app.mirror, "No task " + view.id);
        TextMuted(app.mirror, "It is not in this export (deleted, or pruned by save_limit).");
        return;
    }
    const core::TaskRow& task = *view.task;
    ImGui::SameLine(0, 16);
    Heading(app.mirror, task.name);
    ImGui::SameLine(0, 16);
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(task.success ? theme::Colors().success : theme::Colors().failure));
    Text(app.mirror, task.success ? "Successful" : "Failed");
    ImGui::PopStyleColor();
    ImGui::SameLine(0, 24);
    if (Button(app.mirror, "Resubmit…")) AskResubmit(app, {task.id});

    if (std::exchange(view.scroll_to_top, false)) ImGui::SetNextWindowScroll(ImVec2(0.0f, 0.0f));
    ImGui::BeginChild("task-fields", ImVec2(0, 0));
    ImGui::BeginTable("fields", 2, ImGuiTableFlags_SizingFixedFit);
    ImGui::TableSetupColumn("field", ImGuiTableColumnFlags_WidthFixed, 110.0f);
    ImGui::TableSetupColumn("value", ImGuiTableColumnFlags_WidthStretch);
    Field(app, "Id", task.id, true);
    Field(app, "Name", task.name, true);
    Field(app, "Func", task.func, true);
    Field(app, "Hook", task.hook.value_or("-"));
    Field(app, "Group", task.group.value_or("-"), task.group.has_value());
    if (task.group) {
        ImGui::SameLine(0, 12);
        if (Link(app.mirror, "Other tasks of this group")) ShowGroup(app, app.list_page == Page::AllTasks ? core::TaskKind::All : task.success ? core::TaskKind::Successful : core::TaskKind::Failed, *task.group);
    }
    if (view.schedule) {
        Field(app, "Schedule", "#" + std::to_string(view.schedule->id) + " " + view.schedule->name + " (" + view.schedule->func + ")");
    } else if (task.group) {
        Field(app, "Schedule", "none named " + *task.group);
    }
    if (task.cluster || app.current->schema.task_cluster) Field(app, "Cluster", task.cluster.value_or("-"));
    Field(app, "Started", FormatShown(app, core::ParseDjangoDatetime(task.started)));
    Field(app, "Stopped", FormatShown(app, core::ParseDjangoDatetime(task.stopped)));
    Field(app, "Time taken", SecondsBetween(task.started, task.stopped));
    if (task.attempt_count) Field(app, "Attempts", std::to_string(*task.attempt_count));
    ImGui::EndTable();
    DecodedSection(app, "args", view.args, false);
    DecodedSection(app, "kwargs", view.kwargs, false);
    DecodedSection(app, "result", view.result, true);
    ImGui::EndChild();
}

}  // namespace ui
