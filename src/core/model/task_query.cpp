#include "core/model/task_query.h"

#include <cctype>

namespace core {
namespace {

// Django's icontains on SQLite: LIKE '%word%' ESCAPE '\' with the word's own wildcards escaped.
std::string LikePattern(std::string_view word) {
    std::string pattern = "%";
    for (char c : word) {
        if (c == '%' || c == '_' || c == '\\') pattern += '\\';
        pattern += c;
    }
    return pattern + "%";
}

const char* ColumnSql(TaskColumn column) {
    switch (column) {
        case TaskColumn::Name: return "name";
        case TaskColumn::Group: return "\"group\"";
        case TaskColumn::Func: return "func";
        case TaskColumn::Cluster: return "cluster";
        case TaskColumn::Started: return "started";
        case TaskColumn::Stopped: return "stopped";
        case TaskColumn::TimeTaken: return "(julianday(stopped) - julianday(started))";
        case TaskColumn::AttemptCount: return "attempt_count";
    }
    return "stopped";
}

// FROM and WHERE clauses and the bound values, shared by the page and the count.
struct Filter {
    std::string from = "django_q_task";
    std::string where;
    std::vector<std::optional<std::string>> values;
};

Filter MakeFilter(const SchemaInfo& schema, const TaskQuery& query) {
    Filter filter;
    filter.where = query.kind == TaskKind::Successful ? "success = 1" : "success = 0";
    auto bind = [&](std::optional<std::string> value) {
        filter.values.push_back(std::move(value));
        return "?" + std::to_string(filter.values.size());
    };
    for (const auto& word : SplitSearchWords(query.search)) {
        const std::string p = bind(LikePattern(word));
        filter.where += " AND (name LIKE " + p + " ESCAPE '\\' OR func LIKE " + p + " ESCAPE '\\' OR \"group\" LIKE " + p + " ESCAPE '\\'";
        // The trigram index serves LIKE only without ESCAPE, which a word without wildcards does not need.
        const bool plain = word.find_first_of("%_\\") == std::string::npos;
        if (query.search_values)
            filter.where += " OR rowid IN (SELECT rowid FROM djq_task_text WHERE text LIKE " + p + (plain ? "" : " ESCAPE '\\'") + ")";
        filter.where += ")";
    }
    // Search words match anywhere in the text, which no index serves: one pass over the table beats
    // walking an order index with a row lookup per task (5x slower at a million tasks) unless an
    // exact filter narrows the rows first.
    if (!SplitSearchWords(query.search).empty() && !query.group && !query.cluster) filter.from = "django_q_task NOT INDEXED";
    if (query.group) filter.where += query.group->empty() ? " AND \"group\" IS NULL" : " AND \"group\" = " + bind(*query.group);
    if (query.cluster && schema.task_cluster) filter.where += " AND cluster = " + bind(*query.cluster);
    if (query.started_from) filter.where += " AND started >= " + bind(*query.started_from);
    if (query.started_until) filter.where += " AND started < " + bind(*query.started_until);
    if (query.stopped_from) filter.where += " AND stopped >= " + bind(*query.stopped_from);
    if (query.stopped_until) filter.where += " AND stopped < " + bind(*query.stopped_until);
    return filter;
}

void BindAll(Stmt& stmt, const Filter& filter) {
    for (std::size_t i = 0; i < filter.values.size(); ++i) {
        if (filter.values[i]) stmt.Bind(static_cast<int>(i + 1), *filter.values[i]);
        else stmt.Bind(static_cast<int>(i + 1), std::nullopt);
    }
}

}  // namespace

std::vector<std::string> SplitSearchWords(std::string_view search) {
    std::vector<std::string> words;
    std::size_t i = 0;
    while (i < search.size()) {
        while (i < search.size() && std::isspace(static_cast<unsigned char>(search[i]))) ++i;
        if (i >= search.size()) break;
        std::string word;
        while (i < search.size() && !std::isspace(static_cast<unsigned char>(search[i]))) {
            const char c = search[i];
            if (c == '"' || c == '\'') {  // a quoted part runs to its closing quote, spaces included
                std::size_t end = i + 1;
                while (end < search.size() && search[end] != c) end += search[end] == '\\' ? 2 : 1;
                if (end >= search.size()) {  // unbalanced: the quote is an ordinary character
                    word += c;
                    ++i;
                    continue;
                }
                word.append(search.substr(i, end + 1 - i));
                i = end + 1;
            } else {
                word += c;
                ++i;
            }
        }
        // A word that is one quoted literal loses its quotes (Django's unescape_string_literal).
        if (word.size() >= 2 && (word.front() == '"' || word.front() == '\'') && word.back() == word.front()) {
            std::string inner;
            for (std::size_t k = 1; k + 1 < word.size(); ++k) {
                if (word[k] == '\\' && k + 2 < word.size()) ++k;
                inner += word[k];
            }
            word = inner;
        }
        words.push_back(std::move(word));
    }
    return words;
}

std::string OrderBy(const TaskQuery& query) {
    const char* direction = query.descending ? " DESC" : " ASC";
    // The id breaks ties in the same direction, so pages never overlap (and an index can serve it).
    return std::string(" ORDER BY ") + ColumnSql(query.sort) + direction + ", id" + direction;
}

Result<std::vector<TaskListRow>> QueryTasks(Export& export_, const TaskQuery& query) {
    const Filter filter = MakeFilter(export_.schema, query);
    const std::string next = std::to_string(filter.values.size() + 1), after = std::to_string(filter.values.size() + 2);
    auto stmt = export_.db.Prepare(SelectTaskRowsSql(export_.schema, "(julianday(stopped) - julianday(started)) * 86400.0", filter.from) +
                                   " WHERE " + filter.where + OrderBy(query) + " LIMIT ?" + next + " OFFSET ?" + after);
    if (!stmt) return stmt.error();
    BindAll(stmt.value(), filter);
    stmt->Bind(static_cast<int>(filter.values.size() + 1), query.limit).Bind(static_cast<int>(filter.values.size() + 2), query.offset);
    std::vector<TaskListRow> rows;
    while (true) {
        auto row = stmt->Step();
        if (!row) return row.error();
        if (!row.value()) return rows;
        TaskListRow task{ReadTaskRow(stmt.value())};
        task.time_taken = stmt->Real(kTaskRowColumns);
        rows.push_back(std::move(task));
    }
}

Result<std::int64_t> CountTasks(Export& export_, const TaskQuery& query) {
    const Filter filter = MakeFilter(export_.schema, query);
    auto stmt = export_.db.Prepare("SELECT count(*) FROM " + filter.from + " WHERE " + filter.where);
    if (!stmt) return stmt.error();
    BindAll(stmt.value(), filter);
    auto row = stmt->Step();
    if (!row) return row.error();
    return stmt->Int(0);
}

Result<std::vector<std::string>> MatchingTaskIds(Export& export_, const TaskQuery& query) {
    const Filter filter = MakeFilter(export_.schema, query);
    auto stmt = export_.db.Prepare("SELECT id FROM " + filter.from + " WHERE " + filter.where + OrderBy(query));
    if (!stmt) return stmt.error();
    BindAll(stmt.value(), filter);
    std::vector<std::string> ids;
    while (true) {
        auto row = stmt->Step();
        if (!row) return row.error();
        if (!row.value()) return ids;
        ids.emplace_back(stmt->Text(0));
    }
}

namespace {

struct IndexSpec {
    const char* name;
    const char* columns;
};

// Every index leads with success (the Successful and Failed lists) and ends with id (the tie-break).
std::optional<IndexSpec> IndexSpecNamed(const std::string& name) {
    static const IndexSpec kIndexes[] = {
        {"djq_task_stopped", "success, stopped, id"},
        {"djq_task_started", "success, started, id"},
        {"djq_task_name", "success, name, id"},
        {"djq_task_func", "success, func, id"},
        {"djq_task_group", "success, \"group\", stopped, id"},
        {"djq_task_cluster", "success, cluster, stopped, id"},
        {"djq_task_time_taken", "success, (julianday(stopped) - julianday(started)), id"},
        {"djq_task_attempt_count", "success, attempt_count, id"},
    };
    for (const auto& index : kIndexes)
        if (name == index.name) return index;
    return std::nullopt;
}

}  // namespace

std::string TaskIndexFor(const SchemaInfo& schema, const TaskQuery& query) {
    // A filter on an exact value narrows most; the rows it leaves are few enough to sort.
    if (query.group) return "djq_task_group";
    if (query.cluster && schema.task_cluster) return "djq_task_cluster";
    switch (query.sort) {
        case TaskColumn::Name: return "djq_task_name";
        case TaskColumn::Group: return "djq_task_group";
        case TaskColumn::Func: return "djq_task_func";
        case TaskColumn::Cluster: return schema.task_cluster ? "djq_task_cluster" : "";
        case TaskColumn::Started: return "djq_task_started";
        case TaskColumn::Stopped: return "djq_task_stopped";
        case TaskColumn::TimeTaken: return "djq_task_time_taken";
        case TaskColumn::AttemptCount: return schema.task_attempt_count ? "djq_task_attempt_count" : "";
    }
    return "";
}

Result<bool> HasTaskIndex(Export& export_, const std::string& index) {
    auto stmt = export_.db.Prepare("SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = ?1");
    if (!stmt) return stmt.error();
    stmt->Bind(1, index);
    auto row = stmt->Step();
    if (!row) return row.error();
    return row.value();
}

Status CreateTaskIndex(Export& export_, const std::string& index) {
    const auto spec = IndexSpecNamed(index);
    if (!spec) return MakeError("index.unknown", "no task index named " + index);
    return export_.db.Exec(std::string("CREATE INDEX IF NOT EXISTS ") + spec->name + " ON django_q_task (" + spec->columns + ")");
}

Result<std::vector<ValueCount>> CountByValue(Export& export_, TaskKind kind, FilterColumn column) {
    if (column == FilterColumn::Cluster && !export_.schema.task_cluster) return std::vector<ValueCount>();
    const char* name = column == FilterColumn::Group ? "\"group\"" : "cluster";
    // Counted from the filter's own index (made on first use): a scan of the index, not the table.
    if (auto made = CreateTaskIndex(export_, column == FilterColumn::Group ? "djq_task_group" : "djq_task_cluster"); !made) return made.error();
    auto stmt = export_.db.Prepare(std::string("SELECT ") + name + ", count(*) FROM django_q_task WHERE success = ?1 GROUP BY " +
                                   name + " ORDER BY count(*) DESC, " + name);
    if (!stmt) return stmt.error();
    stmt->Bind(1, std::int64_t{kind == TaskKind::Successful ? 1 : 0});
    std::vector<ValueCount> counts;
    while (true) {
        auto row = stmt->Step();
        if (!row) return row.error();
        if (!row.value()) return counts;
        counts.push_back({stmt->OptionalText(0), stmt->Int(1)});
    }
}

}  // namespace core
