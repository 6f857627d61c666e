// The Changes page's model: the journal in words, one entry per action, and undo of any one of them.
#include <catch2/catch.hpp>

#include "core/model/resubmit.h"
#include "core/model/schedule_edits.h"
#include "core/model/summary.h"
#include "core/model/task_edits.h"
#include "core/sched/timestamp.h"
#include "core/sync/journal.h"
#include "core/sync/pending_actions.h"
#include "test_fixtures.h"

using namespace core;

namespace {

std::int64_t Repeats(Export& e, std::int64_t id) {
    auto stmt = e.db.Prepare("SELECT repeats FROM django_q_schedule WHERE id = ?1");
    stmt->Bind(1, id);
    REQUIRE(stmt->Step().value());
    return stmt->Int(0);
}

}  // namespace

TEST_CASE("pending actions say what each does on the server and whether its queue entries are signed") {
    Export e = test::OpenFixtureCopy("djq2-latest.sqlite3");
    CHECK(ListPendingActions(e.db).value().empty());
    const auto failed = test::TaskIds(e, 2, false);
    ResubmitSettings settings;
    settings.way = ResubmitWay::QueueEntrySignedOnServer;
    settings.cluster_name = "default";
    REQUIRE(ResubmitTasks(e, failed, settings, ParseDjangoDatetime("2026-11-24 02:00:00").value()));
    REQUIRE(PauseSchedule(e, 6));
    REQUIRE(DeleteTasks(e, test::TaskIds(e, 3, true)));

    const auto actions = ListPendingActions(e.db).value();
    REQUIRE(actions.size() == 3);
    CHECK(ActionTitle(actions[0]) == "Resubmit failed tasks");
    CHECK(ActionWords(actions[0]) ==
          "Adds 2 queue entries, deletes 2 tasks (first: " + actions[0].first_label + "). 2 queue entries wait for the "
          "server's signature: djq apply --secret-key-env signs them on the server.");
    CHECK(actions[0].awaiting_signature == 2);
    CHECK(actions[0].signed_entries == 0);
    CHECK(ActionTitle(actions[1]) == "Pause a schedule");
    CHECK(ActionWords(actions[1]) == "Changes 1 schedule (first: failing-daily).");
    CHECK(ActionTitle(actions[2]) == "Delete tasks");
    CHECK(actions[2].rows == 3);
    CHECK(actions[0].batch < actions[1].batch);
    CHECK(actions[1].batch < actions[2].batch);
}

TEST_CASE("any one action can be undone unless a later one changed its rows") {
    Export e = test::OpenFixtureCopy("djq2-latest.sqlite3");
    REQUIRE(DeleteTasks(e, test::TaskIds(e, 2, true)));
    REQUIRE(PauseSchedule(e, 6));
    const std::int64_t repeats_paused = Repeats(e, 6);
    REQUIRE(ResumeSchedule(e, 6));
    REQUIRE(DeleteTasks(e, test::TaskIds(e, 1, false)));
    auto actions = ListPendingActions(e.db).value();
    REQUIRE(actions.size() == 4);

    // The pause is under the resume: the resume goes first, and nothing changes meanwhile.
    const auto refused = UndoBatch(e.db, actions[1].batch);
    REQUIRE_FALSE(refused);
    CHECK(refused.error().code == "journal.later_edit");
    CHECK(refused.error().message == "a later resume_schedule changed django_q_schedule id 6: undo that first");
    CHECK(ListPendingActions(e.db).value().size() == 4);

    // The first deletion, under two later actions that touched other rows: undone alone.
    CHECK(UndoBatch(e.db, actions[0].batch).value() == "delete_tasks");
    CHECK(Summarize(e)->successful == 69);
    CHECK(Summarize(e)->failed == 7);  // the later deletion stays
    actions = ListPendingActions(e.db).value();
    REQUIRE(actions.size() == 3);
    CHECK(ActionTitle(actions[0]) == "Pause a schedule");
    CHECK(UndoBatch(e.db, actions[1].batch).value() == "resume_schedule");
    CHECK(Repeats(e, 6) == repeats_paused);
    CHECK(UndoBatch(e.db, actions[0].batch).value() == "pause_schedule");
    CHECK(UndoLastBatch(e.db).value() == "delete_tasks");
    CHECK(ListPendingActions(e.db).value().empty());
    CHECK(Summarize(e)->failed == 8);
}
