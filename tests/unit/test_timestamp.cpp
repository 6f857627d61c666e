#include <catch2/catch.hpp>

#include "core/sched/timestamp.h"

using namespace core;

TEST_CASE("Django datetimes round-trip through microseconds") {
    for (const char* text : {"2026-11-24 01:34:22.519804", "1970-01-01 00:00:00", "2024-02-29 23:59:59.000001", "1969-12-31 23:59:59.5"}) {
        auto micros = ParseDjangoDatetime(text);
        REQUIRE(micros);
        std::string expected = text;
        if (expected == "1969-12-31 23:59:59.5") expected = "1969-12-31 23:59:59.500000";
        CHECK(FormatDjangoDatetime(*micros) == expected);
    }
    CHECK(ParseDjangoDatetime("1970-01-01 00:00:01") == 1'000'000);
}

TEST_CASE("ParseDjangoDatetime reads dumpdata's ISO form and rejects everything else") {
    CHECK(ParseDjangoDatetime("2026-11-24T01:34:22.756Z") == ParseDjangoDatetime("2026-11-24 01:34:22.756000"));
    CHECK(ParseDjangoDatetime("2026-11-24T01:34:22+00:00") == ParseDjangoDatetime("2026-11-24 01:34:22"));
    for (const char* bad : {"", "2026-11-24", "2026-13-01 00:00:00", "2026-11-24 24:00:00", "2026-11-24 01:34:22.1234567",
                            "2026-11-24 01:34:22+01:00", "2026/11/24 01:34:22"})
        CHECK_FALSE(ParseDjangoDatetime(bad));
}
