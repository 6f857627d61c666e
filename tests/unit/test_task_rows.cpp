#include <catch2/catch.hpp>

#include <algorithm>

#include "core/model/queued.h"
#include "core/model/task.h"
#include "core/open/open_export.h"
#include "test_paths.h"

using namespace core;

TEST_CASE("FindTask reads every column of a task, per variant") {
    auto q2 = OpenExportFile(test::FixturePath("djq2-latest.sqlite3"));
    REQUIRE(q2);
    auto task = FindTask(q2.value(), "7e5976feccf644d8b33f0f0d921516fc");
    REQUIRE(task);
    REQUIRE(task->has_value());
    const TaskRow& row = *task.value();
    CHECK(row.name == "make-datetime_aware");
    CHECK(row.func == "demoapp.tasks.make");
    CHECK(row.group == std::optional<std::string>("values"));
    CHECK(row.cluster == std::optional<std::string>("djqdemo"));
    CHECK(row.attempt_count == std::optional<std::int64_t>(1));
    CHECK(row.success);
    CHECK(row.started == "2026-11-24 01:34:22.519804");
    CHECK(row.args.has_value());

    auto missing = FindTask(q2.value(), "0000");
    REQUIRE(missing);
    CHECK_FALSE(missing->has_value());

    auto q1 = OpenExportFile(test::FixturePath("djq1-1.3.9.sqlite3"));
    REQUIRE(q1);
    auto stmt = q1->db.Prepare("SELECT id FROM django_q_task LIMIT 1");
    REQUIRE(stmt->Step().value());
    auto q1_task = FindTask(q1.value(), stmt->Text(0));
    REQUIRE(q1_task);
    REQUIRE(q1_task->has_value());
    CHECK_FALSE(q1_task.value()->cluster.has_value());  // django-q 1.3 has no cluster column
}

TEST_CASE("ListQueued returns the ORM queue in id order") {
    auto q2 = OpenExportFile(test::FixturePath("djq2-latest.sqlite3"));
    REQUIRE(q2);
    auto rows = ListQueued(q2.value());
    REQUIRE(rows);
    REQUIRE(rows->size() == 10);
    CHECK(rows->front().id == 78);
    CHECK(rows->front().key == "djqdemo");
    CHECK(rows->front().lock == std::optional<std::string>("2026-11-24 01:35:55.782153"));
    CHECK(std::count(rows->front().payload.begin(), rows->front().payload.end(), ':') == 2);
}
