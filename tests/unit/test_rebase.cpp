#include <catch2/catch.hpp>

#include "core/io/file.h"
#include "core/model/resubmit.h"
#include "core/model/summary.h"
#include "core/model/task_edits.h"
#include "core/sync/apply.h"
#include "core/sync/changeset.h"
#include "core/sync/rebase.h"
#include "test_fixtures.h"

using namespace core;

namespace {

constexpr char kFixtureKey[] = "fixture-secret-key-1-not-for-production";  // settings-*.json

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

TEST_CASE("keep mine sets the columns the edit changed and keeps the newer export's other columns") {
    Export working = Open("djq2-latest.sqlite3");
    REQUIRE(SetRepeats(working, 3, 0));  // paused
    Export newer = Open("djq2-latest.sqlite3");  // meanwhile the scheduler ran schedule 3
    REQUIRE(newer.db.Exec("UPDATE django_q_schedule SET repeats = 22, next_run = '2026-11-24 02:15:00' WHERE id = 3"));
    auto result = Rebase(newer, ReadJournal(working.db).value());
    REQUIRE(result->conflicts.size() == 1);
    CHECK(ChangedColumns(*result->conflicts[0].mine.before, *result->conflicts[0].mine.after) == RowImage{{"repeats", 0}});
    REQUIRE(KeepMine(newer, result->conflicts[0]));
    const RowImage row = *ReadRow(newer.db, "django_q_schedule", 3).value();
    CHECK(row["repeats"] == 0);
    CHECK(row["next_run"] == "2026-11-24 02:15:00");  // not put back to the older export's time
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

TEST_CASE("regression: a queue id the server took since the export is not replaced by a resubmit, rebased or applied") {
    Export working = Open("djq2-latest.sqlite3");
    ResubmitSettings settings;
    settings.way = ResubmitWay::QueueEntrySignedOnServer;
    settings.cluster_name = "djqdemo";
    REQUIRE(ResubmitTasks(working, {FailedIds(working, 1)[0]}, settings, NowUnixMicros()));
    nlohmann::json local_id;  // the working copy's name for its new entry
    for (const auto& entry : ReadJournal(working.db).value())
        if (entry.table == "django_q_ormq") local_id = entry.pk;
    REQUIRE(local_id.is_number_integer());

    // The server's own async_task took that id meanwhile.
    const auto take_id = [&](Export& e) {
        REQUIRE(e.db.Exec("INSERT INTO django_q_ormq (id, key, payload, lock) VALUES (" + local_id.dump() +
                          ", 'djqdemo', 'theirs', '2026-11-24 02:00:00')"));
    };
    Export newer = Open("djq2-latest.sqlite3");
    take_id(newer);
    auto rebased = Rebase(newer, ReadJournal(working.db).value());
    REQUIRE(rebased);
    CHECK(rebased->conflicts.empty());  // a new entry is a new row there too
    CHECK((*ReadRow(newer.db, "django_q_ormq", local_id).value())["payload"] == "theirs");

    Export server = Open("djq2-latest.sqlite3");
    take_id(server);
    ApplyOptions options;
    options.signing = ServerSigning{kFixtureKey, "djqdemo", false};
    auto report = ApplyChangeset(server, ExportChangeset(newer.db, {"x", "q2"}).value(), options);
    REQUIRE(report);
    CHECK(report->applied == 1);
    CHECK((*ReadRow(server.db, "django_q_ormq", local_id).value())["payload"] == "theirs");
    CHECK(report->actions[0].entries[0].server_pk != local_id);
}

TEST_CASE("regression: with --skip-conflicts a resubmit whose task changed on the server is skipped whole") {
    Export working = Open("djq2-latest.sqlite3");
    ResubmitSettings settings;
    settings.way = ResubmitWay::QueueEntrySignedOnServer;
    const std::string task = FailedIds(working, 1)[0];
    REQUIRE(ResubmitTasks(working, {task}, settings, NowUnixMicros()));
    Export server = Open("djq2-latest.sqlite3");
    REQUIRE(server.db.Exec("UPDATE django_q_task SET attempt_count = 9 WHERE id = '" + task + "'"));  // retried meanwhile
    const auto queued = ReadJournal(working.db).value().size();
    CHECK(queued == 2);
    ApplyOptions options;
    options.signing = ServerSigning{kFixtureKey, "djqdemo", false};  // the salt the server's entries verify with
    options.skip_conflicts = true;
    auto report = ApplyChangeset(server, ExportChangeset(working.db, {"x", "q2"}).value(), options);
    REQUIRE(report);
    CHECK(report->skipped == 1);
    CHECK(report->applied == 0);
    CHECK(ReadRow(server.db, "django_q_task", task).value().has_value());  // the task is kept...
    CHECK(Summarize(server)->queued == 10);                                // ...and nothing was queued
}
