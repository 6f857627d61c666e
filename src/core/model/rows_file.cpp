#include "core/model/rows_file.h"

#include <nlohmann/json.hpp>

namespace core {
namespace {

constexpr std::size_t kRowsPerPiece = 1'000;

// RFC 4180: a field with a comma, quote or line break is quoted, its quotes doubled.
std::string CsvField(const std::optional<std::string>& value) {
    if (!value) return "";
    if (value->find_first_of(",\"\r\n") == std::string::npos) return *value;
    std::string quoted = "\"";
    for (char c : *value) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
    return quoted + "\"";
}

std::string CsvLine(const RowCells& fields) {
    std::string line;
    for (std::size_t i = 0; i < fields.size(); ++i) line += (i ? "," : "") + CsvField(fields[i]);
    return line + "\r\n";
}

std::string JsonObject(const std::vector<std::string>& columns, const RowCells& cells) {
    nlohmann::ordered_json object = nlohmann::ordered_json::object();
    for (std::size_t c = 0; c < columns.size(); ++c)
        object[columns[c]] = c < cells.size() && cells[c] ? nlohmann::ordered_json(*cells[c]) : nlohmann::ordered_json(nullptr);
    return object.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace

const char* RowsFormatExtension(RowsFormat format) { return format == RowsFormat::Csv ? ".csv" : ".json"; }

Status WriteRows(RowsFormat format, const std::vector<std::string>& columns, std::size_t count, const RowReader& row, const TextSink& sink) {
    std::string piece = format == RowsFormat::Csv ? CsvLine(RowCells(columns.begin(), columns.end())) : "[";
    for (std::size_t index = 0; index < count; ++index) {
        auto cells = row(index);
        if (!cells) return cells.error();
        if (format == RowsFormat::Csv) piece += CsvLine(cells.value());
        else piece += (index == 0 ? "\n" : ",\n") + JsonObject(columns, cells.value());
        if ((index + 1) % kRowsPerPiece == 0) {
            if (auto written = sink(piece); !written) return written;
            piece.clear();
        }
    }
    if (format == RowsFormat::Json) piece += count == 0 ? "]\n" : "\n]\n";
    return sink(piece);
}

}  // namespace core
