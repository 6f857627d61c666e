// Which Django Q wrote this database (SEMANTICS.md §1), and the exact tables `migrate` makes.
#pragma once

#include <set>
#include <string>
#include <string_view>

#include "core/db/db.h"
#include "core/result.h"

namespace core {

enum class Variant {
    DjangoQ1,  // django-q 1.x (Koed00/django-q)
    DjangoQ2,  // django-q2 (task.cluster / schedule.intended_date_kwarg)
};

// Columns that differ between versions, so queries and editors ask instead of assuming.
struct SchemaInfo {
    Variant variant = Variant::DjangoQ2;
    bool task_attempt_count = false;      // django-q >= 1.3.0
    bool task_cluster = false;            // django-q2
    bool schedule_cluster = false;        // django-q >= 1.1
    bool schedule_intended_date_kwarg = false;  // django-q2
    bool has_ormq = false;                // the ORM broker's queue table exists
};

// "django-q 1.3", "django-q (before 1.3)", "django-q2".
std::string VariantLabel(const SchemaInfo& schema);
// "q1" / "q2": the short names used in JSON output and settings.
const char* VariantId(Variant variant);

// Reads the django_q tables' columns. Errors: "schema.no_django_q" (no django_q_task table; the
// message lists the tables found), "schema.unsupported" (a django_q table lacks a column every
// known version has; the message names it).
Result<SchemaInfo> DetectSchema(Db& db);

// The names of a table's columns, from SQLite's own description of it (empty when there is no such table).
Result<std::set<std::string>> TableColumns(Db& db, std::string_view table);

// Creates django_q_task, django_q_schedule and django_q_ormq exactly as the variant's `migrate`
// does on SQLite (tests/data/fixtures/schema-*.sql).
Status CreateDjangoQSchema(Db& db, Variant variant);
// The same in two parts, for a bulk load: one index built over every row costs less than keeping
// it current through each insert.
Status CreateDjangoQTables(Db& db, Variant variant);
Status CreateDjangoQIndexes(Db& db, Variant variant);

}  // namespace core
