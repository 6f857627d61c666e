// Django's SQLite datetimes: text "YYYY-MM-DD HH:MM:SS[.ffffff]", UTC when USE_TZ=True.
// Conversions to and from microseconds since the Unix epoch, with no time zone involved.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace core {

using UnixMicros = std::int64_t;

// "2026-11-24 01:34:22.519804"; the fraction is omitted when it is zero, as Django stores it.
std::string FormatDjangoDatetime(UnixMicros micros);
// The current time, for edits' timestamps and "today" in filters.
UnixMicros NowUnixMicros();
// Accepts "YYYY-MM-DD HH:MM:SS[.f{1,6}]", a 'T' separator, and a trailing "Z" or "+00:00"
// (dumpdata JSON); nullopt for anything else.
std::optional<UnixMicros> ParseDjangoDatetime(std::string_view text);

constexpr UnixMicros kMicrosPerDay = 86'400'000'000LL;

struct Civil {
    std::int64_t year;
    unsigned month, day;
};
// Days since 1970-01-01 for a proleptic Gregorian date, and back (H. Hinnant's days_from_civil
// and civil_from_days).
std::int64_t DaysFromCivil(std::int64_t year, unsigned month, unsigned day);
Civil CivilFromDays(std::int64_t days);

}  // namespace core
