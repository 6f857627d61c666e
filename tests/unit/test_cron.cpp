// Cron lines as croniter reads and runs them (core/sched/cron.h).
// Expected run times: no croniter package is installed here, so they come from croniter 6.2's
// _expand, _calc and _add_tzinfo (pallets-eco/croniter src/croniter/croniter.py) transcribed line
// for line and run under CPython 3.11 with zoneinfo, which supplies Python's own datetime and
// fold semantics; the fixture goldens (made by the real croniter) agree with it where they overlap.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "core/sched/cron.h"

#include "test_zones.h"

using namespace core;

namespace {

using test::At;
using test::Zone;

// The next `count` runs after `start`, chained as croniter's get_next does, in UTC.
std::vector<std::string> Runs(const char* line, const char* zone_name, const char* start, int count) {
    auto cron = ParseCron(line);
    INFO(line << ": " << (cron ? std::string() : cron.error().Describe()));
    REQUIRE(cron);
    const TimeZone zone = Zone(zone_name);
    std::vector<std::string> runs;
    UnixMicros at = At(start);
    for (int i = 0; i < count; ++i) {
        const auto next = NextCronRun(cron.value(), zone, at);
        if (!next) break;
        at = *next;
        runs.push_back(FormatDjangoDatetime(at));
    }
    return runs;
}

using Strings = std::vector<std::string>;

std::string WhereOf(const char* line) {
    auto cron = ParseCron(line);
    return cron ? std::string("accepted") : cron.error().where;
}

}  // namespace

TEST_CASE("regression: cron '0 0 30 2 *' never matches") {
    auto cron = ParseCron("0 0 30 2 *");
    REQUIRE(cron);  // croniter.expand accepts it; get_next raises after 50 years
    CHECK_FALSE(NextCronRun(cron.value(), TimeZone::Utc(), At("2026-01-01 00:00:00")));
    CHECK(Runs("0 0 31 2,4 *", "UTC", "2026-01-01 00:00:00", 1).empty());
}

TEST_CASE("cron: the fixture's lines run as croniter runs them in Europe/Amsterdam") {
    CHECK(Runs("0 9 * * 1-5", "Europe/Amsterdam", "2026-11-24 08:00:00", 5) ==
          Strings{"2026-11-25 08:00:00", "2026-11-26 08:00:00", "2026-11-27 08:00:00", "2026-11-30 08:00:00", "2026-12-01 08:00:00"});
    CHECK(Runs("15 3 * * 0", "Europe/Amsterdam", "2026-11-24 01:37:54.969657", 2) == Strings{"2026-11-29 02:15:00", "2026-12-06 02:15:00"});
}

TEST_CASE("cron: with day of month and day of week both restricted, either matches") {
    // The golden 'cron-first-monday': every day 1-7 and every Monday, not the first Monday.
    CHECK(Runs("0 7 1-7 * 1", "Europe/Amsterdam", "2026-11-30 06:00:00", 3) ==
          Strings{"2026-12-01 06:00:00", "2026-12-02 06:00:00", "2026-12-03 06:00:00"});
    CHECK(Runs("0 0 13 * fri", "UTC", "2026-11-24 00:00:00", 4) ==
          Strings{"2026-11-27 00:00:00", "2026-12-04 00:00:00", "2026-12-11 00:00:00", "2026-12-13 00:00:00"});
    // A full day-of-month list is not collapsed to '*' when day of week has none: every day.
    CHECK(Runs("0 0 1-31 * 1", "UTC", "2026-11-24 00:00:00", 2) == Strings{"2026-11-25 00:00:00", "2026-11-26 00:00:00"});
}

TEST_CASE("regression: cron '30 2 * * *' in the spring-forward gap runs at 03:00 (croniter 6.2)") {
    // 2027-03-28 in Europe/Amsterdam: 02:00 CET jumps to 03:00 CEST, so 02:30 does not exist.
    CHECK(Runs("30 2 * * *", "Europe/Amsterdam", "2027-03-27 01:30:00", 3) ==
          Strings{"2027-03-28 01:00:00", "2027-03-29 00:30:00", "2027-03-30 00:30:00"});
    // '0 * * * *' has '*' hours: the missing 02:00 is skipped, not moved.
    CHECK(Runs("0 * * * *", "Europe/Amsterdam", "2027-03-28 00:30:00", 2) == Strings{"2027-03-28 01:00:00", "2027-03-28 02:00:00"});
}

TEST_CASE("regression: cron '30 2 * * *' on the night clocks go back runs in both 02:30s (croniter 6.2)") {
    // 2027-10-31 in Europe/Amsterdam: 03:00 CEST goes back to 02:00 CET, 02:30 happens twice.
    CHECK(Runs("30 2 * * *", "Europe/Amsterdam", "2027-10-30 00:30:00", 3) ==
          Strings{"2027-10-31 00:30:00", "2027-10-31 01:30:00", "2027-11-01 01:30:00"});
    CHECK(Runs("0 * * * *", "Europe/Amsterdam", "2027-10-30 23:30:00", 4) ==
          Strings{"2027-10-31 00:00:00", "2027-10-31 01:00:00", "2027-10-31 02:00:00", "2027-10-31 03:00:00"});
    CHECK(Runs("*/30 * * * *", "Europe/Amsterdam", "2027-10-31 00:10:00", 4) ==
          Strings{"2027-10-31 00:30:00", "2027-10-31 01:00:00", "2027-10-31 01:30:00", "2027-10-31 02:00:00"});
    CHECK(Runs("30 1 * * *", "America/New_York", "2027-11-06 12:00:00", 3) ==
          Strings{"2027-11-07 05:30:00", "2027-11-07 06:30:00", "2027-11-08 06:30:00"});
}

TEST_CASE("cron: 29 February runs in leap years only, L is the month's last day") {
    CHECK(Runs("0 0 29 2 *", "Europe/Amsterdam", "2026-11-24 00:00:00", 2) == Strings{"2028-02-28 23:00:00", "2032-02-28 23:00:00"});
    CHECK(Runs("0 12 L * *", "UTC", "2027-01-15 00:00:00", 4) ==
          Strings{"2027-01-31 12:00:00", "2027-02-28 12:00:00", "2027-03-31 12:00:00", "2027-04-30 12:00:00"});
    CHECK(Runs("0 12 L 2 *", "UTC", "2027-03-01 00:00:00", 2) == Strings{"2028-02-29 12:00:00", "2029-02-28 12:00:00"});
    CHECK(Runs("0 0 31 * *", "UTC", "2026-11-24 00:00:00", 3) == Strings{"2026-12-31 00:00:00", "2027-01-31 00:00:00", "2027-03-31 00:00:00"});
}

TEST_CASE("cron: nth and last weekday of the month, and W") {
    CHECK(Runs("0 9 * * mon#1", "UTC", "2026-11-24 00:00:00", 3) == Strings{"2026-12-07 09:00:00", "2027-01-04 09:00:00", "2027-02-01 09:00:00"});
    CHECK(Runs("0 9 * * L5", "UTC", "2026-11-24 00:00:00", 3) == Strings{"2026-11-27 09:00:00", "2026-12-25 09:00:00", "2027-01-29 09:00:00"});
    CHECK(Runs("0 9 * * 5#5", "UTC", "2026-11-24 00:00:00", 3) == Strings{"2027-01-29 09:00:00", "2027-04-30 09:00:00", "2027-07-30 09:00:00"});
    CHECK(Runs("0 0 * * mon-fri#2", "UTC", "2026-11-24 00:00:00", 3) ==
          Strings{"2026-12-08 00:00:00", "2026-12-09 00:00:00", "2026-12-10 00:00:00"});
    CHECK(Runs("0 0 15w * *", "UTC", "2026-11-24 00:00:00", 2) == Strings{"2026-12-15 00:00:00", "2027-01-15 00:00:00"});
}

TEST_CASE("cron: names, steps, wrapping ranges and croniter's whole-range quirk") {
    CHECK(Runs("0 8 * jan-mar mon-fri", "UTC", "2026-11-24 00:00:00", 3) ==
          Strings{"2027-01-01 08:00:00", "2027-01-04 08:00:00", "2027-01-05 08:00:00"});
    CHECK(Runs("5-59/15 * * * *", "UTC", "2026-11-24 10:07:00", 5) ==
          Strings{"2026-11-24 10:20:00", "2026-11-24 10:35:00", "2026-11-24 10:50:00", "2026-11-24 11:05:00", "2026-11-24 11:20:00"});
    CHECK(Runs("10/20 * * * *", "UTC", "2026-11-24 10:07:00", 3) == Strings{"2026-11-24 10:10:00", "2026-11-24 10:30:00", "2026-11-24 10:50:00"});
    CHECK(Runs("0 0 * * 7", "UTC", "2026-11-24 00:00:00", 1) == Strings{"2026-11-29 00:00:00"});  // 7 is Sunday
    CHECK(Runs("0 0 * * fri-mon", "UTC", "2026-11-24 00:00:00", 5) ==
          Strings{"2026-11-27 00:00:00", "2026-11-28 00:00:00", "2026-11-29 00:00:00", "2026-11-30 00:00:00", "2026-12-04 00:00:00"});
    CHECK(Runs("0 22-2/2 * * *", "UTC", "2026-11-24 00:00:00", 3) == Strings{"2026-11-24 02:00:00", "2026-11-24 22:00:00", "2026-11-25 00:00:00"});
    CHECK(Runs("0 0 1 apr-jan/3 *", "UTC", "2026-11-24 00:00:00", 3) == Strings{"2027-01-01 00:00:00", "2027-04-01 00:00:00", "2027-07-01 00:00:00"});
    CHECK(Runs("0 0 5-5 * *", "UTC", "2026-11-24 00:00:00", 2) == Strings{"2026-11-25 00:00:00", "2026-11-26 00:00:00"});  // "5-5": every day
    CHECK(Runs("@weekly", "UTC", "2026-11-24 00:00:00", 1) == Strings{"2026-11-29 00:00:00"});
    CHECK(Runs("0 9 * * MON-FRI", "UTC", "2026-11-24 10:00:00", 1) == Strings{"2026-11-25 09:00:00"});
}

TEST_CASE("cron: ParseCron refuses what croniter.expand refuses, and says where") {
    for (const char* bad : {"61 * * * *", "* * 32 * *", "* * * 13 *", "* * * * 8", "* * 0 * *", "*/0 * * * *", "* * * * 5L", "* * * * mon#6",
                            "1 2 3", "foo * * * *", "? * * * *", "* * 1? * *", "-5 * * * *", "* * 15w,1 * *", "* * * jan-foo *", "* * l-5 * *",
                            "* * * * l", "1-70 * * * *", "* 5- * * *", "* * * * sun#0", "* * 1,,2 * *", "0 0 * * 1-5#2", "0 0 * * 1,fri#2", "",
                            // croniter takes these, djq does not: seconds/year fields, random and hashed values
                            "* * * * * *", "H * * * *", "R * * * *"}) {
        INFO(bad);
        auto cron = ParseCron(bad);
        REQUIRE_FALSE(cron);
        CHECK(cron.error().code == "cron.invalid");
        CHECK_FALSE(cron.error().message.empty());
    }
    for (const char* good : {"* * * * 1,mon#2", "0 0 * * *,mon#2", "0 0 * * 0-7", "0 0 10-l * *", "0 0 ? * mon", "@daily", "  0 9 * * 1-5  ",
                             "0 0 L * *", "0 0 * * L0", "0 0 w3 * *"}) {
        INFO(good);
        CHECK(ParseCron(good));
    }
    CHECK(WhereOf("0 9 1,32 * *") == "field 3 (day of month), column 7");
    CHECK(WhereOf("0 24 * * *") == "field 2 (hour), column 3");
    CHECK(WhereOf("0 9 * * 5L") == "field 5 (day of week), column 9");
    CHECK(ParseCron("0 9 * * 5L").error().message.find("L5") != std::string::npos);
    CHECK(ParseCron("* * * * * *").error().message.find("6") != std::string::npos);
}

TEST_CASE("cron: expansion matches croniter.expand") {
    auto every_other = ParseCron("0 0 * * 0-7");
    REQUIRE(every_other);
    CHECK(every_other->fields[kCronDayOfWeek].any);  // 7 aliases to 0: "0-0", the whole week
    auto month_days = ParseCron("0 0 10-L * *");
    REQUIRE(month_days);
    CHECK(month_days->fields[kCronDayOfMonth].values.size() == 22);
    auto nth = ParseCron("0 0 * * 1,mon#2");
    REQUIRE(nth);
    CHECK(nth->nth_weekday.at(1) == std::set<int>{2});
    auto question = ParseCron("0 0 1-31 * ?");
    REQUIRE(question);
    CHECK_FALSE(question->fields[kCronDayOfMonth].any);  // '?' has no '*', so the full list stays a list
}

TEST_CASE("cron: ExplainCron says it in words") {
    const auto words = [](const char* line) {
        auto cron = ParseCron(line);
        REQUIRE(cron);
        return ExplainCron(cron.value());
    };
    CHECK(words("0 9 * * 1-5") == "at 09:00 on Monday through Friday");
    CHECK(words("*/5 * * * *") == "every 5 minutes");
    CHECK(words("0 7 1-7 * 1") == "at 07:00 on day 1 through 7 of the month or on Monday");
    CHECK(words("30 2 * * *") == "at 02:30 every day");
    CHECK(words("15 3 * * 0") == "at 03:15 on Sunday");
    CHECK(words("0 12 L * *") == "at 12:00 on the last day of the month");
    CHECK(words("0 9 * * L5") == "at 09:00 on the last Friday of the month");
    CHECK(words("0 9 * * mon#1") == "at 09:00 on the first Monday of the month");
    CHECK(words("0 0 29 2 *") == "at 00:00 on day 29 of the month in February");
    CHECK(words("5-59/15 * * * *") == "at minutes 5, 20, 35 and 50 of every hour");
    CHECK(words("0 8 * jan-mar mon-fri") == "at 08:00 on Monday through Friday in January through March");
    CHECK(words("* * * * *") == "every minute");
    CHECK(words("30 * * * *") == "every hour at :30");
    CHECK(words("0 */2 * * *") == "every 2 hours at :00");
    CHECK(words("*/10 9-17 * * 1-5") == "every 10 minutes from 09:00 through 17:59 on Monday through Friday");
    CHECK(words("0 9,17 * * *") == "at 09:00 and 17:00 every day");
    CHECK(words("0 0 15w * *") == "at 00:00 on the weekday nearest day 15 of the month");
}
