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

// RFC 4180: a field with a comma, quote or line break is quoted, its quotes doubled.
std::string CsvField(const std::optional<std::string>& value) {
    if (!value) return "";
    if (value->find_first_of(",\"\r\n") == std::string::npos) return *value;
    std::string quoted = "\"";
    for (char c : *value) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
    return quoted + "\"";
}

std::string CsvLine(const std::vector<std::optional<std::string>>& fields) {
    std::string line;
    for (std::size_t i = 0; i < fields.size(); ++i) line += (i ? "," : "") + CsvField(fields[i]);
    return line + "\r\n";
}

// The rows of `ids`, in that order.
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
    for (const std::string& id : ids)
        if (auto found = by_id.find(id); found != by_id.end()) rows.push_back(std::move(found->second));
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
    if (format == RowsFormat::Csv) {
        std::vector<std::optional<std::string>> header;
        for (TaskFileColumn column : columns) header.emplace_back(TaskFileColumnName(column));
        if (auto written = sink(CsvLine(header)); !written) return written;
    } else if (auto written = sink("["); !written) {
        return written;
    }
    for (std::size_t from = 0; from < ids->size(); from += kTasksPerRead) {
        const std::vector<std::string> batch(ids->begin() + static_cast<std::ptrdiff_t>(from),
                                             ids->begin() + static_cast<std::ptrdiff_t>(std::min(ids->size(), from + kTasksPerRead)));
        auto rows = RowsOf(export_, batch);
        if (!rows) return rows.error();
        std::string piece;
        for (std::size_t r = 0; r < rows->size(); ++r) {
            const TaskRow& row = rows.value()[r];
            if (format == RowsFormat::Csv) {
                std::vector<std::optional<std::string>> fields;
                for (TaskFileColumn column : columns) fields.push_back(Cell(row, column));
                piece += CsvLine(fields);
            } else {
                nlohmann::ordered_json object = nlohmann::ordered_json::object();
                for (TaskFileColumn column : columns) {
                    const auto value = Cell(row, column);
                    object[TaskFileColumnName(column)] = value ? nlohmann::ordered_json(*value) : nlohmann::ordered_json(nullptr);
                }
                piece += (from + r == 0 ? "\n" : ",\n") + object.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
            }
        }
        if (auto written = sink(piece); !written) return written;
    }
    return format == RowsFormat::Json ? sink(ids->empty() ? "]\n" : "\n]\n") : Ok{};
}

}  // namespace core
