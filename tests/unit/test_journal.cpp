#include <catch2/catch.hpp>

#include "core/io/file.h"
#include "core/model/summary.h"
#include "core/model/task_edits.h"
#include "core/sync/journal.h"
#include "test_fixtures.h"

using namespace core;


TEST_CASE("DeleteTasks changes the rows and journals each one with its before image, in one batch") {
    for (const char* fixture : {"djq1-1.3.9.sqlite3", "djq2-latest.sqlite3"}) {
        INFO(fixture);
        Export e = test::OpenFixtureCopy(fixture);
        const auto failed_before = Summarize(e)->failed;
        const auto ids = test::TaskIds(e, 3, false);
        auto deleted = DeleteTasks(e, ids);
        REQUIRE(deleted);
        CHECK(deleted.value() == 3);
        CHECK(Summarize(e)->failed == failed_before - 3);

        auto journal = ReadJournal(e.db);
        REQUIRE(journal);
        REQUIRE(journal->size() == 3);
        for (std::size_t i = 0; i < 3; ++i) {
            const JournalEntry& entry = journal.value()[i];
            CHECK(entry.batch == 1);
            CHECK(entry.operation == "delete_tasks");
            CHECK(entry.kind == EditKind::Delete);
            CHECK(entry.table == "django_q_task");
            CHECK(entry.pk == ids[i]);
            REQUIRE(entry.before);
            CHECK((*entry.before)["id"] == ids[i]);
            CHECK((*entry.before)["success"] == 0);
            CHECK_FALSE(entry.after);
            CHECK(entry.at.size() >= 19);
        }
    }
}

TEST_CASE("a deletion in steps is one batch: one undo brings every task back") {
    Export e = test::OpenFixtureCopy("djq2-latest.sqlite3");
    const auto before = Summarize(e).value();
    REQUIRE(DeleteTasks(e, test::TaskIds(e, 2, false)));  // an earlier action, its own batch
    const auto ids = test::TaskIds(e, 30, true);
    TaskDeletion deletion(ids);
    int steps = 0;
    while (true) {
        auto done = deletion.Step(e, 7);
        REQUIRE(done);
        ++steps;
        if (done.value()) break;
    }
    CHECK(steps == 5);  // 7 + 7 + 7 + 7 + 2
    CHECK(deletion.deleted() == 30);
    CHECK(Summarize(e)->successful == before.successful - 30);
    const auto journal = ReadJournal(e.db).value();
    REQUIRE(journal.size() == 32);
    for (std::size_t i = 2; i < journal.size(); ++i) CHECK(journal[i].batch == 2);
    CHECK(UndoLastBatch(e.db).value() == "delete_tasks");
    CHECK(Summarize(e)->successful == before.successful);
    CHECK(Summarize(e)->failed == before.failed - 2);  // the earlier action stays
}

TEST_CASE("a failing batch changes nothing and journals nothing") {
    Export e = test::OpenFixtureCopy("djq2-latest.sqlite3");
    auto ids = test::TaskIds(e, 2, true);
    ids.push_back("no-such-task");
    auto deleted = DeleteTasks(e, ids);
    REQUIRE_FALSE(deleted);
    CHECK(deleted.error().code == "journal.no_row");
    CHECK(Summarize(e)->successful == 69);
    CHECK(ReadJournal(e.db)->empty());
}

TEST_CASE("undo reverts the last batch exactly, then the one before") {
    Export e = test::OpenFixtureCopy("djq2-latest.sqlite3");
    const auto original = e.db.Serialize().value();
    REQUIRE(DeleteTasks(e, test::TaskIds(e, 2, true)));
    REQUIRE(DeleteTasks(e, test::TaskIds(e, 1, false)));
    CHECK(Summarize(e)->successful == 67);
    CHECK(Summarize(e)->failed == 7);

    auto undone = UndoLastBatch(e.db);
    REQUIRE(undone);
    CHECK(undone.value() == "delete_tasks");
    CHECK(Summarize(e)->failed == 8);
    CHECK(Summarize(e)->successful == 67);
    REQUIRE(UndoLastBatch(e.db));
    CHECK(Summarize(e)->successful == 69);
    CHECK(UndoLastBatch(e.db).error().code == "journal.empty");

    // Every restored row is byte for byte the original.
    auto copy = Db::OpenBytes(original);
    for (const char* sql : {"SELECT group_concat(id || name || func || coalesce(args,'') || coalesce(result,'') || started || stopped || success || coalesce(\"group\",'') || attempt_count || coalesce(cluster,''), ',') FROM (SELECT * FROM django_q_task ORDER BY id)"}) {
        auto a = e.db.Prepare(sql), b = copy->Prepare(sql);
        REQUIRE((a->Step().value() && b->Step().value()));
        CHECK(a->Text(0) == b->Text(0));
    }
}

TEST_CASE("Django's tables keep Django's schema: the journal is a djq_ table of its own") {
    Export e = test::OpenFixtureCopy("djq2-latest.sqlite3");
    REQUIRE(DeleteTasks(e, test::TaskIds(e, 1, true)));
    auto stmt = e.db.Prepare("SELECT group_concat(name) FROM sqlite_schema WHERE type = 'table' AND name LIKE 'djq%'");
    REQUIRE(stmt->Step().value());
    CHECK(stmt->Text(0) == "djq_journal");
    auto schema = DetectSchema(e.db);
    REQUIRE(schema);
}
