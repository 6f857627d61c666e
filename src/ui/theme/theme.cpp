#include "ui/theme/theme.h"

#include <imgui.h>

namespace ui::theme {

void Apply() {
    ImGui::StyleColorsDark();
    ImGuiStyle& style = ImGui::GetStyle();
    style.WindowPadding = ImVec2(14, 12);
    style.FramePadding = ImVec2(10, 5);
    style.ItemSpacing = ImVec2(10, 8);
    style.FrameRounding = 4.0f;
    style.ChildRounding = 6.0f;
    style.WindowBorderSize = 0.0f;
    style.Colors[ImGuiCol_WindowBg] = ImVec4(0.09f, 0.10f, 0.12f, 1.0f);
    style.Colors[ImGuiCol_MenuBarBg] = ImVec4(0.13f, 0.14f, 0.17f, 1.0f);
    // Dialogs, menus and popups hide what is under them, over a dimmed page (ImGui's dark style has
    // them 94% opaque over a lightened one, so the table shows through).
    style.PopupBorderSize = 1.0f;
    style.PopupRounding = 6.0f;
    style.Colors[ImGuiCol_PopupBg] = ImVec4(kPopupBackground[0], kPopupBackground[1], kPopupBackground[2], 1.0f);
    style.Colors[ImGuiCol_Border] = ImVec4(0.30f, 0.33f, 0.40f, 1.0f);
    style.Colors[ImGuiCol_ModalWindowDimBg] = ImVec4(0.0f, 0.0f, 0.0f, 0.55f);
}

}  // namespace ui::theme
