#include "core/model/task_edits.h"

#include <algorithm>

#include "core/sync/journal.h"

namespace core {

Result<std::int64_t> DeleteTasks(Export& export_, const std::vector<std::string>& ids) {
    TaskDeletion deletion(ids);
    if (auto done = deletion.Step(export_, ids.size()); !done) return done.error();
    return deletion.deleted();
}

Result<bool> TaskDeletion::Step(Export& export_, std::size_t max_tasks) {
    if (m_next >= m_ids.size() && m_batch) return true;
    const std::size_t end = std::min(m_ids.size(), m_next + max_tasks);
    std::int64_t deleted = 0, number = 0;
    auto done = JournalledIn(export_.db, m_batch, "delete_tasks", [&](EditBatch& batch) -> Status {
        for (std::size_t i = m_next; i < end; ++i)
            if (auto step = batch.Delete("django_q_task", m_ids[i]); !step) return step;
        deleted = batch.changed();
        number = batch.number();
        return Ok{};
    });
    if (!done) return done.error();
    m_batch = number;
    m_deleted += deleted;
    m_next = end;
    return m_next >= m_ids.size();
}

}  // namespace core
