#include <catch2/catch.hpp>

#include <algorithm>
#include <set>
#include <tuple>

#include "core/insights/health.h"
#include "test_fixtures.h"

using namespace core;

namespace {

using Found = std::set<std::tuple<HealthCheck, bool, std::int64_t>>;  // check, schedule, id

Found Check(Export& e, std::optional<std::string> key = std::nullopt) {
    HealthOptions options;
    options.now = ParseDjangoDatetime("2026-11-24 01:35:29.983278").value();  // the export's newest stop
    options.secret_key = std::move(key);
    auto rows = CheckHealth(e, options);
    REQUIRE(rows);
    Found found;
    for (const HealthRow& row : rows.value()) {
        INFO(HealthCheckId(row.check) << " " << row.id << ": " << row.detail);
        CHECK_FALSE(row.detail.empty());
        found.insert({row.check, row.schedule, row.id});
    }
    return found;
}

void Exec(Export& e, const char* sql) { REQUIRE(e.db.Exec(sql)); }

}  // namespace

TEST_CASE("health: the fixture as exported has only its two paused schedules") {
    Export e = test::OpenFixtureCopy("djq2-latest.sqlite3");
    CHECK(Check(e) == Found{{HealthCheck::SchedulePaused, true, 2}, {HealthCheck::SchedulePaused, true, 9}});
    CHECK_FALSE(NeedsAttention(HealthCheck::SchedulePaused));
    CHECK(NeedsAttention(HealthCheck::ScheduleOverdue));
}

TEST_CASE("health: an export made to hold each problem lists each, on its row") {
    Export e = test::OpenFixtureCopy("djq2-latest.sqlite3");
    Exec(e, "UPDATE django_q_schedule SET args = '(1,' WHERE id = 3");                            // the scheduler cannot read it
    Exec(e, "UPDATE django_q_schedule SET next_run = '2026-11-24 01:00:00' WHERE id = 4");         // overdue
    Exec(e, "UPDATE django_q_schedule SET task = 'ffffffffffffffffffffffffffffffff' WHERE id = 5");  // its last run is gone
    // Schedule 7's group fails three times, the newest runs of it.
    Exec(e, "INSERT INTO django_q_task (id, name, func, started, stopped, success, \"group\", attempt_count, cluster) "
            "SELECT 'f' || n || 'ffffffffffffffffffffffffffffff', 'failing-' || n, 'demoapp.tasks.fail', '2026-11-24 01:35:20', "
            "'2026-11-24 01:35:2' || n, 0, (SELECT coalesce(name, id) FROM django_q_schedule WHERE id = 7), 1, 'djqdemo' "
            "FROM (SELECT 1 AS n UNION SELECT 2 UNION SELECT 3)");
    // Schedule 17 (*/5) ran at 01:10 and at 01:35, none between: four runs missed.
    Exec(e, "INSERT INTO django_q_task (id, name, func, started, stopped, success, \"group\", attempt_count, cluster) "
            "VALUES ('d1dddddddddddddddddddddddddddddd', 'early-run', 'demoapp.tasks.echo', '2026-11-24 01:10:02', '2026-11-24 01:10:03', 1, "
            "'cron-every-5', 1, 'djqdemo')");
    Exec(e, "UPDATE django_q_ormq SET lock = NULL WHERE id = 79");                    // no broker takes it
    Exec(e, "UPDATE django_q_ormq SET lock = '2026-11-24 01:00:00' WHERE id = 80");   // available for 35 minutes
    const Found expected = {{HealthCheck::ScheduleUnreadable, true, 3}, {HealthCheck::ScheduleOverdue, true, 4},
                            {HealthCheck::ScheduleMissedRuns, true, 17},
                            {HealthCheck::ScheduleFailing, true, 7},    {HealthCheck::LastRunPruned, true, 5},
                            {HealthCheck::SchedulePaused, true, 2},     {HealthCheck::SchedulePaused, true, 9},
                            {HealthCheck::QueueNeverTaken, false, 79},  {HealthCheck::QueueWaiting, false, 80}};
    const Found found = Check(e);
    for (const auto& [check, schedule, id] : expected)
        if (!found.count({check, schedule, id})) FAIL_CHECK("missing " << HealthCheckId(check) << " " << id);
    CHECK(found == expected);

    // With the key: entry 81 is routed to cluster "other", whose salt its signature (made by
    // "djqdemo") does not verify with; and a tampered one fails too.
    Exec(e, "UPDATE django_q_ormq SET payload = substr(payload, 1, length(payload) - 1) || "
            "CASE substr(payload, -1) WHEN 'A' THEN 'B' ELSE 'A' END WHERE id = 82");
    Found with_key = expected;
    with_key.insert({HealthCheck::QueueBadSignature, false, 81});
    with_key.insert({HealthCheck::QueueBadSignature, false, 82});
    CHECK(Check(e, "fixture-secret-key-1-not-for-production") == with_key);
}

TEST_CASE("health: a schedule with fewer runs than the count, or a success among its last, is not failing") {
    Export e = test::OpenFixtureCopy("djq2-latest.sqlite3");
    Exec(e, "INSERT INTO django_q_task (id, name, func, started, stopped, success, \"group\", attempt_count, cluster) "
            "SELECT 'e' || n || 'eeeeeeeeeeeeeeeeeeeeeeeeeeeeee', 'mixed-' || n, 'demoapp.tasks.fail', '2026-11-24 01:35:20', "
            "'2026-11-24 01:35:2' || n, n = 2, (SELECT coalesce(name, id) FROM django_q_schedule WHERE id = 7), 1, 'djqdemo' "
            "FROM (SELECT 1 AS n UNION SELECT 2 UNION SELECT 3)");
    for (const auto& [check, schedule, id] : Check(e)) CHECK(check != HealthCheck::ScheduleFailing);
}

TEST_CASE("health: checked a few rows a step, the rows are those of one pass") {
    Export e = test::OpenFixtureCopy("djq2-latest.sqlite3");
    Exec(e, "UPDATE django_q_ormq SET lock = NULL WHERE id IN (79, 84)");
    HealthOptions options;
    options.now = ParseDjangoDatetime("2026-11-24 02:00:00").value();
    HealthScan scan(options);
    int steps = 0;
    while (!scan.Step(e, 200).value()) ++steps;
    // The 20 schedules ten a step, then none left; the 77 tasks, then none left; the missed runs
    // (the due times of a day before the window count too: */5's 288 take a step of their own);
    // the 10 queue entries two a step, then none left, which ends it.
    CHECK(steps == 3 + 2 + 2 + 5);
    const auto whole = CheckHealth(e, options).value();
    REQUIRE(scan.rows().size() == whole.size());
    for (std::size_t i = 0; i < whole.size(); ++i) {
        CHECK(scan.rows()[i].check == whole[i].check);
        CHECK(scan.rows()[i].id == whole[i].id);
    }
}

TEST_CASE("health: missed runs are due times without a task, counted from the schedule's oldest kept success") {
    Export e = test::OpenFixtureCopy("djq2-latest.sqlite3");
    Exec(e, "INSERT INTO django_q_task (id, name, func, started, stopped, success, \"group\", attempt_count, cluster) "
            "VALUES ('d1dddddddddddddddddddddddddddddd', 'early-run', 'demoapp.tasks.echo', '2026-11-24 01:10:02', '2026-11-24 01:10:03', 1, "
            "'cron-every-5', 1, 'djqdemo')");
    HealthOptions options;
    options.now = ParseDjangoDatetime("2026-11-24 01:35:29.983278").value();
    auto rows = CheckHealth(e, options);
    REQUIRE(rows);
    const auto missed = std::find_if(rows->begin(), rows->end(), [](const HealthRow& row) { return row.check == HealthCheck::ScheduleMissedRuns; });
    REQUIRE(missed != rows->end());
    CHECK(missed->id == 17);
    CHECK(missed->detail == "4 of the 6 runs due since 2026-11-24 01:10:00 UTC have no task, the latest due at 2026-11-24 01:30:00 UTC");

    // Runs at 01:20 and 01:25 leave two missed; a failed run counts as run.
    Exec(e, "INSERT INTO django_q_task (id, name, func, started, stopped, success, \"group\", attempt_count, cluster) "
            "SELECT 'd' || n || 'ddddddddddddddddddddddddddddddd', 'run-' || n, 'demoapp.tasks.echo', '2026-11-24 01:' || n || ':01', "
            "'2026-11-24 01:' || n || ':02', n = 20, 'cron-every-5', 1, 'djqdemo' FROM (SELECT 20 AS n UNION SELECT 25)");
    rows = CheckHealth(e, options);
    REQUIRE(rows);
    CHECK(std::count_if(rows->begin(), rows->end(), [](const HealthRow& row) {
              return row.check == HealthCheck::ScheduleMissedRuns && row.detail.rfind("2 of the 6 runs", 0) == 0;
          }) == 1);
}
