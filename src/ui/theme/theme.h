// Colours and spacing shared by the views, in one place so views stay about content.
#pragma once

namespace ui::theme {

// ImU32 colours (0xAABBGGRR, as ImGui packs them).
constexpr unsigned kSuccess = 0xFF5FB35Fu;
constexpr unsigned kFailure = 0xFF4F55E0u;
constexpr unsigned kSchedule = 0xFFE0A040u;
constexpr unsigned kQueue = 0xFF40B8E0u;
constexpr unsigned kCardBackground = 0xFF2A2522u;
constexpr unsigned kErrorBackground = 0xFF22224Au;
constexpr unsigned kDanger = 0xFF3236B0u;         // destructive buttons (Delete), unlike Cancel
constexpr unsigned kDangerHovered = 0xFF3C42CCu;
constexpr unsigned kNew = 0xFF60D8F0u;            // what the last reload of the export brought
constexpr unsigned kNewRowBackground = 0x3860D8F0u;

// The opaque background of dialogs, menus and popups (red, green, blue in 0…1).
constexpr float kPopupBackground[3] = {0.15f, 0.16f, 0.20f};

// Applies the app's style to the current ImGui context.
void Apply();

}  // namespace ui::theme
