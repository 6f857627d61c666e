// The web build has no zoneinfo: zones come from the copy embedded at configure time
// (tz_embedded.cpp). src/core/CMakeLists.txt compiles this file instead of tz_database.cpp.
#include "core/sched/tz_database.h"

namespace core {

Result<TimeZone> LoadTimeZone(std::string_view name) { return LoadEmbeddedTimeZone(name); }

std::vector<std::string> TimeZoneNames() { return EmbeddedTimeZoneNames(); }

}  // namespace core
