// One task, every field: args, kwargs and result decoded (tree and repr), a failure's traceback
// in monospace, copy buttons, and links to the task's schedule and the other tasks of its group.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/model/decoded_value.h"
#include "core/model/schedule_link.h"
#include "core/model/task.h"

namespace ui {

struct App;

struct DecodedField {
    std::optional<core::DecodedValue> value;  // nullopt: NULL in the database, or undecodable
    std::optional<core::Error> error;         // why it could not be decoded
};

struct TaskDetailView {
    std::string id;  // the open task
    std::uint64_t generation = 0;
    std::optional<core::TaskRow> task;  // nullopt: gone (deleted, or not in this export)
    DecodedField args, kwargs, result;
    std::optional<core::ScheduleRef> schedule;
    bool scroll_to_top = false;  // another task was opened: its fields start at the top
};

// Puts `text` on the clipboard and says so ("Copied the name fail-zero to the clipboard.").
void CopyToClipboard(App& app, const std::string& what, const std::string& text);
// Shows the task with this id (from a list, a link or the URL).
void OpenTask(App& app, std::string id);
void DrawTaskDetail(App& app, TaskDetailView& view);

}  // namespace ui
