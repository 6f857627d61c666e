// What changed between two exports of one server, "since yesterday" (issue 19, item 5): the
// failures the newer export has that the older has not, the failure groups they fall in (new or
// grown), the schedules added, removed, edited or advanced by a run, and how the queue moved.
// Rows are matched by what Django Q keeps stable: a task by its id and stop time, a schedule and a
// queue entry by their ids. Each side is read once into an ExportSide, so the app reads the older
// export's side once and only the working copy's again after an edit.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
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

// Reads a side a step at a time: the tasks (TaskInsightsScan), then the schedules and the queue at once.
class ExportSideScan {
public:
    // Does about `max_rows` rows' work; true once the side is read.
    Result<bool> Step(Export& export_, std::int64_t max_rows);
    std::int64_t tasks_read() const { return m_tasks.rows_read(); }
    // The side read (once Step said true); the scan is spent.
    ExportSide Take() { return std::move(m_side); }

private:
    TaskInsightsScan m_tasks;
    ExportSide m_side;
    bool m_done = false;
};
Result<ExportSide> ReadExportSide(Export& export_);

struct FailureGroupChange {
    FailureSignature signature;      // the newer export's (newest example)
    std::int64_t before = 0, after = 0;  // the group's failures in each export (pruning lowers "after")
    std::vector<std::int64_t> new_rowids;  // its failures that are new, the newer export's rowids
    std::vector<std::pair<std::string, std::int64_t>> funcs;  // in the newer export, most first
    std::optional<UnixMicros> last_seen;
    bool Appeared() const { return before == 0; }
};

struct FieldChange {
    std::string field;          // the column: "cron", "next_run", ...
    std::string before, after;  // as stored; "NULL" for NULL
};

enum class ScheduleChangeKind { Added, Removed, Edited, Ran };
const char* ScheduleChangeKindId(ScheduleChangeKind kind);  // "added", "removed", "edited", "ran"

struct ScheduleChange {
    ScheduleChangeKind kind;
    std::int64_t id = 0;
    std::string label;  // its name, or its func
    std::vector<FieldChange> fields;  // Edited and Ran: what differs
};

struct QueueChange {
    std::int64_t before = 0, after = 0;
    std::vector<std::int64_t> added;    // ids only in the newer export
    std::vector<std::int64_t> waiting;  // ids in both: still queued a whole export later
    std::int64_t gone = 0;              // ids only in the older export: taken (or deleted)
    std::map<std::string, std::pair<std::int64_t, std::int64_t>> per_cluster;  // key: (before, after)
};

struct ExportDiff {
    std::string before_source, after_source;
    std::int64_t tasks_before = 0, tasks_after = 0, failures_before = 0, failures_after = 0;
    std::optional<UnixMicros> last_stopped_before, last_stopped_after;
    // The newer export's failures the older has not (same id and stop time), in rowid order.
    std::vector<FailedTask> new_failures;
    std::vector<std::int64_t> NewFailureRowids() const;
    // Groups with new failures, appeared ones first, then most new failures.
    std::vector<FailureGroupChange> groups;
    // Groups of the older export with no failure left in the newer (fixed, resubmitted or pruned).
    std::vector<FailureGroupChange> groups_gone;
    // Added, removed and edited schedules by id; a schedule only the scheduler moved on (a new
    // last task, with its next run and repeats) is Ran, counted in `schedules_ran`.
    std::vector<ScheduleChange> schedules;
    std::int64_t schedules_ran = 0;
    QueueChange queue;
    // What makes the comparison doubtful: other Django Q versions, the "older" export being newer.
    std::vector<std::string> warnings;
};

ExportDiff DiffExports(const ExportSide& before, const ExportSide& after);
// Both exports read at once (the CLI's way).
Result<ExportDiff> CompareExports(Export& before, Export& after);

}  // namespace core
