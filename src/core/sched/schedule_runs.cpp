// The scheduler's arithmetic (SEMANTICS.md §5).
// [1] Period: what one step of each type adds, per scheduler.
// [2] Step: django-q2's calculate_next_run / django-q 1.3's arrow shift, for one period.
// [3] RunsAfterNextRun, UpcomingRuns: forwards, as the scheduler goes.
// [4] RunsBetween: backwards from next_run, for the missed-runs check.
#include <algorithm>
#include <cstdint>
#include <deque>

#include "core/sched/cron.h"
#include "core/sched/schedule_runs.h"
#include "core/sched/schedule_types.h"

namespace core {
namespace {

constexpr UnixMicros kMicrosPerMinute = 60'000'000;
constexpr UnixMicros kMicrosPerHour = 60 * kMicrosPerMinute;
constexpr std::int64_t kMaxSteps = 10'000'000;  // far beyond any real schedule; a bound, not a limit

// [1] -----------------------------------------------------------------------------------------
struct Period {
    enum Kind { Once, Fixed, Months, Cron } kind = Once;
    UnixMicros fixed = 0;  // Fixed: the timedelta added
    int months = 0;        // Months: add_months / shift(months=...), the day clamped to the month's end
    bool dst_fix = false;  // django-q2 keeps the local wall-clock time (all but I, H and Y)
    CronExpr cron;
};

Result<Period> PeriodOf(const ScheduleTiming& timing, SchedulerVariant variant) {
    const auto* type = sched_types::FindType(timing.type);
    const bool q2 = variant == SchedulerVariant::DjangoQ2;
    if (!type || (type->q2_only && !q2)) {
        std::string message = "unknown schedule type \"" + timing.type + "\"";
        if (type) message = std::string(type->label) + " (" + timing.type + ") is a django-q2 type: django-q 1.3 does not know it";
        return MakeError("schedule.invalid", message, "schedule_type");
    }
    Period p;
    const std::string_view code = type->code;
    if (code == "O") return p;
    if (code == "C") {
        auto cron = ParseCron(timing.cron);
        if (!cron) return MakeError("schedule.invalid", "cron: " + cron.error().Describe(), "cron");
        p.kind = Period::Cron;
        p.cron = std::move(cron.value());
        return p;
    }
    if (code == "M" || code == "BM" || code == "Q" || code == "Y") {
        p.kind = Period::Months;
        p.months = code == "M" ? 1 : code == "BM" ? 2 : code == "Q" ? 3 : 12;  // add_years clamps 29 Feb as 12 months do
        p.dst_fix = q2 && code != "Y";
        return p;
    }
    p.kind = Period::Fixed;
    if (code == "I") p.fixed = std::max(timing.minutes.value_or(0), 0) * kMicrosPerMinute;
    if (code == "I" && p.fixed == 0) p.fixed = kMicrosPerMinute;  // `self.minutes or 1`
    if (code == "H") p.fixed = kMicrosPerHour;
    if (code == "D") p.fixed = kMicrosPerDay;
    if (code == "W") p.fixed = 7 * kMicrosPerDay;
    if (code == "BW") p.fixed = 14 * kMicrosPerDay;
    p.dst_fix = q2 && code != "I" && code != "H";
    return p;
}

bool IsLeap(std::int64_t y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }
unsigned DaysInMonth(std::int64_t y, unsigned m) {
    static constexpr unsigned kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return kDays[m - 1] + (m == 2 && IsLeap(y));
}
std::int64_t FloorDiv(std::int64_t a, std::int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

// The same time of day `months` later (or earlier), the day clamped to the month's last:
// django_q.utils.add_months, and dateutil's relativedelta(months=...) that arrow uses.
UnixMicros AddMonths(UnixMicros t, int months, std::optional<unsigned> day = std::nullopt) {
    const std::int64_t days = FloorDiv(t, kMicrosPerDay);
    const UnixMicros time_of_day = t - days * kMicrosPerDay;
    const Civil c = CivilFromDays(days);
    const std::int64_t index = c.year * 12 + (c.month - 1) + months;
    const std::int64_t year = FloorDiv(index, 12);
    const unsigned month = static_cast<unsigned>(index - year * 12 + 1);
    const unsigned new_day = std::min(day.value_or(c.day), DaysInMonth(year, month));
    return DaysFromCivil(year, month, new_day) * kMicrosPerDay + time_of_day;
}

// [2] -----------------------------------------------------------------------------------------
// One period after `from` (UTC): the timedelta or months added in UTC, then for django-q2 (but
// not I, H, Y) minus the change of the zone's UTC offset, so the local wall clock stays put.
UnixMicros Step(const Period& p, const TimeZone& zone, UnixMicros from) {
    UnixMicros next = p.kind == Period::Months ? AddMonths(from, p.months) : from + p.fixed;
    if (p.dst_fix) next -= static_cast<UnixMicros>(zone.OffsetSecondsAt(next) - zone.OffsetSecondsAt(from)) * 1'000'000;
    return next;
}

// The scheduler with catch_up=False: step until the result is after `now`.
Result<UnixMicros> StepPast(const Period& p, const TimeZone& zone, UnixMicros next, UnixMicros now) {
    if (p.kind == Period::Fixed && !p.dst_fix && next <= now) next += ((now - next) / p.fixed + 1) * p.fixed;
    for (std::int64_t steps = 0; next <= now; ++steps) {
        if (steps > kMaxSteps) return MakeError("schedule.too_far", "next_run is too far in the past to step through", "next_run");
        next = Step(p, zone, next);
    }
    return next;
}

Result<UnixMicros> NextAfterRun(const Period& p, const TimeZone& zone, UnixMicros scheduled, UnixMicros ran_at, bool catch_up,
                                bool& cron_ended) {
    if (p.kind == Period::Cron) {
        const auto next = NextCronRun(p.cron, zone, ran_at);
        cron_ended = !next;
        return next.value_or(0);
    }
    const UnixMicros next = Step(p, zone, scheduled);
    return catch_up ? Result<UnixMicros>(next) : StepPast(p, zone, next, ran_at);
}

}  // namespace

// [3] -----------------------------------------------------------------------------------------
Result<std::vector<UnixMicros>> RunsAfterNextRun(const ScheduleTiming& timing, SchedulerVariant variant, const TimeZone& zone, int count) {
    auto period = PeriodOf(timing, variant);
    if (!period) return period.error();
    const Period& p = period.value();
    std::vector<UnixMicros> runs;
    if (!timing.next_run || p.kind == Period::Once) return runs;
    UnixMicros at = *timing.next_run;
    while (static_cast<int>(runs.size()) < count) {
        if (p.kind == Period::Cron) {
            const auto next = NextCronRun(p.cron, zone, at);
            if (!next) break;
            at = *next;
        } else {
            at = Step(p, zone, at);
        }
        runs.push_back(at);
    }
    return runs;
}

Result<std::vector<UnixMicros>> UpcomingRuns(const ScheduleTiming& timing, SchedulerVariant variant, const TimeZone& zone, UnixMicros now,
                                             int count, bool catch_up) {
    auto period = PeriodOf(timing, variant);
    if (!period) return period.error();
    const Period& p = period.value();
    std::vector<UnixMicros> runs;
    // The scheduler picks rows with repeats != 0 and next_run < now; a NULL next_run never is.
    if (timing.repeats == 0 || !timing.next_run) return runs;
    // A positive count runs that many more times (both schedulers count it down to 0); a negative
    // one never reaches 0 (q2 resets it to -1, q1 counts on down).
    std::int64_t remaining = timing.repeats > 0 ? timing.repeats : -1;
    UnixMicros scheduled = *timing.next_run;
    UnixMicros ran_at = std::max(scheduled, now);
    while (static_cast<int>(runs.size()) < count) {
        runs.push_back(ran_at);
        if (remaining > 0 && --remaining == 0) break;
        if (p.kind == Period::Once) break;
        bool cron_ended = false;
        auto next = NextAfterRun(p, zone, scheduled, ran_at, catch_up, cron_ended);
        if (!next) return next.error();
        if (cron_ended) break;
        scheduled = next.value();
        ran_at = std::max(scheduled, ran_at);  // still past (catch_up): on the next pass, ≈ now
    }
    return runs;
}

// [4] -----------------------------------------------------------------------------------------
namespace {

// The k-th period before `anchor`, keeping its wall-clock time (q2's corrected types: local;
// otherwise UTC) and, for months, its day of the month.
UnixMicros PeriodsBefore(const Period& p, const TimeZone& zone, UnixMicros anchor, std::int64_t k) {
    if (!p.dst_fix) {
        if (p.kind == Period::Fixed) return anchor - k * p.fixed;
        return AddMonths(anchor, -static_cast<int>(k) * p.months, CivilFromDays(FloorDiv(anchor, kMicrosPerDay)).day);
    }
    const UnixMicros local = zone.ToLocal(anchor);
    const UnixMicros wanted = p.kind == Period::Fixed
                                  ? local - k * p.fixed
                                  : AddMonths(local, -static_cast<int>(k) * p.months, CivilFromDays(FloorDiv(local, kMicrosPerDay)).day);
    const auto instants = zone.FromLocal(wanted);
    if (!instants.empty()) return instants.front();
    // A wall time in a spring-forward gap: read it with the offset in force half a day before.
    return wanted - static_cast<UnixMicros>(zone.OffsetSecondsAt(wanted - 12 * kMicrosPerHour)) * 1'000'000;
}

// Every cron match in [from, until), the latest `max_runs`. Searching forward from a start that
// moves back until it has enough keeps an every-minute line over a year cheap.
std::vector<UnixMicros> CronRunsBetween(const CronExpr& cron, const TimeZone& zone, UnixMicros from, UnixMicros until, int max_runs) {
    UnixMicros span = kMicrosPerHour;
    for (;;) {
        const UnixMicros start = until - from > span ? until - span : from;
        std::deque<UnixMicros> runs;
        for (auto at = NextCronRun(cron, zone, start - 1); at && *at < until; at = NextCronRun(cron, zone, *at)) {
            runs.push_back(*at);
            if (static_cast<int>(runs.size()) > max_runs) runs.pop_front();
        }
        if (static_cast<int>(runs.size()) >= max_runs || start == from) return {runs.begin(), runs.end()};
        span = span > (INT64_MAX / 8) ? until - from : span * 4;
    }
}

}  // namespace

Result<std::vector<UnixMicros>> RunsBetween(const ScheduleTiming& timing, SchedulerVariant variant, const TimeZone& zone, UnixMicros from,
                                            UnixMicros until, int max_runs) {
    auto period = PeriodOf(timing, variant);
    if (!period) return period.error();
    const Period& p = period.value();
    std::vector<UnixMicros> runs;
    if (!timing.next_run || max_runs <= 0 || from >= until) return runs;
    const UnixMicros anchor = *timing.next_run;
    if (p.kind == Period::Once) {
        if (anchor >= from && anchor < until) runs.push_back(anchor);
        return runs;
    }
    if (p.kind == Period::Cron) return CronRunsBetween(p.cron, zone, from, until, max_runs);

    // Skip the periods between next_run and `until` without visiting them (a lower bound on k).
    const UnixMicros longest = p.kind == Period::Fixed ? p.fixed + kMicrosPerHour : p.months * 31 * kMicrosPerDay + kMicrosPerHour;
    std::int64_t k = anchor > until ? std::max<std::int64_t>(0, (anchor - until) / longest - 1) : 0;
    for (std::int64_t steps = 0;; ++k, ++steps) {
        if (steps > kMaxSteps) return MakeError("schedule.too_far", "the window is too far from next_run to walk back to", "next_run");
        const UnixMicros at = PeriodsBefore(p, zone, anchor, k);
        if (at < from) break;
        if (at < until) {
            runs.push_back(at);
            if (static_cast<int>(runs.size()) >= max_runs) break;
        }
    }
    std::reverse(runs.begin(), runs.end());
    return runs;
}

}  // namespace core
