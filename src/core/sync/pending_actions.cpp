#include "core/sync/pending_actions.h"

#include <algorithm>
#include <cctype>

namespace core {
namespace {

// The journal's rows per action, table and kind. A queue entry's signature is read from its after
// image (the journal keeps queue rows small); no task image is parsed.
constexpr const char* kPerTableSql = R"(
SELECT batch, min(action), min(operation), min(at), table_name, kind, count(*),
       sum(CASE WHEN table_name = 'django_q_ormq' AND after IS NOT NULL
                THEN json_extract(after, '$.payload') LIKE 'djq-unsigned:%' ELSE 0 END),
       sum(CASE WHEN table_name = 'django_q_ormq' AND after IS NOT NULL
                THEN json_extract(after, '$.payload') NOT LIKE 'djq-unsigned:%' ELSE 0 END)
FROM djq_journal GROUP BY batch, table_name, kind ORDER BY batch, table_name, kind)";

// The name of each batch's first row (its id when it has none).
constexpr const char* kFirstLabelSql = R"(
SELECT batch, coalesce(json_extract(coalesce(after, before), '$.name'), json_extract(pk, '$'))
FROM djq_journal WHERE seq IN (SELECT min(seq) FROM djq_journal GROUP BY batch))";

std::string Plural(std::int64_t count, const char* one, const char* many) {
    return std::to_string(count) + " " + (count == 1 ? one : many);
}

std::string RowsOf(const std::string& table, std::int64_t count) {
    if (table == "django_q_task") return Plural(count, "task", "tasks");
    if (table == "django_q_schedule") return Plural(count, "schedule", "schedules");
    if (table == "django_q_ormq") return Plural(count, "queue entry", "queue entries");
    return Plural(count, ("row of " + table).c_str(), ("rows of " + table).c_str());
}

}  // namespace

Result<std::vector<PendingAction>> ListPendingActions(Db& db) {
    std::vector<PendingAction> actions;
    auto has_journal = db.HasSchemaObject("table", "djq_journal");
    if (!has_journal) return has_journal.error();
    if (!has_journal.value()) return actions;
    auto stmt = db.Prepare(kPerTableSql);
    if (!stmt) return stmt.error();
    while (true) {
        auto row = stmt->Step();
        if (!row) return row.error();
        if (!row.value()) break;
        if (actions.empty() || actions.back().batch != stmt->Int(0)) {
            actions.push_back({});
            PendingAction& action = actions.back();
            action.batch = stmt->Int(0);
            action.action = stmt->Text(1);
            action.operation = stmt->Text(2);
            action.at = stmt->Text(3);
        }
        PendingAction& action = actions.back();
        const std::string table(stmt->Text(4)), kind(stmt->Text(5));
        if (action.tables.empty() || action.tables.back().table != table) action.tables.push_back({table});
        const std::int64_t count = stmt->Int(6);
        (kind == "insert" ? action.tables.back().inserted : kind == "delete" ? action.tables.back().deleted : action.tables.back().updated) += count;
        action.rows += count;
        action.awaiting_signature += stmt->Int(7);
        action.signed_entries += stmt->Int(8);
    }
    auto labels = db.Prepare(kFirstLabelSql);
    if (!labels) return labels.error();
    while (true) {
        auto row = labels->Step();
        if (!row) return row.error();
        if (!row.value()) return actions;
        const std::int64_t batch = labels->Int(0);
        const auto found = std::lower_bound(actions.begin(), actions.end(), batch,
                                            [](const PendingAction& action, std::int64_t wanted) { return action.batch < wanted; });
        if (found != actions.end() && found->batch == batch) found->first_label = labels->Text(1);
    }
}

std::string ActionTitle(const PendingAction& action) {
    static const std::pair<const char*, const char*> kTitles[] = {
        {"delete_tasks", "Delete tasks"},
        {"resubmit_tasks", "Resubmit failed tasks"},
        {"run_schedule_now", "Run a schedule now"},
        {"save_schedule", "Save a schedule"},
        {"delete_schedules", "Delete schedules"},
        {"pause_schedule", "Pause a schedule"},
        {"resume_schedule", "Resume a schedule"},
        {"save_queue_row", "Edit a queued task"},
        {"resign_queue_row", "Re-sign a queued task"},
        {"edit_queued_call", "Change a queued task's call"},
        {"clear_queue_lock", "Clear a queued task's lock"},
        {"delete_queue_rows", "Delete queued tasks"},
    };
    for (const auto& [operation, title] : kTitles)
        if (action.operation == operation) {
            const bool creates = action.operation == "save_schedule" && !action.tables.empty() && action.tables.front().inserted > 0;
            return creates ? "Create a schedule" : title;
        }
    std::string title = action.operation;  // an operation a newer version journalled
    std::replace(title.begin(), title.end(), '_', ' ');
    return title;
}

std::string ActionWords(const PendingAction& action) {
    std::string words;
    const auto add = [&words](const std::string& part) { words += (words.empty() ? "" : ", ") + part; };
    for (const auto& table : action.tables) {
        if (table.inserted > 0) add("adds " + RowsOf(table.table, table.inserted));
        if (table.updated > 0) add("changes " + RowsOf(table.table, table.updated));
        if (table.deleted > 0) add("deletes " + RowsOf(table.table, table.deleted));
    }
    words[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(words[0])));
    std::string text = words;
    if (!action.first_label.empty()) text += " (first: " + action.first_label + ")";
    text += ".";
    if (action.awaiting_signature > 0)
        text += " " + Plural(action.awaiting_signature, "queue entry waits", "queue entries wait") +
                " for the server's signature: djq apply --secret-key-env signs " + (action.awaiting_signature == 1 ? "it" : "them") +
                " on the server.";
    if (action.signed_entries > 0)
        text += " " + Plural(action.signed_entries, "queue entry is", "queue entries are") + " signed with the typed SECRET_KEY.";
    return text;
}

}  // namespace core
