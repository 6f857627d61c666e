#include "core/model/row_labels.h"

namespace core {
namespace {

// The label `label_sql` gives the row whose id is bound to ?1, for each of the first `limit` ids.
template <class Id>
Result<std::vector<std::string>> Labels(Export& export_, const std::string& label_sql, const std::vector<Id>& ids, std::size_t limit) {
    auto stmt = export_.db.Prepare(label_sql);
    if (!stmt) return stmt.error();
    std::vector<std::string> labels;
    for (std::size_t i = 0; i < ids.size() && labels.size() < limit; ++i) {
        stmt->Reset();
        stmt->Bind(1, ids[i]);
        auto row = stmt->Step();
        if (!row) return row.error();
        if (row.value()) labels.emplace_back(stmt->Text(0));
    }
    return labels;
}

}  // namespace

Result<std::vector<std::string>> TaskLabels(Export& export_, const std::vector<std::string>& ids, std::size_t limit) {
    return Labels(export_, "SELECT name || ' (' || func || ')' FROM django_q_task WHERE id = ?1", ids, limit);
}

Result<std::vector<std::string>> ScheduleLabels(Export& export_, const std::vector<std::int64_t>& ids, std::size_t limit) {
    return Labels(export_, "SELECT 'schedule ' || id || coalesce(', ' || name, '') || ' (' || func || ')' FROM django_q_schedule WHERE id = ?1",
                  ids, limit);
}

}  // namespace core
