#include "ui/theme.h"

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
}

}  // namespace ui::theme
