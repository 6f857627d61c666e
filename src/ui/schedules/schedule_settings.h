// How the Scheduled tasks pages compute and show times: the server's TIME_ZONE (schedules run in
// it; the export does not say which, so the user does), the zone times are shown and typed in,
// which Django Q's scheduler rules apply, and Q_CLUSTER['catch_up']. Kept per working copy.
#pragma once

#include <optional>
#include <string>

#include "core/model/timestamp.h"
#include "core/sched/schedule_runs.h"
#include "core/sched/time_zone.h"

namespace ui {

struct App;

enum class ShownZone { Server, Browser, Utc };
enum class RulesChoice { FromExport, DjangoQ1, DjangoQ2 };

struct ScheduleSettings {
    std::string server_zone = "UTC";  // TIME_ZONE as typed
    ShownZone shown = ShownZone::Server;
    RulesChoice rules = RulesChoice::FromExport;
    bool catch_up = true;  // Django Q's default
    std::string zone_error;  // the typed TIME_ZONE is unknown
    std::string browser_zone;  // the user's own zone, asked of the platform once

    std::uint64_t loaded_for = 0;  // App::generation the settings were read from the working copy
    std::optional<core::TimeZone> server, display;  // resolved from the choices
};

// Reads the settings kept in the working copy when another export opened; resolves the zones.
void RefreshScheduleSettings(App& app);
const core::TimeZone& ServerZone(App& app);
const core::TimeZone& ShownTimeZone(App& app);
core::SchedulerVariant SchedulerRules(const App& app);

// "2026-11-24 02:29:49 CET" in the shown zone; "" for nullopt.
std::string FormatShown(App& app, std::optional<core::UnixMicros> utc);
// A time typed in the shown zone ("YYYY-MM-DD HH:MM[:SS]") as UTC; an error names what is wrong
// (not a time; a wall-clock time that does not exist on a DST change day). In a fold the earlier
// instant is taken, as Django's make_aware does by default (is_dst=None raises; it picks first).
core::Result<core::UnixMicros> ParseShown(App& app, std::string_view typed);

// The settings bar of the Scheduled tasks page.
void DrawScheduleSettings(App& app);

}  // namespace ui
