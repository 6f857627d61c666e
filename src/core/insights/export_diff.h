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
#include <unordered_map>
#include <vector>

#include "core/insights/export_side.h"

namespace core {

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

// Compares two sides a step at a time (the app's way), so that no step is long however many tasks
// failed: each does about `max_rows` rows' work. Both sides must outlive the scan.
inline constexpr std::int64_t kDiffRowsPerStep = 5'000;  // the app's step: under 1 ms natively
class ExportDiffScan {
public:
    ExportDiffScan(const ExportSide& before, const ExportSide& after);
    // True once the comparison is made.
    bool Step(std::int64_t max_rows);
    // The comparison (once Step said true); the scan is spent.
    ExportDiff Take() { return std::move(m_diff); }

private:
    void IndexOldFailures(std::int64_t max_rows);
    void FindNewFailures(std::int64_t max_rows);
    bool IsOld(const FailedTask& task) const;
    void CompareGroups(std::int64_t max_rows);
    void FinishGroups();
    void CompareSchedules(std::int64_t max_rows);
    void CompareQueue(std::int64_t max_rows);

    enum class Phase { IndexOldFailures, FindNewFailures, CompareGroups, CompareSchedules, CompareQueue, Done };
    const ExportSide& m_before;
    const ExportSide& m_after;
    Phase m_phase = Phase::IndexOldFailures;
    std::size_t m_next = 0, m_next_other = 0;  // where the phase goes on: an index into each side's rows (or a group and its rowids)
    std::unordered_multimap<std::uint64_t, std::size_t> m_old_failures;  // a failure's hash: its index in the older side
    std::vector<std::int64_t> m_new_rowids;
    FailureGroupChange m_group_change;  // the group CompareGroups is in
    std::unordered_map<std::string, std::int64_t> m_old_group_counts;  // by signature key
    ExportDiff m_diff;
};

// Both sides compared at once.
ExportDiff DiffExports(const ExportSide& before, const ExportSide& after);
// Both exports read at once (the CLI's way).
Result<ExportDiff> CompareExports(Export& before, Export& after);

}  // namespace core
