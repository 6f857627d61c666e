#include <catch2/catch.hpp>

#include "core/db/db.h"
#include "core/io/file.h"
#include "test_paths.h"

using namespace core;

TEST_CASE("Db::OpenBytes opens a SQLite file copied into memory") {
    auto bytes = ReadFile(test::FixturePath("djq2-latest.sqlite3"));
    REQUIRE(bytes);
    auto db = Db::OpenBytes(bytes.value());
    REQUIRE(db);
    auto stmt = db->Prepare("SELECT count(*) FROM django_q_task");
    REQUIRE(stmt);
    REQUIRE(stmt->Step().value());
    CHECK(stmt->Int(0) == 77);
}

TEST_CASE("Db::OpenBytes rejects bytes that are not SQLite, naming what they start with") {
    const std::string json = R"([{"model": "django_q.task", "pk": "x"}])";
    auto db = Db::OpenBytes(AsBytes(json));
    REQUIRE_FALSE(db);
    CHECK(db.error().code == "open.not_sqlite");
    CHECK_THAT(db.error().message, Catch::Contains("[{\"model\""));
    CHECK(db.error().where == "byte 0");

    auto empty = Db::OpenBytes({});
    REQUIRE_FALSE(empty);
    CHECK_THAT(empty.error().message, Catch::Contains("empty"));
}

TEST_CASE("Db::OpenBytes reports a truncated SQLite file as damaged, not as a crash") {
    auto bytes = ReadFile(test::FixturePath("djq2-latest.sqlite3"));
    REQUIRE(bytes);
    for (std::size_t keep : {std::size_t{100}, std::size_t{4096}, bytes->size() / 2}) {
        Bytes cut(bytes->begin(), bytes->begin() + static_cast<std::ptrdiff_t>(keep));
        auto db = Db::OpenBytes(cut);
        if (!db) {
            CHECK(db.error().code == "open.corrupt");
            continue;
        }
        // Some cuts keep a readable schema page; reading the lost pages must then fail cleanly.
        auto stmt = db->Prepare("SELECT count(*), sum(length(result)) FROM django_q_task");
        if (stmt) (void)stmt->Step();
        SUCCEED("no crash for a file cut at byte " << keep);
    }
}

TEST_CASE("Db::OpenFile names a missing file and the reason") {
    auto db = Db::OpenFile("/nonexistent/dir/x.sqlite3");
    REQUIRE_FALSE(db);
    CHECK(db.error().code == "open.io");
    CHECK_THAT(db.error().message, Catch::Contains("/nonexistent/dir/x.sqlite3"));
}

TEST_CASE("Serialize round-trips a database through bytes") {
    auto db = Db::OpenMemory();
    REQUIRE(db);
    REQUIRE(db->Exec("CREATE TABLE t (x); INSERT INTO t VALUES (42)"));
    auto bytes = db->Serialize();
    REQUIRE(bytes);
    CHECK(HasSqliteHeader(bytes.value()));
    auto copy = Db::OpenBytes(bytes.value());
    REQUIRE(copy);
    auto stmt = copy->Prepare("SELECT x FROM t");
    REQUIRE(stmt->Step().value());
    CHECK(stmt->Int(0) == 42);
}

TEST_CASE("InTransaction rolls back when the body fails") {
    auto db = Db::OpenMemory();
    REQUIRE(db);
    REQUIRE(db->Exec("CREATE TABLE t (x)"));
    auto failed = InTransaction(db.value(), [&]() -> Status {
        if (auto inserted = db->Exec("INSERT INTO t VALUES (1)"); !inserted) return inserted;
        return MakeError("test.fail", "body failed");
    });
    REQUIRE_FALSE(failed);
    auto stmt = db->Prepare("SELECT count(*) FROM t");
    REQUIRE(stmt->Step().value());
    CHECK(stmt->Int(0) == 0);
}
