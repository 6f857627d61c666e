// A row of django_q_task as stored (SEMANTICS.md §1): pickled fields stay base64 text here;
// decode/ turns them into values.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/schema/export.h"

namespace core {

struct TaskRow {
    std::string id;  // 32 hex digits (uuid4)
    std::string name;
    std::string func;
    std::optional<std::string> hook;
    std::optional<std::string> args;    // base64 pickle of a tuple
    std::optional<std::string> kwargs;  // base64 pickle of a dict
    std::optional<std::string> result;  // base64 pickle of the return value or the error text
    std::string started;                // Django datetime text, UTC
    std::string stopped;
    bool success = false;
    std::optional<std::string> group;
    std::optional<std::int64_t> attempt_count;  // django-q >= 1.3
    std::optional<std::string> cluster;         // django-q2
};

// The task with this id; nullopt when there is none.
Result<std::optional<TaskRow>> FindTask(Export& export_, std::string_view id);

// For queries over tasks (task_query.cpp): "SELECT <every TaskRow column> FROM django_q_task", with
// the columns a variant lacks selected as NULL so rows always have the same shape; and the reader
// of such a row. Columns past kTaskRowColumns are the caller's own.
std::string SelectTaskRowsSql(const SchemaInfo& schema, std::string_view extra_columns = {},
                              std::string_view from = "django_q_task");
constexpr int kTaskRowColumns = 13;
TaskRow ReadTaskRow(const Stmt& stmt);

}  // namespace core
