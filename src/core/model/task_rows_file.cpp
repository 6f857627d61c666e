#include "core/model/task_rows_file.h"

#include <cstdio>
#include <unordered_map>

#include <nlohmann/json.hpp>

#include "core/model/decoded_value.h"
#include "core/sched/timestamp.h"

namespace core {
namespace {

constexpr std::size_t kTasksPerRead = 1'000;

std::string Seconds(const TaskRow& row) {
    const auto started = ParseDjangoDatetime(row.started), stopped = ParseDjangoDatetime(row.stopped);
    if (!started || !stopped) return "";
    char text[32];
    std::snprintf(text, sizeof text, "%.3f", static_cast<double>(*stopped - *started) / 1e6);
    return text;
}

// A cell's value; nullopt for NULL (an empty CSV field, JSON null).
std::optional<std::string> Cell(const TaskRow& row, TaskFileColumn column) {
    switch (column) {
        case TaskFileColumn::Id: return row.id;
        case TaskFileColumn::Name: return row.name;
        case TaskFileColumn::Group: return row.group;
        case TaskFileColumn::Func: return row.func;
        case TaskFileColumn::Cluster: return row.cluster;
        case TaskFileColumn::Status: return std::string(row.success ? "success" : "failed");
        case TaskFileColumn::Started: return row.started;
        case TaskFileColumn::Stopped: return row.stopped;
        case TaskFileColumn::TimeTaken: return Seconds(row);
        case TaskFileColumn::Result: return row.result ? std::optional<std::string>(ShortResult(row.result)) : std::nullopt;
        case TaskFileColumn::Attempts: return row.attempt_count ? std::optional<std::string>(std::to_string(*row.attempt_count)) : std::nullopt;
    }
    return std::nullopt;
}

// The rows of `ids`, in that order (each is there: the ids were just read from the same database).
Result<std::vector<TaskRow>> RowsOf(Export& export_, const std::vector<std::string>& ids) {
    auto stmt = export_.db.Prepare(SelectTaskRowsSql(export_.schema) + " WHERE id IN (SELECT value FROM json_each(?1))");
    if (!stmt) return stmt.error();
    stmt->Bind(1, nlohmann::json(ids).dump());
    std::unordered_map<std::string, TaskRow> by_id;
    while (true) {
        auto row = stmt->Step();
        if (!row) return row.error();
        if (!row.value()) break;
        TaskRow task = ReadTaskRow(stmt.value());
        by_id.emplace(task.id, std::move(task));
    }
    std::vector<TaskRow> rows;
    for (const std::string& id : ids) {
        auto found = by_id.find(id);
        if (found == by_id.end()) return MakeError("tasks.gone", "task " + id + " is no longer in the export");
        rows.push_back(std::move(found->second));
    }
    return rows;
}

}  // namespace

const char* TaskFileColumnName(TaskFileColumn column) {
    switch (column) {
        case TaskFileColumn::Id: return "id";
        case TaskFileColumn::Name: return "name";
        case TaskFileColumn::Group: return "group";
        case TaskFileColumn::Func: return "func";
        case TaskFileColumn::Cluster: return "cluster";
        case TaskFileColumn::Status: return "status";
        case TaskFileColumn::Started: return "started";
        case TaskFileColumn::Stopped: return "stopped";
        case TaskFileColumn::TimeTaken: return "time_taken";
        case TaskFileColumn::Result: return "result";
        case TaskFileColumn::Attempts: return "attempt_count";
    }
    return "";
}

Status WriteTaskRows(Export& export_, const TaskQuery& query, const std::vector<TaskFileColumn>& columns, RowsFormat format,
                     const TextSink& sink) {
    auto ids = MatchingTaskIds(export_, query);
    if (!ids) return ids.error();
    std::vector<std::string> names;
    for (TaskFileColumn column : columns) names.emplace_back(TaskFileColumnName(column));
    std::vector<TaskRow> batch;  // rows [batch_from, batch_from + batch.size()), read a thousand at a time
    std::size_t batch_from = 0;
    const RowReader row = [&](std::size_t index) -> Result<RowCells> {
        if (batch.empty() || index >= batch_from + batch.size()) {
            batch_from = index;
            const auto from = ids->begin() + static_cast<std::ptrdiff_t>(index);
            auto rows = RowsOf(export_, std::vector<std::string>(from, from + static_cast<std::ptrdiff_t>(std::min(kTasksPerRead, ids->size() - index))));
            if (!rows) return rows.error();
            batch = std::move(rows.value());
        }
        RowCells cells;
        for (TaskFileColumn column : columns) cells.push_back(Cell(batch[index - batch_from], column));
        return cells;
    };
    return WriteRows(format, names, ids->size(), row, sink);
}

}  // namespace core
