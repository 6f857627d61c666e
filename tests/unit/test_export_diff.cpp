#include <catch2/catch.hpp>

#include <set>
#include <string>

#include "core/insights/export_diff.h"
#include "test_diff_exports.h"

using namespace core;
using test::RowidOf;

namespace {

std::set<std::int64_t> AsSet(const std::vector<std::int64_t>& v) { return {v.begin(), v.end()}; }

}  // namespace

TEST_CASE("diff: an export against itself has nothing new") {
    Export e = test::OpenFixtureCopy("djq2-latest.sqlite3");
    auto diff = CompareExports(e, e);
    REQUIRE(diff);
    CHECK(diff->new_failures.empty());
    CHECK(diff->groups.empty());
    CHECK(diff->groups_gone.empty());
    CHECK(diff->schedules.empty());
    CHECK(diff->schedules_ran == 0);
    CHECK(diff->queue.added.empty());
    CHECK(diff->queue.gone == 0);
    CHECK(diff->queue.waiting.size() == 10);
    CHECK(diff->warnings.empty());
}

TEST_CASE("diff: a fixture against a copy changed in known ways") {
    Export before = test::Yesterday(), after = test::Today();
    auto diff = CompareExports(before, after);
    REQUIRE(diff);
    CHECK(diff->tasks_before == 76);
    CHECK(diff->tasks_after == 77 + 2 - 1);
    CHECK(diff->failures_before == 7);
    CHECK(diff->failures_after == 8 + 2 - 1);

    // New failures: fail-zero (new yesterday → today), the two ReportErrors, and fail-value's retry.
    const std::set<std::int64_t> new_rowids = {63, 61, RowidOf(after, "a1e6fc0a97c14d03aea387d03291859c"),
                                               RowidOf(after, "a2e6fc0a97c14d03aea387d03291859c")};
    CHECK(AsSet(diff->NewFailureRowids()) == new_rowids);

    REQUIRE(diff->groups.size() == 3);
    // The group that was not there yesterday comes first.
    CHECK(diff->groups[0].signature.exception_type == "ZeroDivisionError");
    CHECK(diff->groups[0].Appeared());
    CHECK(diff->groups[0].after == 1);
    CHECK(diff->groups[0].new_rowids == std::vector<std::int64_t>{63});
    CHECK(diff->groups[1].signature.exception_type == "demoapp.tasks.ReportError");
    CHECK(diff->groups[1].before == 2);
    CHECK(diff->groups[1].after == 4);
    CHECK(diff->groups[1].new_rowids.size() == 2);
    CHECK(diff->groups[2].signature.Headline() == "ValueError: bad value for field '\xE2\x80\xA6': N");
    CHECK(diff->groups[2].before == 1);
    CHECK(diff->groups[2].after == 1);
    CHECK(diff->groups[2].new_rowids == std::vector<std::int64_t>{61});
    CHECK_FALSE(diff->groups[2].Appeared());
    REQUIRE(diff->groups_gone.size() == 1);
    CHECK(diff->groups_gone[0].signature.Headline() == "RuntimeError: other");
    CHECK(diff->groups_gone[0].before == 1);

    REQUIRE(diff->schedules.size() == 4);
    CHECK(diff->schedules[0].kind == ScheduleChangeKind::Removed);
    CHECK(diff->schedules[0].id == 13);
    CHECK(diff->schedules[0].label == "yearly-leap");
    CHECK(diff->schedules[1].kind == ScheduleChangeKind::Edited);
    CHECK(diff->schedules[1].id == 16);
    REQUIRE(diff->schedules[1].fields.size() == 1);
    CHECK(diff->schedules[1].fields[0].field == "next_run");
    CHECK(diff->schedules[2].kind == ScheduleChangeKind::Edited);
    CHECK(diff->schedules[2].id == 17);
    REQUIRE(diff->schedules[2].fields.size() == 1);
    CHECK(diff->schedules[2].fields[0].field == "cron");
    CHECK(diff->schedules[2].fields[0].before == "*/5 * * * *");
    CHECK(diff->schedules[2].fields[0].after == "*/10 * * * *");
    CHECK(diff->schedules[3].kind == ScheduleChangeKind::Added);
    CHECK(diff->schedules[3].id == 30);
    CHECK(diff->schedules[3].label == "added-today");
    CHECK(diff->schedules_ran == 1);

    CHECK(diff->queue.before == 10);
    CHECK(diff->queue.after == 10);
    CHECK(diff->queue.added == std::vector<std::int64_t>{90, 91});
    CHECK(diff->queue.waiting == std::vector<std::int64_t>{80, 81, 82, 83, 84, 85, 86, 87});
    CHECK(diff->queue.gone == 2);
    CHECK(diff->queue.per_cluster.at("djqdemo") == std::pair<std::int64_t, std::int64_t>{9, 8});
    CHECK(diff->queue.per_cluster.at("other") == std::pair<std::int64_t, std::int64_t>{1, 2});
    CHECK(diff->warnings.empty());
}

TEST_CASE("diff: read and compared in small steps, as the app does, it is the same as at once") {
    Export before = test::Yesterday(), after = test::Today();
    auto at_once = CompareExports(before, after);
    REQUIRE(at_once);
    auto stepped_side = [](Export& e) {
        ExportSideScan scan;
        int steps = 0;
        while (true) {
            auto done = scan.Step(e, 5);
            REQUIRE(done);
            ++steps;
            if (done.value()) break;
        }
        CHECK(steps > 10);
        return scan.Take();
    };
    const ExportSide old_side = stepped_side(before), new_side = stepped_side(after);
    ExportDiffScan scan(old_side, new_side);
    int steps = 1;
    while (!scan.Step(2)) ++steps;
    CHECK(steps > 10);
    const ExportDiff stepped = scan.Take();
    CHECK(stepped.NewFailureRowids() == at_once->NewFailureRowids());
    REQUIRE(stepped.groups.size() == at_once->groups.size());
    for (std::size_t i = 0; i < stepped.groups.size(); ++i) {
        CHECK(stepped.groups[i].new_rowids == at_once->groups[i].new_rowids);
        CHECK(stepped.groups[i].before == at_once->groups[i].before);
    }
    CHECK(stepped.groups_gone.size() == at_once->groups_gone.size());
    REQUIRE(stepped.schedules.size() == at_once->schedules.size());
    for (std::size_t i = 0; i < stepped.schedules.size(); ++i) CHECK(stepped.schedules[i].id == at_once->schedules[i].id);
    CHECK(stepped.schedules_ran == at_once->schedules_ran);
    CHECK(stepped.queue.added == at_once->queue.added);
    CHECK(stepped.queue.waiting == at_once->queue.waiting);
    CHECK(stepped.queue.gone == at_once->queue.gone);
    CHECK(stepped.queue.per_cluster == at_once->queue.per_cluster);
}

TEST_CASE("diff: the exports the wrong way round, or of two Django Q versions, are said to be") {
    Export older = test::OpenFixtureCopy("djq1-1.3.9.sqlite3"), newer = test::OpenFixtureCopy("djq2-latest.sqlite3");
    auto diff = CompareExports(older, newer);
    REQUIRE(diff);
    REQUIRE(diff->warnings.size() == 2);
    CHECK_THAT(diff->warnings[0], Catch::Contains("different Django Q versions (q1 and q2)"));
    CHECK_THAT(diff->warnings[1], Catch::Contains("wrong way round"));
}
