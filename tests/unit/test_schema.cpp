#include <catch2/catch.hpp>

#include "core/io/file.h"
#include "core/open/open_export.h"
#include "core/schema/schema.h"
#include "test_paths.h"

using namespace core;

TEST_CASE("DetectSchema tells django-q 1.3 from django-q2 on the fixtures") {
    auto q1 = OpenExportFile(test::FixturePath("djq1-1.3.9.sqlite3"));
    REQUIRE(q1);
    CHECK(q1->schema.variant == Variant::DjangoQ1);
    CHECK(VariantLabel(q1->schema) == "django-q 1.3");
    CHECK(q1->schema.task_attempt_count);
    CHECK_FALSE(q1->schema.task_cluster);
    CHECK(q1->schema.schedule_cluster);
    CHECK_FALSE(q1->schema.schedule_intended_date_kwarg);
    CHECK(q1->schema.has_ormq);

    auto q2 = OpenExportFile(test::FixturePath("djq2-latest.sqlite3"));
    REQUIRE(q2);
    CHECK(q2->schema.variant == Variant::DjangoQ2);
    CHECK(VariantLabel(q2->schema) == "django-q2");
    CHECK(q2->schema.task_cluster);
    CHECK(q2->schema.schedule_intended_date_kwarg);
}

TEST_CASE("CreateDjangoQSchema makes exactly the tables migrate makes") {
    for (auto [variant, schema_file] : {std::pair{Variant::DjangoQ1, "schema-djq1-1.3.9.sql"}, std::pair{Variant::DjangoQ2, "schema-djq2-latest.sql"}}) {
        auto db = Db::OpenMemory();
        REQUIRE(db);
        REQUIRE(CreateDjangoQSchema(db.value(), variant));
        auto detected = DetectSchema(db.value());
        REQUIRE(detected);
        CHECK(detected->variant == variant);

        // Every django_q DDL statement of the fixture's schema appears verbatim in ours
        // (modulo "IF NOT EXISTS", which sqlite_schema does not keep).
        auto stmt = db->Prepare("SELECT group_concat(sql, char(10)) FROM sqlite_schema WHERE name LIKE 'django_q%' OR name = 'success_index'");
        REQUIRE(stmt->Step().value());
        const std::string ours(stmt->Text(0));
        auto fixture_schema = ReadFile(test::FixturePath(schema_file));
        REQUIRE(fixture_schema);
        const std::string text(AsText(fixture_schema.value()));
        std::size_t start = 0;
        int compared = 0;
        while (start < text.size()) {
            std::size_t end = text.find('\n', start);
            if (end == std::string::npos) end = text.size();
            std::string line = text.substr(start, end - start);
            start = end + 1;
            if (line.find("\"django_q_") == std::string::npos) continue;
            if (const auto at = line.find("IF NOT EXISTS "); at != std::string::npos) line.erase(at, 14);
            if (!line.empty() && line.back() == ';') line.pop_back();
            INFO(line);
            CHECK(ours.find(line) != std::string::npos);
            ++compared;
        }
        CHECK(compared == (variant == Variant::DjangoQ2 ? 4 : 3));
    }
}

TEST_CASE("DetectSchema names what is missing in a foreign or partial database") {
    auto db = Db::OpenMemory();
    REQUIRE(db);
    REQUIRE(db->Exec("CREATE TABLE auth_user (id integer); CREATE TABLE shop_order (id integer)"));
    auto none = DetectSchema(db.value());
    REQUIRE_FALSE(none);
    CHECK(none.error().code == "schema.no_django_q");
    CHECK_THAT(none.error().message, Catch::Contains("auth_user") && Catch::Contains("shop_order"));

    REQUIRE(db->Exec("CREATE TABLE django_q_task (id, name, func)"));
    auto partial = DetectSchema(db.value());
    REQUIRE_FALSE(partial);
    CHECK(partial.error().code == "schema.unsupported");
    CHECK_THAT(partial.error().message, Catch::Contains("\"hook\""));
}

TEST_CASE("regression: an older django-q without attempt_count is still django-q 1") {
    auto db = Db::OpenMemory();
    REQUIRE(db);
    REQUIRE(db->Exec(R"(CREATE TABLE django_q_task (name, func, hook, args, kwargs, result, started, stopped, success, id, "group");
                       CREATE TABLE django_q_schedule (id, func, hook, args, kwargs, schedule_type, repeats, next_run, task, name, minutes, cron))"));
    auto schema = DetectSchema(db.value());
    REQUIRE(schema);
    CHECK(schema->variant == Variant::DjangoQ1);
    CHECK(VariantLabel(schema.value()) == "django-q (before 1.3)");
    CHECK_FALSE(schema->has_ormq);
}
