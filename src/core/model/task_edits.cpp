#include "core/model/task_edits.h"

#include "core/sync/journal.h"

namespace core {

Result<std::int64_t> DeleteTasks(Export& export_, const std::vector<std::string>& ids) {
    std::int64_t deleted = 0;
    auto done = Journalled(export_.db, "delete_tasks", [&](EditBatch& batch) -> Status {
        for (const auto& id : ids)
            if (auto step = batch.Delete("django_q_task", id); !step) return step;
        deleted = batch.changed();
        return Ok{};
    });
    if (!done) return done.error();
    return deleted;
}

}  // namespace core
