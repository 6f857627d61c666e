#include "core/model/date_filter.h"

#include <cstdio>

namespace core {
namespace {

std::int64_t FloorDiv(std::int64_t a, std::int64_t b) { return a / b - (a % b != 0 && (a < 0) != (b < 0)); }

// The instant `local` (microseconds of the zone's wall clock) happens; a wall time the clocks
// skip is moved forward to the first that exists (as the day of a midnight DST change starts).
UnixMicros FirstInstantOf(const TimeZone& zone, UnixMicros local) {
    constexpr UnixMicros kStep = 15 * 60 * 1'000'000LL;
    for (int tries = 0; tries < 8; ++tries, local += kStep)
        if (const auto instants = zone.FromLocal(local); !instants.empty()) return instants.front();
    return local;
}

// Midnight starting a local day, as UTC text.
std::string DayStart(const TimeZone& zone, std::int64_t local_days) {
    return FormatDjangoDatetime(FirstInstantOf(zone, local_days * kMicrosPerDay));
}

}  // namespace

const char* DatePresetLabel(DatePreset preset) {
    switch (preset) {
        case DatePreset::Any: return "Any date";
        case DatePreset::Today: return "Today";
        case DatePreset::Past7Days: return "Past 7 days";
        case DatePreset::ThisMonth: return "This month";
        case DatePreset::ThisYear: return "This year";
    }
    return "Any date";
}

DateRange PresetRange(DatePreset preset, UnixMicros now, const TimeZone& zone) {
    const std::int64_t today = FloorDiv(zone.ToLocal(now), kMicrosPerDay);
    const Civil date = CivilFromDays(today);
    const auto day = [&zone](std::int64_t year, unsigned month, unsigned day_of_month) {
        return DayStart(zone, DaysFromCivil(year, month, day_of_month));
    };
    switch (preset) {
        case DatePreset::Any: return {};
        case DatePreset::Today: return {DayStart(zone, today), DayStart(zone, today + 1)};
        case DatePreset::Past7Days: return {DayStart(zone, today - 7), DayStart(zone, today + 1)};
        case DatePreset::ThisMonth:
            return {day(date.year, date.month, 1), date.month == 12 ? day(date.year + 1, 1, 1) : day(date.year, date.month + 1, 1)};
        case DatePreset::ThisYear: return {day(date.year, 1, 1), day(date.year + 1, 1, 1)};
    }
    return {};
}

std::optional<std::string> ParseDateBound(std::string_view typed, const TimeZone& zone) {
    while (!typed.empty() && typed.front() == ' ') typed.remove_prefix(1);
    while (!typed.empty() && typed.back() == ' ') typed.remove_suffix(1);
    std::string text(typed);
    if (text.size() == 10) text += " 00:00:00";
    else if (text.size() == 16) text += ":00";
    const auto micros = ParseDjangoDatetime(text);
    if (!micros) return std::nullopt;
    // ParseDjangoDatetime accepts what it can compute; a real date also prints back as typed.
    if (FormatDjangoDatetime(*micros).substr(0, 19) != text.substr(0, 19)) return std::nullopt;
    return FormatDjangoDatetime(FirstInstantOf(zone, *micros));
}

}  // namespace core
