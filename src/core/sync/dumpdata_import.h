// `manage.py dumpdata django_q` JSON (SEMANTICS.md §7) imported into a fresh SQLite database with
// the Django Q schema of the variant the fields show (task.cluster / schedule.intended_date_kwarg
// ⇒ django-q2). Datetimes become Django's SQLite text, so a JSON export reads like a database one
// (at the JSON's millisecond precision).
#pragma once

#include "core/bytes.h"
#include "core/db/db.h"
#include "core/result.h"

namespace core {

// True when the bytes look like JSON rather than SQLite (first non-blank byte is '[' or '{').
bool LooksLikeJson(ByteView bytes);

// Errors name the problem and where: "dumpdata.syntax" (byte offset, line and column),
// "dumpdata.not_a_list", "dumpdata.bad_object" / "dumpdata.bad_field" (object index, model and
// pk), "dumpdata.unknown_model" (a django_q model this version does not know),
// "dumpdata.no_django_q" (no django_q objects at all). Objects of other apps are skipped.
Result<Db> ImportDumpdata(ByteView json);

}  // namespace core
