// Where the zones LoadTimeZone returns come from (time_zone.h). Natively tz_database.cpp reads the
// system's zoneinfo; the web build's tz_database_web.cpp reads a compact copy of the build machine's
// zoneinfo embedded at configure time (cmake/embed_tzdata.py), which both builds can reach here so
// a native test can compare the two.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "core/sched/time_zone.h"

namespace core {

// The embedded copy: history from 1970 on (earlier instants get the zone's 1970 state), the
// transitions its footer rule cannot predict, and that rule. Error "tz.unknown" for other names.
Result<TimeZone> LoadEmbeddedTimeZone(std::string_view name);
// Every name the embedded copy holds (zones and their aliases), sorted.
std::vector<std::string> EmbeddedTimeZoneNames();
// The tz database release the embedded copy was made from ("2025b"), or "" if unknown.
std::string EmbeddedTimeZoneVersion();

// True for names that may be looked up as a file under the zoneinfo folder: "Europe/Amsterdam",
// "Etc/GMT+1"; false for "", "/etc/passwd", "../x", "a/./b".
bool IsTimeZoneName(std::string_view name);

}  // namespace core
