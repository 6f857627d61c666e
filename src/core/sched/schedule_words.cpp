// Schedule types, their labels and validation, and a schedule's timing and repeats in words for
// an operator (SEMANTICS.md §5).
#include <algorithm>

#include "core/sched/cron.h"
#include "core/sched/schedule_runs.h"
#include "core/sched/schedule_types.h"

namespace core {
namespace {

constexpr int kMaxMinutes = 32767;        // PositiveSmallIntegerField
constexpr int kLastRunLookahead = 10000;  // beyond this many runs, "the last at" is not worth computing

std::string Plural(std::int64_t n, const char* one, const char* many) { return std::to_string(n) + " " + (n == 1 ? one : many); }

std::string LocalMinute(const TimeZone& zone, UnixMicros at) { return FormatDjangoDatetime(zone.ToLocal(at)).substr(0, 16); }

}  // namespace

SchedulerVariant SchedulerVariantFor(Variant variant) {
    return variant == Variant::DjangoQ1 ? SchedulerVariant::DjangoQ1 : SchedulerVariant::DjangoQ2;
}

std::vector<std::string> ScheduleTypes(SchedulerVariant variant) {
    std::vector<std::string> codes;
    for (const auto& type : sched_types::kTypes)
        if (!type.q2_only || variant == SchedulerVariant::DjangoQ2) codes.emplace_back(type.code);
    return codes;
}

std::string ScheduleTypeLabel(std::string_view code) {
    const auto* type = sched_types::FindType(code);
    return type ? type->label : std::string(code);
}

Status ValidateTiming(const ScheduleTiming& timing, SchedulerVariant variant) {
    const auto* type = sched_types::FindType(timing.type);
    if (!type) {
        std::string known;
        for (const auto& code : ScheduleTypes(variant)) known += (known.empty() ? "" : ", ") + code;
        return MakeError("schedule.invalid", "\"" + timing.type + "\" is not a schedule type (" + known + ")", "schedule_type");
    }
    if (type->q2_only && variant == SchedulerVariant::DjangoQ1)
        return MakeError("schedule.invalid", std::string(type->label) + " is a django-q2 type: django-q 1.3's scheduler would never move its next_run",
                         "schedule_type");
    if (timing.type == "I" && (!timing.minutes || *timing.minutes < 1 || *timing.minutes > kMaxMinutes))
        return MakeError("schedule.invalid", "the Minutes type needs minutes, a whole number from 1 to 32767", "minutes");
    if (timing.type == "C") {
        if (timing.cron.find_first_not_of(" \t") == std::string::npos)
            return MakeError("schedule.invalid", "the Cron type needs a cron line, e.g. \"0 9 * * 1-5\"", "cron");
        if (auto cron = ParseCron(timing.cron); !cron) return MakeError("schedule.invalid", cron.error().Describe(), "cron");
    }
    return Ok{};
}

std::string ExplainTiming(const ScheduleTiming& timing, SchedulerVariant variant) {
    const bool q2 = variant == SchedulerVariant::DjangoQ2;
    const std::string kept = q2 ? " at the same local time (django-q2 corrects for DST)"
                                : " in UTC (django-q 1.3 does not correct for DST: local clocks see it move an hour)";
    const std::string clamped = ": the 29th-31st become the month's last day, and stay there";
    const std::string& t = timing.type;
    if (t == "O") return "once";
    if (t == "I") {
        const int minutes = std::max(timing.minutes.value_or(0), 0);
        if (minutes == 0) return "every minute (minutes is empty or 0, which the scheduler reads as 1)";
        return minutes == 1 ? "every minute" : "every " + std::to_string(minutes) + " minutes";
    }
    if (t == "H") return "every hour";
    if (t == "D") return "every day" + kept;
    if (t == "W") return "every week" + kept;
    if (t == "BW") return "every 2 weeks" + kept;
    if (t == "M") return "every month on the same day" + kept + clamped;
    if (t == "BM") return "every 2 months on the same day" + kept + clamped;
    if (t == "Q") return "every 3 months on the same day" + kept + clamped;
    if (t == "Y") return "every year on the same date in UTC (29 February becomes 28 February, and stays)";
    if (t == "C") {
        auto cron = ParseCron(timing.cron);
        if (!cron) return "cron \"" + timing.cron + "\": " + cron.error().Describe();
        return "cron " + cron->line + ": " + ExplainCron(cron.value()) + " (server time)";
    }
    return "unknown schedule type \"" + t + "\"";
}

std::string RepeatsInWords(const std::string& type, std::int64_t repeats) {
    const std::string number = std::to_string(repeats);
    if (repeats == 0) return number + " (paused)";
    if (type == "O") return number + (repeats < 0 ? " (once, then deleted)" : " (once, then kept)");
    if (repeats < 0) return number + " (forever)";
    return number + " (" + Plural(repeats, "more run", "more runs") + ")";
}

std::string ExplainRepeats(const ScheduleTiming& timing, SchedulerVariant variant, const TimeZone& zone, UnixMicros now, bool catch_up) {
    const int repeats = timing.repeats;
    const bool q2 = variant == SchedulerVariant::DjangoQ2;
    if (timing.type == "O") {
        if (repeats == 0) return "paused (repeats 0): a Once schedule is left at 0 after its run, so it will not run again";
        if (!timing.next_run) return "never: next_run is empty, so the scheduler never picks it";
        if (repeats < 0) return "once; then the schedule is deleted (repeats is negative)";
        return "once; then the schedule is kept, with repeats 0";
    }
    if (repeats == 0) return "paused (repeats 0): the scheduler skips it";
    if (!timing.next_run) return "never: next_run is empty, so the scheduler never picks it";
    if (repeats < 0) {
        if (q2) {
            if (repeats == -1) return "forever (repeats -1)";
            return "forever (repeats " + std::to_string(repeats) + ": django-q2 sets it back to -1 at the next run)";
        }
        const std::string counter = "django-q 1.3 counts down at every run, so -3 means it has run 2 times since it was set to -1";
        if (repeats == -1) return "forever (repeats -1; " + counter + ")";
        return "forever (repeats " + std::to_string(repeats) + ": it has run " + Plural(-static_cast<std::int64_t>(repeats) - 1, "time", "times") +
               " since it was set to -1, as django-q 1.3 counts down at every run)";
    }
    std::string words = repeats == 1 ? "runs once more" : "runs " + std::to_string(repeats) + " more times";
    if (repeats > kLastRunLookahead) return words;
    auto runs = UpcomingRuns(timing, variant, zone, now, repeats, catch_up);
    if (!runs || runs->empty()) return words;
    if (static_cast<int>(runs->size()) < repeats)
        return words + ", but its cron line matches only " + Plural(static_cast<std::int64_t>(runs->size()), "more time", "more times") +
               ", the last at " + LocalMinute(zone, runs->back()) + " (" + zone.Name() + ")";
    return words + (repeats == 1 ? ", at " : ", the last at ") + LocalMinute(zone, runs->back()) + " (" + zone.Name() + ")";
}

}  // namespace core
