// IANA time zones for schedule arithmetic: Django Q evaluates schedules in the server's TIME_ZONE
// (SEMANTICS.md §5). A TimeZone is built from TZif bytes (RFC 8536: the system's zoneinfo
// natively, an embedded compact copy in the web build) and answers offset questions in UTC
// microseconds, the unit of core/sched/timestamp.h.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/bytes.h"
#include "core/sched/timestamp.h"
#include "core/result.h"

namespace core {

struct ZoneState {
    int utc_offset_seconds = 0;  // east of UTC: +3600 for CET
    bool is_dst = false;
    std::string abbreviation;    // "CET", "CEST"
};

class TimeZone {
public:
    static TimeZone Utc();
    // TZif v1-v4 bytes; the footer's POSIX TZ rule answers for instants past the last transition.
    // Error "tz.bad_tzif" names the byte offset of what is wrong.
    static Result<TimeZone> FromTzif(std::string_view name, ByteView tzif);

    const std::string& Name() const;
    ZoneState StateAt(UnixMicros utc) const;
    int OffsetSecondsAt(UnixMicros utc) const { return StateAt(utc).utc_offset_seconds; }
    // The wall clock at `utc`, as microseconds since 1970-01-01T00:00 local.
    UnixMicros ToLocal(UnixMicros utc) const;
    // Every UTC instant whose wall clock is `local`, ascending: one normally, none in a DST gap,
    // two in a fold (the hour repeated when clocks go back).
    std::vector<UnixMicros> FromLocal(UnixMicros local) const;
    // The first offset change strictly after `utc`, if any is known.
    std::optional<UnixMicros> NextTransitionAfter(UnixMicros utc) const;

    struct Rules;  // parsed transitions and footer rule (time_zone.cpp)

private:
    explicit TimeZone(std::shared_ptr<const Rules> rules) : m_rules(std::move(rules)) {}
    std::shared_ptr<const Rules> m_rules;
};

// The zone named `name` ("Europe/Amsterdam", "UTC") from the time zone database this build has
// (tz_database.cpp: the system's zoneinfo natively, embedded data in the web build).
// Error "tz.unknown" for a name it does not know.
Result<TimeZone> LoadTimeZone(std::string_view name);
// Every zone name LoadTimeZone accepts, sorted (for a picker).
std::vector<std::string> TimeZoneNames();

}  // namespace core
