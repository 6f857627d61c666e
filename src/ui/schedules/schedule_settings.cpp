#include "ui/schedules/schedule_settings.h"

#include <imgui.h>

#include "core/model/settings_store.h"
#include "core/sched/local_time.h"
#include "platform/platform.h"
#include "ui/app/app.h"
#include "ui/app/preferences.h"
#include "ui/widgets/widgets.h"

namespace ui {
namespace {

constexpr const char* kZoneKey = "server_time_zone";
constexpr const char* kRulesKey = "scheduler_rules";
constexpr const char* kCatchUpKey = "catch_up";
constexpr const char* kServerZonePreference = "server_time_zone";

const char* RulesName(RulesChoice rules) {
    switch (rules) {
        case RulesChoice::FromExport: return "export";
        case RulesChoice::DjangoQ1: return "q1";
        case RulesChoice::DjangoQ2: return "q2";
    }
    return "export";
}

void Resolve(ScheduleSettings& settings) {
    auto server = core::LoadTimeZone(settings.server_zone);
    settings.zone_error = server ? "" : server.error().Describe();
    settings.server = server ? server.value() : core::TimeZone::Utc();
}

void Keep(App& app) {
    const ScheduleSettings& settings = app.schedule_settings;
    core::Db& db = app.current->db;
    for (auto [key, value] : {std::pair<const char*, std::string>{kZoneKey, settings.server_zone}, {kRulesKey, RulesName(settings.rules)},
                              {kCatchUpKey, settings.catch_up ? "1" : "0"}})
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
        settings.server_zone = Read(app, kZoneKey, Preference(kServerZonePreference, "UTC"));
        const std::string rules = Read(app, kRulesKey, "export");
        settings.rules = rules == "q1" ? RulesChoice::DjangoQ1 : rules == "q2" ? RulesChoice::DjangoQ2 : RulesChoice::FromExport;
        settings.catch_up = Read(app, kCatchUpKey, "1") == "1";
    }
    Resolve(settings);
}

const core::TimeZone& ServerZone(App& app) {
    RefreshScheduleSettings(app);
    return *app.schedule_settings.server;
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

void DrawScheduleSettings(App& app) {
    ScheduleSettings& settings = app.schedule_settings;
    RefreshScheduleSettings(app);
    bool changed = false;
    InlineLabel("Server TIME_ZONE");
    changed |= TextInput(app.mirror, "Server TIME_ZONE", "UTC", settings.server_zone, 190);
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
    if (settings.zone_error.empty()) {
        Keep(app);
        SetPreference(kServerZonePreference, settings.server_zone);  // what the next working copy starts with
    }
    ++app.schedule_generation;  // previews and next runs are computed again
}

}  // namespace ui
