#include "ui/theme/theme.h"

#include <initializer_list>
#include <string>

#include <imgui.h>

#include "ui/app/preferences.h"

namespace ui::theme {
namespace {

constexpr Palette kDark = {
    .success = 0xFF5FB35Fu, .failure = 0xFF4F55E0u, .schedule = 0xFFE0A040u, .queue = 0xFF40B8E0u,
    .card_background = 0xFF2A2522u, .error_background = 0xFF22224Au,
    .danger = 0xFF3236B0u, .danger_hovered = 0xFF3C42CCu,
    .fresh = 0xFF60D8F0u, .fresh_row_background = 0x3860D8F0u,
};
// Darker status colours: the dark theme's would not read on white.
constexpr Palette kLight = {
    .success = 0xFF327D2Eu, .failure = 0xFF2828C6u, .schedule = 0xFFB06A1Au, .queue = 0xFF1A7FA8u,
    .card_background = 0xFFF4F1EFu, .error_background = 0xFFE6E6FCu,
    .danger = 0xFF2828C6u, .danger_hovered = 0xFF3535DCu,
    .fresh = 0xFF0080B0u, .fresh_row_background = 0x4040D8F8u,
};

constexpr const char* kPreference = "theme";
const Palette* g_palette = &kDark;
// What the current context's style was last set to: a new context starts unstyled.
const ImGuiContext* g_styled_context = nullptr;
bool g_styled_dark = true;

void Spacing(ImGuiStyle& style) {
    style.WindowPadding = ImVec2(14, 12);
    style.FramePadding = ImVec2(10, 5);
    style.ItemSpacing = ImVec2(10, 8);
    style.CellPadding = ImVec2(6, 3);
    style.FrameRounding = 4.0f;
    style.ChildRounding = 6.0f;
    style.PopupRounding = 6.0f;
    style.GrabRounding = 4.0f;
    style.WindowBorderSize = 0.0f;
    style.FrameBorderSize = 0.0f;
    // Dialogs, menus and popups hide what is under them, over a dimmed page.
    style.PopupBorderSize = 1.0f;
}

void Dark(ImGuiStyle& style) {
    ImGui::StyleColorsDark(&style);
    ImVec4* c = style.Colors;
    c[ImGuiCol_WindowBg] = ImVec4(0.09f, 0.10f, 0.12f, 1.0f);
    c[ImGuiCol_MenuBarBg] = ImVec4(0.13f, 0.14f, 0.17f, 1.0f);
    c[ImGuiCol_PopupBg] = ImVec4(0.15f, 0.16f, 0.20f, 1.0f);
    c[ImGuiCol_Border] = ImVec4(0.30f, 0.33f, 0.40f, 1.0f);
    c[ImGuiCol_ModalWindowDimBg] = ImVec4(0.0f, 0.0f, 0.0f, 0.55f);
}

void Light(ImGuiStyle& style) {
    ImGui::StyleColorsLight(&style);
    ImVec4* c = style.Colors;
    c[ImGuiCol_WindowBg] = ImVec4(0.97f, 0.97f, 0.98f, 1.0f);
    c[ImGuiCol_ChildBg] = ImVec4(0.0f, 0.0f, 0.0f, 0.0f);
    c[ImGuiCol_PopupBg] = ImVec4(1.0f, 1.0f, 1.0f, 1.0f);
    c[ImGuiCol_Border] = ImVec4(0.78f, 0.80f, 0.84f, 1.0f);
    c[ImGuiCol_Text] = ImVec4(0.11f, 0.13f, 0.17f, 1.0f);
    c[ImGuiCol_TextDisabled] = ImVec4(0.42f, 0.45f, 0.50f, 1.0f);
    c[ImGuiCol_FrameBg] = ImVec4(1.0f, 1.0f, 1.0f, 1.0f);
    c[ImGuiCol_FrameBgHovered] = ImVec4(0.90f, 0.93f, 0.98f, 1.0f);
    c[ImGuiCol_Button] = ImVec4(0.26f, 0.45f, 0.80f, 0.14f);
    c[ImGuiCol_ButtonHovered] = ImVec4(0.16f, 0.40f, 0.78f, 1.0f);
    c[ImGuiCol_TableHeaderBg] = ImVec4(0.91f, 0.92f, 0.94f, 1.0f);
    c[ImGuiCol_TableRowBgAlt] = ImVec4(0.0f, 0.0f, 0.0f, 0.03f);
    c[ImGuiCol_ModalWindowDimBg] = ImVec4(0.05f, 0.07f, 0.10f, 0.45f);
    style.FrameBorderSize = 1.0f;  // white fields on a near-white page need an edge
}

}  // namespace

const Palette& Colors() { return *g_palette; }

Choice CurrentChoice() {
    const std::string kept = Preference(kPreference, "System");
    for (const Choice choice : {Choice::Light, Choice::Dark})
        if (kept == ChoiceName(choice)) return choice;
    return Choice::System;
}

void Choose(Choice choice) { SetPreference(kPreference, ChoiceName(choice)); }

const char* ChoiceName(Choice choice) {
    switch (choice) {
        case Choice::System: return "System";
        case Choice::Light: return "Light";
        case Choice::Dark: return "Dark";
    }
    return "System";
}

void Follow(bool system_dark) {
    const Choice choice = CurrentChoice();
    const bool dark = choice == Choice::System ? system_dark : choice == Choice::Dark;
    if (g_styled_context == ImGui::GetCurrentContext() && g_styled_dark == dark) return;
    ImGuiStyle& style = ImGui::GetStyle();
    Spacing(style);
    if (dark) Dark(style); else Light(style);
    g_palette = dark ? &kDark : &kLight;
    g_styled_context = ImGui::GetCurrentContext();
    g_styled_dark = dark;
}


}  // namespace ui::theme
