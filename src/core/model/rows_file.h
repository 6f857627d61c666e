// A list as a file (issue 19, item 6): rows of named columns as CSV (RFC 4180, a header row) or
// JSON (an array of objects, NULL as null), handed to a sink a thousand rows at a time so a large
// list is never whole in memory as text.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "core/text_sink.h"

namespace core {

enum class RowsFormat { Csv, Json };
const char* RowsFormatExtension(RowsFormat format);  // ".csv", ".json"

using RowCells = std::vector<std::optional<std::string>>;  // nullopt: NULL (an empty CSV field, JSON null)
// Row `index`'s cells, one per column; asked for in order, 0 to count - 1.
using RowReader = std::function<Result<RowCells>(std::size_t index)>;

Status WriteRows(RowsFormat format, const std::vector<std::string>& columns, std::size_t count, const RowReader& row, const TextSink& sink);

}  // namespace core
