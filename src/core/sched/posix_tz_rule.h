// POSIX TZ strings such as "CET-1CEST,M3.5.0,M10.5.0/3": the rule a TZif footer gives for instants
// past the file's last transition (RFC 8536 §3.3, with the v3 extension that transition times may
// range from -167 to 167 hours).
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "core/result.h"
#include "core/sched/time_zone.h"

namespace core {

// When a DST change happens: a day of the year and a local wall time on it.
struct PosixTzDate {
    enum class Kind : std::uint8_t {
        kJulian,        // "Jn": day n of 1..365, February 29 never counted
        kZeroBased,     // "n": day n of 0..365, February 29 counted
        kMonthWeekDay,  // "Mm.w.d": weekday d (0 = Sunday) of week w (5 = last) of month m
    };
    Kind kind = Kind::kMonthWeekDay;
    int day = 0;
    int week = 0, month = 0;    // kMonthWeekDay only
    int time_seconds = 2 * 3600;  // wall clock of the change, in the time it ends ("/-1", "/26" allowed)

    // Days since 1970-01-01 of this date in `year`.
    std::int64_t DayIn(std::int64_t year) const;
};

struct PosixTzRule {
    ZoneState standard;
    std::optional<ZoneState> daylight;  // absent: standard time all year
    PosixTzDate dst_start, dst_end;     // meaningful with `daylight` only

    // The state at `utc_seconds` (seconds since the Unix epoch).
    const ZoneState& StateAt(std::int64_t utc_seconds) const;
    // The first DST start or end strictly after `utc_seconds`; none without DST. An event need not
    // change the offset (permanent DST ends and restarts at the same instant).
    std::optional<std::int64_t> NextEventAfter(std::int64_t utc_seconds) const;
};

// Parses a TZ string. Error "tz.bad_rule" with where "byte N", N counting from `base_offset` (the
// string's position in a TZif file, so the caller's message can point into the file).
Result<PosixTzRule> ParsePosixTzRule(std::string_view text, std::size_t base_offset = 0);

}  // namespace core
