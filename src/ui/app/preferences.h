// The user's own choices that hold for every export (theme, clock, zone shown, the server's
// TIME_ZONE typed last): name=value lines kept in ImGui's ini text, which the platform keeps with
// the layout (the browser's storage; natively a file).
#pragma once

#include <string>
#include <string_view>

namespace ui {

// The value of preference `name`, or `fallback` when it was never set.
std::string Preference(std::string_view name, std::string_view fallback);
// Sets it; the layout is saved on the next frame (needs an ImGui context to say so).
void SetPreference(std::string_view name, std::string_view value);
// Lets a new ImGui context read and write the preferences: call before its layout is loaded.
void RegisterPreferences();

}  // namespace ui
