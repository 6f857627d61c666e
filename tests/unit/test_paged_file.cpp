// The working copy's chunks (core/db/paged_file.h): an edit hands out only what it changed, and
// what was handed out, put back together, is the working copy byte for byte, journal included.
#include <catch2/catch.hpp>

#include <cstring>

#include "core/db/paged_file.h"
#include "core/model/summary.h"
#include "core/model/task_edits.h"
#include "core/model/resubmit.h"
#include "core/model/schedule_edits.h"
#include "core/sync/journal.h"
#include "test_fixtures.h"

using namespace core;

namespace {

// Keeps what the working copy hands out after each change, as the browser's IndexedDB does.
struct Keeper {
    Bytes kept;
    std::size_t last_chunks = 0;
    void Take(Db& db) {
        const ChunkChanges changes = db.paged()->TakeChanges();
        last_chunks = changes.chunks.size();
        ApplyChanges(kept, changes);
    }
};

// A kept copy opened as the app restores it.
Db Restore(const Bytes& kept) {
    auto buffer = FileBuffer::Allocate(kept.size());
    REQUIRE(buffer);
    std::memcpy(buffer->data(), kept.data(), kept.size());
    auto db = Db::OpenBuffer(std::move(*buffer), true);
    REQUIRE(db);
    return std::move(db.value());
}

std::vector<std::string> JournalLines(Db& db) {
    std::vector<std::string> lines;
    for (const JournalEntry& entry : ReadJournal(db).value())
        lines.push_back(std::to_string(entry.batch) + " " + entry.operation + " " + entry.table + " " + entry.pk.dump());
    return lines;
}

}  // namespace

TEST_CASE("a new working copy is handed out whole once, then an edit hands out only the chunks it changed") {
    Export e = test::MakeDemoExport(DemoOptions{.tasks = 20'000});
    Keeper keeper;
    keeper.Take(e.db);
    const auto all_chunks = keeper.last_chunks;
    CHECK(all_chunks == static_cast<std::size_t>((e.db.paged()->size() + PagedFile::kChunkSize - 1) / PagedFile::kChunkSize));
    CHECK(all_chunks > 100);
    CHECK(keeper.kept == e.db.Serialize().value());

    keeper.Take(e.db);  // nothing changed since
    CHECK(keeper.last_chunks == 0);

    REQUIRE(DeleteTasks(e, test::TaskIds(e, 1, false)));
    const ChunkChanges changes = e.db.paged()->TakeChanges();
    CHECK_FALSE(changes.whole);
    CHECK(changes.chunks.size() >= 1);
    CHECK(changes.chunks.size() <= 12);  // the task's pages, its indexes', the journal's: not the file
    ApplyChanges(keeper.kept, changes);
    CHECK(keeper.kept == e.db.Serialize().value());
}

TEST_CASE("restore puts back exactly what was kept: batches, an undone action and later edits included") {
    Export e = test::OpenFixtureCopy("djq2-latest.sqlite3");
    Keeper keeper;
    keeper.Take(e.db);

    REQUIRE(DeleteTasks(e, test::TaskIds(e, 2, false)));  // batch 1: two rows
    keeper.Take(e.db);
    TaskDeletion deletion(test::TaskIds(e, 30, true));  // batch 2: 30 rows, in steps
    while (!deletion.Step(e, 7).value()) {
    }
    keeper.Take(e.db);
    REQUIRE(PauseSchedule(e, 3));  // batch 3, then undone
    keeper.Take(e.db);
    REQUIRE(UndoLastBatch(e.db));
    keeper.Take(e.db);
    REQUIRE(DeleteSchedules(e, {4}));  // batch 3 again
    keeper.Take(e.db);

    Db restored = Restore(keeper.kept);
    CHECK(restored.Serialize().value() == e.db.Serialize().value());
    CHECK(JournalLines(restored) == JournalLines(e.db));
    CHECK(JournalLines(restored).size() == 2 + 30 + 1);

    // The restored copy hands out nothing until changed, and its undo undoes the last action.
    CHECK(restored.paged()->TakeChanges().chunks.empty());
    CHECK(UndoLastBatch(restored).value() == "delete_schedules");
    const ChunkChanges after_undo = restored.paged()->TakeChanges();
    CHECK_FALSE(after_undo.whole);
    ApplyChanges(keeper.kept, after_undo);
    CHECK(keeper.kept == restored.Serialize().value());
}

TEST_CASE("the working copy grows past its first buffer and shrinks again, and what is kept follows") {
    auto opened = Db::OpenMemory();
    REQUIRE(opened);
    Db& db = opened.value();
    Keeper keeper;
    REQUIRE(db.Exec("CREATE TABLE blobs (b BLOB)"));
    REQUIRE(db.Exec("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 40) INSERT INTO blobs SELECT randomblob(100000) FROM n"));
    keeper.Take(db);
    CHECK(db.paged()->size() > 4'000'000);
    CHECK(keeper.kept == db.Serialize().value());

    REQUIRE(db.Exec("DELETE FROM blobs WHERE rowid > 5; VACUUM"));
    keeper.Take(db);
    CHECK(db.paged()->size() < 1'000'000);
    CHECK(keeper.kept.size() == static_cast<std::size_t>(db.paged()->size()));
    CHECK(keeper.kept == db.Serialize().value());
    Db restored = Restore(keeper.kept);
    auto count = restored.Prepare("SELECT count(*), sum(length(b)) FROM blobs");
    REQUIRE(count->Step().value());
    CHECK(count->Int(0) == 5);
    CHECK(count->Int(1) == 500'000);
}

TEST_CASE("ForgetKept hands out the whole copy again, marked whole") {
    Export e = test::OpenFixtureCopy("djq1-1.3.9.sqlite3");
    (void)e.db.paged()->TakeChanges();
    e.db.paged()->ForgetKept();
    const ChunkChanges again = e.db.paged()->TakeChanges();
    CHECK(again.whole);
    Bytes kept = {1, 2, 3};  // another file's, dropped
    ApplyChanges(kept, again);
    CHECK(kept == e.db.Serialize().value());
}

TEST_CASE("changes taken in parts, with an edit between them, rebuild the working copy once a part says complete") {
    Export e = test::MakeDemoExport(DemoOptions{.tasks = 20'000});
    PagedFile& paged = *e.db.paged();
    const auto all_chunks = static_cast<std::size_t>((paged.size() + PagedFile::kChunkSize - 1) / PagedFile::kChunkSize);
    Bytes kept = {1, 2, 3};  // another file's, dropped by the first part

    ChunkChanges first = paged.TakeChanges(10);
    CHECK(first.whole);
    CHECK_FALSE(first.complete);
    CHECK(first.chunks.size() == 10);
    CHECK(first.chunks.front().first == 0);  // in file order
    ApplyChanges(kept, first);

    // An edit between parts: the chunks it wrote are handed (again) in a later part.
    REQUIRE(DeleteTasks(e, test::TaskIds(e, 3, false)));
    std::size_t parts = 1, handed = first.chunks.size();
    for (bool complete = false; !complete; ++parts) {
        REQUIRE(paged.HasChangesToTake());
        ChunkChanges part = paged.TakeChanges(10);
        CHECK_FALSE(part.whole);
        CHECK(part.chunks.size() <= 10);
        handed += part.chunks.size();
        complete = part.complete;
        ApplyChanges(kept, part);
    }
    CHECK_FALSE(paged.HasChangesToTake());
    CHECK(parts >= all_chunks / 10);
    CHECK(handed >= all_chunks);
    CHECK(kept == e.db.Serialize().value());
    Db restored = Restore(kept);
    CHECK(JournalLines(restored).size() == 3);
}
