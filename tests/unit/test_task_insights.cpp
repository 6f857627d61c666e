#include <catch2/catch.hpp>

#include <map>

#include "core/insights/task_insights.h"
#include "core/sched/time_zone.h"
#include "test_fixtures.h"

using namespace core;

namespace {

constexpr const char* kFixtures[] = {"djq1-1.3.9.sqlite3", "djq2-latest.sqlite3"};

// Microseconds between two stored datetimes, as SQLite computes them (to about 50 µs).
constexpr const char* kTakenSql = "CAST(round((julianday(stopped) - julianday(started)) * 86400e6) AS INTEGER)";

std::int64_t SqlInt(Export& e, const std::string& sql) {
    auto stmt = e.db.Prepare(sql);
    REQUIRE(stmt);
    REQUIRE(stmt->Step().value());
    return stmt->Int(0);
}

double SqlSeconds(Export& e, const std::string& sql) { return static_cast<double>(SqlInt(e, sql)) / 1e6; }

double Seconds(UnixMicros micros) { return static_cast<double>(micros) / 1e6; }

// The nearest-rank percentile in SQL: the value at rank ceil(p% of n) of the sorted ones.
double SqlPercentile(Export& e, const std::string& where, int percent) {
    const std::int64_t n = SqlInt(e, "SELECT count(*) FROM django_q_task WHERE " + where);
    const std::int64_t rank = (percent * n + 99) / 100;
    return SqlSeconds(e, std::string("SELECT ") + kTakenSql + " AS t FROM django_q_task WHERE " + where + " ORDER BY t LIMIT 1 OFFSET " +
                             std::to_string(rank - 1));
}

TaskInsights Insights(Export& e, const char* zone, std::optional<Bucket> bucket) {
    auto tz = LoadTimeZone(zone);
    REQUIRE(tz);
    auto insights = ComputeTaskInsights(e, tz.value(), bucket);
    REQUIRE(insights);
    return std::move(insights.value());
}

}  // namespace

TEST_CASE("insights: totals, failure rate and time taken match SQL on both fixtures") {
    for (const char* fixture : kFixtures) {
        INFO(fixture);
        Export e = test::OpenFixtureCopy(fixture);
        const TaskInsights insights = Insights(e, "UTC", std::nullopt);
        CHECK(insights.tasks == SqlInt(e, "SELECT count(*) FROM django_q_task"));
        CHECK(insights.failures == SqlInt(e, "SELECT count(*) FROM django_q_task WHERE success = 0"));
        CHECK(insights.failures > 0);
        CHECK(Seconds(insights.time_taken.p50) == Approx(SqlPercentile(e, "1", 50)).margin(0.001));
        CHECK(Seconds(insights.time_taken.p95) == Approx(SqlPercentile(e, "1", 95)).margin(0.001));
        CHECK(Seconds(insights.time_taken.max) == Approx(SqlSeconds(e, std::string("SELECT max(") + kTakenSql + ") FROM django_q_task")).margin(0.001));
    }
}

TEST_CASE("insights: per-func runs, failures, attempts, first and last run and time taken match SQL") {
    for (const char* fixture : kFixtures) {
        INFO(fixture);
        Export e = test::OpenFixtureCopy(fixture);
        const TaskInsights insights = Insights(e, "UTC", std::nullopt);
        auto stmt = e.db.Prepare(
            "SELECT func, count(*), sum(success = 0), sum(attempt_count), min(started), max(stopped) FROM django_q_task "
            "GROUP BY func ORDER BY count(*) DESC, func");
        REQUIRE(stmt);
        std::size_t i = 0;
        std::int64_t previous_runs = INT64_MAX;
        while (stmt->Step().value()) {
            REQUIRE(i < insights.funcs.size());
            const FuncMetrics& f = insights.funcs[i++];
            INFO(f.func);
            CHECK(f.runs <= previous_runs);  // busiest first
            previous_runs = f.runs;
            const std::string func(stmt->Text(0));
            // Funcs with as many runs may come in either order: compare by name.
            const auto match = std::find_if(insights.funcs.begin(), insights.funcs.end(), [&](const FuncMetrics& m) { return m.func == func; });
            REQUIRE(match != insights.funcs.end());
            CHECK(match->runs == stmt->Int(1));
            CHECK(match->failures == stmt->Int(2));
            CHECK(match->attempts == stmt->Int(3));
            CHECK(match->first_started == ParseDjangoDatetime(stmt->Text(4)));
            CHECK(match->last_stopped == ParseDjangoDatetime(stmt->Text(5)));
            const std::string where = "func = '" + func + "'";  // the fixtures' funcs are dotted names
            CHECK(Seconds(match->time_taken.p50) == Approx(SqlPercentile(e, where, 50)).margin(0.001));
            CHECK(Seconds(match->time_taken.p95) == Approx(SqlPercentile(e, where, 95)).margin(0.001));
            std::int64_t sparkline_runs = 0;
            for (std::int64_t runs : match->sparkline) sparkline_runs += runs;
            CHECK(sparkline_runs == match->runs);
        }
        CHECK(i == insights.funcs.size());
    }
}

TEST_CASE("insights: hourly buckets in UTC and daily ones in Amsterdam match SQL's grouping") {
    for (const char* fixture : kFixtures) {
        INFO(fixture);
        Export e = test::OpenFixtureCopy(fixture);
        struct Case {
            const char* zone;
            Bucket bucket;
            const char* sql_bucket;  // the bucket's UTC start, as SQL computes it (the fixtures are from November: CET)
        };
        for (const Case& c : {Case{"UTC", Bucket::Hour, "strftime('%Y-%m-%d %H:00:00', stopped)"},
                              Case{"Europe/Amsterdam", Bucket::Day, "datetime(date(stopped, '+1 hour'), '-1 hour')"}}) {
            INFO(c.zone);
            const TaskInsights insights = Insights(e, c.zone, c.bucket);
            CHECK(insights.bucket == c.bucket);
            std::map<UnixMicros, std::pair<std::int64_t, std::int64_t>> expected;
            auto stmt = e.db.Prepare(std::string("SELECT ") + c.sql_bucket + ", sum(success = 1), sum(success = 0) FROM django_q_task GROUP BY 1");
            REQUIRE(stmt);
            while (stmt->Step().value()) expected[ParseDjangoDatetime(stmt->Text(0)).value()] = {stmt->Int(1), stmt->Int(2)};
            std::map<UnixMicros, std::pair<std::int64_t, std::int64_t>> got;
            for (const TimeBucket& b : insights.buckets)
                if (b.successes || b.failures) got[b.start] = {b.successes, b.failures};
            CHECK(got == expected);
        }
    }
}

TEST_CASE("insights: read a few tasks a step, the figures are those of one pass") {
    Export e = test::OpenFixtureCopy("djq2-latest.sqlite3");
    const TimeZone utc = TimeZone::Utc();
    TaskInsightsScan scan;
    int steps = 0;
    while (!scan.Step(e, 7).value()) ++steps;
    // 77 tasks, 8 of them failures (each ten rows' work), then all tasks' time taken, then the funcs'.
    CHECK(steps >= 12);
    CHECK(scan.rows_read() == 77);
    const TaskInsights stepped = scan.Summarise(utc, Bucket::Hour);
    const TaskInsights whole = Insights(e, "UTC", Bucket::Hour);
    CHECK(stepped.tasks == whole.tasks);
    CHECK(stepped.time_taken.p95 == whole.time_taken.p95);
    REQUIRE(stepped.funcs.size() == whole.funcs.size());
    for (std::size_t i = 0; i < whole.funcs.size(); ++i) CHECK(stepped.funcs[i].func == whole.funcs[i].func);
    REQUIRE(stepped.failure_groups.size() == whole.failure_groups.size());
    for (std::size_t i = 0; i < whole.failure_groups.size(); ++i) CHECK(stepped.failure_groups[i].rowids == whole.failure_groups[i].rowids);
}

TEST_CASE("insights: the fixtures' failure groups hold every failure, and match SQL on their rows") {
    for (const char* fixture : kFixtures) {
        INFO(fixture);
        Export e = test::OpenFixtureCopy(fixture);
        const TaskInsights insights = Insights(e, "UTC", std::nullopt);
        std::int64_t grouped = 0;
        for (const FailureGroup& g : insights.failure_groups) {
            INFO(g.signature.Key());
            grouped += g.count;
            std::string rowids;
            for (std::int64_t rowid : g.rowids) rowids += (rowids.empty() ? "" : ",") + std::to_string(rowid);
            const std::string where = " FROM django_q_task WHERE success = 0 AND rowid IN (" + rowids + ")";
            CHECK(SqlInt(e, "SELECT count(*)" + where) == g.count);
            CHECK(SqlInt(e, "SELECT count(DISTINCT func)" + where) == static_cast<std::int64_t>(g.funcs.size()));
            auto seen = e.db.Prepare("SELECT min(stopped), max(stopped)" + where);
            REQUIRE(seen->Step().value());
            CHECK(g.first_seen == ParseDjangoDatetime(seen->Text(0)));
            CHECK(g.last_seen == ParseDjangoDatetime(seen->Text(1)));
            CHECK(SqlInt(e, "SELECT count(*) FROM django_q_task WHERE id = '" + g.example_id + "' AND stopped = '" + std::string(seen->Text(1)) + "'") == 1);
        }
        CHECK(grouped == insights.failures);
        // The fixtures' demo app raised each error once, except "report generation failed" (twice, one place).
        REQUIRE_FALSE(insights.failure_groups.empty());
        const FailureGroup& largest = insights.failure_groups.front();
        CHECK(largest.count == 2);
        CHECK(largest.signature.exception_type == "demoapp.tasks.ReportError");
        CHECK(largest.signature.function == "fail");
        CHECK(insights.failure_groups.size() == static_cast<std::size_t>(insights.failures - 1));
    }
}

TEST_CASE("insights: day buckets follow the zone's wall clock across a DST change") {
    Export e = test::MakeDemoExport({.tasks = 0, .schedules = 0, .queued = 0});
    // Amsterdam's clocks went forward on 2026-03-29 at 01:00 UTC: that day had 23 hours.
    for (const char* stopped : {"2026-03-28 22:59:00", "2026-03-28 23:00:00", "2026-03-29 21:59:00", "2026-03-29 22:00:00"}) {
        auto insert = e.db.Prepare(
            "INSERT INTO django_q_task (id, name, func, started, stopped, success, attempt_count, cluster) "
            "VALUES (lower(hex(randomblob(16))), 'n', 'f', ?1, ?1, 1, 1, NULL)");
        insert->Bind(1, std::string(stopped));
        REQUIRE(insert->Run());
    }
    const TaskInsights insights = Insights(e, "Europe/Amsterdam", std::nullopt);
    CHECK(insights.bucket == Bucket::Hour);  // under three days
    const TaskInsights days = Insights(e, "Europe/Amsterdam", Bucket::Day);
    REQUIRE(days.buckets.size() == 3);
    CHECK(days.buckets[1].start == ParseDjangoDatetime("2026-03-28 23:00:00"));
    CHECK(days.buckets[1].end == ParseDjangoDatetime("2026-03-29 22:00:00"));
    CHECK(days.buckets[0].successes == 1);
    CHECK(days.buckets[1].successes == 2);
    CHECK(days.buckets[2].successes == 1);
    const TaskInsights weeks = Insights(e, "Europe/Amsterdam", Bucket::Week);
    REQUIRE(weeks.buckets.size() == 2);  // Sunday the 29th ends a week starting Monday the 23rd
    CHECK(weeks.buckets[0].start == ParseDjangoDatetime("2026-03-22 23:00:00"));
    CHECK(weeks.buckets[0].successes == 3);
}

TEST_CASE("insights: an export without tasks, or with damaged dates, gives empty figures and no buckets") {
    Export e = test::MakeDemoExport({.tasks = 0, .schedules = 0, .queued = 0});
    TaskInsights none = Insights(e, "UTC", std::nullopt);
    CHECK(none.tasks == 0);
    CHECK(none.buckets.empty());
    CHECK(none.FailureRate() == 0.0);
    REQUIRE(e.db.Exec("INSERT INTO django_q_task (id, name, func, started, stopped, success, attempt_count) "
                      "VALUES ('a', 'n', 'f', 'garbage', '0001-01-01 00:00:00', 0, 1), ('b', 'n', 'f', 'x', '2026-01-01 00:00:00', 0, 1)"));
    TaskInsights damaged = Insights(e, "UTC", Bucket::Hour);
    CHECK(damaged.tasks == 2);
    CHECK(damaged.failures == 2);
    CHECK(damaged.buckets.size() == 10'000);  // the newest 10,000 hours, not 17 million
    // A row in neither list (success neither 1 nor 0) is not counted, as All tasks does not list it.
    REQUIRE(e.db.Exec("INSERT INTO django_q_task (id, name, func, started, stopped, success, attempt_count) "
                      "VALUES ('c', 'n', 'f', '2026-01-01 00:00:00', '2026-01-01 00:00:01', 2, 1)"));
    CHECK(Insights(e, "UTC", Bucket::Hour).tasks == 2);
    REQUIRE(damaged.failure_groups.size() == 1);  // NULL results: one empty signature
    CHECK(damaged.failure_groups[0].count == 2);
}

TEST_CASE("insights: time-taken percentiles found a few values a step, funcs split across steps, are those of one pass") {
    Export e = test::OpenFixtureCopy("djq2-latest.sqlite3");
    TaskInsightsScan scan;
    int steps = 0;
    while (!scan.Step(e, 1).value()) ++steps;  // 25 values a step: a func's values span several
    CHECK(steps > 77 + 2 * (77 / 25));
    const TaskInsights stepped = scan.Summarise(TimeZone::Utc(), Bucket::Hour);
    const TaskInsights whole = Insights(e, "UTC", Bucket::Hour);
    CHECK(stepped.time_taken.p50 == whole.time_taken.p50);
    CHECK(stepped.time_taken.p95 == whole.time_taken.p95);
    CHECK(stepped.time_taken.max == whole.time_taken.max);
    REQUIRE(stepped.funcs.size() == whole.funcs.size());
    for (std::size_t i = 0; i < whole.funcs.size(); ++i) {
        INFO(whole.funcs[i].func);
        CHECK(stepped.funcs[i].time_taken.p50 == whole.funcs[i].time_taken.p50);
        CHECK(stepped.funcs[i].time_taken.p95 == whole.funcs[i].time_taken.p95);
        CHECK(stepped.funcs[i].time_taken.max == whole.funcs[i].time_taken.max);
    }
}
