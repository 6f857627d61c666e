#include <catch2/catch.hpp>

#include <map>

#include "core/decode/pickle_reader.h"
#include "core/decode/signing.h"
#include "core/demo/demo.h"
#include "core/django_q/queue_lock.h"
#include "core/insights/health.h"
#include "core/model/missed_runs.h"
#include "core/model/decoded_value.h"
#include "core/model/queued.h"
#include "core/schema/export.h"
#include "core/model/summary.h"
#include "test_fixtures.h"

using namespace core;


TEST_CASE("The demo database is a valid export of the asked variant and size") {
    for (Variant variant : {Variant::DjangoQ1, Variant::DjangoQ2}) {
        DemoOptions options;
        options.tasks = 3000;
        options.variant = variant;
        Export demo = test::MakeDemoExport(options);
        CHECK(demo.schema.variant == variant);
        auto summary = Summarize(demo);
        REQUIRE(summary);
        CHECK(summary->successful + summary->failed == 3000);
        CHECK(summary->schedules == 12);
        // About 5% failures, like a healthy production queue.
        CHECK(summary->failed > 100);
        CHECK(summary->failed < 220);
        // Every task has finished by the demo's "now".
        CHECK(summary->last_stopped < std::optional<std::string>("2026-11-24 12:00:00"));
    }
}

TEST_CASE("The demo is deterministic for a seed and differs between seeds") {
    DemoOptions options;
    options.tasks = 500;
    auto first = MakeDemoDatabase(options);
    auto second = MakeDemoDatabase(options);
    options.seed = 2;
    auto other = MakeDemoDatabase(options);
    REQUIRE((first && second && other));
    CHECK(first->Serialize().value() == second->Serialize().value());
    CHECK(first->Serialize().value() != other->Serialize().value());
}

TEST_CASE("Scheduled demo tasks carry their schedule's name as group, as Django Q's scheduler does") {
    Export demo = test::MakeDemoExport(DemoOptions{});
    auto stmt = demo.db.Prepare(R"(SELECT count(*) FROM django_q_task t JOIN django_q_schedule s ON t."group" = s.name AND t.func = s.func)");
    REQUIRE(stmt->Step().value());
    CHECK(stmt->Int(0) > 200);  // a run per due time of the two weeks, newest first, until a third of the tasks
}

TEST_CASE("demo schedules ran at their due times: the health check finds no missed run, and none late") {
    Export demo = test::MakeDemoExport(DemoOptions{});
    HealthOptions options;
    options.now = ParseDjangoDatetime(DemoOptions{}.now).value();
    auto rows = CheckHealth(demo, options);
    REQUIRE(rows);
    for (const HealthRow& row : rows.value()) {
        INFO(HealthCheckId(row.check) << " " << row.id << ": " << row.detail);
        CHECK(row.check == HealthCheck::SchedulePaused);
    }
    auto schedule = FindSchedule(demo, 3);  // hourly-cache-warmup
    REQUIRE(schedule);
    REQUIRE(schedule->has_value());
    auto runs = CheckPastRuns(demo, **schedule, SchedulerVariant::DjangoQ2, TimeZone::Utc(), options.now - 6 * 3'600'000'000LL, options.now);
    REQUIRE(runs);
    CHECK(runs->size() >= 6);
    for (const ExpectedRun& run : runs.value()) CHECK(run.check == RunCheck::OnTime);
}

TEST_CASE("each demo schedule's last run is the newest task of its group, as the scheduler records it") {
    auto demo = MakeDemoDatabase(DemoOptions{});
    REQUIRE(demo);
    auto stmt = demo->Prepare(R"(SELECT count(*), sum(s.task = (SELECT id FROM django_q_task t WHERE t."group" = s.name ORDER BY stopped DESC LIMIT 1))
                                 FROM django_q_schedule s WHERE s.task IS NOT NULL)");
    REQUIRE(stmt->Step().value());
    CHECK(stmt->Int(0) >= 8);              // schedules that ran in the two weeks (not monthly, quarterly, once, paused)
    CHECK(stmt->Int(1) == stmt->Int(0));   // each names its newest
}

TEST_CASE("MakeDemoDatabase refuses impossible options") {
    DemoOptions options;
    options.tasks = -1;
    CHECK(MakeDemoDatabase(options).error().code == "demo.bad_options");
    options.tasks = 1;
    options.now = "yesterday";
    CHECK(MakeDemoDatabase(options).error().code == "demo.bad_options");
}

TEST_CASE("demo tasks hold real pickles, and failures their exception and traceback") {
    Export demo = test::MakeDemoExport(DemoOptions{});
    auto stmt = demo.db.Prepare("SELECT args, kwargs, result, success FROM django_q_task");
    int values = 0, tracebacks = 0;
    while (stmt->Step().value()) {
        for (int column = 0; column < 3; ++column) {
            auto value = DecodeStoredValue(stmt->OptionalText(column));
            REQUIRE(value);
            REQUIRE(value->has_value());
            ++values;
        }
        if (stmt->Int(3) == 0) {
            auto result = DecodeStoredValue(stmt->OptionalText(2)).value();
            REQUIRE(result->text);
            CHECK_THAT(*result->text, Catch::Contains(" : Traceback (most recent call last):"));
            ++tracebacks;
        }
    }
    CHECK(values == 6000);
    CHECK(tracebacks > 50);
}

TEST_CASE("the demo's queue is signed as Django Q signs it, in every lock state") {
    Export demo = test::MakeDemoExport(DemoOptions{});
    auto rows = ListQueued(demo);
    REQUIRE(rows);
    REQUIRE(rows->size() == 25);
    std::map<LockState, int> states;
    for (const auto& row : rows.value()) {
        auto payload = ParseSignedPayload(row.payload);
        REQUIRE(payload);
        CHECK(VerifySignature(payload.value(), kDemoSecretKey, kDemoCluster) == SignatureCheck::Valid);
        auto package = DecodePickle(payload->pickle);
        REQUIRE(package);
        REQUIRE(DictItem(*package.value(), "func"));
        CHECK(DictItem(*package.value(), "id")->text.size() == 32);
        ++states[ReadLock(demo.schema.variant, row.lock, *ParseDjangoDatetime(DemoOptions{}.now)).state];  // as of the demo's own time
    }
    // Locks as a real cluster leaves them: waiting and taken; never NULL, which no broker takes.
    CHECK(states[LockState::Available] > 0);
    CHECK(states[LockState::Taken] > 0);
    CHECK(states[LockState::Null] == 0);
}
