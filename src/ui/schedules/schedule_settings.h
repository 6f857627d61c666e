// How the Scheduled tasks pages compute times: the server's TIME_ZONE (schedules run in it; the
// export does not say which, so the user does, and a new working copy starts with the zone typed
// last), which Django Q's scheduler rules apply, and Q_CLUSTER['catch_up']. Kept per working copy.
// The zone times are shown in is the top bar's (ui/app/time_display.h).
#pragma once

#include <optional>
#include <string>

#include "core/sched/timestamp.h"
#include "core/sched/schedule_runs.h"
#include "core/sched/time_zone.h"

namespace ui {

struct App;

enum class RulesChoice { FromExport, DjangoQ1, DjangoQ2 };

struct ScheduleSettings {
    std::string server_zone = "UTC";  // TIME_ZONE as typed
    RulesChoice rules = RulesChoice::FromExport;
    bool catch_up = true;  // Django Q's default
    std::string zone_error;  // the typed TIME_ZONE is unknown

    std::uint64_t loaded_for = 0;  // App::generation the settings were read from the working copy
    std::optional<core::TimeZone> server;  // resolved from server_zone
};

// Reads the settings kept in the working copy when another export opened; resolves the zones.
void RefreshScheduleSettings(App& app);
const core::TimeZone& ServerZone(App& app);
core::SchedulerVariant SchedulerRules(const App& app);

// The settings bar of the Scheduled tasks page.
void DrawScheduleSettings(App& app);

}  // namespace ui
