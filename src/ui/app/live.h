// Live, as in Flower and Sidekiq: a ?src= export is fetched again every few seconds (conditionally,
// so an unchanged one costs a 304), with unsynced edits carried over as Reload from server does.
// A fetch waits while the user types or a dialog is open. What a reload brought is kept so the
// overview and the lists can show it: counts that changed and tasks that are new.
#pragma once

#include <optional>
#include <string>

#include "core/model/summary.h"
#include "core/sched/timestamp.h"

namespace ui {

struct App;

struct LiveState {
    bool on = false;
    int period_seconds = 30;
    int period_typed = 30;  // the period field as typed, applied when the field is left
    std::string status;  // "checked 10:31:05 UTC: unchanged"
};

// The export as it was before the last reload of the same source.
struct SinceLastLoad {
    core::Summary before;
    std::optional<core::UnixMicros> newest_before;  // tasks that stopped later are new
};

// The Live switch and its period, beside Reload from server.
void DrawLiveSwitch(App& app);
// Its width on the bar (the switch, and when on the period and a status slot), for the bar's wrapping.
float LiveSwitchWidth(const App& app);
// Turns Live on for `seconds` (0: off), as the switch or a ?live=N link does.
void SetLive(App& app, int seconds);
// At the end of a frame: whether a fetch now would interrupt nothing (no typing, no dialog, no
// pending work or question). The platform asks before each live fetch.
void NoteQuietMoment(App& app);
// A live fetch found the export unchanged, or brought a newer one (said quietly, beside the switch).
void LiveUnchanged(App& app);
void LiveUpdated(App& app);
// Whether a task that stopped at `stopped` (Django datetime text) came with the last reload.
bool IsNewSinceLastLoad(const App& app, const std::string& stopped);
// "Since the last load (…): failed 8 → 9" on the overview, when a reload changed a count.
void DrawChangesSinceLastLoad(App& app);

}  // namespace ui
