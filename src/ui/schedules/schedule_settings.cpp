#include "ui/schedules/schedule_settings.h"

#include <imgui.h>

#include "core/model/settings_store.h"
#include "core/sched/local_time.h"
#include "platform/platform.h"
#include "ui/app/app.h"
#include "ui/widgets/widgets.h"

namespace ui {
namespace {

constexpr const char* kZoneKey = "server_time_zone";
constexpr const char* kShownKey = "shown_time_zone";
constexpr const char* kRulesKey = "scheduler_rules";
constexpr const char* kCatchUpKey = "catch_up";

const char* ShownName(ShownZone shown) {
    switch (shown) {
        case ShownZone::Server: return "server";
        case ShownZone::Browser: return "browser";
        case ShownZone::Utc: return "utc";
    }
    return "server";
}

const char* RulesName(RulesChoice rules) {
    switch (rules) {
        case RulesChoice::FromExport: return "export";
        case RulesChoice::DjangoQ1: return "q1";
        case RulesChoice::DjangoQ2: return "q2";
    }
    return "export";
}

void Resolve(ScheduleSettings& settings) {
    if (settings.browser_zone.empty()) settings.browser_zone = platform::LocalTimeZoneName();
    auto server = core::LoadTimeZone(settings.server_zone);
    settings.zone_error = server ? "" : server.error().Describe();
    settings.server = server ? server.value() : core::TimeZone::Utc();
    switch (settings.shown) {
        case ShownZone::Server: settings.display = settings.server; break;
        case ShownZone::Utc: settings.display = core::TimeZone::Utc(); break;
        case ShownZone::Browser: {
            auto browser = core::LoadTimeZone(settings.browser_zone);
            settings.display = browser ? browser.value() : core::TimeZone::Utc();
        }
    }
}

void Keep(App& app) {
    const ScheduleSettings& settings = app.schedule_settings;
    core::Db& db = app.current->db;
    for (auto [key, value] : {std::pair<const char*, std::string>{kZoneKey, settings.server_zone}, {kShownKey, ShownName(settings.shown)},
                              {kRulesKey, RulesName(settings.rules)}, {kCatchUpKey, settings.catch_up ? "1" : "0"}})
        if (auto written = core::WriteSetting(db, key, value); !written) app.mirror.SetError(written.error().code, written.error().Describe());
    SaveWorkingCopyNow(app);
}

std::string Read(App& app, const char* key, std::string fallback) {
    auto value = core::ReadSetting(app.current->db, key);
    return value && value.value() ? *value.value() : fallback;
}

}  // namespace

void RefreshScheduleSettings(App& app) {
    ScheduleSettings& settings = app.schedule_settings;
    if (settings.loaded_for == app.generation && settings.server) return;
    settings.loaded_for = app.generation;
    if (app.current) {
        settings.server_zone = Read(app, kZoneKey, "UTC");
        const std::string shown = Read(app, kShownKey, "server"), rules = Read(app, kRulesKey, "export");
        settings.shown = shown == "browser" ? ShownZone::Browser : shown == "utc" ? ShownZone::Utc : ShownZone::Server;
        settings.rules = rules == "q1" ? RulesChoice::DjangoQ1 : rules == "q2" ? RulesChoice::DjangoQ2 : RulesChoice::FromExport;
        settings.catch_up = Read(app, kCatchUpKey, "1") == "1";
    }
    Resolve(settings);
}

const core::TimeZone& ServerZone(App& app) {
    RefreshScheduleSettings(app);
    return *app.schedule_settings.server;
}

const core::TimeZone& ShownTimeZone(App& app) {
    RefreshScheduleSettings(app);
    return *app.schedule_settings.display;
}

core::SchedulerVariant SchedulerRules(const App& app) {
    switch (app.schedule_settings.rules) {
        case RulesChoice::DjangoQ1: return core::SchedulerVariant::DjangoQ1;
        case RulesChoice::DjangoQ2: return core::SchedulerVariant::DjangoQ2;
        case RulesChoice::FromExport: break;
    }
    return app.current && app.current->schema.variant == core::Variant::DjangoQ1 ? core::SchedulerVariant::DjangoQ1
                                                                                 : core::SchedulerVariant::DjangoQ2;
}

std::string FormatShown(App& app, std::optional<core::UnixMicros> utc) {
    if (!utc) return {};
    return core::FormatLocal(ShownTimeZone(app), *utc);
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

void DrawScheduleSettings(App& app) {
    ScheduleSettings& settings = app.schedule_settings;
    RefreshScheduleSettings(app);
    bool changed = false;
    InlineLabel("Server TIME_ZONE");
    changed |= TextInput(app.mirror, "Server TIME_ZONE", "UTC", settings.server_zone, 190);
    SameLineIfFits(ImGui::CalcTextSize("Show times in").x, 18);
    ImGui::TextDisabled("Show times in");
    for (ShownZone shown : {ShownZone::Server, ShownZone::Browser, ShownZone::Utc}) {
        const std::string label = shown == ShownZone::Server ? "server zone" : shown == ShownZone::Browser ? "my zone (" + settings.browser_zone + ")" : "UTC";
        SameLineIfFits(CheckboxWidth(label));
        if (Radio(app.mirror, label, settings.shown == shown)) {
            settings.shown = shown;
            changed = true;
        }
    }
    SameLineIfFits(230, 18);
    const char* rules_label = settings.rules == RulesChoice::DjangoQ1 ? "django-q 1.3 rules" : settings.rules == RulesChoice::DjangoQ2 ? "django-q2 rules" : "rules of this export's version";
    if (BeginDropDown(app.mirror, "Scheduler rules", rules_label, 230)) {
        for (RulesChoice rules : {RulesChoice::FromExport, RulesChoice::DjangoQ1, RulesChoice::DjangoQ2}) {
            const char* label = rules == RulesChoice::DjangoQ1 ? "django-q 1.3 rules" : rules == RulesChoice::DjangoQ2 ? "django-q2 rules" : "rules of this export's version";
            if (Option(app.mirror, label, settings.rules == rules)) {
                settings.rules = rules;
                changed = true;
            }
        }
        EndDropDown();
    }
    SameLineIfFits(CheckboxWidth("catch_up"), 18);
    changed |= Checkbox(app.mirror, "catch_up", settings.catch_up, true);
    if (!settings.zone_error.empty()) TextMuted(app.mirror, settings.zone_error + " — computing in UTC until it is a known zone.");
    if (!changed) return;
    Resolve(settings);
    if (settings.zone_error.empty()) Keep(app);
    ++app.schedule_generation;  // previews and next runs are computed again
}

}  // namespace ui
