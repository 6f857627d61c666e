// The Funcs page as a file (issue 19, item 6; rows_file.h writes it): each func's metrics, with
// the names `djq stats --json` gives them; seconds as numbers, times as Django's UTC text.
#pragma once

#include <string>
#include <vector>

#include "core/insights/task_insights.h"
#include "core/model/rows_file.h"

namespace core {

const std::vector<std::string>& FuncFileColumns();
RowCells FuncFileCells(const FuncMetrics& func);

}  // namespace core
