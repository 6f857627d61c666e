#include "core/model/task.h"

namespace core {

Result<std::optional<TaskRow>> FindTask(Export& export_, std::string_view id) {
    const SchemaInfo& schema = export_.schema;
    // Columns a variant lacks are selected as NULL so the row always has the same shape.
    const std::string sql = std::string("SELECT id, name, func, hook, args, kwargs, result, started, stopped, success, \"group\", ") +
                            (schema.task_attempt_count ? "attempt_count" : "NULL") + ", " +
                            (schema.task_cluster ? "cluster" : "NULL") + " FROM django_q_task WHERE id = ?1";
    auto stmt = export_.db.Prepare(sql);
    if (!stmt) return stmt.error();
    stmt->Bind(1, id);
    auto row = stmt->Step();
    if (!row) return row.error();
    if (!row.value()) return std::optional<TaskRow>();

    TaskRow task;
    task.id = stmt->Text(0);
    task.name = stmt->Text(1);
    task.func = stmt->Text(2);
    task.hook = stmt->OptionalText(3);
    task.args = stmt->OptionalText(4);
    task.kwargs = stmt->OptionalText(5);
    task.result = stmt->OptionalText(6);
    task.started = stmt->Text(7);
    task.stopped = stmt->Text(8);
    task.success = stmt->Int(9) != 0;
    task.group = stmt->OptionalText(10);
    if (!stmt->IsNull(11)) task.attempt_count = stmt->Int(11);
    task.cluster = stmt->OptionalText(12);
    return std::optional<TaskRow>(std::move(task));
}

}  // namespace core
