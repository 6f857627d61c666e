// The fonts every view draws with, rasterised at the display's pixel ratio so text is crisp on
// 1x and 2x screens (ImGui lays out in CSS pixels; FontGlobalScale maps the big glyphs back).
//
// The first atlas holds Latin-1, punctuation, arrows and shapes. Any other character is rasterised
// when text first needs it: the frame hands its text to NoteText (the mirror holds all of it), and
// the next LoadFonts adds the glyphs, from the embedded DejaVu (Latin, Greek, Cyrillic) or from
// the fallback fonts (CJK, emoji), which the platform fetches only once text needs them. A
// character no font has is drawn as a box (□); its text is unchanged, so hover and copy keep it.
#pragma once

#include <string>
#include <string_view>
#include <vector>

struct ImFont;

namespace ui {

struct FontSet {
    ImFont* body = nullptr;
    ImFont* large = nullptr;
    ImFont* mono = nullptr;
};

const FontSet& Fonts();

// (Re)builds the font atlas when the pixel ratio differs from the last call, when noted text needs
// glyphs the atlas lacks, or when a fallback font arrived. Returns true when it rebuilt, so the
// platform can upload a new font texture.
bool LoadFonts(float pixel_ratio);
// Text drawn this frame: characters the atlas lacks are added by the next LoadFonts.
void NoteText(std::string_view text);
// Whether the next LoadFonts rebuilds for noted text or a new fallback font (frames keep coming).
bool FontsNeedRebuild();
// A TrueType font for the characters the embedded ones lack (its bytes are kept).
void AddFallbackFont(std::vector<unsigned char> ttf);
// The same from files, `paths` separated by '|' (native: Debian's files); one that cannot be read
// is left out, so its characters stay boxes.
void AddFallbackFontFiles(std::string_view paths);
// True once, when text needs a character no loaded font has: the platform fetches the fallbacks.
bool TakeFallbackFontRequest();
// The characters drawn as a box: not in the atlas yet, or in no loaded font (UTF-8, in code
// point order).
std::string MissingGlyphs();

}  // namespace ui
