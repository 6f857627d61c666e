// `manage.py dumpdata django_q` JSON (SEMANTICS.md §7) imported into a fresh SQLite database with
// the Django Q schema of the variant the fields show (task.cluster / schedule.intended_date_kwarg
// ⇒ django-q2). Datetimes become Django's SQLite text, so a JSON export reads like a database one
// (at the JSON's millisecond precision).
#pragma once

#include <memory>

#include "core/bytes.h"
#include "core/db/db.h"
#include "core/result.h"
#include "core/schema/schema.h"

namespace core {

// The deepest nesting an import reads (its error says where deeper input starts).
constexpr int kMaxDumpdataDepth = 64;

// True when the bytes look like JSON rather than SQLite (first non-blank byte is '[' or '{').
bool LooksLikeJson(ByteView bytes);

// Errors name the problem and where: "dumpdata.syntax" (byte offset, line and column),
// "dumpdata.not_a_list", "dumpdata.bad_object" / "dumpdata.bad_field" (object index, model and
// pk), "dumpdata.unknown_model" (a django_q model this version does not know),
// "dumpdata.no_django_q" (no django_q objects at all). Objects of other apps are skipped.
Result<Db> ImportDumpdata(ByteView json);

// The same import in steps, so a page can show progress and keep drawing: objects are found by a
// byte scan of the top-level list and parsed one at a time (no whole-document tree in memory).
class DumpdataImport {
public:
    // Reads `json`, which `owner` (if any) keeps alive until the import is done.
    explicit DumpdataImport(ByteView json, std::shared_ptr<const void> owner = nullptr);
    ~DumpdataImport();
    DumpdataImport(const DumpdataImport&) = delete;
    DumpdataImport& operator=(const DumpdataImport&) = delete;

    // Imports up to `max_objects` more objects. True when the whole fixture is in; an error stops it.
    Result<bool> Step(std::size_t max_objects);
    double Progress() const;  // 0..1, by bytes read
    // The imported database, once Step returned true.
    Result<Db> Finish();

private:
    struct State;
    std::unique_ptr<State> m_state;
};

}  // namespace core
