// The Scheduled and Queued lists as files (issue 19, item 6; rows_file.h writes them): each
// shown column's value as stored, so a file reads back into a spreadsheet or a script as the
// database has it (times are Django's UTC text).
#pragma once

#include <optional>
#include <string>

#include "core/model/queued.h"
#include "core/model/schedule.h"
#include "core/model/schedule_query.h"

namespace core {

// "id", "name", "func", "schedule_type", "repeats", "cluster", "next_run", "last_run" (the
// task's name), "success" ("success", "failed"; NULL when unknown).
const char* ScheduleFileColumnName(ScheduleColumn column);
std::optional<std::string> ScheduleFileCell(const ScheduleListRow& row, ScheduleColumn column);

// The Queued list's columns: its Lock column is two fields, the stored lock and its state.
enum class QueuedFileColumn { Id, Key, Name, Group, Func, Lock, LockState, TaskId };
// "id", "key", "name", "group", "func", "lock", "lock_state" (LockStateName), "task_id".
const char* QueuedFileColumnName(QueuedFileColumn column);
// Name, group, func and task id are NULL when the package cannot be read.
std::optional<std::string> QueuedFileCell(const QueuedView& row, QueuedFileColumn column);

}  // namespace core
