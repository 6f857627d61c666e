#include <catch2/catch.hpp>

#include "core/io/file.h"
#include "core/model/summary.h"
#include "core/open/open_export.h"
#include "test_paths.h"

using namespace core;

// Expected numbers are what `sqlite3` counts in the fixtures (see README, "Checking the counts").
TEST_CASE("Summarize counts the fixtures' tasks, schedules and queue as sqlite3 does") {
    struct Expected {
        const char* file;
        std::int64_t successful, failed, schedules, queued;
        const char* first_started;
        const char* last_stopped;
    };
    for (const Expected& e : {Expected{"djq1-1.3.9.sqlite3", 72, 7, 18, 10, "2026-11-24 01:37:26.746917", "2026-11-24 01:38:35.433857"},
                              Expected{"djq2-latest.sqlite3", 69, 8, 20, 10, "2026-11-24 01:34:22.519804", "2026-11-24 01:35:29.983278"}}) {
        INFO(e.file);
        auto bytes = ReadFile(test::FixturePath(e.file));
        REQUIRE(bytes);
        auto opened = OpenExportBytes(bytes.value(), e.file);
        REQUIRE(opened);
        auto summary = Summarize(opened.value());
        REQUIRE(summary);
        CHECK(summary->successful == e.successful);
        CHECK(summary->failed == e.failed);
        CHECK(summary->schedules == e.schedules);
        CHECK(summary->queued == e.queued);
        CHECK(summary->tasks_counted);

        // Counted a few tasks at a time, as the app does after an open: the same figures.
        auto quick = SummarizeQuickly(opened.value());
        REQUIRE(quick);
        CHECK_FALSE(quick->tasks_counted);
        CHECK(quick->schedules == e.schedules);
        CHECK(quick->queued == e.queued);
        TaskFiguresScan scan;
        int steps = 0;
        while (!scan.Step(opened.value(), 10).value()) ++steps;
        CHECK(steps + 1 == (e.successful + e.failed + 9) / 10);  // the last step, reading fewer than 10, ends it
        CHECK(scan.rows_read() == e.successful + e.failed);
        scan.CopyTo(quick.value());
        CHECK(quick->tasks_counted);
        CHECK(quick->successful == e.successful);
        CHECK(quick->failed == e.failed);
        CHECK(quick->first_started == e.first_started);
        CHECK(quick->last_stopped == e.last_stopped);
        CHECK(summary->first_started == std::optional<std::string>(e.first_started));
        CHECK(summary->last_stopped == std::optional<std::string>(e.last_stopped));
    }
}

TEST_CASE("OpenExportBytes names the source in its errors") {
    const std::string text = "hello, not a database";
    auto opened = OpenExportBytes(AsBytes(text), "notes.txt");
    REQUIRE_FALSE(opened);
    CHECK_THAT(opened.error().message, Catch::StartsWith("notes.txt: not a SQLite database"));
}
