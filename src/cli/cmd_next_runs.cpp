// djq next-runs FILE SCHEDULE_ID [-n N] [--tz ZONE] [--variant q1|q2] [--now export|wall|TIME] [--no-catch-up] [--json]
// A schedule's type and cron line in words, what its repeats mean, and its next N runs as the
// scheduler will make them, in the server's time zone and in UTC. The export does not carry the
// server's settings: the zone is UTC unless --tz names it, catch_up is Django Q's default (on)
// unless --no-catch-up, and the scheduler's rules follow the database's variant unless --variant.
#include <cstdio>

#include <nlohmann/json.hpp>

#include "cli/cli.h"
#include "core/sched/local_time.h"
#include "core/model/schedule.h"
#include "core/sched/schedule_runs.h"

namespace cli {
namespace {

std::string Utc(core::UnixMicros at) { return core::FormatDjangoDatetime(at).substr(0, 19); }

}  // namespace

int RunNextRuns(Args args) {
    const bool json = args.Flag("--json");
    const bool catch_up = !args.Flag("--no-catch-up");
    auto count_text = args.Option("--count", "-n");
    auto zone_option = ZoneOption(args);
    if (!zone_option) return args.UsageError(zone_option.error().Describe());
    const core::TimeZone zone = zone_option.value();
    auto variant_name = args.Option("--variant");
    auto now_choice = NowOption(args);
    if (!now_choice) return args.UsageError(now_choice.error().message);
    for (const auto* option : {&count_text, &variant_name})
        if (!*option) return args.UsageError(option->error().message);
    auto rest = args.Positionals();
    if (!rest) return args.UsageError(rest.error().message);
    if (rest->size() != 2) return args.UsageError("wrong number of arguments");

    int count = 10;
    if (count_text.value()) {
        const auto n = WholeNumber(*count_text.value());
        if (!n || *n < 1 || *n > 10000) return args.UsageError("-n needs a whole number from 1 to 10000, not \"" + *count_text.value() + "\"");
        count = static_cast<int>(*n);
    }
    const auto id = WholeNumber((*rest)[1]);
    if (!id) return args.UsageError("SCHEDULE_ID is the schedule's id, a whole number, not \"" + (*rest)[1] + "\"");

    auto opened = core::OpenExportFile((*rest)[0]);
    if (!opened) return Fail(kBadInput, opened.error().Describe());
    core::SchedulerVariant variant = core::SchedulerVariantFor(opened->schema.variant);
    if (variant_name.value()) {
        if (*variant_name.value() == "q1") variant = core::SchedulerVariant::DjangoQ1;
        else if (*variant_name.value() == "q2") variant = core::SchedulerVariant::DjangoQ2;
        else return args.UsageError("--variant is q1 (django-q 1.3) or q2 (django-q2)");
    }
    const core::UnixMicros now = NowOf(now_choice.value(), opened.value());
    auto found = core::FindSchedule(opened.value(), *id);
    if (!found) return Fail(kBadInput, found.error().Describe());
    if (!found->has_value()) return Fail(kBadInput, "no schedule with id " + (*rest)[1] + " in " + (*rest)[0]);
    const core::ScheduleRow& row = *found.value();
    const core::ScheduleTiming timing = core::TimingOf(row);
    auto runs = core::UpcomingRuns(timing, variant, zone, now, count, catch_up);
    if (!runs) return Fail(kBadInput, "schedule " + (*rest)[1] + ": " + runs.error().Describe());
    const std::string timing_words = core::ExplainTiming(timing, variant);
    const std::string repeats_words = core::ExplainRepeats(timing, variant, zone, now, catch_up);
    const bool q1 = variant == core::SchedulerVariant::DjangoQ1;

    if (json) {
        nlohmann::json out = {{"id", row.id},
                              {"name", row.name ? nlohmann::json(*row.name) : nullptr},
                              {"func", row.func},
                              {"schedule_type", row.schedule_type},
                              {"type_label", core::ScheduleTypeLabel(row.schedule_type)},
                              {"timing", timing_words},
                              {"cron", row.cron ? nlohmann::json(*row.cron) : nullptr},
                              {"repeats", row.repeats},
                              {"repeats_words", repeats_words},
                              {"next_run", timing.next_run ? nlohmann::json(Utc(*timing.next_run)) : nullptr},
                              {"time_zone", zone.Name()},
                              {"variant", q1 ? "q1" : "q2"},
                              {"catch_up", catch_up},
                              {"now", Utc(now)},
                              {"runs", nlohmann::json::array()}};
        for (const core::UnixMicros at : runs.value())
            out["runs"].push_back({{"utc", Utc(at)},
                                   {"local", core::FormatLocalSeconds(zone, at)},
                                   {"abbreviation", zone.StateAt(at).abbreviation},
                                   {"on_next_pass", at <= now}});
        PrintJson(out);
        return kOk;
    }
    std::printf("schedule:  %lld %s (%s)\n", static_cast<long long>(row.id), row.name ? ("\"" + *row.name + "\"").c_str() : "(no name)",
                row.func.c_str());
    std::printf("type:      %s (%s): %s\n", core::ScheduleTypeLabel(row.schedule_type).c_str(), row.schedule_type.c_str(), timing_words.c_str());
    std::printf("repeats:   %lld: %s\n", static_cast<long long>(row.repeats), repeats_words.c_str());
    if (timing.next_run)
        std::printf("next_run:  %s (%s UTC)\n", core::FormatLocal(zone, *timing.next_run).c_str(), Utc(*timing.next_run).c_str());
    else
        std::printf("next_run:  (empty)\n");
    std::printf("rules:     %s scheduler, time zone %s, catch_up %s, now %s UTC\n", q1 ? "django-q 1.3" : "django-q2", zone.Name().c_str(),
                catch_up ? "on" : "off", Utc(now).c_str());
    if (runs->empty()) {
        std::printf("no upcoming runs\n");
        return kOk;
    }
    std::printf("next %zu %s:\n", runs->size(), runs->size() == 1 ? "run" : "runs");
    for (std::size_t i = 0; i < runs->size(); ++i) {
        const core::UnixMicros at = (*runs)[i];
        std::printf("%4zu  %-25s %s UTC%s\n", i + 1, core::FormatLocal(zone, at).c_str(), Utc(at).c_str(),
                    at <= now ? "  (overdue: on the scheduler's next pass)" : "");
    }
    return kOk;
}

}  // namespace cli
