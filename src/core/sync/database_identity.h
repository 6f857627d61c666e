// Which database an export was taken from, so `djq apply` refuses a changeset made on another one
// (it would find most rows "already applied" or missing, and report that instead of the mistake).
// Django records when each migration was applied in django_migrations: the first rows' times are
// set once, when the database was created, and travel with every copy of it.
#pragma once

#include <string>

#include "core/db/db.h"
#include "core/schema/export.h"

namespace core {

// A short hex digest of the first django_migrations rows; "" when the database has none (a
// dumpdata JSON export carries only Django Q's tables).
Result<std::string> DatabaseIdentity(Db& db);

// Ok when `newer` can be another export of the database `working` was made from: the same Django Q,
// and the same identity where both have one. Else "open.other_database", naming both.
Status CheckSameDatabase(Export& working, Export& newer);

}  // namespace core
