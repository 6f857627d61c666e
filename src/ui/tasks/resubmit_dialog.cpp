#include "ui/tasks/resubmit_dialog.h"

#include <functional>

#include <imgui.h>

#include "ui/app/app.h"
#include "ui/app/signing_inputs.h"
#include "ui/theme/theme.h"
#include "ui/widgets/widgets.h"

namespace ui {
namespace {

constexpr const char* kTitle = "Resubmit tasks?";

std::string Counted(std::size_t count, const char* one, const char* many) { return std::to_string(count) + " " + (count == 1 ? one : many); }
std::string Tasks(std::size_t count) { return Counted(count, "task", "tasks"); }

// What the chosen way writes, in the words of the confirmation; or why it cannot.
std::string Consequence(const App& app, const std::vector<core::ResubmitPlan>& plans) {
    std::size_t deleted = 0;
    for (const auto& plan : plans) deleted += plan.delete_task;
    const std::size_t count = plans.size();
    const std::string key = " (django_q_ormq, key " + app.resubmit.settings.cluster_name + ")";
    std::string text;
    switch (app.resubmit.settings.way) {
        case core::ResubmitWay::QueueEntry:
            text = "Adds " + Counted(count, "signed queue entry", "signed queue entries") + key + ", as async_task does.";
            break;
        case core::ResubmitWay::QueueEntrySignedOnServer:
            text = "Adds " + Counted(count, "queue entry", "queue entries") + key +
                   " to be signed on the server: djq apply --secret-key-env VAR --cluster " + app.resubmit.settings.cluster_name +
                   " signs them as it applies the changeset.";
            break;
        case core::ResubmitWay::OnceSchedule:
            text = "Adds " + Counted(count, "ONCE schedule", "ONCE schedules") +
                   " due now (deleted after it runs); the scheduler queues the task on the server.";
            break;
    }
    if (deleted > 0) text += " Deletes the " + Tasks(deleted) + " that failed, as the admin does.";
    return text + " Journalled: Undo reverts it, and the changeset carries it to the server.";
}

// What each queue entry's signature will vouch for, so nothing is signed unseen (the first few).
void DrawCallsToSign(Mirror& mirror, const core::ResubmitSettings& settings, const std::vector<core::ResubmitPlan>& plans) {
    if (settings.way == core::ResubmitWay::OnceSchedule) return;
    constexpr std::size_t kShown = 5;
    for (std::size_t i = 0; i < plans.size() && i < kShown; ++i) TextMuted(mirror, "Signs: " + plans[i].call);
    if (plans.size() > kShown) TextMuted(mirror, "… and " + std::to_string(plans.size() - kShown) + " more.");
}

void Resubmit(App& app) {
    auto done = core::ResubmitTasks(*app.current, app.resubmit.ids, app.resubmit.settings, WallClock(app));
    if (!done) {
        app.open_error = OpenError{done.error(), app.current->source};
        return;
    }
    AfterChange(app);
    app.notice = "Resubmitted " + Tasks(app.resubmit.ids.size()) + ": " +
                 (done->queued > 0 ? std::to_string(done->queued) + " queued" : std::to_string(done->scheduled) + " scheduled") +
                 (done->deleted > 0 ? ", " + GroupThousands(done->deleted) + (done->deleted == 1 ? " failure" : " failures") + " deleted." : ".");
    if (app.page == Page::TaskDetail && done->deleted > 0) app.page = app.list_page;  // the failure is gone
}

void Close(App& app) {
    app.resubmit.ids.clear();
    app.resubmit.planned_for.clear();
    ImGui::CloseCurrentPopup();
}

}  // namespace

void AskResubmit(App& app, std::vector<std::string> ids) {
    if (!app.current || ids.empty()) return;
    app.resubmit.ids = std::move(ids);
    GuessClusterOnce(app);
}

void DrawResubmitDialog(App& app) {
    ResubmitState& state = app.resubmit;
    if (state.ids.empty() || !app.current) return;
    if (!ImGui::IsPopupOpen(kTitle)) ImGui::OpenPopup(kTitle);
    if (!ImGui::BeginPopupModal(kTitle, nullptr, ImGuiWindowFlags_AlwaysAutoResize)) return;
    Mirror& mirror = app.mirror;
    core::ResubmitSettings& settings = state.settings;
    Heading(mirror, "Resubmit " + Tasks(state.ids.size()) + "?");
    DrawQueueWayChoice(app);
    ImGui::Spacing();
    // What the button does, previewed; the button plans again when pressed.
    const std::string choices = std::to_string(static_cast<int>(settings.way)) + "|" + settings.cluster_name + "|" +
                                std::to_string(std::hash<std::string>()(settings.secret_key)) + (settings.key_rotated ? "|rotated|" : "|") +
                                std::to_string(app.generation) + "|" +
                                std::to_string(state.ids.size()) + "|" + state.ids.front();
    if (choices != state.planned_for) {
        state.plans = core::PlanResubmit(*app.current, state.ids, settings, WallClock(app));
        state.planned_for = choices;
    }
    const auto& plans = state.plans;
    ImGui::PushTextWrapPos(600);
    if (plans) {
        Text(mirror, Consequence(app, plans.value()));
        DrawCallsToSign(mirror, settings, plans.value());
    } else {
        TextColored(mirror, theme::Colors().failure, plans.error().Describe());
    }
    ImGui::PopTextWrapPos();
    ImGui::Spacing();
    ImGui::BeginDisabled(!plans);
    if (Button(mirror, ("Resubmit " + Tasks(state.ids.size())).c_str())) {
        Resubmit(app);
        Close(app);
    }
    ImGui::EndDisabled();
    ImGui::SameLine();
    if (Button(mirror, "Cancel##resubmit") || ImGui::IsKeyPressed(ImGuiKey_Escape)) Close(app);
    ImGui::EndPopup();
}

}  // namespace ui
