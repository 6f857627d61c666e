#include "core/model/date_filter.h"

#include <cstdio>

namespace core {
namespace {

std::int64_t FloorDiv(std::int64_t a, std::int64_t b) { return a / b - (a % b != 0 && (a < 0) != (b < 0)); }

std::string DayStart(std::int64_t year, unsigned month, unsigned day) {
    return FormatDjangoDatetime(DaysFromCivil(year, month, day) * kMicrosPerDay);
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

DateRange PresetRange(DatePreset preset, UnixMicros now) {
    const std::int64_t today = FloorDiv(now, kMicrosPerDay);
    const Civil date = CivilFromDays(today);
    const std::string tomorrow = FormatDjangoDatetime((today + 1) * kMicrosPerDay);
    switch (preset) {
        case DatePreset::Any: return {};
        case DatePreset::Today: return {FormatDjangoDatetime(today * kMicrosPerDay), tomorrow};
        case DatePreset::Past7Days: return {FormatDjangoDatetime((today - 7) * kMicrosPerDay), tomorrow};
        case DatePreset::ThisMonth:
            return {DayStart(date.year, date.month, 1),
                    date.month == 12 ? DayStart(date.year + 1, 1, 1) : DayStart(date.year, date.month + 1, 1)};
        case DatePreset::ThisYear: return {DayStart(date.year, 1, 1), DayStart(date.year + 1, 1, 1)};
    }
    return {};
}

std::optional<std::string> ParseDateBound(std::string_view typed) {
    while (!typed.empty() && typed.front() == ' ') typed.remove_prefix(1);
    while (!typed.empty() && typed.back() == ' ') typed.remove_suffix(1);
    std::string text(typed);
    if (text.size() == 10) text += " 00:00:00";
    else if (text.size() == 16) text += ":00";
    const auto micros = ParseDjangoDatetime(text);
    if (!micros) return std::nullopt;
    // ParseDjangoDatetime accepts what it can compute; a real date also prints back as typed.
    if (FormatDjangoDatetime(*micros).substr(0, 19) != text.substr(0, 19)) return std::nullopt;
    return FormatDjangoDatetime(*micros);
}

}  // namespace core
