#include "ui/app/live.h"

#include <algorithm>

#include <imgui.h>

#include "platform/platform.h"
#include "ui/app/app.h"
#include "ui/theme/theme.h"
#include "ui/widgets/widgets.h"

namespace ui {
namespace {

constexpr int kMinPeriodSeconds = 1, kMaxPeriodSeconds = 24 * 3600;

std::string ClockNow(const App& app) { return core::FormatDjangoDatetime(WallClock(app)).substr(11, 8) + " UTC"; }

std::string CountChange(const char* what, std::int64_t before, std::int64_t after) {
    if (before == after) return {};
    return std::string(what) + " " + BeforeAfter(before, after);
}

float PeriodFieldWidth() { return ImGui::CalcTextSize("00000").x + ImGui::GetStyle().FramePadding.x * 2; }
// As wide as the longest status, so the bar never re-wraps between two polls.
float StatusWidth() { return ImGui::CalcTextSize("checked 00:00:00 UTC: unchanged").x; }

}  // namespace

void SetLive(App& app, int seconds) {
    app.live.on = seconds > 0;
    if (seconds > 0) app.live.period_seconds = std::clamp(seconds, kMinPeriodSeconds, kMaxPeriodSeconds);
    app.live.period_typed = app.live.period_seconds;
    app.live.status = app.live.on ? "every " + std::to_string(app.live.period_seconds) + " s" : "";
    platform::SetLive(app.live.on ? app.live.period_seconds : 0);
}

float LiveSwitchWidth(const App& app) {
    const float spacing = ImGui::GetStyle().ItemSpacing.x;
    float width = CheckboxWidth("Live");
    if (app.live.on) width += spacing + PeriodFieldWidth() + ImGui::GetStyle().ItemInnerSpacing.x + ImGui::CalcTextSize("s").x + spacing + StatusWidth();
    return width;
}

void DrawLiveSwitch(App& app) {
    if (app.source_url.empty()) return;
    ImGui::SameLine();
    bool on = app.live.on;
    if (Checkbox(app.mirror, "Live", on, true)) SetLive(app, on ? app.live.period_seconds : 0);
    if (!app.live.on) return;
    ImGui::SameLine();
    ImGui::SetNextItemWidth(PeriodFieldWidth());
    // Applied when the field is left, so typing "60" does not poll every 6 s on the way.
    ImGui::InputInt("s##live-period", &app.live.period_typed, 0, 0);
    RecordItem(app.mirror, "input", "Live period (s)", std::to_string(app.live.period_typed));
    if (!ImGui::IsItemActive() && app.live.period_typed != app.live.period_seconds) SetLive(app, std::max(kMinPeriodSeconds, app.live.period_typed));
    ImGui::SameLine();
    ImGui::AlignTextToFramePadding();
    const float start = ImGui::GetCursorPosX();
    TextMuted(app.mirror, app.live.status);
    EndSlot(start, StatusWidth());
}

void NoteQuietMoment(App& app) {
    const bool dialog = ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId | ImGuiPopupFlags_AnyPopupLevel);
    app.quiet_moment = !ImGui::GetIO().WantTextInput && !dialog && !IsBusy(app) && !app.saved_copy && app.rebase_conflicts.empty() &&
                       !app.open_error;
}

void LiveUnchanged(App& app) { app.live.status = "checked " + ClockNow(app) + ": unchanged"; }
void LiveUpdated(App& app) { app.live.status = "updated " + ClockNow(app); }

bool IsNewSinceLastLoad(const App& app, const std::string& stopped) {
    if (!app.since_last_load || !app.since_last_load->newest_before) return false;
    const auto at = core::ParseDjangoDatetime(stopped);
    return at && *at > *app.since_last_load->newest_before;
}

void DrawChangesSinceLastLoad(App& app) {
    if (!app.since_last_load || !app.summary || !app.summary->tasks_counted) return;
    const core::Summary& before = app.since_last_load->before;
    const core::Summary& now = *app.summary;
    std::string changes;
    for (const std::string& change : {CountChange("successful", before.successful, now.successful), CountChange("failed", before.failed, now.failed),
                                      CountChange("scheduled", before.schedules, now.schedules), CountChange("queued", before.queued, now.queued)})
        if (!change.empty()) changes += (changes.empty() ? "" : ", ") + change;
    if (changes.empty()) return;
    TextColored(app.mirror, theme::Colors().fresh, "Since the last load: " + changes + ". New tasks are marked in the lists.");
}

}  // namespace ui
