#include "core/model/task_list_memory.h"

#include <unordered_map>

#include "core/model/task_search.h"
#include "core/model/value_search.h"

namespace core {
namespace {

OrderColumn OrderColumnOf(TaskColumn column) {
    switch (column) {
        case TaskColumn::Stopped: return OrderColumn::Stopped;
        case TaskColumn::Started: return OrderColumn::Started;
        case TaskColumn::Name: return OrderColumn::Name;
        case TaskColumn::Func: return OrderColumn::Func;
        case TaskColumn::Group: return OrderColumn::Group;
        case TaskColumn::Cluster: return OrderColumn::Cluster;
        case TaskColumn::AttemptCount: return OrderColumn::AttemptCount;
        case TaskColumn::TimeTaken: return OrderColumn::TimeTaken;
    }
    return OrderColumn::Stopped;
}

// The query's date bounds as OrderKeys; nullopt when one has none (its text would not order as its time).
std::optional<OrderBounds> BoundsOf(const TaskQuery& query) {
    OrderBounds bounds;
    bool ok = true;
    const auto key = [&](const std::optional<std::string>& text) {
        if (!text) return std::optional<std::int64_t>();
        const auto parsed = TaskSearchIndex::OrderKey(*text);
        ok = ok && parsed;
        return parsed;
    };
    bounds.started_from = key(query.started_from);
    bounds.started_until = key(query.started_until);
    bounds.stopped_from = key(query.stopped_from);
    bounds.stopped_until = key(query.stopped_until);
    return ok ? std::optional<OrderBounds>(bounds) : std::nullopt;
}

// The selected rowids at the query's page in the in-memory order.
std::vector<std::int64_t> PageRowids(Export& export_, TaskSearchIndex& index, const TaskQuery& query, std::int64_t offset,
                                     std::int64_t limit) {
    index.Select(CriteriaOf(export_, query));
    return index.SelectedInOrder(OrderColumnOf(query.sort), query.descending, offset, limit, *BoundsOf(query));
}

// Runs `select` (rowids bound to ?1 as RowidsJson; the rowid in column `rowid_column`) and calls
// `read(stmt, position)` for each row with the row's position in `rowids`: SQL returns them in
// its own order, the list wants the index's.
template <class Read>
Status ReadInOrder(Export& export_, const std::vector<std::int64_t>& rowids, const std::string& select, int rowid_column, Read&& read) {
    if (rowids.empty()) return Ok{};
    std::unordered_map<std::int64_t, std::size_t> position;
    for (std::size_t i = 0; i < rowids.size(); ++i) position[rowids[i]] = i;
    auto stmt = export_.db.Prepare(select);
    if (!stmt) return stmt.error();
    stmt->Bind(1, RowidsJson(rowids));
    while (true) {
        auto row = stmt->Step();
        if (!row) return row.error();
        if (!row.value()) return Ok{};
        read(stmt.value(), position.at(stmt->Int(rowid_column)));
    }
}

}  // namespace

std::string RowidsJson(const std::vector<std::int64_t>& rowids) {
    std::string json = "[";
    for (const std::int64_t rowid : rowids) {
        if (json.size() > 1) json += ',';
        json += std::to_string(rowid);
    }
    json += ']';
    return json;
}

std::string FromRowids(const std::string& parameter) {
    return "(SELECT value AS selected_rowid FROM json_each(" + parameter + ")) CROSS JOIN django_q_task ON django_q_task.rowid = selected_rowid";
}

namespace {

// Per word, the tasks whose decoded values hold it, looked up once while the value index stays as
// it is. A failed lookup (no djq_task_text) matches by name, func and group only.
std::vector<std::shared_ptr<const std::vector<std::int64_t>>> ValueMatchesOf(Export& export_, const std::vector<std::string>& words) {
    TaskSearch::ValueLookups& lookups = export_.task_search->value_lookups();
    const auto through = ValueSearchThrough(export_);
    if (!through) return {};
    if (lookups.through != through.value()) lookups = TaskSearch::ValueLookups{through.value(), {}};
    std::vector<std::shared_ptr<const std::vector<std::int64_t>>> matches;
    for (const std::string& word : words) {
        auto& found = lookups.by_word[word];
        if (!found) {
            auto rowids = TasksWithValue(export_, word);
            if (rowids) found = std::make_shared<const std::vector<std::int64_t>>(std::move(rowids).value());
        }
        matches.push_back(found);
    }
    return matches;
}

}  // namespace

TaskSearchCriteria CriteriaOf(Export& export_, const TaskQuery& query) {
    const SchemaInfo& schema = export_.schema;
    TaskSearchCriteria criteria;
    criteria.successful = SuccessOf(query.kind);
    criteria.words = SplitSearchWords(query.search);
    criteria.group = query.group;
    criteria.func = query.func;
    criteria.among = query.among;
    if (schema.task_cluster) criteria.cluster = query.cluster;  // a variant without the column ignores the filter
    if (query.search_values && export_.task_search) criteria.value_matches = ValueMatchesOf(export_, criteria.words);
    return criteria;
}

bool MemoryCanOrder(const TaskQuery& query) { return BoundsOf(query).has_value(); }

TaskSearchIndex* MemoryOrderFor(const Export& export_, const TaskQuery& query) {
    TaskSearchIndex* index = ReadyTaskSearch(export_);
    if (!index || !MemoryCanOrder(query)) return nullptr;
    return index->ordered(OrderColumnOf(query.sort)) && index->bounds_usable(*BoundsOf(query)) ? index : nullptr;
}

InMemory AnsweredInMemory(const Export& export_, const TaskQuery& query) {
    if (MemoryOrderFor(export_, query)) return InMemory::Now;
    if (!export_.task_search || !MemoryCanOrder(query)) return InMemory::No;
    TaskSearchIndex& index = export_.task_search->index();
    const OrderColumn column = OrderColumnOf(query.sort);
    if (!index.complete()) return InMemory::Soon;  // whether its values order in memory is not known yet
    if (!index.orderable(column) || !index.bounds_usable(*BoundsOf(query))) return InMemory::No;
    index.RequestOrder(column);  // sorted in steps by LoadTaskSearch from the next frame
    return InMemory::Sorting;
}

Result<std::vector<TaskListRow>> QueryTasksInMemory(Export& export_, TaskSearchIndex& index, const TaskQuery& query) {
    const auto rowids = PageRowids(export_, index, query, query.offset, query.limit);
    std::vector<TaskListRow> rows(rowids.size());
    const std::string select =
        SelectTaskRowsSql(export_.schema, "(julianday(stopped) - julianday(started)) * 86400.0, django_q_task.rowid", FromRowids("?1"));
    auto read = ReadInOrder(export_, rowids, select, kTaskRowColumns + 1, [&](const Stmt& stmt, std::size_t position) {
        static_cast<TaskRow&>(rows[position]) = ReadTaskRow(stmt);
        rows[position].time_taken = stmt.Real(kTaskRowColumns);
    });
    if (!read) return read.error();
    return rows;
}

std::int64_t CountTasksInMemory(Export& export_, TaskSearchIndex& index, const TaskQuery& query) {
    index.Select(CriteriaOf(export_, query));
    return index.CountSelected(*BoundsOf(query));
}

Result<std::vector<std::string>> MatchingTaskIdsInMemory(Export& export_, TaskSearchIndex& index, const TaskQuery& query) {
    const auto rowids = PageRowids(export_, index, query, 0, INT64_MAX);
    std::vector<std::string> ids(rowids.size());
    auto read = ReadInOrder(export_, rowids, "SELECT id, django_q_task.rowid FROM " + FromRowids("?1"), 1,
                            [&](const Stmt& stmt, std::size_t position) { ids[position] = std::string(stmt.Text(0)); });
    if (!read) return read.error();
    return ids;
}

}  // namespace core
