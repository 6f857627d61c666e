#include "core/model/task.h"

namespace core {

std::string SelectTaskRowsSql(const SchemaInfo& schema, std::string_view extra_columns, std::string_view from) {
    std::string sql = std::string("SELECT id, name, func, hook, args, kwargs, result, started, stopped, success, \"group\", ") +
                      (schema.task_attempt_count ? "attempt_count" : "NULL") + ", " + (schema.task_cluster ? "cluster" : "NULL");
    if (!extra_columns.empty()) sql.append(", ").append(extra_columns);
    return sql.append(" FROM ").append(from);
}

TaskRow ReadTaskRow(const Stmt& stmt) {
    TaskRow task;
    task.id = stmt.Text(0);
    task.name = stmt.Text(1);
    task.func = stmt.Text(2);
    task.hook = stmt.OptionalText(3);
    task.args = stmt.OptionalText(4);
    task.kwargs = stmt.OptionalText(5);
    task.result = stmt.OptionalText(6);
    task.started = stmt.Text(7);
    task.stopped = stmt.Text(8);
    task.success = stmt.Int(9) != 0;
    task.group = stmt.OptionalText(10);
    if (!stmt.IsNull(11)) task.attempt_count = stmt.Int(11);
    task.cluster = stmt.OptionalText(12);
    return task;
}

Result<std::optional<TaskRow>> FindTask(Export& export_, std::string_view id) {
    auto stmt = export_.db.Prepare(SelectTaskRowsSql(export_.schema) + " WHERE id = ?1");
    if (!stmt) return stmt.error();
    stmt->Bind(1, id);
    auto row = stmt->Step();
    if (!row) return row.error();
    if (!row.value()) return std::optional<TaskRow>();
    return std::optional<TaskRow>(ReadTaskRow(stmt.value()));
}

}  // namespace core
