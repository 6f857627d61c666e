// The date ranges of Django admin's DateFieldListFilter ("Today", "Past 7 days", "This month",
// "This year") in a zone's days, as UTC text: the bounds TaskQuery's started/stopped filters take.
#pragma once

#include <optional>
#include <string>

#include "core/sched/timestamp.h"
#include "core/sched/time_zone.h"

namespace core {

enum class DatePreset { Any, Today, Past7Days, ThisMonth, ThisYear };
const char* DatePresetLabel(DatePreset preset);  // "Any date", "Today", ...

struct DateRange {
    std::optional<std::string> from, until;  // Django datetime text; from inclusive, until exclusive
};

// The range `preset` means at `now` in `zone`'s days: Today is [today 00:00, tomorrow 00:00);
// Past 7 days is [today - 7 days, tomorrow), as Django computes them in its current zone.
DateRange PresetRange(DatePreset preset, UnixMicros now, const TimeZone& zone = TimeZone::Utc());

// A custom bound typed by the user: "YYYY-MM-DD" or "YYYY-MM-DD HH:MM[:SS]" in `zone`, as UTC
// stored text; nullopt when it is not a valid date. A time the clocks skip (DST) moves forward.
std::optional<std::string> ParseDateBound(std::string_view typed, const TimeZone& zone = TimeZone::Utc());

}  // namespace core
