// An ImGui context for the null backend (no window, no GPU), as example_null sets one up: a built
// font atlas and a 1280×800 display. Shared by the view smoke tests and the frame benchmark.
#pragma once

#include <imgui.h>

#include "ui/theme/fonts.h"
#include "ui/app/preferences.h"
#include "ui/theme/theme.h"

namespace test {

// What a platform does before each frame: rebuild the atlas when the fonts changed, and "upload" it.
inline void LoadNullFonts() {
    if (!ui::LoadFonts(1.0f)) return;
    unsigned char* pixels = nullptr;
    int width = 0, height = 0;
    ImGui::GetIO().Fonts->GetTexDataAsRGBA32(&pixels, &width, &height);
}

inline void CreateNullImGuiContext() {
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.DisplaySize = ImVec2(1280, 800);
    io.DeltaTime = 1.0f / 60.0f;
    ui::RegisterPreferences();
    LoadNullFonts();
}

}  // namespace test
