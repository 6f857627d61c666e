#include "core/insights/export_diff.h"

#include <algorithm>
#include <unordered_map>
#include <unordered_set>
#include <utility>

namespace core {
namespace {

// Stop times compare to the millisecond: dumpdata JSON keeps no more (Django's JSON encoder cuts
// isoformat's microseconds to three digits), and one side may be JSON, the other SQLite.
std::string FailureKey(const FailedTask& task) {
    return task.id + '\x1f' + (task.stopped ? std::to_string(*task.stopped / 1000) : "-");
}

// A datetime column to the millisecond, as FailureKey compares stop times.
std::optional<std::string> ToMillisecond(const std::optional<std::string>& text) {
    const auto at = text ? ParseDjangoDatetime(*text) : std::nullopt;
    if (!at) return text;
    return FormatDjangoDatetime(*at - ((*at % 1000) + 1000) % 1000);
}

// A schedule's columns as compared: (name, stored text or nullopt for NULL).
using Columns = std::vector<std::pair<const char*, std::optional<std::string>>>;
Columns ColumnsOf(const ScheduleRow& s) {
    auto number = [](std::optional<std::int64_t> n) { return n ? std::optional<std::string>(std::to_string(*n)) : std::nullopt; };
    return {{"name", s.name},       {"func", s.func},
            {"hook", s.hook},       {"args", s.args},
            {"kwargs", s.kwargs},   {"schedule_type", s.schedule_type},
            {"minutes", number(s.minutes)},
            {"cron", s.cron},       {"cluster", s.cluster},
            {"intended_date_kwarg", s.intended_date_kwarg},
            {"repeats", number(s.repeats)},
            {"next_run", ToMillisecond(s.next_run)},
            {"task", s.task}};
}
// What the scheduler itself writes when it runs a schedule (SEMANTICS.md §5).
bool WrittenByARun(std::string_view field) { return field == "next_run" || field == "task" || field == "repeats"; }

std::string LabelOf(const ScheduleRow& s) { return s.name && !s.name->empty() ? *s.name : s.func; }

ScheduleChange Compared(const ScheduleRow& before, const ScheduleRow& after) {
    ScheduleChange change{ScheduleChangeKind::Ran, after.id, LabelOf(after), {}};
    const Columns old_columns = ColumnsOf(before), new_columns = ColumnsOf(after);
    bool task_changed = false, only_run_fields = true;
    for (std::size_t i = 0; i < old_columns.size(); ++i) {
        const auto& [field, old_value] = old_columns[i];
        const auto& new_value = new_columns[i].second;
        if (old_value == new_value) continue;
        change.fields.push_back({field, old_value.value_or("NULL"), new_value.value_or("NULL")});
        task_changed |= std::string_view(field) == "task";
        only_run_fields &= WrittenByARun(field);
    }
    // Without a new last task no run happened: a moved next run or repeats is someone's edit.
    if (!(task_changed && only_run_fields)) change.kind = ScheduleChangeKind::Edited;
    return change;
}

void DiffSchedules(const ExportSide& before, const ExportSide& after, ExportDiff& diff) {
    std::map<std::int64_t, const ScheduleRow*> old_by_id, new_by_id;
    for (const ScheduleRow& s : before.schedules) old_by_id[s.id] = &s;
    for (const ScheduleRow& s : after.schedules) new_by_id[s.id] = &s;
    for (const auto& [id, s] : old_by_id)
        if (!new_by_id.count(id)) diff.schedules.push_back({ScheduleChangeKind::Removed, id, LabelOf(*s), {}});
    for (const auto& [id, s] : new_by_id) {
        auto old = old_by_id.find(id);
        if (old == old_by_id.end()) {
            diff.schedules.push_back({ScheduleChangeKind::Added, id, LabelOf(*s), {}});
            continue;
        }
        ScheduleChange change = Compared(*old->second, *s);
        if (change.fields.empty()) continue;
        if (change.kind == ScheduleChangeKind::Ran) ++diff.schedules_ran;
        else diff.schedules.push_back(std::move(change));
    }
    std::stable_sort(diff.schedules.begin(), diff.schedules.end(), [](const ScheduleChange& a, const ScheduleChange& b) { return a.id < b.id; });
}

void DiffQueue(const ExportSide& before, const ExportSide& after, QueueChange& queue) {
    queue.before = static_cast<std::int64_t>(before.queue.size());
    queue.after = static_cast<std::int64_t>(after.queue.size());
    std::unordered_set<std::int64_t> old_ids;
    for (const QueuedRow& row : before.queue) {
        old_ids.insert(row.id);
        ++queue.per_cluster[row.key].first;
    }
    std::unordered_set<std::int64_t> new_ids;
    for (const QueuedRow& row : after.queue) {
        new_ids.insert(row.id);
        ++queue.per_cluster[row.key].second;
        (old_ids.count(row.id) ? queue.waiting : queue.added).push_back(row.id);
    }
    for (std::int64_t id : old_ids) queue.gone += !new_ids.count(id);
}

void DiffFailures(const ExportSide& before, const ExportSide& after, ExportDiff& diff) {
    std::unordered_set<std::string> old_failures;
    for (const FailedTask& task : before.failed_tasks) old_failures.insert(FailureKey(task));
    for (const FailedTask& task : after.failed_tasks)
        if (!old_failures.count(FailureKey(task))) diff.new_failures.push_back(task);
    const std::vector<std::int64_t> new_rowids = diff.NewFailureRowids();

    std::unordered_map<std::string, std::int64_t> old_counts;
    for (const FailureGroup& group : before.insights.failure_groups) old_counts[group.signature.Key()] = group.count;
    std::unordered_set<std::string> new_keys;
    for (const FailureGroup& group : after.insights.failure_groups) {
        new_keys.insert(group.signature.Key());
        FailureGroupChange change;
        std::set_intersection(group.rowids.begin(), group.rowids.end(), new_rowids.begin(), new_rowids.end(),
                              std::back_inserter(change.new_rowids));
        if (change.new_rowids.empty()) continue;
        auto old = old_counts.find(group.signature.Key());
        change.before = old == old_counts.end() ? 0 : old->second;
        change.after = group.count;
        change.signature = group.signature;
        change.funcs = group.funcs;
        change.last_seen = group.last_seen;
        diff.groups.push_back(std::move(change));
    }
    std::stable_sort(diff.groups.begin(), diff.groups.end(), [](const FailureGroupChange& a, const FailureGroupChange& b) {
        if (a.Appeared() != b.Appeared()) return a.Appeared();
        return a.new_rowids.size() > b.new_rowids.size();
    });
    for (const FailureGroup& group : before.insights.failure_groups) {
        if (new_keys.count(group.signature.Key())) continue;
        FailureGroupChange gone;
        gone.signature = group.signature;
        gone.before = group.count;
        gone.funcs = group.funcs;
        gone.last_seen = group.last_seen;
        diff.groups_gone.push_back(std::move(gone));
    }
}

}  // namespace

std::vector<std::int64_t> ExportDiff::NewFailureRowids() const {
    std::vector<std::int64_t> rowids;
    for (const FailedTask& task : new_failures) rowids.push_back(task.rowid);
    return rowids;
}

const char* ScheduleChangeKindId(ScheduleChangeKind kind) {
    switch (kind) {
        case ScheduleChangeKind::Added: return "added";
        case ScheduleChangeKind::Removed: return "removed";
        case ScheduleChangeKind::Edited: return "edited";
        case ScheduleChangeKind::Ran: return "ran";
    }
    return "edited";
}

Result<bool> ExportSideScan::Step(Export& export_, std::int64_t max_rows) {
    if (m_done) return true;
    auto tasks_done = m_tasks.Step(export_, max_rows);
    if (!tasks_done) return tasks_done.error();
    if (!tasks_done.value()) return false;

    m_side.source = export_.source;
    m_side.variant = export_.schema.variant;
    m_side.insights = m_tasks.Summarise(TimeZone::Utc(), std::nullopt);
    m_side.failed_tasks = m_tasks.failed_tasks();
    auto schedules = ReadSchedules(export_);
    if (!schedules) return schedules.error();
    m_side.schedules = std::move(schedules.value());
    auto queue = ListQueued(export_);
    if (!queue) return queue.error();
    m_side.queue = std::move(queue.value());
    for (QueuedRow& row : m_side.queue) row.payload = {};
    return m_done = true;
}

Result<ExportSide> ReadExportSide(Export& export_) {
    ExportSideScan scan;
    while (true) {
        auto done = scan.Step(export_, INT64_MAX);
        if (!done) return done.error();
        if (done.value()) return scan.Take();
    }
}

ExportDiff DiffExports(const ExportSide& before, const ExportSide& after) {
    ExportDiff diff;
    diff.before_source = before.source;
    diff.after_source = after.source;
    diff.tasks_before = before.insights.tasks;
    diff.tasks_after = after.insights.tasks;
    diff.failures_before = before.insights.failures;
    diff.failures_after = after.insights.failures;
    diff.last_stopped_before = before.insights.last_stopped;
    diff.last_stopped_after = after.insights.last_stopped;
    if (before.variant != after.variant)
        diff.warnings.push_back(std::string("The exports come from different Django Q versions (") + VariantId(before.variant) + " and " +
                                VariantId(after.variant) + "): rows are matched by id all the same.");
    if (before.insights.last_stopped && after.insights.last_stopped && *before.insights.last_stopped / 1000 > *after.insights.last_stopped / 1000)
        diff.warnings.push_back("The older export (" + before.source + ") has tasks newer than any in " + after.source +
                                ": the two may be the wrong way round.");
    DiffFailures(before, after, diff);
    DiffSchedules(before, after, diff);
    DiffQueue(before, after, diff.queue);
    return diff;
}

Result<ExportDiff> CompareExports(Export& before, Export& after) {
    auto named = [](Error error, const std::string& source) {
        error.message = source + ": " + error.message;
        return error;
    };
    auto old_side = ReadExportSide(before);
    if (!old_side) return named(old_side.error(), before.source);
    auto new_side = ReadExportSide(after);
    if (!new_side) return named(new_side.error(), after.source);
    return DiffExports(old_side.value(), new_side.value());
}

}  // namespace core
