#include "core/model/queued.h"

namespace core {

Result<std::vector<QueuedRow>> ListQueued(Export& export_) {
    std::vector<QueuedRow> rows;
    if (!export_.schema.has_ormq) return rows;
    auto stmt = export_.db.Prepare(R"(SELECT id, "key", payload, "lock" FROM django_q_ormq ORDER BY id)");
    if (!stmt) return stmt.error();
    while (true) {
        auto row = stmt->Step();
        if (!row) return row.error();
        if (!row.value()) return rows;
        rows.push_back({stmt->Int(0), std::string(stmt->Text(1)), std::string(stmt->Text(2)), stmt->OptionalText(3)});
    }
}

}  // namespace core
