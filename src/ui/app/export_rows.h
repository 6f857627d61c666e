// "Export rows…" on a list (issue 19, item 6): CSV or JSON of the rows the list's filters match,
// in its order, with its shown columns; the file is named after the export and the list.
#pragma once

#include <functional>
#include <string>

#include "core/model/rows_file.h"

namespace ui {

struct App;

using RowsWriting = std::function<core::Status(core::RowsFormat, const core::TextSink&)>;
// The button and its menu, on the line before it when it fits. `list`: "failed-tasks", "schedules".
void DrawExportRows(App& app, long long rows, const std::string& list, const RowsWriting& write);

}  // namespace ui
