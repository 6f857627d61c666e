#include "core/insights/export_side.h"

#include <algorithm>
#include <iterator>

namespace core {

Result<bool> ExportSideScan::Step(Export& export_, std::int64_t max_rows) {
    switch (m_phase) {
        case Phase::Tasks: {
            auto tasks_done = m_tasks.Step(export_, max_rows);
            if (!tasks_done || !tasks_done.value()) return tasks_done;
            m_side.source = export_.source;
            m_side.variant = export_.schema.variant;
            m_side.insights = m_tasks.Summarise(TimeZone::Utc(), std::nullopt);
            m_side.failed_tasks = m_tasks.TakeFailedTasks();  // the task scan is spent
            m_phase = Phase::Schedules;
            return false;
        }
        case Phase::Schedules: return StepSchedules(export_, max_rows);
        case Phase::Queue: return StepQueue(export_, max_rows);
        case Phase::Done: return true;
    }
    return true;
}

Result<bool> ExportSideScan::StepSchedules(Export& export_, std::int64_t max_rows) {
    // A schedule is read with its last run looked up: about twenty tasks' worth, as health counts it.
    const std::int64_t limit = std::max<std::int64_t>(1, max_rows / 20);
    auto rows = ReadSchedulesAfter(export_, m_side.schedules.empty() ? INT64_MIN : m_side.schedules.back().id, limit);
    if (!rows) return rows.error();
    if (static_cast<std::int64_t>(rows->size()) < limit) m_phase = Phase::Queue;
    std::move(rows->begin(), rows->end(), std::back_inserter(m_side.schedules));
    return false;
}

Result<bool> ExportSideScan::StepQueue(Export& export_, std::int64_t max_rows) {
    const std::int64_t limit = std::max<std::int64_t>(1, max_rows);
    auto rows = ListQueuedAfter(export_, m_side.queue.empty() ? INT64_MIN : m_side.queue.back().id, limit, Payloads::Skip);
    if (!rows) return rows.error();
    std::move(rows->begin(), rows->end(), std::back_inserter(m_side.queue));
    if (static_cast<std::int64_t>(rows->size()) < limit) m_phase = Phase::Done;
    return m_phase == Phase::Done;
}

Result<ExportSide> ReadExportSide(Export& export_) {
    ExportSideScan scan;
    while (true) {
        auto done = scan.Step(export_, INT64_MAX);
        if (!done) return done.error();
        if (done.value()) return scan.Take();
    }
}

}  // namespace core
