#include "ui/theme/fonts.h"

#include <algorithm>
#include <set>
#include <span>

#include <imgui.h>
#include <imgui_internal.h>  // ImTextCharFromUtf8, ImTextCharToUtf8

#include "core/io/file.h"
#include "ui/theme/embedded_fonts.h"

namespace ui {
namespace {

FontSet g_fonts;
// The atlas and ratio the fonts were built for: a new ImGui context has a new, empty atlas.
const ImFontAtlas* g_loaded_atlas = nullptr;
float g_loaded_ratio = 0.0f;

// Characters beyond the first atlas that text has needed.
std::set<ImWchar> g_wanted;
bool g_rebuild = false;
bool g_fallback_requested = false, g_fallback_wanted = false;
std::vector<std::vector<unsigned char>> g_fallback_fonts;
ImVector<ImWchar> g_ranges;  // the atlas's ranges: ImGui reads them when it builds

constexpr float kBodyPixels = 15.0f;
constexpr float kLargePixels = 26.0f;
constexpr float kMonoPixels = 14.0f;
constexpr ImWchar kBox = 0x25A1;  // □, drawn for a character no font has
// The fallback fonts' glyphs run small beside DejaVu's at the same size (CJK ideographs sit at
// about its x-height): drawn this much larger, on the same baseline.
constexpr float kFallbackScale = 1.2f;

// What the first atlas holds: Latin-1, general punctuation, arrows, box drawing, shapes, ✓ ✗.
constexpr ImWchar kFirstRanges[] = {0x0020, 0x00FF, 0x2000, 0x206F, 0x2190, 0x21FF, 0x2500, 0x25FF, 0x2713, 0x2717, 0};

bool InFirstRanges(ImWchar c) {
    for (const ImWchar* range = kFirstRanges; range[0]; range += 2)
        if (c >= range[0] && c <= range[1]) return true;
    return false;
}

void BuildRanges() {
    ImFontGlyphRangesBuilder builder;
    builder.AddRanges(kFirstRanges);
    for (const ImWchar c : g_wanted) builder.AddChar(c);
    g_ranges.clear();
    builder.BuildRanges(&g_ranges);
}

ImFont* AddFont(const unsigned char* ttf, std::size_t size, float pixels, float ratio, bool merge) {
    ImFontConfig config;
    config.FontDataOwnedByAtlas = false;  // the bytes are static, or kept in g_fallback_fonts
    config.OversampleH = 2;
    config.OversampleV = 1;
    config.PixelSnapH = true;
    config.MergeMode = merge;  // a merged font adds only the glyphs the fonts before it lack
    return ImGui::GetIO().Fonts->AddFontFromMemoryTTF(const_cast<unsigned char*>(ttf), static_cast<int>(size), pixels * ratio, &config,
                                                      g_ranges.Data);
}

// The embedded font at `pixels`, with every fallback merged into it.
ImFont* AddFontWithFallbacks(std::span<const unsigned char> ttf, float pixels, float ratio) {
    ImFont* font = AddFont(ttf.data(), ttf.size(), pixels, ratio, false);
    font->FallbackChar = kBox;
    for (const auto& fallback : g_fallback_fonts) AddFont(fallback.data(), fallback.size(), pixels * kFallbackScale, ratio, true);
    return font;
}

// The wanted characters the atlas lacks: not built in yet, or in no loaded font.
std::vector<ImWchar> Missing() {
    std::vector<ImWchar> missing;
    for (const ImWchar c : g_wanted)
        if (!g_fonts.body || !g_fonts.body->FindGlyphNoFallback(c)) missing.push_back(c);
    return missing;
}

}  // namespace

const FontSet& Fonts() { return g_fonts; }

bool LoadFonts(float pixel_ratio) {
    if (pixel_ratio <= 0.0f) pixel_ratio = 1.0f;
    ImGuiIO& io = ImGui::GetIO();
    if (!g_rebuild && pixel_ratio == g_loaded_ratio && io.Fonts == g_loaded_atlas && !io.Fonts->Fonts.empty()) return false;
    g_rebuild = false;
    io.Fonts->Clear();
    BuildRanges();
    g_fonts.body = AddFontWithFallbacks(fonts::kSansTtf, kBodyPixels, pixel_ratio);
    g_fonts.large = AddFontWithFallbacks(fonts::kSansTtf, kLargePixels, pixel_ratio);
    g_fonts.mono = AddFontWithFallbacks(fonts::kMonoTtf, kMonoPixels, pixel_ratio);
    io.FontDefault = g_fonts.body;
    io.FontGlobalScale = 1.0f / pixel_ratio;
    io.Fonts->Build();
    g_loaded_ratio = pixel_ratio;
    g_loaded_atlas = io.Fonts;
    if (!Missing().empty() && !g_fallback_requested) g_fallback_wanted = true;  // the embedded fonts lack them
    return true;
}

void NoteText(std::string_view text) {
    const char* at = text.data();
    const char* const end = at + text.size();
    while (at < end) {
        if (static_cast<unsigned char>(*at) < 0x80) {  // ASCII: always in the atlas
            ++at;
            continue;
        }
        unsigned int c = 0;
        at += ImTextCharFromUtf8(&c, at, end);
        if (c > IM_UNICODE_CODEPOINT_MAX || InFirstRanges(static_cast<ImWchar>(c))) continue;
        if (g_wanted.insert(static_cast<ImWchar>(c)).second) g_rebuild = true;
    }
}

bool FontsNeedRebuild() { return g_rebuild; }

void AddFallbackFont(std::vector<unsigned char> ttf) {
    if (ttf.empty()) return;
    g_fallback_fonts.push_back(std::move(ttf));
    g_rebuild = true;
}

void AddFallbackFontFiles(std::string_view paths) {
    while (!paths.empty()) {
        const std::size_t end = std::min(paths.find('|'), paths.size());
        if (auto bytes = core::ReadFile(std::string(paths.substr(0, end)))) AddFallbackFont(std::move(bytes.value()));
        paths.remove_prefix(std::min(end + 1, paths.size()));
    }
}

bool TakeFallbackFontRequest() {
    if (!g_fallback_wanted) return false;
    g_fallback_wanted = false;
    g_fallback_requested = true;
    return true;
}

std::string MissingGlyphs() {
    std::string text;
    for (const ImWchar c : Missing()) {
        char utf8[5] = {};
        ImTextCharToUtf8(utf8, c);
        text += utf8;
    }
    return text;
}

}  // namespace ui
