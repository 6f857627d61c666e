#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "core/io/file.h"
#include "core/open/open_export.h"
#include "core/model/summary.h"
#include "core/decode/pickle_reader.h"
#include "core/decode/py_repr.h"
#include "core/model/task.h"
#include "core/sync/dumpdata_import.h"
#include "core/sync/dumpdata_object.h"
#include "test_paths.h"

using namespace core;

namespace {

// Every django_q row as one line of text, with datetimes cut to milliseconds (dumpdata's precision).
std::vector<std::string> RowsAsText(Db& db, const char* sql) {
    auto stmt = db.Prepare(sql);
    REQUIRE(stmt);
    std::vector<std::string> rows;
    while (stmt->Step().value()) rows.emplace_back(stmt->Text(0));
    return rows;
}

// The result column is compared separately: dumpdata writes some results as plain JSON values.
constexpr const char* kTaskRows =
    R"(SELECT id || '|' || name || '|' || func || '|' || coalesce(hook, '-') || '|' || coalesce(args, '-') || '|' || coalesce(kwargs, '-') || '|' || substr(started, 1, 23) || '|' || substr(stopped, 1, 23) || '|' || success || '|' || coalesce("group", '-') || '|' || attempt_count FROM django_q_task ORDER BY id)";
constexpr const char* kScheduleRows =
    R"(SELECT id || '|' || coalesce(name, '-') || '|' || func || '|' || coalesce(args, '-') || '|' || coalesce(kwargs, '-') || '|' || schedule_type || '|' || coalesce(minutes, '-') || '|' || repeats || '|' || coalesce(substr(next_run, 1, 23), '-') || '|' || coalesce(cron, '-') || '|' || coalesce(task, '-') || '|' || coalesce(cluster, '-') FROM django_q_schedule ORDER BY id)";
constexpr const char* kOrmqRows =
    R"(SELECT id || '|' || "key" || '|' || payload || '|' || coalesce(substr("lock", 1, 23), '-') FROM django_q_ormq ORDER BY id)";

Result<Db> Import(const std::string& json) { return ImportDumpdata(AsBytes(json)); }

}  // namespace

TEST_CASE("dumpdata JSON of both fixtures imports to the same rows as their SQLite databases") {
    for (const char* name : {"djq1-1.3.9", "djq2-latest"}) {
        INFO(name);
        auto json = ReadFile(test::FixturePath(std::string(name) + ".json"));
        REQUIRE(json);
        auto imported = OpenExportBytes(json.value(), "fixture.json");
        REQUIRE(imported);
        auto sqlite = OpenExportFile(test::FixturePath(std::string(name) + ".sqlite3"));
        REQUIRE(sqlite);
        CHECK(imported->schema.variant == sqlite->schema.variant);
        for (const char* sql : {kTaskRows, kScheduleRows, kOrmqRows}) {
            const auto ours = RowsAsText(imported->db, sql), theirs = RowsAsText(sqlite->db, sql);
            REQUIRE(ours.size() == theirs.size());
            for (std::size_t i = 0; i < ours.size(); ++i) CHECK(ours[i] == theirs[i]);
        }
        CHECK(Summarize(imported.value())->failed == Summarize(sqlite.value())->failed);

        // Results: what loaddata would store. A number dumpdata wrote as itself is pickled exactly as
        // Django Q pickled it; a datetime it wrote as ISO text comes back as that text (dumpdata lost
        // the type); every base64 pickle is kept as it was.
        const auto fixture = nlohmann::json::parse(AsText(json.value()));
        int numbers = 0, texts = 0, pickles = 0;
        for (const auto& object : fixture) {
            if (object["model"] != "django_q.task") continue;
            const auto& result = object["fields"]["result"];
            auto stmt = imported->db.Prepare("SELECT result FROM django_q_task WHERE id = ?1");
            stmt->Bind(1, object["pk"].get<std::string>());
            REQUIRE(stmt->Step().value());
            const std::string ours(stmt->Text(0));
            auto original = FindTask(sqlite.value(), object["pk"].get<std::string>()).value();
            if (result.is_number()) {
                CHECK(ours == original->result);
                ++numbers;
            } else if (result.is_string() && DecodePickledField(result.get<std::string>())) {
                CHECK(ours == result.get<std::string>());
                ++pickles;
            } else {
                CHECK(ReprPython(*DecodePickledField(ours).value()) == "'" + result.get<std::string>() + "'");
                ++texts;
            }
        }
        CHECK(numbers > 0);
        CHECK(texts > 0);
        CHECK(pickles > 50);
    }
}

TEST_CASE("a JSON file opens through the same call as a SQLite one") {
    auto opened = OpenExportFile(test::FixturePath("djq2-latest.json"));
    REQUIRE(opened);
    CHECK(VariantLabel(opened->schema) == "django-q2");
    CHECK(Summarize(opened.value())->successful == 69);
}

TEST_CASE("malformed JSON is reported with its byte, line and column") {
    auto result = Import("[\n  {\"model\": \"django_q.task\",\n   \"pk\": 1,, }\n]");
    REQUIRE_FALSE(result);
    CHECK(result.error().code == "dumpdata.syntax");
    CHECK(result.error().where == "byte 42");
    CHECK_THAT(result.error().message, Catch::Contains("line 3, column 12"));

    auto truncated = Import(R"([{"model": "django_q.ormq", "pk": 1, "fields": {"key": "x", "payl)");
    REQUIRE_FALSE(truncated);
    CHECK(truncated.error().code == "dumpdata.syntax");
}

TEST_CASE("JSON that is not a Django Q fixture says so") {
    CHECK(Import(R"({"model": "django_q.task"})").error().code == "dumpdata.not_a_list");
    CHECK(Import(R"([{"model": "auth.user", "pk": 1, "fields": {}}])").error().code == "dumpdata.no_django_q");
    CHECK(Import("[]").error().code == "dumpdata.no_django_q");
    auto unknown = Import(R"([{"model": "django_q.success", "pk": 1, "fields": {}}])");
    CHECK(unknown.error().code == "dumpdata.unknown_model");
    CHECK(unknown.error().where == "object 1 (django_q.success, pk 1)");
    CHECK(Import(R"([{"model": "django_q.task", "fields": {}}])").error().code == "dumpdata.bad_object");
}

TEST_CASE("a field of the wrong type names the object, its pk and the field") {
    const std::string ok_task = R"({"model": "django_q.task", "pk": "a1", "fields": {"name": "n", "func": "f", "started": "2026-11-24T01:34:22.756Z", "stopped": "2026-11-24T01:34:23Z", "success": true, "attempt_count": 1}})";
    REQUIRE(Import("[" + ok_task + "]"));

    auto bad_date = Import("[" + ok_task + R"(, {"model": "django_q.task", "pk": "b2", "fields": {"name": "n", "func": "f", "started": "yesterday", "stopped": "2026-11-24T01:34:23Z", "success": true}}])");
    REQUIRE_FALSE(bad_date);
    CHECK(bad_date.error().code == "dumpdata.bad_field");
    CHECK(bad_date.error().where == "object 2 (django_q.task, pk \"b2\")");
    CHECK_THAT(bad_date.error().message, Catch::Contains("\"started\"") && Catch::Contains("\"yesterday\""));

    auto bad_bool = Import(R"([{"model": "django_q.schedule", "pk": 3, "fields": {"func": "f", "schedule_type": "D", "repeats": "forever"}}])");
    REQUIRE_FALSE(bad_bool);
    CHECK_THAT(bad_bool.error().message, Catch::Contains("\"repeats\"") && Catch::Contains("whole number"));

    auto bad_pk = Import(R"([{"model": "django_q.ormq", "pk": "x", "fields": {"key": "k", "payload": "p"}}])");
    REQUIRE_FALSE(bad_pk);
    CHECK_THAT(bad_pk.error().message, Catch::Contains("primary key"));
}

TEST_CASE("objects of other apps in a full dumpdata are skipped") {
    auto db = Import(R"([{"model": "auth.user", "pk": 1, "fields": {"username": "x"}},
        {"model": "django_q.ormq", "pk": 5, "fields": {"key": "default", "payload": "p:q:r", "lock": null}}])");
    REQUIRE(db);
    auto stmt = db->Prepare("SELECT count(*) FROM django_q_ormq");
    REQUIRE(stmt->Step().value());
    CHECK(stmt->Int(0) == 1);
}

TEST_CASE("objects the in-place reader leaves to the full JSON parser import to the same rows") {
    // Most objects are read in place; one with a nested value anywhere (here an extra field Django
    // Q does not have) goes through the full parser. Both must give the same database.
    constexpr const char* kAllColumns[] = {"SELECT * FROM django_q_task ORDER BY id", "SELECT * FROM django_q_schedule ORDER BY id",
                                           "SELECT * FROM django_q_ormq ORDER BY id"};
    for (const char* name : {"djq1-1.3.9", "djq2-latest"}) {
        INFO(name);
        auto json = ReadFile(test::FixturePath(std::string(name) + ".json"));
        REQUIRE(json);
        auto nested = nlohmann::json::parse(AsText(json.value()));
        for (auto& object : nested) object["fields"]["not_a_django_q_field"] = nlohmann::json::array({1, {{"a", "b"}}});
        auto plain = Import(std::string(AsText(json.value())));
        auto parsed = Import(nested.dump(1));
        REQUIRE(plain);
        REQUIRE(parsed);
        for (const char* sql : kAllColumns) {
            auto ours = plain->Prepare(sql), theirs = parsed->Prepare(sql);
            int rows = 0;
            while (ours->Step().value()) {
                REQUIRE(theirs->Step().value());
                for (int c = 0; c < ours->ColumnCount(); ++c) CHECK(ours->Text(c) == theirs->Text(c));
                ++rows;
            }
            CHECK_FALSE(theirs->Step().value());
            CHECK(rows > 0);
        }
    }
}

TEST_CASE("escaped and non-ASCII text, numbers and nested values in a pickled field import as loaddata would") {
    auto db = Import(R"([{"model": "django_q.task", "pk": "a1", "fields": {"name": "caf\u00e9 \"x\" ☕", "func": "f",
        "started": "2026-11-24T01:34:22.756Z", "stopped": "2026-11-24T01:34:23Z", "success": true, "attempt_count": 1,
        "args": [1, "two"], "kwargs": {"k": 1.5}, "result": -42}}])");
    REQUIRE(db);
    auto stmt = db->Prepare("SELECT name, args, kwargs, result FROM django_q_task");
    REQUIRE(stmt->Step().value());
    CHECK(stmt->Text(0) == "café \"x\" ☕");
    CHECK(ReprPython(*DecodePickledField(std::string(stmt->Text(1))).value()) == "[1, 'two']");
    CHECK(ReprPython(*DecodePickledField(std::string(stmt->Text(2))).value()) == "{'k': 1.5}");
    CHECK(ReprPython(*DecodePickledField(std::string(stmt->Text(3))).value()) == "-42");
}

TEST_CASE("the in-place reader takes dumpdata's plain objects and leaves the rest") {
    const std::string plain = R"( {"model": "django_q.task", "pk": "a1", "fields": {"name": "n", "success": true, "group": null, "attempt_count": -3}}, )";
    DumpdataObject object;
    const auto end = ReadPlainObject(plain, 0, object);
    REQUIRE(end);
    CHECK(plain.substr(*end) == ", ");
    CHECK(object.model == "django_q.task");
    CHECK(object.pk->text == "a1");
    CHECK(object.Field("name")->text == "n");
    CHECK(object.Field("success")->boolean);
    CHECK(object.Field("group")->type == DumpdataValue::Type::Null);
    CHECK(object.Field("attempt_count")->integer == -3);
    CHECK_FALSE(object.Field("func"));
    for (const char* other : {R"({"model": "m", "pk": 1, "fields": {"name": "caf\u00e9"}})", R"({"model": "m", "pk": 1, "fields": {"x": 1.5}})",
                              R"({"model": "m", "pk": 1, "fields": {"x": [1]}})", R"({"model": "m", "pk": 1, "fields": {"x": 01}})",
                              R"({"model": "m", "pk": 1, "fields": {"x": 8888888888888888888888}})",
                              R"({"model": "m", "pk": 1})", R"({"model": 7, "pk": 1, "fields": {}})", R"({"model": "m", "pk": 1, "fields": {},})"}) {
        INFO(other);
        CHECK_FALSE(ReadPlainObject(other, 0, object));
    }
}
