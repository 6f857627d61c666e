#include "ui/theme/fonts.h"

#include <imgui.h>

#include "ui/theme/embedded_fonts.h"

namespace ui {
namespace {

FontSet g_fonts;
// The atlas and ratio the fonts were built for: a new ImGui context has a new, empty atlas.
const ImFontAtlas* g_loaded_atlas = nullptr;
float g_loaded_ratio = 0.0f;

constexpr float kBodyPixels = 15.0f;
constexpr float kLargePixels = 26.0f;
constexpr float kMonoPixels = 14.0f;

ImFont* AddFont(std::span<const unsigned char> ttf, float pixels, float ratio) {
    ImFontConfig config;
    config.FontDataOwnedByAtlas = false;  // the bytes are static
    config.OversampleH = 2;
    config.OversampleV = 1;
    config.PixelSnapH = true;
    static const ImWchar kRanges[] = {0x0020, 0x00FF, 0x2000, 0x206F, 0x2190, 0x21FF, 0x2500, 0x25FF, 0x2713, 0x2717, 0};
    return ImGui::GetIO().Fonts->AddFontFromMemoryTTF(const_cast<unsigned char*>(ttf.data()), static_cast<int>(ttf.size()),
                                                      pixels * ratio, &config, kRanges);
}

}  // namespace

const FontSet& Fonts() { return g_fonts; }

bool LoadFonts(float pixel_ratio) {
    if (pixel_ratio <= 0.0f) pixel_ratio = 1.0f;
    ImGuiIO& io = ImGui::GetIO();
    if (pixel_ratio == g_loaded_ratio && io.Fonts == g_loaded_atlas && !io.Fonts->Fonts.empty()) return false;
    io.Fonts->Clear();
    g_fonts.body = AddFont(fonts::kSansTtf, kBodyPixels, pixel_ratio);
    g_fonts.large = AddFont(fonts::kSansTtf, kLargePixels, pixel_ratio);
    g_fonts.mono = AddFont(fonts::kMonoTtf, kMonoPixels, pixel_ratio);
    io.FontDefault = g_fonts.body;
    io.FontGlobalScale = 1.0f / pixel_ratio;
    io.Fonts->Build();
    g_loaded_ratio = pixel_ratio;
    g_loaded_atlas = io.Fonts;
    return true;
}

}  // namespace ui
