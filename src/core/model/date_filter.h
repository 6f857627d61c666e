// The date ranges of Django admin's DateFieldListFilter ("Today", "Past 7 days", "This month",
// "This year"), in UTC: the bounds TaskQuery's started/stopped filters take.
#pragma once

#include <optional>
#include <string>

#include "core/model/timestamp.h"

namespace core {

enum class DatePreset { Any, Today, Past7Days, ThisMonth, ThisYear };
const char* DatePresetLabel(DatePreset preset);  // "Any date", "Today", ...

struct DateRange {
    std::optional<std::string> from, until;  // Django datetime text; from inclusive, until exclusive
};

// The range `preset` means at `now`: Today is [today 00:00, tomorrow 00:00); Past 7 days is
// [today - 7 days, tomorrow), as Django computes them.
DateRange PresetRange(DatePreset preset, UnixMicros now);

// A custom bound typed by the user: "YYYY-MM-DD" or "YYYY-MM-DD HH:MM[:SS]" in UTC, as stored
// text; nullopt when it is not a valid date.
std::optional<std::string> ParseDateBound(std::string_view typed);

}  // namespace core
