// Colours and spacing shared by the views, in one place so views stay about content. Two themes,
// light and dark, after the dashboards people like (Sidekiq, Hangfire, Oban Web): neutral
// surfaces, one accent, status colours that read on either background. The user picks System
// (the browser's prefers-color-scheme), Light or Dark; the choice is a preference (ui/app/preferences.h).
#pragma once

namespace ui::theme {

// ImU32 colours (0xAABBGGRR, as ImGui packs them) of the current theme.
struct Palette {
    unsigned success, failure, schedule, queue;
    unsigned card_background, error_background;
    unsigned danger, danger_hovered;  // destructive buttons (Delete), unlike Cancel
    unsigned fresh, fresh_row_background;  // what the last reload of the export brought
};
const Palette& Colors();

enum class Choice { System, Light, Dark };
Choice CurrentChoice();
void Choose(Choice choice);
const char* ChoiceName(Choice choice);  // "System", "Light", "Dark"

// Applies the chosen theme to the current ImGui context when it is not applied yet; `system_dark`
// is the platform's preference, for System. Called once per frame.
void Follow(bool system_dark);

}  // namespace ui::theme
