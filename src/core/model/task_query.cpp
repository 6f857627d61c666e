#include "core/model/task_query.h"

#include <algorithm>
#include <cctype>

#include <sqlite3.h>

#include "core/model/task_list_memory.h"
#include "core/model/value_search.h"
#include "core/model/task_search.h"

namespace core {
namespace {

// offset + limit without overflowing (both come from the command line or a link); negatives read as 0.
std::int64_t RowsNeeded(const TaskQuery& query) {
    const std::int64_t offset = std::max<std::int64_t>(query.offset, 0), limit = std::max<std::int64_t>(query.limit, 0);
    return offset > INT64_MAX - limit ? INT64_MAX : offset + limit;
}

}  // namespace

std::string LikePattern(std::string_view word) {
    std::string pattern = "%";
    for (char c : word) {
        if (c == '%' || c == '_' || c == '\\') pattern += '\\';
        pattern += c;
    }
    return pattern + "%";
}

namespace {

// A column the variant lacks (cluster before django-q2, attempt_count before 1.3) orders as NULL.
const char* ColumnSql(const SchemaInfo& schema, TaskColumn column) {
    switch (column) {
        case TaskColumn::Name: return "name";
        case TaskColumn::Group: return "\"group\"";
        case TaskColumn::Func: return "func";
        case TaskColumn::Cluster: return schema.task_cluster ? "cluster" : "NULL";
        case TaskColumn::Started: return "started";
        case TaskColumn::Stopped: return "stopped";
        case TaskColumn::TimeTaken: return "(julianday(stopped) - julianday(started))";
        case TaskColumn::AttemptCount: return schema.task_attempt_count ? "attempt_count" : "NULL";
    }
    return "stopped";
}

// FROM and WHERE clauses and the bound values, shared by the page and the count.
struct Filter {
    std::string from = "django_q_task";
    std::string where;
    std::vector<std::optional<std::string>> values;
    // How many tasks match, when the search index answered the words, group and cluster (the
    // WHERE clause then only adds the dates); nullopt when SQL alone decides.
    std::optional<std::int64_t> selected;
    std::string Bind(std::optional<std::string> value) {
        values.push_back(std::move(value));
        return std::string("?").append(std::to_string(values.size()));
    }
};

bool HasDates(const TaskQuery& query) {
    return query.started_from || query.started_until || query.stopped_from || query.stopped_until;
}

// The kind's rows; All lists both others, never a row whose success is neither 1 nor 0.
std::string SuccessWhere(TaskKind kind) {
    switch (kind) {
        case TaskKind::Successful: return "success = 1";
        case TaskKind::Failed: return "success = 0";
        case TaskKind::All: return "success IN (0, 1)";
    }
    return "success = 1";
}

// The search words, group and cluster, matched by LIKE and equality in SQL.
void AddSqlSearch(Filter& filter, const SchemaInfo& schema, const TaskQuery& query) {
    for (const auto& word : SplitSearchWords(query.search)) {
        const std::string p = filter.Bind(LikePattern(word));
        filter.where += " AND (name LIKE " + p + " ESCAPE '\\' OR func LIKE " + p + " ESCAPE '\\' OR \"group\" LIKE " + p + " ESCAPE '\\'";
        if (query.search_values) filter.where += " OR rowid IN (" + TasksWithValueSql(word, p) + ")";
        filter.where += ")";
    }
    // Search words match anywhere in the text, which no index serves: one pass over the table beats
    // walking an order index with a row lookup per task (5x slower at a million tasks) unless an
    // exact filter narrows the rows first.
    if (!SplitSearchWords(query.search).empty() && !query.group && !query.cluster) filter.from = "django_q_task NOT INDEXED";
}

// The exact filters, in SQL: what the search index's selection holds, or the whole filter without it.
void AddExactFilters(Filter& filter, const SchemaInfo& schema, const TaskQuery& query) {
    if (query.group) filter.where += query.group->empty() ? " AND \"group\" IS NULL" : " AND \"group\" = " + filter.Bind(*query.group);
    if (query.cluster && schema.task_cluster) filter.where += " AND cluster = " + filter.Bind(*query.cluster);
    if (query.func) filter.where += " AND func = " + filter.Bind(*query.func);
    if (query.among) filter.where += " AND django_q_task.rowid IN (SELECT value FROM json_each(" + filter.Bind(RowidsJson(*query.among)) + "))";
}

// Reading a few rows by rowid and sorting them costs about this many steps of an order index.
constexpr std::int64_t kRowReadPerIndexStep = 30;

// The same, answered by the search index: its selection is matched by djq_task_match(rowid) while
// SQL walks the list's order index, or, when the selection is small beside the rows such a walk
// would pass over, its rows are read by rowid and sorted.
void AddIndexedSearch(Filter& filter, Export& export_, TaskSearchIndex& index, const TaskQuery& query, std::int64_t rows_wanted) {
    const SchemaInfo& schema = export_.schema;
    const std::int64_t selected = index.Select(CriteriaOf(export_, query));
    filter.selected = selected;
    const std::int64_t tasks = std::max<std::int64_t>(index.size(), 1);
    const std::int64_t walk = selected == 0 ? 0 : std::min(rows_wanted, selected) * tasks / selected;
    if (selected * kRowReadPerIndexStep < walk) {
        filter.from = FromRowids(filter.Bind(RowidsJson(index.SelectedRowids())));
    } else {
        filter.where += " AND djq_task_match(django_q_task.rowid)";
    }
    // Equal to what the selection holds, and what lets SQL walk the group's or cluster's index.
    AddExactFilters(filter, schema, query);
}

// Rows: the caller reads the first `rows_wanted` rows in the list's order (offset + limit), which
// decides between walking the order index and reading the selected rows. Count: it counts them.
// Scan: the caller reads a rowid range of the table (QueryTaskRange), in SQL alone.
enum class Purpose { Rows, Count, Scan };

Filter MakeFilter(Export& export_, const TaskQuery& query, Purpose purpose, std::int64_t rows_wanted) {
    const SchemaInfo& schema = export_.schema;
    Filter filter;
    filter.where = SuccessWhere(query.kind);
    // Without words SQL pages well through the order index; the index still counts faster.
    const bool worth_it = purpose != Purpose::Scan && (!SplitSearchWords(query.search).empty() || purpose == Purpose::Count);
    TaskSearchIndex* index = worth_it ? ReadyTaskSearch(export_) : nullptr;
    if (index) {
        AddIndexedSearch(filter, export_, *index, query, rows_wanted);
    } else {
        AddSqlSearch(filter, schema, query);
        AddExactFilters(filter, schema, query);
    }
    if (query.started_from) filter.where += " AND started >= " + filter.Bind(*query.started_from);
    if (query.started_until) filter.where += " AND started < " + filter.Bind(*query.started_until);
    if (query.stopped_from) filter.where += " AND stopped >= " + filter.Bind(*query.stopped_from);
    if (query.stopped_until) filter.where += " AND stopped < " + filter.Bind(*query.stopped_until);
    // A rowid range is read from the table itself: an index would visit its rows out of order.
    if (purpose == Purpose::Scan) filter.from = "django_q_task NOT INDEXED";
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

std::string OrderBy(const SchemaInfo& schema, const TaskQuery& query) {
    const char* direction = query.descending ? " DESC" : " ASC";
    // The id breaks ties in the same direction, so pages never overlap (and an index can serve it).
    return std::string(" ORDER BY ") + ColumnSql(schema, query.sort) + direction + ", id" + direction;
}

namespace {

// The rows of a SelectTaskRowsSql statement whose extra column is the time taken in seconds.
Result<std::vector<TaskListRow>> ReadListRows(Stmt& stmt) {
    std::vector<TaskListRow> rows;
    while (true) {
        auto row = stmt.Step();
        if (!row) return row.error();
        if (!row.value()) return rows;
        TaskListRow task{ReadTaskRow(stmt)};
        task.time_taken = stmt.Real(kTaskRowColumns);
        rows.push_back(std::move(task));
    }
}

}  // namespace

Result<std::vector<TaskListRow>> QueryTasks(Export& export_, const TaskQuery& query) {
    if (TaskSearchIndex* index = MemoryOrderFor(export_, query)) return QueryTasksInMemory(export_, *index, query);
    Filter filter = MakeFilter(export_, query, Purpose::Rows, RowsNeeded(query));
    if (filter.selected == 0) return std::vector<TaskListRow>();
    const std::string next = std::to_string(filter.values.size() + 1), after = std::to_string(filter.values.size() + 2);
    auto stmt = export_.db.Prepare(SelectTaskRowsSql(export_.schema, "(julianday(stopped) - julianday(started)) * 86400.0", filter.from) +
                                   " WHERE " + filter.where + OrderBy(export_.schema, query) + " LIMIT ?" + next + " OFFSET ?" + after);
    if (!stmt) return stmt.error();
    BindAll(stmt.value(), filter);
    stmt->Bind(static_cast<int>(filter.values.size() + 1), query.limit).Bind(static_cast<int>(filter.values.size() + 2), query.offset);
    return ReadListRows(stmt.value());
}

Result<std::int64_t> CountTasks(Export& export_, const TaskQuery& query) {
    if (TaskSearchIndex* index = MemoryOrderFor(export_, query)) return CountTasksInMemory(export_, *index, query);
    const Filter filter = MakeFilter(export_, query, Purpose::Count, INT64_MAX);
    if (filter.selected && (!HasDates(query) || filter.selected == 0)) return *filter.selected;
    auto stmt = export_.db.Prepare("SELECT count(*) FROM " + filter.from + " WHERE " + filter.where);
    if (!stmt) return stmt.error();
    BindAll(stmt.value(), filter);
    auto row = stmt->Step();
    if (!row) return row.error();
    return stmt->Int(0);
}

namespace {

// What djq_range_count saw: the rows SQL evaluated the WHERE clause on, one call each.
struct RangeCounts {
    std::int64_t of_kind = 0, matching = 0;
};

bool Truthy(sqlite3_value* value) { return sqlite3_value_type(value) != SQLITE_NULL && sqlite3_value_double(value) != 0.0; }

// djq_range_count(of_kind, matches): counts both and returns `matches`, so the query filters as it
// would without it while the one pass that finds the first rows also counts.
void CountRangeRow(sqlite3_context* context, int, sqlite3_value** values) {
    auto& counts = *static_cast<RangeCounts*>(sqlite3_user_data(context));
    const bool matches = Truthy(values[1]);
    counts.of_kind += Truthy(values[0]) ? 1 : 0;
    counts.matching += matches ? 1 : 0;
    sqlite3_result_int(context, matches ? 1 : 0);
}

Result<std::vector<std::int64_t>> FirstRowidsInRange(Export& export_, const TaskQuery& query, std::int64_t after, std::int64_t through) {
    const Filter filter = MakeFilter(export_, query, Purpose::Scan, RowsNeeded(query));
    const auto parameter = [&](std::size_t past) { return "?" + std::to_string(filter.values.size() + past); };
    auto stmt = export_.db.Prepare("SELECT rowid FROM " + filter.from + " WHERE rowid > " + parameter(1) + " AND rowid <= " +
                                   parameter(2) + " AND djq_range_count(" + SuccessWhere(query.kind) + ", " + filter.where + ")" +
                                   OrderBy(export_.schema, query) + " LIMIT " + parameter(3));
    if (!stmt) return stmt.error();
    BindAll(stmt.value(), filter);
    const int next = static_cast<int>(filter.values.size());
    stmt->Bind(next + 1, after).Bind(next + 2, through).Bind(next + 3, RowsNeeded(query));
    return stmt->Ints();
}

}  // namespace

Result<TaskRange> QueryTaskRange(Export& export_, const TaskQuery& query, std::int64_t after, std::int64_t through) {
    RangeCounts counts;
    sqlite3* db = export_.db.handle();
    constexpr int kFlags = SQLITE_UTF8 | SQLITE_DIRECTONLY;
    // Added for this query only: the counts it points at live on this stack.
    if (sqlite3_create_function_v2(db, "djq_range_count", 2, kFlags, &counts, CountRangeRow, nullptr, nullptr, nullptr) != SQLITE_OK)
        return MakeError("tasks.range", std::string("cannot add djq_range_count: ") + sqlite3_errmsg(db));
    auto rowids = FirstRowidsInRange(export_, query, after, through);
    sqlite3_create_function_v2(db, "djq_range_count", 2, kFlags, nullptr, nullptr, nullptr, nullptr, nullptr);
    if (!rowids) return rowids.error();
    return TaskRange{counts.of_kind, counts.matching, std::move(rowids).value()};
}

Result<std::vector<TaskListRow>> QueryTasksAmong(Export& export_, const TaskQuery& query, const std::vector<std::int64_t>& rowids) {
    auto stmt = export_.db.Prepare(SelectTaskRowsSql(export_.schema, "(julianday(stopped) - julianday(started)) * 86400.0", FromRowids("?1")) +
                                   OrderBy(export_.schema, query) + " LIMIT ?2 OFFSET ?3");
    if (!stmt) return stmt.error();
    stmt->Bind(1, RowidsJson(rowids)).Bind(2, query.limit).Bind(3, query.offset);
    return ReadListRows(stmt.value());
}

Result<std::optional<RowidStep>> NextRowidStep(Export& export_, std::int64_t after, std::int64_t rows) {
    rows = std::max<std::int64_t>(rows, 1);
    // A step of every row left (Summarize) needs no walk: it ends at the rest's end.
    if (rows < INT64_MAX) {
        // Walking the table's cells in rowid order reads no row: about a millisecond per 50,000.
        auto step = export_.db.Prepare("SELECT rowid FROM django_q_task WHERE rowid > ?1 ORDER BY rowid LIMIT 1 OFFSET ?2");
        if (!step) return step.error();
        step->Bind(1, after).Bind(2, rows - 1);
        auto found = step->Step();
        if (!found) return found.error();
        if (found.value()) return std::optional<RowidStep>(RowidStep{step->Int(0), rows});
    }
    auto rest = export_.db.Prepare("SELECT max(rowid), count(*) FROM django_q_task WHERE rowid > ?1");
    if (!rest) return rest.error();
    rest->Bind(1, after);
    if (auto row = rest->Step(); !row) return row.error();
    if (rest->IsNull(0)) return std::optional<RowidStep>();
    return std::optional<RowidStep>(RowidStep{rest->Int(0), rest->Int(1)});
}

Result<std::vector<std::string>> MatchingTaskIds(Export& export_, const TaskQuery& query) {
    if (TaskSearchIndex* index = MemoryOrderFor(export_, query)) return MatchingTaskIdsInMemory(export_, *index, query);
    const Filter filter = MakeFilter(export_, query, Purpose::Rows, INT64_MAX);
    if (filter.selected == 0) return std::vector<std::string>();
    auto stmt = export_.db.Prepare("SELECT id FROM " + filter.from + " WHERE " + filter.where + OrderBy(export_.schema, query));
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
    std::string name, columns;
};

constexpr std::string_view kAllSuffix = "_all";

// Every index leads with success (the Successful and Failed lists) and ends with id (the tie-break);
// its "_all" twin, for All tasks, leaves success out, so it serves that list's order.
std::optional<IndexSpec> IndexSpecNamed(std::string name) {
    const bool all = name.ends_with(kAllSuffix);
    if (all) name.resize(name.size() - kAllSuffix.size());
    static const struct {
        const char* name;
        const char* columns;
    } kIndexes[] = {
        {"djq_task_stopped", "success, stopped, id"},
        {"djq_task_started", "success, started, id"},
        {"djq_task_name", "success, name, id"},
        {"djq_task_func", "success, func, id"},
        {"djq_task_group", "success, \"group\", stopped, id"},
        {"djq_task_cluster", "success, cluster, stopped, id"},
        {"djq_task_time_taken", "success, (julianday(stopped) - julianday(started)), id"},
        {"djq_task_attempt_count", "success, attempt_count, id"},
    };
    constexpr std::string_view kSuccess = "success, ";
    for (const auto& index : kIndexes)
        if (name == index.name)
            return all ? IndexSpec{name + std::string(kAllSuffix), std::string(index.columns).substr(kSuccess.size())}
                       : IndexSpec{index.name, index.columns};
    return std::nullopt;
}

// The Successful and Failed lists' index for the query's order and filters.
std::string KindIndexFor(const SchemaInfo& schema, const TaskQuery& query) {
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

}  // namespace

std::string TaskIndexFor(const SchemaInfo& schema, const TaskQuery& query) {
    std::string index = KindIndexFor(schema, query);
    if (query.kind == TaskKind::All && !index.empty()) index += kAllSuffix;
    return index;
}

Result<bool> HasTaskIndex(Export& export_, const std::string& index) {
    return export_.db.HasSchemaObject("index", index);
}

Status CreateTaskIndex(Export& export_, const std::string& index) {
    const auto spec = IndexSpecNamed(index);
    if (!spec) return MakeError("index.unknown", "no task index named " + index);
    return export_.db.Exec(std::string("CREATE INDEX IF NOT EXISTS ") + spec->name + " ON django_q_task (" + spec->columns + ")");
}

Result<std::vector<ValueCount>> CountByValue(Export& export_, TaskKind kind, FilterColumn column) {
    if (column == FilterColumn::Cluster && !export_.schema.task_cluster) return std::vector<ValueCount>();
    if (TaskSearchIndex* index = ReadyTaskSearch(export_)) {
        std::vector<ValueCount> counts;
        for (auto& [value, count] : index->CountByValue(SuccessOf(kind), column == FilterColumn::Cluster))
            counts.push_back({std::move(value), count});
        return counts;
    }
    const char* name = column == FilterColumn::Group ? "\"group\"" : "cluster";
    // Counted from the filter's own index (made on first use): a scan of the index, not the table.
    if (auto made = CreateTaskIndex(export_, column == FilterColumn::Group ? "djq_task_group" : "djq_task_cluster"); !made) return made.error();
    auto stmt = export_.db.Prepare(std::string("SELECT ") + name + ", count(*) FROM django_q_task WHERE " + SuccessWhere(kind) +
                                   " GROUP BY " + name + " ORDER BY count(*) DESC, " + name);
    if (!stmt) return stmt.error();
    std::vector<ValueCount> counts;
    while (true) {
        auto row = stmt->Step();
        if (!row) return row.error();
        if (!row.value()) return counts;
        counts.push_back({stmt->OptionalText(0), stmt->Int(1)});
    }
}

}  // namespace core
