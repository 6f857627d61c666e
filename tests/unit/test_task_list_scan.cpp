#include <catch2/catch.hpp>

#include "core/demo/demo.h"
#include "core/model/task_list_scan.h"
#include "test_fixtures.h"

using namespace core;

namespace {

// Runs a scan to its end in ranges of `step` rows; how many steps it took.
int ScanAll(Export& e, TaskListScan& scan, std::int64_t step) {
    int steps = 0;
    for (;; ++steps) {
        auto done = scan.Step(e, step);
        REQUIRE(done);
        if (done.value()) return steps;
    }
}

std::vector<std::string> Ids(const std::vector<TaskListRow>& rows) {
    std::vector<std::string> ids;
    for (const auto& row : rows) ids.push_back(row.id);
    return ids;
}

// A scan in ranges finds the page SQL's one query does, and its counts.
void CheckScanAgreesWithQuery(Export& e, const TaskQuery& query, std::int64_t step) {
    CAPTURE(query.search, query.sort, query.descending, query.offset, step);
    TaskListScan scan(query);
    ScanAll(e, scan, step);
    const auto expected = QueryTasks(e, query).value();
    CHECK(Ids(scan.rows()) == Ids(expected));
    CHECK(scan.matching() == CountTasks(e, query).value());
    TaskQuery kind;
    kind.kind = query.kind;
    CHECK(scan.of_kind() == CountTasks(e, kind).value());
    if (!expected.empty()) CHECK(scan.rows().front().time_taken == expected.front().time_taken);
}

}  // namespace

TEST_CASE("a list scanned in rowid ranges shows SQL's page and counts, for any kind, search, filter and order") {
    DemoOptions options;
    options.tasks = 3'000;
    Export e = test::MakeDemoExport(options);
    // Rowids with gaps, as deletions leave them.
    REQUIRE(e.db.Exec("DELETE FROM django_q_task WHERE rowid % 7 = 3"));
    for (TaskKind kind : {TaskKind::Successful, TaskKind::Failed, TaskKind::All}) {
        TaskQuery query;
        query.kind = kind;
        query.limit = 40;
        CheckScanAgreesWithQuery(e, query, 250);
        query.search = "e a";
        CheckScanAgreesWithQuery(e, query, 333);
        query.search.clear();
        query.stopped_from = "2026-11-20 00:00:00";
        query.offset = 25;
        CheckScanAgreesWithQuery(e, query, 1'000);
    }
    for (TaskColumn column : {TaskColumn::Name, TaskColumn::Group, TaskColumn::Func, TaskColumn::Cluster, TaskColumn::Started,
                              TaskColumn::Stopped, TaskColumn::TimeTaken, TaskColumn::AttemptCount})
        for (bool descending : {false, true}) {
            TaskQuery query;
            query.sort = column;
            query.descending = descending;
            query.limit = 30;
            CheckScanAgreesWithQuery(e, query, 97);
        }
}

TEST_CASE("a list scan reads the table in the ranges it is given, and an empty table at once") {
    DemoOptions options;
    options.tasks = 1'000;
    Export e = test::MakeDemoExport(options);
    TaskListScan scan{TaskQuery{}};
    CHECK(ScanAll(e, scan, 300) == 4);  // 300, 300, 300, 100, then the page
    CHECK(scan.rows_read() == 1'000);
    CHECK(scan.rows().size() == 100);

    REQUIRE(e.db.Exec("DELETE FROM django_q_task"));
    TaskListScan empty{TaskQuery{}};
    CHECK(ScanAll(e, empty, 300) == 0);
    CHECK(empty.matching() == 0);
    CHECK(empty.rows().empty());
}
