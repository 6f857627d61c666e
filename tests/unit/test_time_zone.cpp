// IANA time zones (core/sched): TZif reading, POSIX TZ footers, local-time lookups, and the web
// build's embedded tz database checked against the system's zoneinfo. Expected offsets come from
// Python's zoneinfo and, for hand-written TZ rules, from glibc (TZ=... python3 time.localtime).
#include <catch2/catch.hpp>

#include <algorithm>
#include <random>

#include "core/io/file.h"
#include "core/sched/posix_tz_rule.h"
#include "core/sched/time_zone.h"
#include "core/sched/tz_database.h"

using namespace core;

namespace {

constexpr std::int64_t kSecond = 1'000'000;
const std::string kZoneinfo = "/usr/share/zoneinfo/";

UnixMicros Utc(std::int64_t year, unsigned month, unsigned day, int hour = 0, int minute = 0, int second = 0) {
    return DaysFromCivil(year, month, day) * kMicrosPerDay + (hour * 3600LL + minute * 60 + second) * kSecond;
}

TimeZone Load(const char* name) {
    auto zone = LoadTimeZone(name);
    INFO(name << ": " << (zone ? "" : zone.error().Describe()));
    REQUIRE(zone.ok());
    return std::move(zone).value();
}

// A TZif file: version 0 writes only 32-bit v1 data; '2'..'4' write a minimal v1 block, the 64-bit
// data and `footer`.
struct TestType {
    std::int32_t offset;
    bool is_dst;
    std::string abbreviation;
};
Bytes MakeTzif(char version, const std::vector<std::pair<std::int64_t, std::uint8_t>>& transitions,
               const std::vector<TestType>& types, const std::string& footer) {
    Bytes out;
    auto be = [&](std::uint64_t v, int bytes) {
        for (int i = bytes - 1; i >= 0; --i) out.push_back(static_cast<std::uint8_t>(v >> (8 * i)));
    };
    auto header = [&](char v, std::size_t times, std::size_t type_count, std::size_t chars) {
        out.insert(out.end(), {'T', 'Z', 'i', 'f', static_cast<std::uint8_t>(v)});
        out.insert(out.end(), 15, 0);
        for (std::size_t count : {std::size_t{0}, std::size_t{0}, std::size_t{0}, times, type_count, chars}) be(count, 4);
    };
    std::string chars;
    for (const TestType& type : types) chars += type.abbreviation + '\0';
    auto block = [&](int time_size) {
        for (auto& [time, type] : transitions) be(static_cast<std::uint64_t>(time), time_size);
        for (auto& [time, type] : transitions) out.push_back(type);
        std::size_t designation = 0;
        for (const TestType& type : types) {
            be(static_cast<std::uint32_t>(type.offset), 4);
            out.push_back(type.is_dst ? 1 : 0);
            out.push_back(static_cast<std::uint8_t>(designation));
            designation += type.abbreviation.size() + 1;
        }
        out.insert(out.end(), chars.begin(), chars.end());
    };
    if (version == 0) {
        header(0, transitions.size(), types.size(), chars.size());
        block(4);
        return out;
    }
    header(version, 0, 1, 1);
    out.insert(out.end(), 7, 0);
    header(version, transitions.size(), types.size(), chars.size());
    block(8);
    out.push_back('\n');
    out.insert(out.end(), footer.begin(), footer.end());
    out.push_back('\n');
    return out;
}

// Offset changes in [from, to), with the offset after each.
std::vector<std::pair<UnixMicros, int>> Changes(const TimeZone& zone, UnixMicros from, UnixMicros to) {
    std::vector<std::pair<UnixMicros, int>> changes;
    for (auto t = zone.NextTransitionAfter(from - 1); t && *t < to; t = zone.NextTransitionAfter(*t))
        changes.emplace_back(*t, zone.OffsetSecondsAt(*t));
    return changes;
}

bool SameState(const ZoneState& a, const ZoneState& b) {
    return a.utc_offset_seconds == b.utc_offset_seconds && a.is_dst == b.is_dst && a.abbreviation == b.abbreviation;
}

}  // namespace

TEST_CASE("time zone: Europe/Amsterdam switches CET to CEST at 2027-03-28 01:00 UTC and back at 2027-10-31 01:00 UTC",
          "[time_zone]") {
    const TimeZone amsterdam = Load("Europe/Amsterdam");
    CHECK(amsterdam.Name() == "Europe/Amsterdam");
    const UnixMicros spring = Utc(2027, 3, 28, 1), autumn = Utc(2027, 10, 31, 1);
    CHECK(amsterdam.OffsetSecondsAt(spring - 1) == 3600);
    CHECK(amsterdam.StateAt(spring - kSecond).abbreviation == "CET");
    CHECK_FALSE(amsterdam.StateAt(spring - kSecond).is_dst);
    CHECK(amsterdam.OffsetSecondsAt(spring) == 7200);
    CHECK(amsterdam.StateAt(spring).abbreviation == "CEST");
    CHECK(amsterdam.StateAt(spring).is_dst);
    CHECK(amsterdam.OffsetSecondsAt(autumn - 1) == 7200);
    CHECK(amsterdam.OffsetSecondsAt(autumn) == 3600);
    CHECK(amsterdam.NextTransitionAfter(Utc(2027, 1, 1)) == spring);
    CHECK(amsterdam.NextTransitionAfter(spring - 1) == spring);
    CHECK(amsterdam.NextTransitionAfter(spring) == autumn);  // strictly after
    CHECK(amsterdam.ToLocal(spring) == Utc(2027, 3, 28, 3));
    CHECK(amsterdam.ToLocal(spring - kSecond) == Utc(2027, 3, 28, 1, 59, 59));
}

TEST_CASE("time zone: FromLocal finds no instant in the spring gap, two in the autumn fold, one otherwise", "[time_zone]") {
    const TimeZone amsterdam = Load("Europe/Amsterdam");
    CHECK(amsterdam.FromLocal(Utc(2027, 3, 28, 2, 30)).empty());
    CHECK(amsterdam.FromLocal(Utc(2027, 10, 31, 2, 30)) == std::vector<UnixMicros>{Utc(2027, 10, 31, 0, 30), Utc(2027, 10, 31, 1, 30)});
    CHECK(amsterdam.FromLocal(Utc(2027, 3, 28, 3)) == std::vector<UnixMicros>{Utc(2027, 3, 28, 1)});
    CHECK(amsterdam.FromLocal(Utc(2027, 3, 28, 1, 59, 59)) == std::vector<UnixMicros>{Utc(2027, 3, 28, 0, 59, 59)});
    CHECK(amsterdam.FromLocal(Utc(2027, 7, 1, 12)) == std::vector<UnixMicros>{Utc(2027, 7, 1, 10)});
    CHECK(TimeZone::Utc().FromLocal(Utc(2027, 3, 28, 2, 30)) == std::vector<UnixMicros>{Utc(2027, 3, 28, 2, 30)});
}

TEST_CASE("time zone: far past the last transition the footer rule answers (Amsterdam in 2100)", "[time_zone]") {
    const TimeZone amsterdam = Load("Europe/Amsterdam");
    CHECK(amsterdam.OffsetSecondsAt(Utc(2100, 1, 1)) == 3600);
    CHECK(amsterdam.StateAt(Utc(2100, 7, 1)).abbreviation == "CEST");
    CHECK(Changes(amsterdam, Utc(2100, 1, 1), Utc(2101, 1, 1)) ==
          std::vector<std::pair<UnixMicros, int>>{{Utc(2100, 3, 28, 1), 7200}, {Utc(2100, 10, 31, 1), 3600}});
    CHECK(amsterdam.FromLocal(Utc(2100, 3, 28, 2, 30)).empty());
    CHECK(amsterdam.FromLocal(Utc(2100, 10, 31, 2, 30)).size() == 2);
}

TEST_CASE("time zone: Australia/Sydney keeps DST over the southern summer", "[time_zone]") {
    const TimeZone sydney = Load("Australia/Sydney");
    CHECK(sydney.StateAt(Utc(2027, 1, 15)).abbreviation == "AEDT");
    CHECK(sydney.OffsetSecondsAt(Utc(2027, 1, 15)) == 39600);
    CHECK(sydney.OffsetSecondsAt(Utc(2027, 7, 1)) == 36000);
    CHECK(Changes(sydney, Utc(2027, 1, 1), Utc(2028, 1, 1)) ==
          std::vector<std::pair<UnixMicros, int>>{{Utc(2027, 4, 3, 16), 36000}, {Utc(2027, 10, 2, 16), 39600}});
    CHECK(sydney.OffsetSecondsAt(Utc(2099, 12, 31)) == 39600);  // footer, across the new year
}

TEST_CASE("time zone: America/St_Johns is -03:30 in winter and -02:30 in summer", "[time_zone]") {
    const TimeZone st_johns = Load("America/St_Johns");
    CHECK(st_johns.OffsetSecondsAt(Utc(2027, 1, 15)) == -12600);
    CHECK(st_johns.StateAt(Utc(2027, 1, 15)).abbreviation == "NST");
    CHECK(st_johns.OffsetSecondsAt(Utc(2027, 7, 1)) == -9000);
    CHECK(Changes(st_johns, Utc(2027, 1, 1), Utc(2028, 1, 1)) ==
          std::vector<std::pair<UnixMicros, int>>{{Utc(2027, 3, 14, 5, 30), -9000}, {Utc(2027, 11, 7, 4, 30), -12600}});
    CHECK(st_johns.ToLocal(Utc(2027, 1, 15)) == Utc(2027, 1, 14, 20, 30));
}

TEST_CASE("time zone: Asia/Kolkata is +05:30 with no transition ahead", "[time_zone]") {
    const TimeZone kolkata = Load("Asia/Kolkata");
    CHECK(kolkata.OffsetSecondsAt(Utc(2027, 1, 15)) == 19800);
    CHECK(kolkata.StateAt(Utc(2027, 1, 15)).abbreviation == "IST");
    CHECK_FALSE(kolkata.NextTransitionAfter(Utc(2000, 1, 1)));
    CHECK(kolkata.FromLocal(Utc(2027, 1, 15, 5, 30)) == std::vector<UnixMicros>{Utc(2027, 1, 15)});
}

TEST_CASE("time zone: Asia/Tehran's footer has had no DST since 2023", "[time_zone]") {
    const TimeZone tehran = Load("Asia/Tehran");
    CHECK(tehran.OffsetSecondsAt(Utc(2021, 7, 1)) == 16200);
    CHECK(tehran.StateAt(Utc(2021, 7, 1)).is_dst);
    CHECK(tehran.OffsetSecondsAt(Utc(2023, 7, 1)) == 12600);
    CHECK(tehran.StateAt(Utc(2100, 7, 1)).abbreviation == "+0330");
    CHECK(Changes(tehran, Utc(2022, 1, 1), Utc(2023, 1, 1)) ==
          std::vector<std::pair<UnixMicros, int>>{{Utc(2022, 3, 21, 20, 30), 16200}, {Utc(2022, 9, 21, 19, 30), 12600}});
    CHECK_FALSE(tehran.NextTransitionAfter(Utc(2023, 1, 1)));
}

TEST_CASE("time zone: America/Nuuk's footer changes at -1:00 and 0:00 local (v3 negative hours)", "[time_zone]") {
    for (const char* name : {"America/Nuuk", "America/Godthab"}) {
        const TimeZone nuuk = Load(name);
        CHECK(nuuk.StateAt(Utc(2022, 7, 1)).utc_offset_seconds == -7200);  // DST from -03 that summer
        CHECK(nuuk.StateAt(Utc(2022, 7, 1)).is_dst);
        CHECK(nuuk.StateAt(Utc(2030, 1, 1)).abbreviation == "-02");
        CHECK(Changes(nuuk, Utc(2030, 1, 1), Utc(2031, 1, 1)) ==
              std::vector<std::pair<UnixMicros, int>>{{Utc(2030, 3, 31, 1), -3600}, {Utc(2030, 10, 27, 1), -7200}});
        CHECK(nuuk.OffsetSecondsAt(Utc(2100, 7, 1)) == -3600);
    }
}

TEST_CASE("time zone: TZ rules with J, zero-based and M dates, quoted names, explicit offsets and hours past 24",
          "[time_zone]") {
    struct Case {
        const char* rule;
        std::int64_t year;
        std::vector<std::pair<UnixMicros, int>> changes;
    };
    const Case cases[] = {
        {"AAA3BBB,J60/2,300/4", 2023, {{Utc(2023, 3, 1, 5), -7200}, {Utc(2023, 10, 28, 6), -10800}}},
        {"AAA3BBB,J60/2,300/4", 2024, {{Utc(2024, 3, 1, 5), -7200}, {Utc(2024, 10, 27, 6), -10800}}},
        {"CCC-10DDD-11:30,M10.1.0,M4.1.0/3", 2024, {{Utc(2024, 4, 6, 15, 30), 36000}, {Utc(2024, 10, 5, 16), 41400}}},
        {"IST-2IDT,M3.4.4/26,M10.5.0", 2024, {{Utc(2024, 3, 29), 10800}, {Utc(2024, 10, 26, 23), 7200}}},
        {"<-02>2<-01>,M3.5.0/-1,M10.5.0/0", 2024, {{Utc(2024, 3, 31, 1), -3600}, {Utc(2024, 10, 27, 1), -7200}}},
        {"EEE5FFF4,59/-2,J1/167", 2023, {{Utc(2023, 1, 8, 3), -18000}, {Utc(2023, 3, 1, 3), -14400}}},
        {"EEE5FFF4,59/-2,J1/167", 2024, {{Utc(2024, 1, 8, 3), -18000}, {Utc(2024, 2, 29, 3), -14400}}},
    };
    for (const Case& c : cases) {
        INFO(c.rule << " in " << c.year);
        auto zone = TimeZone::FromTzif("test", MakeTzif('3', {}, {{0, false, "LMT"}}, c.rule));
        REQUIRE(zone.ok());
        CHECK(Changes(*zone, Utc(c.year, 1, 1), Utc(c.year + 1, 1, 1)) == c.changes);
    }
    auto quoted = ParsePosixTzRule("<+0330>-3:30");
    REQUIRE(quoted.ok());
    CHECK(quoted->standard.abbreviation == "+0330");
    CHECK(quoted->standard.utc_offset_seconds == 12600);
    CHECK_FALSE(quoted->daylight);
}

TEST_CASE("time zone: a permanent-DST rule (EST5EDT,0/0,J365/25) stays in DST all year", "[time_zone]") {
    auto zone = TimeZone::FromTzif("test", MakeTzif('3', {}, {{-18000, false, "EST"}}, "EST5EDT,0/0,J365/25"));
    REQUIRE(zone.ok());
    for (UnixMicros t : {Utc(2024, 1, 1, 4, 59), Utc(2024, 1, 1, 5), Utc(2024, 7, 1), Utc(2024, 12, 31, 23, 59), Utc(2025, 1, 1, 5)})
        CHECK(zone->StateAt(t).abbreviation == "EDT");
    CHECK_FALSE(zone->NextTransitionAfter(Utc(2024, 1, 1)));
}

TEST_CASE("time zone: malformed TZ rules are tz.bad_rule at the byte at fault", "[time_zone]") {
    const std::pair<const char*, const char*> cases[] = {
        {"", "byte 0"},          {"CE-1", "byte 0"},           {"CET", "byte 3"},
        {"CET-1X", "byte 5"},    {"CET-25", "byte 3"},         {"CET-1CEST,M3.5.0,M10.5.0/3x", "byte 26"},
        {"CET-1CEST,M13.5.0,M10.5.0", "byte 9"}, {"CET-1CEST,M3.5.0", "byte 16"}, {"<+03-3", "byte 0"},
        {"CET-1CEST,J0,J100", "byte 9"},         {"CET-1CEST,M3.5.0/168,M10.5.0", "byte 9"},
    };
    for (auto [rule, where] : cases) {
        INFO(rule);
        auto parsed = ParsePosixTzRule(rule);
        REQUIRE_FALSE(parsed.ok());
        CHECK(parsed.error().code == "tz.bad_rule");
        CHECK(parsed.error().where == where);
    }
    CHECK(ParsePosixTzRule("X", 100).error().where == "byte 100");
}

TEST_CASE("time zone: truncated or garbled TZif is tz.bad_tzif with a byte offset, never a crash", "[time_zone]") {
    const Bytes good = MakeTzif('2', {{0, 1}, {1000, 0}}, {{3600, false, "CET"}, {7200, true, "CEST"}},
                                "CET-1CEST,M3.5.0,M10.5.0/3");
    REQUIRE(TimeZone::FromTzif("test", good).ok());
    for (std::size_t size = 0; size < good.size(); ++size) {
        INFO("truncated to " << size << " bytes");
        auto zone = TimeZone::FromTzif("test", ByteView(good).first(size));
        REQUIRE_FALSE(zone.ok());
        CHECK(zone.error().code == "tz.bad_tzif");
        CHECK(zone.error().where.rfind("byte ", 0) == 0);
    }
    // Layout: v1 header and data 0-50, v2 header 51-94, times 95-110, indices 111-112, types 113-124,
    // designations 125-133, footer 134-161.
    auto error_at = [&](std::size_t offset, std::uint8_t value) {
        Bytes bad = good;
        bad[offset] = value;
        auto zone = TimeZone::FromTzif("test", bad);
        return zone.ok() ? std::string("ok") : zone.error().code + " " + zone.error().where;
    };
    REQUIRE(good.size() == 162);
    CHECK(error_at(0, 'X') == "tz.bad_tzif byte 0");      // magic
    CHECK(error_at(4, '1') == "tz.bad_tzif byte 4");      // version
    CHECK(error_at(90, 0) == "tz.bad_tzif byte 87");      // typecnt 0 in the v2 header
    CHECK(error_at(103, 0x80) == "tz.bad_tzif byte 103"); // second time before the first
    CHECK(error_at(112, 7) == "tz.bad_tzif byte 112");    // type index 7 of 2
    CHECK(error_at(117, 2) == "tz.bad_tzif byte 117");    // isdst 2
    CHECK(error_at(134, 'x') == "tz.bad_tzif byte 134");  // footer without its leading newline
    CHECK(error_at(161, 'x') == "tz.bad_tzif byte 162");  // ... or its final one
    CHECK(error_at(139, 'X') == "tz.bad_tzif byte 138");  // "CET-XCEST,...": no offset

    std::mt19937 random(8536);
    for (int round = 0; round < 2000; ++round) {
        Bytes bad = good;
        for (int flips = 0; flips < 1 + round % 4; ++flips)
            bad[random() % bad.size()] = static_cast<std::uint8_t>(random());
        auto zone = TimeZone::FromTzif("test", bad);
        if (!zone.ok()) {
            CHECK(zone.error().code == "tz.bad_tzif");
            continue;
        }
        // Whatever parsed must answer without crashing.
        (void)zone->StateAt(Utc(2030, 1, 1));
        (void)zone->FromLocal(Utc(2030, 3, 31, 2));
        (void)zone->NextTransitionAfter(Utc(1900, 1, 1));
    }
}

TEST_CASE("time zone: a v1 TZif file (no footer) is read from its 32-bit data", "[time_zone]") {
    auto zone = TimeZone::FromTzif("v1", MakeTzif(0, {{-100, 1}, {100, 0}}, {{0, false, "AAA"}, {1800, true, "BBB"}}, ""));
    REQUIRE(zone.ok());
    CHECK(zone->StateAt(-101 * kSecond).abbreviation == "AAA");
    CHECK(zone->StateAt(-100 * kSecond).abbreviation == "BBB");
    CHECK(zone->OffsetSecondsAt(99 * kSecond) == 1800);
    CHECK(zone->OffsetSecondsAt(Utc(2100, 1, 1)) == 0);
    CHECK(zone->NextTransitionAfter(0) == 100 * kSecond);
    CHECK_FALSE(zone->NextTransitionAfter(100 * kSecond));
}

TEST_CASE("time zone: unknown and unsafe names are tz.unknown, and UTC always loads", "[time_zone]") {
    for (const char* name : {"Mars/Olympus_Mons", "", "/etc/passwd", "../../etc/passwd", "Europe/../UTC", "Europe",
                             "zone.tab", "./UTC", "Europe//Amsterdam"}) {
        INFO(name);
        auto system = LoadTimeZone(name);
        REQUIRE_FALSE(system.ok());
        CHECK(system.error().code == "tz.unknown");
        auto embedded = LoadEmbeddedTimeZone(name);
        REQUIRE_FALSE(embedded.ok());
        CHECK(embedded.error().code == "tz.unknown");
    }
    CHECK(IsTimeZoneName("Etc/GMT+1"));
    CHECK(IsTimeZoneName("America/Port-au-Prince"));
    const TimeZone utc = Load("UTC");
    CHECK(utc.OffsetSecondsAt(Utc(2027, 3, 28)) == 0);
    CHECK(TimeZone::Utc().Name() == "UTC");
    CHECK(TimeZone::Utc().StateAt(0).abbreviation == "UTC");
    CHECK_FALSE(TimeZone::Utc().NextTransitionAfter(0));
}

TEST_CASE("time zone: TimeZoneNames is sorted, has UTC and the aliases, and matches the embedded list", "[time_zone]") {
    const std::vector<std::string> names = TimeZoneNames();
    CHECK(std::is_sorted(names.begin(), names.end()));
    for (const char* name : {"UTC", "Europe/Amsterdam", "America/Nuuk", "America/Godthab", "Asia/Calcutta"})
        CHECK(std::find(names.begin(), names.end(), name) != names.end());
    CHECK(names == EmbeddedTimeZoneNames());
    CHECK_FALSE(EmbeddedTimeZoneVersion().empty());
}

TEST_CASE("time zone: the embedded copy matches the system zoneinfo for every zone from 1970 to 2060", "[time_zone]") {
    const UnixMicros from = Utc(1970, 1, 1), to = Utc(2061, 1, 1);
    std::size_t zones = 0, transitions = 0;
    for (const std::string& name : TimeZoneNames()) {
        INFO(name);
        auto bytes = ReadFile(kZoneinfo + name);
        REQUIRE(bytes.ok());
        auto system = TimeZone::FromTzif(name, *bytes);
        auto embedded = LoadEmbeddedTimeZone(name);
        REQUIRE(system.ok());
        REQUIRE(embedded.ok());
        const auto changes = Changes(*system, from, to);
        REQUIRE(changes == Changes(*embedded, from, to));
        std::string mismatch;
        auto compare = [&](UnixMicros t) {
            if (mismatch.empty() && !SameState(system->StateAt(t), embedded->StateAt(t)))
                mismatch = "differs at " + std::to_string(t / kSecond) + ": " + system->StateAt(t).abbreviation + " vs " +
                           embedded->StateAt(t).abbreviation;
        };
        for (const auto& [t, offset] : changes) {
            compare(t - kSecond), compare(t), compare(t + kSecond);
        }
        // Daily, at a time of day that wanders so that every hour gets sampled.
        for (std::int64_t day = 0; from + day * kMicrosPerDay < to; ++day)
            compare(from + day * kMicrosPerDay + (day * 7919 % 86400) * kSecond);
        CHECK(mismatch == "");
        ++zones, transitions += changes.size();
    }
    CHECK(zones > 400);
    CHECK(transitions > 10000);
}
