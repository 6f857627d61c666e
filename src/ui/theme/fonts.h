// The fonts every view draws with, rasterised at the display's pixel ratio so text is crisp on
// 1x and 2x screens (ImGui lays out in CSS pixels; FontGlobalScale maps the big glyphs back).
#pragma once

struct ImFont;

namespace ui {

struct FontSet {
    ImFont* body = nullptr;
    ImFont* large = nullptr;
    ImFont* mono = nullptr;
};

const FontSet& Fonts();

// (Re)builds the font atlas for `pixel_ratio` when it differs from the last call. Returns true when
// it rebuilt, so the platform can upload a new font texture.
bool LoadFonts(float pixel_ratio);

}  // namespace ui
