#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <cmath>
#include <set>

#include "core/model/task_query.h"
#include "test_fixtures.h"

using namespace core;

namespace {

// What the Django admin's changelist counts, written independently in plain SQL (icontains on
// SQLite is a case-insensitive LIKE).
std::int64_t SqlCount(Export& e, const std::string& where) {
    auto stmt = e.db.Prepare("SELECT count(*) FROM django_q_task WHERE " + where);
    REQUIRE(stmt);
    REQUIRE(stmt->Step().value());
    return stmt->Int(0);
}

TaskQuery Query(TaskKind kind, std::string search = {}) {
    TaskQuery query;
    query.kind = kind;
    query.search = std::move(search);
    query.limit = 1000;
    return query;
}

}  // namespace

TEST_CASE("search words split as Django's smart_split does") {
    using Words = std::vector<std::string>;
    CHECK(SplitSearchWords("  echo   add ") == Words{"echo", "add"});
    CHECK(SplitSearchWords("\"hello world\" x") == Words{"hello world", "x"});
    CHECK(SplitSearchWords("'single quoted' y") == Words{"single quoted", "y"});
    CHECK(SplitSearchWords("a\"b c\"d") == Words{"a\"b c\"d"});  // quotes inside a word stay
    CHECK(SplitSearchWords("\"esc \\\" q\"") == Words{"esc \" q"});
    CHECK(SplitSearchWords("it's") == Words{"it's"});  // an unbalanced quote is a character
    CHECK(SplitSearchWords("").empty());
}

TEST_CASE("task lists count and search like the Django admin on both fixtures") {
    for (const char* fixture : {"djq1-1.3.9.sqlite3", "djq2-latest.sqlite3"}) {
        INFO(fixture);
        Export e = test::OpenFixtureCopy(fixture);
        CHECK(CountTasks(e, Query(TaskKind::Successful)).value() == SqlCount(e, "success = 1"));
        CHECK(CountTasks(e, Query(TaskKind::Failed)).value() == SqlCount(e, "success = 0"));
        CHECK(CountTasks(e, Query(TaskKind::All)).value() == SqlCount(e, "success IN (0, 1)"));
        const std::string any = "(name LIKE '%echo%' OR func LIKE '%echo%' OR \"group\" LIKE '%echo%')";
        CHECK(CountTasks(e, Query(TaskKind::Successful, "echo")).value() == SqlCount(e, "success = 1 AND " + any));
        CHECK(CountTasks(e, Query(TaskKind::Successful, "ECHO")).value() == SqlCount(e, "success = 1 AND " + any));
        // Every word must match: "echo args" narrows "echo".
        const auto both = CountTasks(e, Query(TaskKind::Successful, "echo args")).value();
        CHECK(both == SqlCount(e, "success = 1 AND " + any + " AND (name LIKE '%args%' OR func LIKE '%args%' OR \"group\" LIKE '%args%')"));
        CHECK(both > 0);
        CHECK(both < CountTasks(e, Query(TaskKind::Successful, "echo")).value());
        // Wildcards in the search are literal characters, as Django escapes them.
        CHECK(CountTasks(e, Query(TaskKind::Successful, "%")).value() == SqlCount(e, "success = 1 AND (name LIKE '%\\%%' ESCAPE '\\' OR func LIKE '%\\%%' ESCAPE '\\' OR \"group\" LIKE '%\\%%' ESCAPE '\\')"));
        CHECK(CountTasks(e, Query(TaskKind::Failed, "no-such-word-anywhere")).value() == 0);
    }
}

TEST_CASE("filters by group, cluster and stop time") {
    Export e = test::OpenFixtureCopy("djq2-latest.sqlite3");
    TaskQuery query = Query(TaskKind::Successful);
    query.group = "values";
    CHECK(CountTasks(e, query).value() == SqlCount(e, "success = 1 AND \"group\" = 'values'"));
    query.group = "";
    CHECK(CountTasks(e, query).value() == SqlCount(e, "success = 1 AND \"group\" IS NULL"));
    query.group.reset();
    query.cluster = "djqdemo";
    CHECK(CountTasks(e, query).value() == SqlCount(e, "success = 1 AND cluster = 'djqdemo'"));
    query.cluster.reset();
    query.stopped_from = "2026-11-24 01:34:40";
    query.stopped_until = "2026-11-24 01:35:00";
    CHECK(CountTasks(e, query).value() == SqlCount(e, "success = 1 AND stopped >= '2026-11-24 01:34:40' AND stopped < '2026-11-24 01:35:00'"));
}

TEST_CASE("lists sort by every column, default -stopped, and pages never overlap") {
    Export e = test::OpenFixtureCopy("djq2-latest.sqlite3");
    auto rows = QueryTasks(e, Query(TaskKind::Successful)).value();
    REQUIRE(rows.size() == 69);
    for (std::size_t i = 1; i < rows.size(); ++i) CHECK(rows[i - 1].stopped >= rows[i].stopped);

    for (TaskColumn column : {TaskColumn::Name, TaskColumn::Group, TaskColumn::Func, TaskColumn::Cluster, TaskColumn::Started,
                              TaskColumn::Stopped, TaskColumn::TimeTaken, TaskColumn::AttemptCount}) {
        for (bool descending : {false, true}) {
            TaskQuery query = Query(TaskKind::Successful);
            query.sort = column;
            query.descending = descending;
            std::vector<TaskListRow> paged;
            for (query.offset = 0, query.limit = 10;; query.offset += 10) {
                auto page = QueryTasks(e, query).value();
                paged.insert(paged.end(), page.begin(), page.end());
                if (page.size() < 10) break;
            }
            std::set<std::string> ids;
            for (const auto& row : paged) ids.insert(row.id);
            CHECK(paged.size() == 69);
            CHECK(ids.size() == 69);
            if (column == TaskColumn::TimeTaken)
                for (std::size_t i = 1; i < paged.size(); ++i)
                    CHECK((descending ? paged[i - 1].time_taken >= paged[i].time_taken : paged[i - 1].time_taken <= paged[i].time_taken));
            if (column == TaskColumn::Name)
                for (std::size_t i = 1; i < paged.size(); ++i)
                    CHECK((descending ? paged[i - 1].name >= paged[i].name : paged[i - 1].name <= paged[i].name));
        }
    }
}

TEST_CASE("time taken is stopped - started, as the admin's time_taken (golden)") {
    auto golden_text = ReadFile(test::FixturePath("golden-djq2-latest.json"));
    const auto golden = nlohmann::json::parse(AsText(golden_text.value()));
    Export e = test::OpenFixtureCopy("djq2-latest.sqlite3");
    std::vector<TaskListRow> all;
    for (TaskKind kind : {TaskKind::Successful, TaskKind::Failed}) {
        auto rows = QueryTasks(e, Query(kind)).value();
        all.insert(all.end(), rows.begin(), rows.end());
    }
    int compared = 0;
    for (const auto& task : golden["tasks"]) {
        for (const auto& row : all) {
            if (row.id != task["id"]) continue;
            CHECK(std::fabs(row.time_taken - task["time_taken"].get<double>()) < 1e-3);
            ++compared;
        }
    }
    CHECK(compared == 77);
}

TEST_CASE("started ranges filter like stopped ones") {
    Export e = test::OpenFixtureCopy("djq1-1.3.9.sqlite3");
    TaskQuery query = Query(TaskKind::Failed);
    query.started_from = "2026-11-24 01:34:30";
    CHECK(CountTasks(e, query).value() == SqlCount(e, "success = 0 AND started >= '2026-11-24 01:34:30'"));
    query.started_until = "2026-11-24 01:34:40";
    CHECK(CountTasks(e, query).value() ==
          SqlCount(e, "success = 0 AND started >= '2026-11-24 01:34:30' AND started < '2026-11-24 01:34:40'"));
}

TEST_CASE("group and cluster choices come with their counts, most tasks first") {
    for (const char* fixture : {"djq1-1.3.9.sqlite3", "djq2-latest.sqlite3"}) {
        INFO(fixture);
        Export e = test::OpenFixtureCopy(fixture);
        for (TaskKind kind : {TaskKind::Successful, TaskKind::Failed}) {
            const std::string success = kind == TaskKind::Successful ? "1" : "0";
            const auto groups = CountByValue(e, kind, FilterColumn::Group).value();
            std::int64_t sum = 0;
            for (std::size_t i = 0; i < groups.size(); ++i) {
                const auto& group = groups[i];
                sum += group.count;
                if (i > 0) CHECK(groups[i - 1].count >= group.count);
                TaskQuery query = Query(kind);
                query.group = group.value.value_or("");  // "" selects the tasks without a group
                CHECK(CountTasks(e, query).value() == group.count);
            }
            CHECK(sum == SqlCount(e, "success = " + success));
        }
    }
    Export q1 = test::OpenFixtureCopy("djq1-1.3.9.sqlite3");
    CHECK(CountByValue(q1, TaskKind::Successful, FilterColumn::Cluster).value().empty());  // q1 has no cluster column
    Export q2 = test::OpenFixtureCopy("djq2-latest.sqlite3");
    const auto clusters = CountByValue(q2, TaskKind::Successful, FilterColumn::Cluster).value();
    REQUIRE(clusters.size() >= 1);
    CHECK(clusters[0].value == std::optional<std::string>("djqdemo"));
}

TEST_CASE("select all matching: every id the filter matches, in the list's order") {
    Export e = test::OpenFixtureCopy("djq2-latest.sqlite3");
    TaskQuery query = Query(TaskKind::Successful, "echo");
    const auto ids = MatchingTaskIds(e, query).value();
    const auto rows = QueryTasks(e, query).value();
    REQUIRE(ids.size() == rows.size());
    for (std::size_t i = 0; i < ids.size(); ++i) CHECK(ids[i] == rows[i].id);
    CHECK(static_cast<std::int64_t>(ids.size()) == CountTasks(e, query).value());
}

TEST_CASE("All tasks lists successes and failures together in one order, with the _all indexes") {
    Export e = test::OpenFixtureCopy("djq2-latest.sqlite3");
    const auto rows = QueryTasks(e, Query(TaskKind::All)).value();
    REQUIRE(rows.size() == static_cast<std::size_t>(SqlCount(e, "success IN (0, 1)")));
    std::size_t failures = 0;
    for (std::size_t i = 0; i < rows.size(); ++i) {
        failures += !rows[i].success;
        if (i > 0) CHECK(rows[i - 1].stopped >= rows[i].stopped);
    }
    CHECK(failures == static_cast<std::size_t>(SqlCount(e, "success = 0")));
    TaskQuery by_name = Query(TaskKind::All);
    by_name.sort = TaskColumn::Name;
    CHECK(TaskIndexFor(e.schema, by_name) == "djq_task_name_all");
    REQUIRE(CreateTaskIndex(e, "djq_task_name_all"));
    auto plan = e.db.Prepare("EXPLAIN QUERY PLAN SELECT id FROM django_q_task WHERE success IN (0, 1) ORDER BY name DESC, id DESC");
    std::string steps;
    while (plan->Step().value()) steps += std::string(plan->Text(3)) + "; ";
    INFO(steps);
    CHECK(steps.find("djq_task_name_all") != std::string::npos);  // the order is the index's: no sort of every row
    CHECK(steps.find("TEMP B-TREE") == std::string::npos);
    // A schedule's tasks: its successes and failures.
    TaskQuery group = Query(TaskKind::All);
    group.group = rows.front().group.value_or("");
    CHECK(CountTasks(e, group).value() ==
          SqlCount(e, "success IN (0, 1) AND " + (rows.front().group ? "\"group\" = '" + *rows.front().group + "'" : std::string("\"group\" IS NULL"))));
}
