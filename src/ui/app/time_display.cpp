#include "ui/app/time_display.h"

#include <imgui.h>

#include "core/model/admin_search.h"
#include "core/model/date_filter.h"
#include "core/sched/local_time.h"
#include "core/sched/tz_database.h"
#include "platform/platform.h"
#include "ui/app/app.h"
#include "ui/app/preferences.h"
#include "ui/schedules/schedule_settings.h"
#include "ui/widgets/widgets.h"

namespace ui {
namespace {

constexpr const char* kClockPreference = "clock";
constexpr const char* kZonePreference = "zone";
constexpr std::size_t kZonesListed = 60;  // of the ~600 names, those matching the filter
constexpr float kZoneWidth = 210.0f, kClockWidth = 290.0f;

// The shown zone, loaded once per (choice, server zone) and kept.
struct ResolvedZone {
    std::string choice, server;
    std::optional<core::TimeZone> zone;
};
ResolvedZone g_resolved;

std::string LocalZoneName() {
    static const std::string name = platform::LocalTimeZoneName();
    return name;
}

// What a choice names: the server's zone name, the user's, or itself.
std::string ZoneNameOf(App& app, const std::string& choice) {
    if (choice == "server") return ServerZone(app).Name();
    if (choice == "local") return LocalZoneName();
    return choice;
}

std::string ChoiceLabel(App& app, const std::string& choice) {
    if (choice == "server") return "Server zone (" + ServerZone(app).Name() + ")";
    if (choice == "local") return "My zone (" + LocalZoneName() + ")";
    return choice;
}

std::string ClockLabel(const App& app, ClockChoice clock) {
    if (clock == ClockChoice::Wall) return "Now";
    const auto at = ExportTime(app);
    if (at) return "As of export: " + core::FormatDjangoDatetime(*at).substr(0, 16) + " UTC";
    // Until the tasks are counted after an open, the newest stop time is not known yet.
    return app.summary && !app.summary->tasks_counted ? "As of export (counting tasks…)" : "As of export (no tasks: now)";
}

void DrawZoneChoice(App& app) {
    const std::string current = ZoneChoice();
    InlineLabel("Times in");
    if (!BeginDropDown(app.mirror, "Times in", ChoiceLabel(app, current), kZoneWidth)) return;
    for (const char* choice : {"server", "local", "UTC"})
        if (Option(app.mirror, ChoiceLabel(app, choice), current == choice)) ChooseZone(choice);
    ImGui::Separator();
    static std::string filter;
    TextInput(app.mirror, "Find a zone", "Find a zone: Asia/Kolkata, New_York…", filter, kZoneWidth + 80, ImGui::IsWindowAppearing());
    std::size_t listed = 0;
    static const std::vector<std::string> names = core::EmbeddedTimeZoneNames();
    const core::AdminSearch search(filter);  // the lists' own search rules: "kolk", "america new"
    for (const std::string& name : names) {
        if (filter.empty() || listed >= kZonesListed) break;
        if (!search.Matches({name})) continue;
        ++listed;
        if (Option(app.mirror, name, current == name)) ChooseZone(name);
    }
    EndDropDown();
}

void DrawClockChoice(App& app) {
    const ClockChoice current = CurrentClock();
    SameLineIfFits(LabelledWidth("Clock", kClockWidth), 24);
    InlineLabel("Clock");
    if (!BeginDropDown(app.mirror, "Clock", ClockLabel(app, current), kClockWidth)) return;
    for (const ClockChoice clock : {ClockChoice::Export, ClockChoice::Wall})
        if (Option(app.mirror, ClockLabel(app, clock), current == clock)) ChooseClock(clock);
    EndDropDown();
}

}  // namespace

ClockChoice CurrentClock() { return Preference(kClockPreference, "export") == "now" ? ClockChoice::Wall : ClockChoice::Export; }

void ChooseClock(ClockChoice clock) { SetPreference(kClockPreference, clock == ClockChoice::Wall ? "now" : "export"); }

std::optional<core::UnixMicros> ExportTime(const App& app) { return app.summary ? core::AsOfExport(*app.summary) : std::nullopt; }

core::UnixMicros ShownNow(const App& app) {
    if (app.fixed_now) return *app.fixed_now;
    if (CurrentClock() == ClockChoice::Export)
        if (const auto at = ExportTime(app)) return *at;
    return core::NowUnixMicros();
}

std::string DateBoundsKey(App& app) {
    return ShownTimeZone(app).Name() + "|" + std::to_string(ShownNow(app) / core::kMicrosPerDay) + "|" + Preference(kClockPreference, "");
}

std::string ZoneChoice() { return Preference(kZonePreference, "server"); }

void ChooseZone(std::string_view zone) { SetPreference(kZonePreference, zone); }

const core::TimeZone& ShownTimeZone(App& app) {
    const std::string choice = ZoneChoice(), server = ServerZone(app).Name();
    if (!g_resolved.zone || g_resolved.choice != choice || g_resolved.server != server) {
        auto zone = core::LoadTimeZone(ZoneNameOf(app, choice));
        g_resolved = {choice, server, zone ? zone.value() : core::TimeZone::Utc()};
    }
    return *g_resolved.zone;
}

std::string ShownZoneLabel(App& app) {
    std::string name = ShownTimeZone(app).Name();
    if (const auto slash = name.rfind('/'); slash != std::string::npos) name = name.substr(slash + 1);
    for (char& c : name)
        if (c == '_') c = ' ';
    return name;
}

std::string TimeColumnLabel(App& app, const char* label) { return std::string(label) + " (" + ShownZoneLabel(app) + ")"; }

std::string FormatShown(App& app, std::optional<core::UnixMicros> utc) {
    if (!utc) return {};
    return core::FormatLocal(ShownTimeZone(app), *utc);
}

std::string FormatStoredShown(App& app, const std::string& stored) {
    const auto at = core::ParseDjangoDatetime(stored);
    return at ? core::FormatLocalSeconds(ShownTimeZone(app), *at) : stored;
}

core::Result<core::UnixMicros> ParseShown(App& app, std::string_view typed) {
    const auto bound = core::ParseDateBound(typed);
    const auto local = bound ? core::ParseDjangoDatetime(*bound) : std::nullopt;
    if (!local) return core::MakeError("time.invalid", "not a time: use YYYY-MM-DD HH:MM[:SS]");
    const core::TimeZone& zone = ShownTimeZone(app);
    const auto instants = zone.FromLocal(*local);
    if (instants.empty())
        return core::MakeError("time.in_gap", std::string(typed) + " does not exist in " + zone.Name() + ": the clocks skip it (DST)");
    return instants.front();  // in a fold, the first of the two (Python's fold=0)
}

void DrawTimeChoices(App& app) {
    if (!app.current) return;
    // At the right end of the current line when both fit there, else on a line of their own.
    const float width = LabelledWidth("Times in", kZoneWidth) + 24 + LabelledWidth("Clock", kClockWidth);
    ImGui::SameLine();
    const float right = ImGui::GetWindowContentRegionMax().x - width;
    if (right >= ImGui::GetCursorPosX()) ImGui::SetCursorPosX(right);
    else ImGui::NewLine();
    DrawZoneChoice(app);
    DrawClockChoice(app);
}

}  // namespace ui
