// NextCronRun: croniter 6.2's get_next (croniter._calc_next, _calc and _add_tzinfo) over a TimeZone.
// croniter finds the next wall-clock match with plain field arithmetic ("unaware" local time,
// here whole minutes since 1970-01-01 local), then puts the zone back:
// - a match in a spring-forward gap moves to the end of the gap (02:30 -> 03:00), unless that is
//   not after `now` or the hour field is '*', when the next match that exists is taken instead;
// - a match in the repeated autumn hour takes the earlier instant if it is after `now`, else the
//   later one;
// - when the UTC offset changed between `now` and the match, the search is run again from `now`
//   shifted by the change, and the earlier of the two results wins. This is why a daily 02:30 job
//   runs twice on the night clocks go back (00:30Z and 01:30Z in Europe/Amsterdam).
// With day of month and day of week both restricted the two are searched separately and the
// earlier wins (cron's OR rule); a search gives up after 50 years, as croniter's does.
#include <algorithm>
#include <cstdlib>

#include "core/sched/cron.h"

namespace core {
namespace {

constexpr std::int64_t kMinutesPerDay = 1440;
constexpr UnixMicros kMicrosPerMinute = 60'000'000;
constexpr int kMaxYears = 50;  // croniter's max_years_between_matches default

std::int64_t FloorDiv(std::int64_t a, std::int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

bool IsLeap(std::int64_t y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }
int DaysInMonth(std::int64_t y, int m) {
    static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return kDays[m - 1] + (m == 2 && IsLeap(y));
}

// A local wall-clock minute, split.
struct Wall {
    std::int64_t year;
    int month, day, hour, minute;
};
Wall Split(std::int64_t minutes) {
    const std::int64_t days = FloorDiv(minutes, kMinutesPerDay);
    const int in_day = static_cast<int>(minutes - days * kMinutesPerDay);
    const Civil c = CivilFromDays(days);
    return {c.year, static_cast<int>(c.month), static_cast<int>(c.day), in_day / 60, in_day % 60};
}
std::int64_t Join(std::int64_t y, int m, int d, int hour, int minute) {
    return DaysFromCivil(y, static_cast<unsigned>(m), static_cast<unsigned>(d)) * kMinutesPerDay + hour * 60 + minute;
}
// 0 = Sunday, as croniter's isoweekday() % 7.
int WeekdaySun0(std::int64_t y, int m, int d) {
    return static_cast<int>(((DaysFromCivil(y, static_cast<unsigned>(m), static_cast<unsigned>(d)) + 4) % 7 + 7) % 7);
}

// croniter._get_next_nearest_diff: how far to the next allowed value, wrapping at `range`;
// values past `range` (the 31st in a 30-day month) are skipped; 'L' counts as `range`.
int NextDiff(int x, const std::vector<int>& values, int range, bool last) {
    for (int v : values) {
        if (v > range) continue;
        if (v >= x) return v - x;
    }
    if (last) return range - x;
    return values.front() - x + range;
}

// croniter._get_nearest_weekday: W's day, moved to the nearest Monday-Friday within the month.
int NearestWeekday(std::int64_t y, int m, int day) {
    const int last = DaysInMonth(y, m);
    day = std::min(day, last);
    const int weekday = (WeekdaySun0(y, m, day) + 6) % 7;  // 0 = Monday
    if (weekday < 5) return day;
    if (weekday == 5) return day > 1 ? day - 1 : day + 2;
    return day < last ? day + 1 : day - 2;
}

// The cron with, for the OR rule, one of the day fields forced to '*'.
struct View {
    const CronExpr& cron;
    bool dom_any, dow_any;
};

// One pass of croniter's procs; true when `t` moved (the search starts over from it).
bool Step(const View& v, std::int64_t& t) {
    const CronExpr& cron = v.cron;
    const Wall w = Split(t);
    const std::int64_t midnight = Join(w.year, w.month, w.day, 0, 0);
    if (const CronField& f = cron.fields[kCronMonth]; !f.any) {
        if (const int diff = NextDiff(w.month, f.values, 12, false)) {
            const int total = w.month - 1 + diff;
            t = Join(w.year + total / 12, total % 12 + 1, 1, 0, 0);
            return true;
        }
    }
    const int days = DaysInMonth(w.year, w.month);
    // A day chosen among candidates (W, #N, L5); none left this month: the 1st of the next.
    const auto pick = [&](const std::vector<int>& candidates) {
        int best = -1;
        for (int c : candidates)
            if (w.day <= c && (best < 0 || c < best)) best = c;
        if (best < 0) {
            t = midnight + (days - w.day + 1) * kMinutesPerDay;
            return true;
        }
        if (best == w.day) return false;
        t = midnight + (best - w.day) * kMinutesPerDay;
        return true;
    };
    if (!cron.nearest_weekday.empty()) {  // used even when the OR rule set day of month to '*'
        std::vector<int> candidates;
        for (int day : cron.nearest_weekday) candidates.push_back(NearestWeekday(w.year, w.month, day));
        if (pick(candidates)) return true;
    } else if (!v.dom_any && !(cron.last_day_of_month && w.day == days)) {
        if (const int diff = NextDiff(w.day, cron.fields[kCronDayOfMonth].values, days, cron.last_day_of_month)) {
            t = midnight + diff * kMinutesPerDay;
            return true;
        }
    }
    if (!cron.nth_weekday.empty()) {  // likewise used whatever the OR rule did to day of week
        std::vector<int> candidates;
        const int first_weekday = WeekdaySun0(w.year, w.month, 1);
        for (const auto& [weekday, nths] : cron.nth_weekday) {
            const int first = 1 + (weekday - first_weekday + 7) % 7;
            const int count = (days - first) / 7 + 1;
            for (int n : nths) {
                if (n == kCronLast) candidates.push_back(first + (count - 1) * 7);
                else if (n <= count) candidates.push_back(first + (n - 1) * 7);
            }
        }
        if (pick(candidates)) return true;
    } else if (!v.dow_any) {
        if (const int diff = NextDiff(WeekdaySun0(w.year, w.month, w.day), cron.fields[kCronDayOfWeek].values, 7, false)) {
            t = midnight + diff * kMinutesPerDay;
            return true;
        }
    }
    if (const CronField& f = cron.fields[kCronHour]; !f.any) {
        if (const int diff = NextDiff(w.hour, f.values, 24, false)) {
            t = midnight + (w.hour + diff) * 60;
            return true;
        }
    }
    if (const CronField& f = cron.fields[kCronMinute]; !f.any) {
        if (const int diff = NextDiff(w.minute, f.values, 60, false)) {
            t += diff;
            return true;
        }
    }
    return false;
}

// croniter._calc without a time zone: the first matching local minute at or after `start`.
std::optional<std::int64_t> NextLocalMatch(const View& v, std::int64_t start) {
    std::int64_t t = start;
    const std::int64_t first_year = Split(t).year;
    std::int64_t year = first_year;
    while (std::abs(year - first_year) <= kMaxYears) {
        if (!Step(v, t)) return t;
        year = Split(t).year;
    }
    return std::nullopt;
}

std::int64_t MinuteAfter(UnixMicros local) { return FloorDiv(local, kMicrosPerMinute) + 1; }

// croniter's _add_tzinfo: the instant of a local minute, seen from `previous`.
struct Placed {
    UnixMicros utc = 0;
    bool exists = true;
};
std::optional<Placed> Place(const TimeZone& zone, std::int64_t local_minute, UnixMicros previous) {
    const auto instants = zone.FromLocal(local_minute * kMicrosPerMinute);
    if (instants.empty()) {  // in a gap: minute by minute to the first wall time that exists
        for (std::int64_t m = local_minute + 1; m <= local_minute + 2 * kMinutesPerDay; ++m)
            if (const auto after = zone.FromLocal(m * kMicrosPerMinute); !after.empty()) return Placed{after.front(), false};
        return std::nullopt;
    }
    if (instants.size() > 1 && instants.front() <= previous) return Placed{instants.back(), true};
    return Placed{instants.front(), true};
}

// croniter._calc with a time zone, from the instant `now`.
std::optional<UnixMicros> NextZoned(const View& v, const TimeZone& zone, UnixMicros now) {
    const UnixMicros now_local = zone.ToLocal(now);
    auto local = NextLocalMatch(v, MinuteAfter(now_local));
    if (!local) return std::nullopt;
    auto placed = Place(zone, *local, now);
    if (!placed) return std::nullopt;
    if (!placed->exists && (placed->utc <= now || v.cron.fields[kCronHour].any)) {
        while (!placed->exists) {
            local = NextLocalMatch(v, *local + 1);
            if (!local) return std::nullopt;
            placed = Place(zone, *local, now);
            if (!placed) return std::nullopt;
        }
    }
    const UnixMicros found = placed->utc;
    const std::int64_t offset_change = zone.OffsetSecondsAt(found) - zone.OffsetSecondsAt(now);
    if (offset_change == 0) return found;
    // The offset changed: a match on the other side of the change may come first.
    const auto alternative_local = NextLocalMatch(v, MinuteAfter(now_local + offset_change * 1'000'000));
    if (!alternative_local) return std::nullopt;
    const auto alternative = Place(zone, *alternative_local, now);
    if (!alternative) return std::nullopt;
    if (alternative->utc <= now) return found;
    return found > alternative->utc ? alternative->utc : found;
}

}  // namespace

std::optional<UnixMicros> NextCronRun(const CronExpr& cron, const TimeZone& zone, UnixMicros after_utc) {
    const bool dom_any = cron.fields[kCronDayOfMonth].any, dow_any = cron.fields[kCronDayOfWeek].any;
    if (!dom_any && !dow_any) {  // cron's OR rule: either day field may match
        const auto by_day_of_month = NextZoned(View{cron, false, true}, zone, after_utc);
        const auto by_day_of_week = NextZoned(View{cron, true, false}, zone, after_utc);
        if (!by_day_of_month || !by_day_of_week) return std::nullopt;  // croniter raises if either search does
        return std::min(*by_day_of_month, *by_day_of_week);
    }
    return NextZoned(View{cron, dom_any, dow_any}, zone, after_utc);
}

}  // namespace core
