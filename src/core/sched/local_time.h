// Instants shown as a zone's wall clock, as every front end prints them.
#pragma once

#include <string>

#include "core/sched/time_zone.h"

namespace core {

// "2026-11-24 02:29:49 CET": the wall clock at `utc` in `zone`, to the second, with its abbreviation.
std::string FormatLocal(const TimeZone& zone, UnixMicros utc);
// "2026-11-24 02:29:49": the same without the abbreviation (what an editor field holds).
std::string FormatLocalSeconds(const TimeZone& zone, UnixMicros utc);

}  // namespace core
