#include "ui/schedules/run_now_dialog.h"

#include <imgui.h>

#include "core/model/schedule_run_now.h"
#include "ui/app/app.h"
#include "ui/app/signing_inputs.h"
#include "ui/widgets/widgets.h"

namespace ui {
namespace {

constexpr const char* kTitle = "Run schedule now?";

std::string Consequence(const core::ResubmitSettings& settings) {
    switch (settings.way) {
        case core::ResubmitWay::QueueEntry:
            return "Adds the task the scheduler would launch now as a signed queue entry (django_q_ormq, key " + settings.cluster_name +
                   "). The schedule's next run and repeats stay as they are.";
        case core::ResubmitWay::QueueEntrySignedOnServer:
            return "Adds the task as a queue entry to be signed on the server: djq apply --secret-key-env VAR --cluster " +
                   settings.cluster_name + " signs it as it applies the changeset. The schedule stays as it is.";
        case core::ResubmitWay::OnceSchedule:
            return "Adds a ONCE schedule due now with the same func, args, kwargs and name (so its task has the same group); "
                   "the scheduler runs it on its next pass and deletes it. The schedule stays as it is.";
    }
    return {};
}

void Close(App& app) {
    app.run_now_id.reset();
    ImGui::CloseCurrentPopup();
}

}  // namespace

void AskRunNow(App& app, std::int64_t schedule_id) {
    if (!app.current) return;
    app.run_now_id = schedule_id;
    GuessClusterOnce(app);
}

void DrawRunNowDialog(App& app) {
    if (!app.run_now_id || !app.current) return;
    if (!ImGui::IsPopupOpen(kTitle)) ImGui::OpenPopup(kTitle);
    if (!ImGui::BeginPopupModal(kTitle, nullptr, ImGuiWindowFlags_AlwaysAutoResize)) return;
    core::ResubmitSettings& settings = app.resubmit.settings;
    Heading(app.mirror, "Run schedule " + std::to_string(*app.run_now_id) + " now?");
    DrawQueueWayChoice(app);
    ImGui::Spacing();
    ImGui::PushTextWrapPos(600);
    Text(app.mirror, Consequence(settings) + " Journalled: Undo reverts it.");
    ImGui::PopTextWrapPos();
    ImGui::Spacing();
    ImGui::BeginDisabled(settings.way == core::ResubmitWay::QueueEntry && !KeyReady(app));
    if (Button(app.mirror, "Run now")) {
        auto done = core::RunScheduleNow(*app.current, *app.run_now_id, settings, WallClock(app));
        if (done) {
            AfterChange(app);
            app.notice = done->queued ? "Queued " + done->task_name + " for schedule " + std::to_string(*app.run_now_id) + "."
                                      : "Added ONCE schedule " + std::to_string(done->schedule_id) + ", due now.";
        } else {
            app.open_error = OpenError{done.error(), app.current->source};
        }
        Close(app);
    }
    ImGui::EndDisabled();
    ImGui::SameLine();
    if (Button(app.mirror, "Cancel##run-now") || ImGui::IsKeyPressed(ImGuiKey_Escape)) Close(app);
    ImGui::EndPopup();
}

}  // namespace ui
