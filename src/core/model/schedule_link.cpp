#include "core/model/schedule_link.h"

namespace core {

Result<std::optional<ScheduleRef>> FindScheduleNamed(Export& export_, std::string_view name) {
    auto stmt = export_.db.Prepare("SELECT id, name, func FROM django_q_schedule WHERE name = ?1 ORDER BY id LIMIT 1");
    if (!stmt) return stmt.error();
    stmt->Bind(1, name);
    auto row = stmt->Step();
    if (!row) return row.error();
    if (!row.value()) return std::optional<ScheduleRef>();
    return std::optional<ScheduleRef>(ScheduleRef{stmt->Int(0), std::string(stmt->Text(1)), std::string(stmt->Text(2))});
}

}  // namespace core
