#include "core/sched/local_time.h"

namespace core {

std::string FormatLocalSeconds(const TimeZone& zone, UnixMicros utc) { return FormatDjangoDatetime(zone.ToLocal(utc)).substr(0, 19); }

std::string FormatLocal(const TimeZone& zone, UnixMicros utc) { return FormatLocalSeconds(zone, utc) + " " + zone.StateAt(utc).abbreviation; }

}  // namespace core
