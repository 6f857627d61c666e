// One export's part of a comparison of two (export_diff.h): its task insights, its failed tasks,
// schedules and queue, read a step at a time so the app keeps its frames short, and only once for
// an export that does not change (the older one of a comparison).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/insights/task_insights.h"
#include "core/model/queued.h"
#include "core/model/schedule.h"
#include "core/schema/export.h"

namespace core {

// One export's part of a comparison.
struct ExportSide {
    std::string source;
    Variant variant = Variant::DjangoQ2;
    TaskInsights insights;  // in UTC; its failure groups hold their rowids
    std::vector<FailedTask> failed_tasks;  // rowid order
    std::vector<ScheduleListRow> schedules;  // by id
    std::vector<QueuedRow> queue;            // by id, payloads dropped
};

// Reads a side a step at a time: the tasks (TaskInsightsScan) and their summary, then the
// schedules, then the queue, so that no step reads much more than `max_rows` tasks' worth.
class ExportSideScan {
public:
    // Does about `max_rows` tasks' worth of work; true once the side is read.
    Result<bool> Step(Export& export_, std::int64_t max_rows);
    std::int64_t tasks_read() const { return m_tasks.rows_read(); }
    // The side read (once Step said true); the scan is spent.
    ExportSide Take() { return std::move(m_side); }

private:
    Result<bool> StepSchedules(Export& export_, std::int64_t max_rows);
    Result<bool> StepQueue(Export& export_, std::int64_t max_rows);

    enum class Phase { Tasks, Schedules, Queue, Done };
    Phase m_phase = Phase::Tasks;
    TaskInsightsScan m_tasks;
    ExportSide m_side;
};
Result<ExportSide> ReadExportSide(Export& export_);

}  // namespace core
