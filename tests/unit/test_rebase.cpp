#include <catch2/catch.hpp>

#include "core/io/file.h"
#include "core/model/summary.h"
#include "core/model/task_edits.h"
#include "core/sync/apply.h"
#include "core/sync/changeset.h"
#include "core/sync/rebase.h"
#include "test_fixtures.h"

using namespace core;

namespace {

Export Open(const char* fixture) { return test::OpenFixtureCopy(fixture); }
std::vector<std::string> FailedIds(Export& e, int count) { return test::TaskIds(e, count, false); }

Status SetRepeats(Export& e, int schedule, int repeats) {
    auto row = ReadRow(e.db, "django_q_schedule", schedule).value();
    (*row)["repeats"] = repeats;
    return Journalled(e.db, "save_schedule", [&](EditBatch& batch) { return batch.Update("django_q_schedule", *row); });
}

std::int64_t Repeats(Export& e, int id) { return (*ReadRow(e.db, "django_q_schedule", id).value())["repeats"].get<std::int64_t>(); }

}  // namespace

TEST_CASE("rebase re-applies unsynced edits on a newer export and re-journals them against it") {
    Export working = Open("djq2-latest.sqlite3");
    const auto deleted = FailedIds(working, 2);
    REQUIRE(DeleteTasks(working, deleted));
    REQUIRE(SetRepeats(working, 2, 5));

    // The server moved on: another failure was cleaned up there, and schedule 3 changed.
    Export newer = Open("djq2-latest.sqlite3");
    REQUIRE(newer.db.Exec("DELETE FROM django_q_task WHERE id = '" + deleted[1] + "'; UPDATE django_q_schedule SET repeats = 42 WHERE id = 3"));

    auto result = Rebase(newer, ReadJournal(working.db).value());
    REQUIRE(result);
    CHECK(result->reapplied == 2);
    CHECK(result->already_there == 1);
    CHECK(result->conflicts.empty());
    CHECK(Summarize(newer)->failed == 6);
    CHECK(Repeats(newer, 2) == 5);
    CHECK(Repeats(newer, 3) == 42);  // theirs, untouched

    // The rebased journal applies cleanly to that newer server state.
    Export server = Open("djq2-latest.sqlite3");
    REQUIRE(server.db.Exec("DELETE FROM django_q_task WHERE id = '" + deleted[1] + "'; UPDATE django_q_schedule SET repeats = 42 WHERE id = 3"));
    auto report = ApplyChangeset(server, ExportChangeset(newer.db, {"x", "q2"}).value(), {});
    REQUIRE(report);
    CHECK(report->conflicts == 0);
    CHECK(report->applied == 2);
    // ...and undo still works per user action.
    CHECK(UndoLastBatch(newer.db).value() == "save_schedule");
    CHECK(Repeats(newer, 2) == 0);
}

TEST_CASE("an edit whose row changed in the newer export is a conflict: keep mine or take theirs") {
    Export working = Open("djq2-latest.sqlite3");
    REQUIRE(SetRepeats(working, 2, 5));
    Export newer = Open("djq2-latest.sqlite3");
    REQUIRE(newer.db.Exec("UPDATE django_q_schedule SET repeats = 9 WHERE id = 2"));

    auto result = Rebase(newer, ReadJournal(working.db).value());
    REQUIRE(result);
    REQUIRE(result->conflicts.size() == 1);
    const RebaseConflict& conflict = result->conflicts[0];
    CHECK((*conflict.mine.after)["repeats"] == 5);
    CHECK((*conflict.theirs)["repeats"] == 9);
    CHECK(Repeats(newer, 2) == 9);          // nothing overwritten by the rebase itself
    CHECK(ReadJournal(newer.db)->empty());  // and nothing journalled for it

    SECTION("keep mine") {
        REQUIRE(KeepMine(newer, conflict));
        CHECK(Repeats(newer, 2) == 5);
        auto journal = ReadJournal(newer.db).value();
        REQUIRE(journal.size() == 1);
        CHECK((*journal[0].before)["repeats"] == 9);  // journalled against the newer export
    }
    SECTION("take theirs") {
        CHECK(Repeats(newer, 2) == 9);
        CHECK(ReadJournal(newer.db)->empty());
    }
}

TEST_CASE("regression: keep mine never re-creates a row the server deleted (a ONCE schedule that ran would run again)") {
    Export working = Open("djq2-latest.sqlite3");
    REQUIRE(SetRepeats(working, 2, 5));
    Export newer = Open("djq2-latest.sqlite3");
    REQUIRE(newer.db.Exec("DELETE FROM django_q_schedule WHERE id = 2"));
    auto result = Rebase(newer, ReadJournal(working.db).value());
    REQUIRE(result->conflicts.size() == 1);
    CHECK_FALSE(result->conflicts[0].theirs);
    auto kept = KeepMine(newer, result->conflicts[0]);
    REQUIRE_FALSE(kept);
    CHECK(kept.error().code == "rebase.row_gone");
    CHECK_FALSE(ReadRow(newer.db, "django_q_schedule", 2).value());
    CHECK(ReadJournal(newer.db)->empty());
}
