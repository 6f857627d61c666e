// What the task pages show beyond the query: the Failed list's short result, the date filter
// ranges, and the link from a task to its schedule.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "core/io/file.h"
#include "core/model/date_filter.h"
#include "core/model/decoded_value.h"
#include "core/model/schedule_link.h"
#include "core/model/task.h"
#include "test_fixtures.h"

using namespace core;

TEST_CASE("short_result is Django's truncatechars(result, 100) for every fixture failure") {
    // Expected values computed by Python from the goldens: tests/data/tasks/make_short_results.py.
    const auto expected = nlohmann::json::parse(AsText(ReadFile(test::TestDataPath("tasks/short_results.json")).value()));
    for (const char* flavor : {"djq1-1.3.9", "djq2-latest"}) {
        INFO(flavor);
        Export e = test::OpenFixtureCopy((std::string(flavor) + ".sqlite3").c_str());
        REQUIRE(expected[flavor].size() >= 7);
        for (const auto& [id, short_result] : expected[flavor].items()) {
            INFO(id);
            const auto task = FindTask(e, id).value();
            REQUIRE(task);
            CHECK(ShortResult(task->result) == short_result.get<std::string>());
        }
    }
    CHECK(ShortResult(std::nullopt).empty());
    CHECK_THAT(ShortResult(std::string("not base64!")), Catch::StartsWith("<cannot decode: "));
}

TEST_CASE("date filter presets are Django's ranges, in UTC") {
    const UnixMicros now = *ParseDjangoDatetime("2026-12-01 05:30:00");
    auto range = PresetRange(DatePreset::Today, now);
    CHECK(range.from == std::optional<std::string>("2026-12-01 00:00:00"));
    CHECK(range.until == std::optional<std::string>("2026-12-02 00:00:00"));
    range = PresetRange(DatePreset::Past7Days, now);
    CHECK(range.from == std::optional<std::string>("2026-11-24 00:00:00"));
    CHECK(range.until == std::optional<std::string>("2026-12-02 00:00:00"));
    range = PresetRange(DatePreset::ThisMonth, *ParseDjangoDatetime("2026-12-31 23:59:59"));
    CHECK(range.from == std::optional<std::string>("2026-12-01 00:00:00"));
    CHECK(range.until == std::optional<std::string>("2027-01-01 00:00:00"));
    range = PresetRange(DatePreset::ThisYear, *ParseDjangoDatetime("2024-02-29 12:00:00"));
    CHECK(range.from == std::optional<std::string>("2024-01-01 00:00:00"));
    CHECK(range.until == std::optional<std::string>("2025-01-01 00:00:00"));
    range = PresetRange(DatePreset::Any, now);
    CHECK((!range.from && !range.until));
}

TEST_CASE("custom date bounds accept dates and times, and refuse what is not a date") {
    CHECK(ParseDateBound("2026-11-24") == std::optional<std::string>("2026-11-24 00:00:00"));
    CHECK(ParseDateBound(" 2026-11-24 01:34 ") == std::optional<std::string>("2026-11-24 01:34:00"));
    CHECK(ParseDateBound("2026-11-24 01:34:35") == std::optional<std::string>("2026-11-24 01:34:35"));
    CHECK_FALSE(ParseDateBound("2026-02-30"));
    CHECK_FALSE(ParseDateBound("2026-11"));
    CHECK_FALSE(ParseDateBound("yesterday"));
    CHECK_FALSE(ParseDateBound(""));
}

TEST_CASE("a task links to the schedule named as its group") {
    Export e = test::OpenFixtureCopy("djq2-latest.sqlite3");
    auto stmt = e.db.Prepare("SELECT id, name, func FROM django_q_schedule ORDER BY id LIMIT 1");
    REQUIRE(stmt->Step().value());
    const std::int64_t id = stmt->Int(0);
    const std::string name(stmt->Text(1)), func(stmt->Text(2));
    const auto found = FindScheduleNamed(e, name).value();
    REQUIRE(found);
    CHECK(found->id == id);
    CHECK(found->func == func);
    CHECK_FALSE(FindScheduleNamed(e, "no-such-schedule").value());
}

TEST_CASE("date presets and typed dates follow the shown zone's days, DST included") {
    const TimeZone kolkata = LoadTimeZone("Asia/Kolkata").value();
    // 2026-11-24 20:00 UTC is already the 25th in Kolkata (UTC+5:30).
    const UnixMicros now = *ParseDjangoDatetime("2026-11-24 20:00:00");
    auto range = PresetRange(DatePreset::Today, now, kolkata);
    CHECK(range.from == "2026-11-24 18:30:00");
    CHECK(range.until == "2026-11-25 18:30:00");
    CHECK(ParseDateBound("2026-11-25", kolkata) == "2026-11-24 18:30:00");
    // Amsterdam's day of the spring change is 23 hours long; a time the clocks skip moves forward.
    const TimeZone amsterdam = LoadTimeZone("Europe/Amsterdam").value();
    range = PresetRange(DatePreset::Today, *ParseDjangoDatetime("2027-03-28 12:00:00"), amsterdam);
    CHECK(range.from == "2027-03-27 23:00:00");
    CHECK(range.until == "2027-03-28 22:00:00");
    CHECK(ParseDateBound("2027-03-28 02:30", amsterdam) == "2027-03-28 01:00:00");
    CHECK_FALSE(ParseDateBound("2027-02-30", amsterdam));
}
