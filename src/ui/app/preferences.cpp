#include "ui/app/preferences.h"

#include <map>

#include <imgui.h>
#include <imgui_internal.h>  // ImGuiSettingsHandler

namespace ui {
namespace {

std::map<std::string, std::string, std::less<>> g_preferences;

constexpr const char* kEntry = "Preferences";

void* OpenEntry(ImGuiContext*, ImGuiSettingsHandler*, const char* name) {
    return std::string_view(name) == kEntry ? &g_preferences : nullptr;
}

void ReadLine(ImGuiContext*, ImGuiSettingsHandler*, void*, const char* line) {
    const std::string_view text(line);
    const auto equals = text.find('=');
    if (equals == std::string_view::npos || equals == 0) return;
    g_preferences[std::string(text.substr(0, equals))] = std::string(text.substr(equals + 1));
}

void WriteAll(ImGuiContext*, ImGuiSettingsHandler* handler, ImGuiTextBuffer* out) {
    out->appendf("[%s][%s]\n", handler->TypeName, kEntry);
    for (const auto& [name, value] : g_preferences) out->appendf("%s=%s\n", name.c_str(), value.c_str());
    out->append("\n");
}

}  // namespace

std::string Preference(std::string_view name, std::string_view fallback) {
    const auto found = g_preferences.find(name);
    return std::string(found == g_preferences.end() ? fallback : std::string_view(found->second));
}

void SetPreference(std::string_view name, std::string_view value) {
    auto& kept = g_preferences[std::string(name)];
    if (kept == value) return;
    kept = std::string(value);
    if (ImGui::GetCurrentContext()) ImGui::MarkIniSettingsDirty();
}

void RegisterPreferences() {
    ImGuiSettingsHandler handler;
    handler.TypeName = "djq-admin";
    handler.TypeHash = ImHashStr(handler.TypeName);
    handler.ReadOpenFn = OpenEntry;
    handler.ReadLineFn = ReadLine;
    handler.WriteAllFn = WriteAll;
    ImGui::AddSettingsHandler(&handler);
}

}  // namespace ui
