// Helpers the schedule and cron tests share: a zone by name and an instant from UTC text.
#pragma once

#include <catch2/catch.hpp>

#include "core/sched/timestamp.h"
#include "core/sched/time_zone.h"

namespace test {

inline core::TimeZone Zone(const char* name) {
    auto zone = core::LoadTimeZone(name);
    REQUIRE(zone);
    return zone.value();
}

// "2027-03-28 01:00:00" (UTC) as microseconds.
inline core::UnixMicros At(const char* utc) {
    const auto at = core::ParseDjangoDatetime(utc);
    REQUIRE(at);
    return *at;
}

}  // namespace test
