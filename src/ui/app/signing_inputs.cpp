#include "ui/app/signing_inputs.h"

#include <functional>
#include <imgui.h>

#include "ui/app/app.h"
#include "ui/theme/theme.h"
#include "ui/widgets/widgets.h"

namespace ui {
namespace {

// The key check, redone only when the key, the cluster name or the data changed (a hash, so the
// key itself is kept nowhere else).
const core::Result<core::KeyCheck>& KeyCheckNow(App& app) {
    ResubmitState& state = app.resubmit;
    const core::ResubmitSettings& settings = state.settings;
    const std::size_t checked_for = std::hash<std::string>()(settings.secret_key + '\n' + settings.cluster_name) ^ app.generation;
    if (checked_for != state.key_checked_for) {
        state.key_check = core::CheckKeyAgainstExport(*app.current, settings.secret_key, settings.cluster_name);
        state.key_checked_for = checked_for;
    }
    return state.key_check;
}

void DrawKeyCheck(App& app) {
    const auto& check = KeyCheckNow(app);
    if (!check) return TextColored(app.mirror, theme::Colors().failure, "Cannot check the key: " + check.error().Describe());
    const std::string entry = "queued task " + std::to_string(check->entry_id);
    switch (check->match) {
        case core::KeyMatch::Matches: return TextColored(app.mirror, theme::Colors().success, "Key checked: it verifies " + entry + "'s signature.");
        case core::KeyMatch::Mismatch: {
            core::ResubmitSettings& settings = app.resubmit.settings;
            if (!settings.key_rotated)
                TextColored(app.mirror, theme::Colors().failure,
                            "Wrong key: with cluster name \"" + settings.cluster_name + "\" it does not verify " + entry +
                                "'s signature. Nothing will be signed with it.");
            else
                TextMuted(app.mirror, "It does not verify " + entry + ", signed with the server's previous key: signing with the new one.");
            // After a rotation the old entries are expected to fail the new key (and the server rejects them until re-signed).
            Checkbox(app.mirror, "The server's SECRET_KEY was rotated since: sign with this one", settings.key_rotated, true);
            return;
        }
        case core::KeyMatch::NoSignedEntry:
            return TextMuted(app.mirror, "No signed queue entry in this export to check the key against.");
    }
}

std::string CompressWords(const core::CompressEvidence& seen) {
    if (!seen.compress) return "Compress: no queue entry shows it; set it as Q_CLUSTER['compress'] is.";
    const std::string entry = "queued task " + std::to_string(seen.entry_id);
    return *seen.compress ? "Compress: on, as " + entry + " is compressed."
                          : "Compress: off, as " + entry + " is not compressed (Django would have).";
}

}  // namespace

void DrawQueueWayChoice(App& app) {
    core::ResubmitSettings& settings = app.resubmit.settings;
    Mirror& mirror = app.mirror;
    if (Radio(mirror, "Queue now, signed with the server's SECRET_KEY", settings.way == core::ResubmitWay::QueueEntry))
        settings.way = core::ResubmitWay::QueueEntry;
    if (Radio(mirror, "Queue, signed on the server by djq apply (no key here)", settings.way == core::ResubmitWay::QueueEntrySignedOnServer))
        settings.way = core::ResubmitWay::QueueEntrySignedOnServer;
    if (Radio(mirror, "As a ONCE schedule (no key needed)", settings.way == core::ResubmitWay::OnceSchedule))
        settings.way = core::ResubmitWay::OnceSchedule;
    if (settings.way == core::ResubmitWay::OnceSchedule) return;
    ImGui::Indent();
    DrawSigningInputs(app, settings.way == core::ResubmitWay::QueueEntry);
    ImGui::Unindent();
}

void DrawSigningInputs(App& app, bool with_key) {
    core::ResubmitSettings& settings = app.resubmit.settings;
    Mirror& mirror = app.mirror;
    if (with_key) {
        SecretInput(mirror, "SECRET_KEY", "the server's Django SECRET_KEY (kept in memory only)", settings.secret_key, 340);
        ImGui::SameLine(0, 16);
    }
    InlineLabel("Cluster name");
    TextInput(mirror, "Cluster name", "Q_CLUSTER['name']", settings.cluster_name, 160);
    if (!with_key) return;
    SameLineIfFits(CheckboxWidth("Compress (Q_CLUSTER['compress'])"), 16);
    Checkbox(mirror, "Compress (Q_CLUSTER['compress'])", settings.compress, true);
    TextMuted(mirror, CompressWords(app.resubmit.compress_seen));
    if (!settings.secret_key.empty() && app.current) DrawKeyCheck(app);
}

bool KeyReady(App& app) {
    if (app.resubmit.settings.secret_key.empty() || !app.current) return false;
    const auto& check = KeyCheckNow(app);
    return check && (check->match != core::KeyMatch::Mismatch || app.resubmit.settings.key_rotated);
}

void GuessClusterOnce(App& app) {
    ResubmitState& state = app.resubmit;
    if (!state.settings.cluster_name.empty() && state.cluster_for == app.generation) return;
    if (auto guessed = core::GuessClusterName(*app.current)) state.settings.cluster_name = guessed.value();
    if (auto seen = core::DetectCompress(*app.current)) {
        state.compress_seen = seen.value();
        if (seen->compress) state.settings.compress = *seen->compress;
    }
    state.cluster_for = app.generation;
}

}  // namespace ui
