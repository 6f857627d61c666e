#include <catch2/catch.hpp>

#include "core/io/file.h"
#include "core/model/summary.h"
#include "core/model/task_edits.h"
#include "core/sync/apply.h"
#include "core/sync/journal.h"
#include "test_fixtures.h"

using namespace core;

namespace {

Export Open(const char* fixture) { return test::OpenFixtureCopy(fixture); }
std::vector<std::string> FailedIds(Export& e, int count) { return test::TaskIds(e, count, false); }

// A working copy with two deletions and one schedule change, and its changeset.
struct Edited {
    Export working = Open("djq2-latest.sqlite3");
    std::string changeset;
    std::vector<std::string> deleted;
    Edited() {
        deleted = FailedIds(working, 2);
        REQUIRE(DeleteTasks(working, deleted));
        auto schedule = ReadRow(working.db, "django_q_schedule", 2).value();
        REQUIRE(schedule);
        (*schedule)["repeats"] = 5;
        REQUIRE(Journalled(working.db, "save_schedule", [&](EditBatch& batch) { return batch.Update("django_q_schedule", *schedule); }));
        auto exported = ExportChangeset(working.db, {"djq2-latest.sqlite3", "q2"});
        REQUIRE(exported);
        changeset = exported.value();
    }
};

std::int64_t Repeats(Export& e, int id) { return (*ReadRow(e.db, "django_q_schedule", id).value())["repeats"].get<std::int64_t>(); }

}  // namespace

TEST_CASE("the changeset is versioned JSON carrying every journal entry") {
    Edited edited;
    const auto document = nlohmann::json::parse(edited.changeset);
    CHECK(document["format"] == "djq-changeset");
    CHECK(document["version"] == 2);
    CHECK(document["changes"][0]["action"] == document["changes"][1]["action"]);  // one deletion: one action
    CHECK(document["changes"][2]["action"] != document["changes"][0]["action"]);
    CHECK(document["source"]["variant"] == "q2");
    REQUIRE(document["changes"].size() == 3);
    CHECK(document["changes"][0]["kind"] == "delete");
    CHECK(document["changes"][2]["operation"] == "save_schedule");
    CHECK(document["changes"][2]["before"]["repeats"] == 0);
    CHECK(document["changes"][2]["after"]["repeats"] == 5);
}

TEST_CASE("apply changes the server in one go, and applying twice changes nothing more") {
    Edited edited;
    Export server = Open("djq2-latest.sqlite3");
    auto report = ApplyChangeset(server, edited.changeset, {});
    REQUIRE(report);
    CHECK(report->applied == 2);  // actions: the deletion of two tasks, the schedule's save
    CHECK(report->conflicts == 0);
    CHECK(report->committed);
    CHECK(Summarize(server)->failed == 6);
    CHECK(Repeats(server, 2) == 5);

    const auto after_first = server.db.Serialize().value();
    auto again = ApplyChangeset(server, edited.changeset, {});
    REQUIRE(again);
    CHECK(again->applied == 0);
    CHECK(again->already_applied == 2);
    CHECK(server.db.Serialize().value() == after_first);
}

TEST_CASE("a row changed on the server since the export is a conflict, reported with both versions") {
    Edited edited;
    Export server = Open("djq2-latest.sqlite3");
    REQUIRE(server.db.Exec("UPDATE django_q_schedule SET repeats = 9 WHERE id = 2"));

    auto report = ApplyChangeset(server, edited.changeset, {});
    REQUIRE(report);
    CHECK(report->conflicts == 1);
    CHECK_FALSE(report->committed);
    CHECK(Summarize(server)->failed == 8);  // nothing written
    REQUIRE(report->actions.size() == 2);
    CHECK(report->actions[1].outcome == ApplyOutcome::Conflict);
    const EntryResult& conflict = report->actions[1].entries[0];
    CHECK(conflict.outcome == ApplyOutcome::Conflict);
    CHECK((*conflict.expected)["repeats"] == 0);
    CHECK((*conflict.server)["repeats"] == 9);

    auto skipping = ApplyChangeset(server, edited.changeset, {.skip_conflicts = true});
    REQUIRE(skipping);
    CHECK(skipping->applied == 1);
    CHECK(skipping->skipped == 1);
    CHECK(skipping->committed);
    CHECK(Summarize(server)->failed == 6);
    CHECK(Repeats(server, 2) == 9);  // the server's change is kept
}

TEST_CASE("a dry run reports what would happen and changes nothing") {
    Edited edited;
    Export server = Open("djq2-latest.sqlite3");
    const auto before = server.db.Serialize().value();
    auto report = ApplyChangeset(server, edited.changeset, {.dry_run = true});
    REQUIRE(report);
    CHECK(report->applied == 2);
    CHECK_FALSE(report->committed);
    CHECK(server.db.Serialize().value() == before);
}

TEST_CASE("edits made on a JSON export apply to the database export despite millisecond datetimes") {
    auto json = ReadFile(test::FixturePath("djq2-latest.json"));
    REQUIRE(json);
    auto working = OpenExportBytes(json.value(), "djq2-latest.json");
    if (!working) {
        WARN("dumpdata import unavailable: " << working.error().Describe());
        return;
    }
    REQUIRE(DeleteTasks(working.value(), FailedIds(working.value(), 1)));
    auto changeset = ExportChangeset(working->db, {"djq2-latest.json", "q2"});
    Export server = Open("djq2-latest.sqlite3");
    auto report = ApplyChangeset(server, changeset.value(), {});
    REQUIRE(report);
    CHECK(report->applied == 1);
    CHECK(report->conflicts == 0);
}

TEST_CASE("malformed changesets are refused with the entry named") {
    Export server = Open("djq2-latest.sqlite3");
    CHECK(ApplyChangeset(server, "{not json", {}).error().code == "changeset.syntax");
    CHECK(ApplyChangeset(server, R"({"format": "other", "changes": []})", {}).error().code == "changeset.syntax");
    CHECK(ApplyChangeset(server, R"({"format": "djq-changeset", "version": "1", "changes": []})", {}).error().code == "changeset.version");
    auto bad_table = ApplyChangeset(server,
        R"({"format": "djq-changeset", "version": 2, "changes": [{"action": "a", "kind": "delete", "table": "auth_user", "pk": 1, "before": {}, "after": null}]})", {});
    CHECK(bad_table.error().code == "changeset.bad_entry");
    CHECK(bad_table.error().where == "change 1");
    auto bad_kind = ApplyChangeset(server,
        R"({"format": "djq-changeset", "version": 2, "changes": [{"action": "a", "kind": "upsert", "table": "django_q_task", "pk": "x", "before": null, "after": {}}]})", {});
    CHECK_THAT(bad_kind.error().message, Catch::Contains("upsert"));
}
