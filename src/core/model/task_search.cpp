#include "core/model/task_search.h"

#include <sqlite3.h>

namespace core {
namespace {

constexpr const char* kDropTriggers =
    "DROP TRIGGER IF EXISTS temp.djq_task_search_insert; DROP TRIGGER IF EXISTS temp.djq_task_search_update; "
    "DROP TRIGGER IF EXISTS temp.djq_task_search_delete;";

// Each SQL function holds the TaskSearch through one of these, released when SQLite drops the
// function (DetachTaskSearch, or the connection closing).
using Holder = std::shared_ptr<TaskSearch>;
TaskSearch& Owner(sqlite3_context* context) { return **static_cast<Holder*>(sqlite3_user_data(context)); }
void ReleaseHolder(void* holder) { delete static_cast<Holder*>(holder); }

std::string_view TextOf(sqlite3_value* value) {
    const auto* text = reinterpret_cast<const char*>(sqlite3_value_text(value));
    return text ? std::string_view(text, static_cast<std::size_t>(sqlite3_value_bytes(value))) : std::string_view();
}

std::optional<std::string_view> OptionalTextOf(sqlite3_value* value) {
    if (sqlite3_value_type(value) == SQLITE_NULL) return std::nullopt;
    return TextOf(value);
}

// The columns of a row (RowColumns) as djq_task_put and djq_task_load take them.
SearchableTask TaskOf(sqlite3_value** values) {
    SearchableTask task;
    task.rowid = sqlite3_value_int64(values[0]);
    task.successful = sqlite3_value_int(values[1]) == 1;
    task.failed = sqlite3_value_int(values[2]) == 1;
    task.name = TextOf(values[3]);
    task.func = TextOf(values[4]);
    task.group = OptionalTextOf(values[5]);
    task.cluster = OptionalTextOf(values[6]);
    task.stopped = TextOf(values[7]);
    task.id = TextOf(values[8]);
    task.started = TextOf(values[9]);
    if (sqlite3_value_type(values[10]) != SQLITE_NULL) task.attempt_count = sqlite3_value_int64(values[10]);
    if (sqlite3_value_type(values[11]) != SQLITE_NULL) task.time_taken = sqlite3_value_double(values[11]);
    return task;
}

std::string RowColumns(const char* row, const SchemaInfo& schema) {
    const std::string r = row;
    return r + ".rowid, " + r + ".success = 1, " + r + ".success = 0, " + r + ".name, " + r + ".func, " + r + ".\"group\", " +
           (schema.task_cluster ? r + ".cluster" : std::string("NULL")) + ", " + r + ".stopped, " + r + ".id, " + r + ".started, " +
           (schema.task_attempt_count ? r + ".attempt_count" : std::string("NULL")) + ", julianday(" + r + ".stopped) - julianday(" +
           r + ".started)";
}

void Match(sqlite3_context* context, int, sqlite3_value** values) {
    sqlite3_result_int(context, Owner(context).index().Selected(sqlite3_value_int64(values[0])) ? 1 : 0);
}

void Load(sqlite3_context* context, int, sqlite3_value** values) { Owner(context).index().Load(TaskOf(values)); }

void Put(sqlite3_context* context, int, sqlite3_value** values) {
    Owner(context).index().Put(TaskOf(values));
    Owner(context).Changed();
}

void Gone(sqlite3_context* context, int, sqlite3_value** values) {
    Owner(context).index().Remove(sqlite3_value_int64(values[0]));
    Owner(context).Changed();
}

int OnCommit(void* owner) {
    static_cast<TaskSearch*>(owner)->Committed();
    return 0;  // let it commit
}

void OnRollback(void* owner) { static_cast<TaskSearch*>(owner)->RolledBack(); }


// djq_task_match and djq_task_load are for the app's own queries only; the others serve the TEMP triggers.
struct SqlFunction {
    const char* name;
    int args;
    int flags;
    void (*call)(sqlite3_context*, int, sqlite3_value**);
};
constexpr SqlFunction kFunctions[] = {
    {"djq_task_match", 1, SQLITE_UTF8 | SQLITE_DIRECTONLY, Match},
    {"djq_task_load", 12, SQLITE_UTF8 | SQLITE_DIRECTONLY, Load},
    {"djq_task_put", 12, SQLITE_UTF8, Put},
    {"djq_task_gone", 1, SQLITE_UTF8, Gone},
};

// Removes what AttachTaskSearch added.
void DropFromDatabase(sqlite3* db) {
    sqlite3_exec(db, kDropTriggers, nullptr, nullptr, nullptr);
    for (const auto& f : kFunctions) sqlite3_create_function_v2(db, f.name, f.args, f.flags, nullptr, nullptr, nullptr, nullptr, nullptr);
    sqlite3_commit_hook(db, nullptr, nullptr);
    sqlite3_rollback_hook(db, nullptr, nullptr);
}

}  // namespace

void TaskSearch::RolledBack() {
    // The triggers saw changes that are undone now: start over from the table.
    if (m_changed_in_transaction) m_index = TaskSearchIndex();
    m_changed_in_transaction = false;
}

void DetachTaskSearch(Export& export_) {
    if (!export_.task_search) return;
    DropFromDatabase(export_.db.handle());
    export_.task_search.reset();
}

Status AttachTaskSearch(Export& export_) {
    DetachTaskSearch(export_);
    auto search = std::make_shared<TaskSearch>(export_.schema);
    sqlite3* db = export_.db.handle();
    for (const auto& f : kFunctions) {
        // On failure SQLite releases the holder itself.
        if (sqlite3_create_function_v2(db, f.name, f.args, f.flags, new Holder(search), f.call, nullptr, nullptr, ReleaseHolder) != SQLITE_OK) {
            Error error = MakeError("search.attach", std::string("cannot add the SQL function ") + f.name + ": " + sqlite3_errmsg(db));
            DropFromDatabase(db);
            return error;
        }
    }
    // The hooks fire before a closing connection drops its functions, so the functions' holders
    // keep this pointer alive for them.
    sqlite3_commit_hook(db, OnCommit, search.get());
    sqlite3_rollback_hook(db, OnRollback, search.get());
    export_.task_search = search;

    const std::string put_new = "SELECT djq_task_put(" + RowColumns("NEW", export_.schema) + "); ";
    const std::string triggers =
        std::string(kDropTriggers) +
        "CREATE TEMP TRIGGER djq_task_search_insert AFTER INSERT ON main.django_q_task BEGIN " + put_new + "END; "
        "CREATE TEMP TRIGGER djq_task_search_update AFTER UPDATE ON main.django_q_task BEGIN "
        "SELECT djq_task_gone(OLD.rowid); " + put_new + "END; "
        "CREATE TEMP TRIGGER djq_task_search_delete AFTER DELETE ON main.django_q_task BEGIN SELECT djq_task_gone(OLD.rowid); END;";
    if (auto made = export_.db.Exec(triggers); !made) {
        DetachTaskSearch(export_);
        return made;
    }
    return Ok{};
}

Result<bool> LoadTaskSearch(Export& export_, std::int64_t max_rows) {
    if (!export_.task_search) return true;
    TaskSearch& search = *export_.task_search;
    TaskSearchIndex& index = search.index();
    // Once loaded, the order: sorting an item costs about what reading a row does / 8.
    if (index.complete()) return index.OrderStep(static_cast<std::size_t>(max_rows) * 8);
    // Each row goes through djq_task_load: the same reading of the columns as the triggers' djq_task_put.
    auto read = export_.db.Prepare("SELECT djq_task_load(" + RowColumns("django_q_task", search.schema()) +
                                   ") FROM django_q_task WHERE rowid > ?1 ORDER BY rowid LIMIT ?2");
    if (!read) return read.error();
    read->Bind(1, index.loaded_through()).Bind(2, max_rows);
    std::int64_t rows = 0;
    while (true) {
        auto row = read->Step();
        if (!row) return row.error();
        if (!row.value()) break;
        ++rows;
    }
    if (rows < max_rows) index.MarkComplete();
    return index.settled();
}

TaskSearchIndex* ReadyTaskSearch(const Export& export_) {
    if (!export_.task_search || !export_.task_search->index().complete()) return nullptr;
    return &export_.task_search->index();
}

}  // namespace core
