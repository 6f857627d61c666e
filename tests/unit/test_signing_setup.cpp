// Issue 14, items 5 and 7: compress is read from the export's payloads, a typed key is checked
// against its signed entries before anything is signed, and no file meant for a server holds an
// entry that waits for the server's signature.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "core/decode/signing.h"
#include "core/model/queued.h"
#include "core/model/resubmit.h"
#include "core/django_q/signing_check.h"
#include "core/sync/apply.h"
#include "core/sync/changeset.h"
#include "core/sync/fixture_export.h"
#include "core/sync/server_copy.h"
#include "test_fixtures.h"

using namespace core;

namespace {

constexpr char kKey[] = "fixture-secret-key-1-not-for-production";  // settings-*.json
constexpr char kCluster[] = "djqdemo";
const UnixMicros kNow = *ParseDjangoDatetime("2026-12-01 05:30:00.250000");

std::int64_t Count(Export& e, const std::string& sql) {
    auto stmt = e.db.Prepare(sql);
    REQUIRE(stmt->Step().value());
    return stmt->Int(0);
}

// Every queue entry's payload signed again with compress on, as a cluster with compress=True has them.
void ResignAllCompressed(Export& e) {
    auto rows = ListQueued(e);
    REQUIRE(rows);
    for (const QueuedRow& row : rows.value()) {
        auto payload = ParseSignedPayload(row.payload);
        REQUIRE(payload);
        auto update = e.db.Prepare("UPDATE django_q_ormq SET payload = ?1 WHERE id = ?2");
        update->Bind(1, SignPayload(payload->pickle, kKey, kCluster, payload->timestamp, true)).Bind(2, row.id);
        REQUIRE(update->Run());
    }
}

// A failed task resubmitted without the key: its queue entry waits for the server's signature.
Export WithUnsignedResubmit(const char* fixture) {
    Export e = test::OpenFixtureCopy(fixture);
    ResubmitSettings settings;
    settings.way = ResubmitWay::QueueEntrySignedOnServer;
    settings.cluster_name = kCluster;
    REQUIRE(ResubmitTasks(e, test::TaskIds(e, 1, false), settings, kNow));
    REQUIRE(CountAwaitingSignature(e).value() == 1);
    return e;
}

}  // namespace

TEST_CASE("compress is read from the export's payloads", "[signing_setup]") {
    for (const char* fixture : {"djq2-latest.sqlite3", "djq1-1.3.9.sqlite3"}) {
        INFO(fixture);
        Export e = test::OpenFixtureCopy(fixture);
        auto seen = DetectCompress(e);
        REQUIRE(seen);
        CHECK(seen->compress == std::optional<bool>(false));  // the fixtures' clusters have compress=False
        CHECK(seen->entry_id > 0);
        ResignAllCompressed(e);
        seen = DetectCompress(e);
        REQUIRE(seen);
        CHECK(seen->compress == std::optional<bool>(true));
    }
    SECTION("an export without queue entries tells nothing") {
        Export e = test::OpenFixtureCopy("djq2-latest.sqlite3");
        REQUIRE(e.db.Exec("DELETE FROM django_q_ormq"));
        CHECK(DetectCompress(e).value().compress == std::nullopt);
    }
}

TEST_CASE("a typed key is checked against the export's signed entries", "[signing_setup]") {
    Export e = test::OpenFixtureCopy("djq2-latest.sqlite3");
    CHECK(CheckKeyAgainstExport(e, kKey, kCluster).value().match == KeyMatch::Matches);
    const auto wrong = CheckKeyAgainstExport(e, "not-the-key", kCluster).value();
    CHECK(wrong.match == KeyMatch::Mismatch);
    CHECK(wrong.entry_id > 0);
    CHECK(CheckKeyAgainstExport(e, kKey, "default").value().match == KeyMatch::Mismatch);  // the salt is the cluster name
    CHECK(RequireMatchingKey(e, "not-the-key", kCluster, /*key_rotated=*/true));  // the user says the entries predate the key
    const Status refused = RequireMatchingKey(e, "not-the-key", kCluster, false);
    REQUIRE(!refused);
    CHECK(refused.error().code == "signing.wrong_key");
    CHECK(refused.error().message.find("not-the-key") == std::string::npos);  // the key is never in a message
    REQUIRE(e.db.Exec("DELETE FROM django_q_ormq"));
    CHECK(CheckKeyAgainstExport(e, "anything", kCluster).value().match == KeyMatch::NoSignedEntry);
}

TEST_CASE("nothing is signed with a key the export's entries reject", "[signing_setup]") {
    Export e = test::OpenFixtureCopy("djq2-latest.sqlite3");
    const std::int64_t before = Count(e, "SELECT count(*) FROM django_q_ormq");
    ResubmitSettings settings;
    settings.secret_key = "not-the-key";
    settings.cluster_name = kCluster;
    auto done = ResubmitTasks(e, test::TaskIds(e, 1, false), settings, kNow);
    REQUIRE(!done);
    CHECK(done.error().code == "signing.wrong_key");
    CHECK(Count(e, "SELECT count(*) FROM django_q_ormq") == before);
    settings.secret_key = kKey;
    CHECK(ResubmitTasks(e, test::TaskIds(e, 1, false), settings, kNow));
}

TEST_CASE("djq apply refuses a key the server's entries reject before writing anything", "[signing_setup]") {
    Export working = WithUnsignedResubmit("djq2-latest.sqlite3");
    auto changeset = ExportChangeset(working.db, {"djq2-latest.sqlite3", "q2"});
    REQUIRE(changeset);
    Export server = test::OpenFixtureCopy("djq2-latest.sqlite3");
    const std::int64_t tasks = Count(server, "SELECT count(*) FROM django_q_task");
    ApplyOptions options;
    options.now = kNow;
    options.signing = ServerSigning{"not-the-key", kCluster, false};
    auto report = ApplyChangeset(server, changeset.value(), options);
    REQUIRE(!report);
    CHECK(report.error().code == "signing.wrong_key");
    CHECK(Count(server, "SELECT count(*) FROM django_q_task") == tasks);
    options.signing = ServerSigning{kKey, kCluster, false};
    CHECK(ApplyChangeset(server, changeset.value(), options));
}

TEST_CASE("files for a server sign waiting entries with a checked key, or leave them out", "[signing_setup]") {
    for (const char* fixture : {"djq2-latest.sqlite3", "djq1-1.3.9.sqlite3"}) {
        INFO(fixture);
        Export working = WithUnsignedResubmit(fixture);
        const std::int64_t queued = Count(working, "SELECT count(*) FROM django_q_ormq");

        SECTION("without a key they are left out; the working copy keeps them") {
            auto copy = MakeServerCopy(working, std::nullopt, kNow);
            REQUIRE(copy);
            CHECK(copy->left_out == 1);
            CHECK(Count(copy->Use(working), "SELECT count(*) FROM django_q_ormq") == queued - 1);
            CHECK(CountAwaitingSignature(copy->Use(working)).value() == 0);
            CHECK(CountAwaitingSignature(working).value() == 1);
            auto fixture_json = ExportFixture(copy->Use(working));
            REQUIRE(fixture_json);
            CHECK(fixture_json->find("djq-unsigned:") == std::string::npos);
        }
        SECTION("with the right key they are signed as the server signs") {
            auto copy = MakeServerCopy(working, ServerSigning{kKey, kCluster, false}, kNow);
            REQUIRE(copy);
            CHECK(copy->signed_entries == 1);
            CHECK(Count(copy->Use(working), "SELECT count(*) FROM django_q_ormq") == queued);
            auto rows = ListQueued(copy->Use(working));
            REQUIRE(rows);
            for (const QueuedRow& row : rows.value()) {
                const QueuedView view = DescribeQueued(row, copy->Use(working).schema.variant, kNow, std::string_view(kKey), kCluster);
                CHECK(view.signature == std::optional<SignatureCheck>(SignatureCheck::Valid));
            }
        }
        SECTION("with a wrong key they are left out, and the file says why") {
            auto copy = MakeServerCopy(working, ServerSigning{"not-the-key", kCluster, false}, kNow);
            REQUIRE(copy);
            CHECK(copy->signed_entries == 0);
            CHECK(copy->left_out == 1);
            REQUIRE(copy->key_refused);
            CHECK(copy->key_refused->code == "signing.wrong_key");
        }
    }
    SECTION("with nothing waiting, the working copy itself is the file") {
        Export working = test::OpenFixtureCopy("djq2-latest.sqlite3");
        auto copy = MakeServerCopy(working, std::nullopt, kNow);
        REQUIRE(copy);
        CHECK(!copy->copy);
    }
}
