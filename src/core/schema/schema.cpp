#include "core/schema/schema.h"

#include <set>
#include <vector>

namespace core {
namespace {


Result<std::vector<std::string>> TableNames(Db& db) {
    auto stmt = db.Prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name");
    if (!stmt) return stmt.error();
    std::vector<std::string> names;
    while (true) {
        auto row = stmt->Step();
        if (!row) return row.error();
        if (!row.value()) return names;
        names.emplace_back(stmt->Text(0));
    }
}

std::string JoinNames(const std::vector<std::string>& names, std::size_t at_most) {
    if (names.empty()) return "none";
    std::string joined;
    for (std::size_t i = 0; i < names.size() && i < at_most; ++i) joined += (i ? ", " : "") + names[i];
    if (names.size() > at_most) joined += ", … (" + std::to_string(names.size() - at_most) + " more)";
    return joined;
}

// The first of `required` missing from `columns`, or "".
std::string FirstMissing(const std::set<std::string>& columns, std::initializer_list<const char*> required) {
    for (const char* name : required)
        if (!columns.count(name)) return name;
    return {};
}

Error Unsupported(const std::string& table, const std::string& column) {
    return MakeError("schema.unsupported",
                     "table " + table + " has no column \"" + column + "\": not a Django Q version djq-admin knows",
                     "table " + table);
}

constexpr const char* kOrmqDdl =
    R"(CREATE TABLE "django_q_ormq" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "key" varchar(100) NOT NULL, "payload" text NOT NULL, "lock" datetime NULL);)";
constexpr const char* kQ1ScheduleDdl =
    R"(CREATE TABLE "django_q_schedule" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "func" varchar(256) NOT NULL, "hook" varchar(256) NULL, "args" text NULL, "kwargs" text NULL, "schedule_type" varchar(1) NOT NULL, "repeats" integer NOT NULL, "next_run" datetime NULL, "task" varchar(100) NULL, "name" varchar(100) NULL, "minutes" smallint unsigned NULL CHECK ("minutes" >= 0), "cron" varchar(100) NULL, "cluster" varchar(100) NULL);)";
constexpr const char* kQ1TaskDdl =
    R"(CREATE TABLE "django_q_task" ("name" varchar(100) NOT NULL, "func" varchar(256) NOT NULL, "hook" varchar(256) NULL, "args" text NULL, "kwargs" text NULL, "result" text NULL, "started" datetime NOT NULL, "stopped" datetime NOT NULL, "success" bool NOT NULL, "id" varchar(32) NOT NULL PRIMARY KEY, "group" varchar(100) NULL, "attempt_count" integer NOT NULL);)";
constexpr const char* kQ2ScheduleDdl =
    R"(CREATE TABLE "django_q_schedule" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "func" varchar(256) NOT NULL, "hook" varchar(256) NULL, "args" text NULL, "kwargs" text NULL, "schedule_type" varchar(2) NOT NULL, "repeats" integer NOT NULL, "next_run" datetime NULL, "task" varchar(100) NULL, "name" varchar(100) NULL, "minutes" smallint unsigned NULL CHECK ("minutes" >= 0), "cron" varchar(100) NULL, "cluster" varchar(100) NULL, "intended_date_kwarg" varchar(100) NULL);)";
constexpr const char* kQ2TaskDdl =
    R"(CREATE TABLE "django_q_task" ("name" varchar(100) NOT NULL, "func" varchar(256) NOT NULL, "hook" varchar(256) NULL, "args" text NULL, "kwargs" text NULL, "result" text NULL, "started" datetime NOT NULL, "stopped" datetime NOT NULL, "success" bool NOT NULL, "id" varchar(32) NOT NULL PRIMARY KEY, "group" varchar(100) NULL, "attempt_count" integer NOT NULL, "cluster" varchar(100) NULL);)";
constexpr const char* kQ2SuccessIndexDdl =
    R"(CREATE INDEX "success_index" ON "django_q_task" ("group", "name", "func") WHERE "success";)";

}  // namespace

std::string VariantLabel(const SchemaInfo& schema) {
    if (schema.variant == Variant::DjangoQ2) return "django-q2";
    return schema.task_attempt_count ? "django-q 1.3" : "django-q (before 1.3)";
}

const char* VariantId(Variant variant) { return variant == Variant::DjangoQ2 ? "q2" : "q1"; }

Result<SchemaInfo> DetectSchema(Db& db) {
    auto tables = TableNames(db);
    if (!tables) return tables.error();
    auto has_table = [&](std::string_view name) {
        for (const auto& table : tables.value())
            if (table == name) return true;
        return false;
    };
    if (!has_table("django_q_task"))
        return MakeError("schema.no_django_q",
                         "a SQLite database without Django Q tables (no django_q_task); tables found: " +
                             JoinNames(tables.value(), 8));

    auto task = TableColumns(db, "django_q_task");
    if (!task) return task.error();
    if (auto missing = FirstMissing(task.value(), {"id", "name", "func", "hook", "args", "kwargs", "result", "started",
                                                   "stopped", "success", "group"});
        !missing.empty())
        return Unsupported("django_q_task", missing);

    SchemaInfo schema;
    schema.task_attempt_count = task->count("attempt_count") > 0;
    schema.task_cluster = task->count("cluster") > 0;

    if (has_table("django_q_schedule")) {
        auto schedule = TableColumns(db, "django_q_schedule");
        if (!schedule) return schedule.error();
        if (auto missing = FirstMissing(schedule.value(), {"id", "func", "hook", "args", "kwargs", "schedule_type",
                                                           "repeats", "next_run", "task", "name", "minutes"});
            !missing.empty())
            return Unsupported("django_q_schedule", missing);
        schema.schedule_cluster = schedule->count("cluster") > 0;
        schema.schedule_intended_date_kwarg = schedule->count("intended_date_kwarg") > 0;
    } else {
        return MakeError("schema.unsupported", "django_q_task exists but django_q_schedule does not: not a complete Django Q database",
                         "table django_q_schedule");
    }

    if (has_table("django_q_ormq")) {
        auto ormq = TableColumns(db, "django_q_ormq");
        if (!ormq) return ormq.error();
        if (auto missing = FirstMissing(ormq.value(), {"id", "key", "payload", "lock"}); !missing.empty())
            return Unsupported("django_q_ormq", missing);
        schema.has_ormq = true;
    }

    schema.variant = (schema.task_cluster || schema.schedule_intended_date_kwarg) ? Variant::DjangoQ2 : Variant::DjangoQ1;
    return schema;
}

Status CreateDjangoQTables(Db& db, Variant variant) {
    const bool q2 = variant == Variant::DjangoQ2;
    for (const char* ddl : {kOrmqDdl, q2 ? kQ2ScheduleDdl : kQ1ScheduleDdl, q2 ? kQ2TaskDdl : kQ1TaskDdl}) {
        if (auto done = db.Exec(ddl); !done) return done;
    }
    return Ok{};
}

Status CreateDjangoQIndexes(Db& db, Variant variant) {
    if (variant == Variant::DjangoQ2) return db.Exec(kQ2SuccessIndexDdl);
    return Ok{};
}

Status CreateDjangoQSchema(Db& db, Variant variant) {
    if (auto tables = CreateDjangoQTables(db, variant); !tables) return tables;
    return CreateDjangoQIndexes(db, variant);
}

Result<std::set<std::string>> TableColumns(Db& db, std::string_view table) {
    auto stmt = db.Prepare("SELECT name FROM pragma_table_info(?1)");
    if (!stmt) return stmt.error();
    stmt->Bind(1, table);
    std::set<std::string> columns;
    while (true) {
        auto row = stmt->Step();
        if (!row) return row.error();
        if (!row.value()) break;
        columns.emplace(stmt->Text(0));
    }
    return columns;
}

}  // namespace core
