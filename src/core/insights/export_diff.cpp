#include "core/insights/export_diff.h"

#include <algorithm>
#include <unordered_map>
#include <functional>
#include <unordered_set>
#include <utility>

namespace core {
namespace {

// Stop times compare to the millisecond: dumpdata JSON keeps no more (Django's JSON encoder cuts
// isoformat's microseconds to three digits), and one side may be JSON, the other SQLite.
std::optional<UnixMicros> StopMillis(const FailedTask& task) { return task.stopped ? std::optional<UnixMicros>(*task.stopped / 1000) : std::nullopt; }
bool SameFailure(const FailedTask& a, const FailedTask& b) { return a.id == b.id && StopMillis(a) == StopMillis(b); }
// Equal for the same failure; a match is checked with SameFailure (no key string is made per task:
// at a million tasks, making and freeing them was the comparison's longest step).
std::uint64_t FailureHash(const FailedTask& task) {
    const auto stop = StopMillis(task);
    return std::hash<std::string>{}(task.id) * 1'000'003u ^ std::hash<UnixMicros>{}(stop.value_or(-1));
}

// A datetime column to the millisecond, as failures compare stop times.
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

// The next `max_rows` of `rows` from `next`, as [from, to); `next` moves past them.
template <class Row>
std::pair<std::size_t, std::size_t> NextRange(const std::vector<Row>& rows, std::size_t& next, std::int64_t max_rows) {
    const std::size_t from = next, to = from + static_cast<std::size_t>(std::min<std::uint64_t>(rows.size() - from, static_cast<std::uint64_t>(max_rows)));
    next = to;
    return {from, to};
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

ExportDiffScan::ExportDiffScan(const ExportSide& before, const ExportSide& after) : m_before(before), m_after(after) {
    ExportDiff& diff = m_diff;
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
    diff.queue.before = static_cast<std::int64_t>(before.queue.size());
    diff.queue.after = static_cast<std::int64_t>(after.queue.size());
    m_old_failures.reserve(before.failed_tasks.size());
}

bool ExportDiffScan::Step(std::int64_t max_rows) {
    max_rows = std::max<std::int64_t>(1, max_rows);
    switch (m_phase) {
        case Phase::IndexOldFailures: IndexOldFailures(max_rows); break;
        case Phase::FindNewFailures: FindNewFailures(max_rows); break;
        case Phase::CompareGroups: CompareGroups(max_rows); break;
        case Phase::CompareSchedules: CompareSchedules(max_rows); break;
        case Phase::CompareQueue: CompareQueue(max_rows); break;
        case Phase::Done: break;
    }
    return m_phase == Phase::Done;
}

void ExportDiffScan::IndexOldFailures(std::int64_t max_rows) {
    const auto [from, to] = NextRange(m_before.failed_tasks, m_next, max_rows);
    for (std::size_t i = from; i < to; ++i) m_old_failures.emplace(FailureHash(m_before.failed_tasks[i]), i);
    if (to < m_before.failed_tasks.size()) return;
    m_next = 0;
    m_phase = Phase::FindNewFailures;
}

bool ExportDiffScan::IsOld(const FailedTask& task) const {
    const auto [first, last] = m_old_failures.equal_range(FailureHash(task));
    return std::any_of(first, last, [&](const auto& entry) { return SameFailure(m_before.failed_tasks[entry.second], task); });
}

void ExportDiffScan::FindNewFailures(std::int64_t max_rows) {
    const auto [from, to] = NextRange(m_after.failed_tasks, m_next, max_rows);
    for (std::size_t i = from; i < to; ++i)
        if (!IsOld(m_after.failed_tasks[i])) m_diff.new_failures.push_back(m_after.failed_tasks[i]);
    if (to < m_after.failed_tasks.size()) return;
    m_old_failures = {};
    m_new_rowids = m_diff.NewFailureRowids();  // in rowid order, as the side's failed tasks are
    for (const FailureGroup& group : m_before.insights.failure_groups) m_old_group_counts[group.signature.Key()] = group.count;
    m_next = 0;
    m_phase = Phase::CompareGroups;
}

// A group's new failures are those of its rowids among the new ones, looked up a step's worth at a
// time (a large group takes several steps).
void ExportDiffScan::CompareGroups(std::int64_t max_rows) {
    const auto& groups = m_after.insights.failure_groups;
    std::int64_t work = 0;
    while (m_next < groups.size() && work < max_rows) {
        const FailureGroup& group = groups[m_next];
        const auto [from, to] = NextRange(group.rowids, m_next_other, max_rows - work);
        work += static_cast<std::int64_t>(to - from);
        for (std::size_t i = from; i < to; ++i)
            if (std::binary_search(m_new_rowids.begin(), m_new_rowids.end(), group.rowids[i])) m_group_change.new_rowids.push_back(group.rowids[i]);
        if (to < group.rowids.size()) return;
        if (!m_group_change.new_rowids.empty()) {
            auto old = m_old_group_counts.find(group.signature.Key());
            m_group_change.before = old == m_old_group_counts.end() ? 0 : old->second;
            m_group_change.after = group.count;
            m_group_change.signature = group.signature;
            m_group_change.funcs = group.funcs;
            m_group_change.last_seen = group.last_seen;
            m_diff.groups.push_back(std::move(m_group_change));
        }
        m_group_change = {};
        m_next_other = 0;
        ++m_next;
    }
    if (m_next < groups.size()) return;
    FinishGroups();
    m_next = 0;
    m_phase = Phase::CompareSchedules;
}

// Appeared groups first, then those with most new failures; then the older export's groups that
// have no failure left.
void ExportDiffScan::FinishGroups() {
    std::stable_sort(m_diff.groups.begin(), m_diff.groups.end(), [](const FailureGroupChange& a, const FailureGroupChange& b) {
        if (a.Appeared() != b.Appeared()) return a.Appeared();
        return a.new_rowids.size() > b.new_rowids.size();
    });
    std::unordered_set<std::string> new_keys;
    for (const FailureGroup& group : m_after.insights.failure_groups) new_keys.insert(group.signature.Key());
    for (const FailureGroup& group : m_before.insights.failure_groups) {
        if (new_keys.count(group.signature.Key())) continue;
        FailureGroupChange gone;
        gone.signature = group.signature;
        gone.before = group.count;
        gone.funcs = group.funcs;
        gone.last_seen = group.last_seen;
        m_diff.groups_gone.push_back(std::move(gone));
    }
}

// Both sides' schedules are in id order: walked side by side, a step's worth at a time (a
// schedule's columns compared cost about what ten rows of the other phases do).
void ExportDiffScan::CompareSchedules(std::int64_t max_rows) {
    const auto& old_rows = m_before.schedules;
    const auto& new_rows = m_after.schedules;
    std::size_t& i = m_next;
    std::size_t& j = m_next_other;
    for (std::int64_t work = 0; (i < old_rows.size() || j < new_rows.size()) && work < max_rows; work += 10) {
        if (j == new_rows.size() || (i < old_rows.size() && old_rows[i].id < new_rows[j].id)) {
            m_diff.schedules.push_back({ScheduleChangeKind::Removed, old_rows[i].id, LabelOf(old_rows[i]), {}});
            ++i;
        } else if (i == old_rows.size() || new_rows[j].id < old_rows[i].id) {
            m_diff.schedules.push_back({ScheduleChangeKind::Added, new_rows[j].id, LabelOf(new_rows[j]), {}});
            ++j;
        } else {
            ScheduleChange change = Compared(old_rows[i++], new_rows[j++]);
            if (change.fields.empty()) continue;
            if (change.kind == ScheduleChangeKind::Ran) ++m_diff.schedules_ran;
            else m_diff.schedules.push_back(std::move(change));
        }
    }
    if (i < old_rows.size() || j < new_rows.size()) return;
    m_next = m_next_other = 0;
    m_phase = Phase::CompareQueue;
}

// Both sides' queues are in id order too.
void ExportDiffScan::CompareQueue(std::int64_t max_rows) {
    const auto& old_rows = m_before.queue;
    const auto& new_rows = m_after.queue;
    QueueChange& queue = m_diff.queue;
    std::size_t& i = m_next;
    std::size_t& j = m_next_other;
    for (std::int64_t work = 0; (i < old_rows.size() || j < new_rows.size()) && work < max_rows; ++work) {
        if (j == new_rows.size() || (i < old_rows.size() && old_rows[i].id < new_rows[j].id)) {
            ++queue.per_cluster[old_rows[i++].key].first;
            ++queue.gone;
        } else if (i == old_rows.size() || new_rows[j].id < old_rows[i].id) {
            ++queue.per_cluster[new_rows[j].key].second;
            queue.added.push_back(new_rows[j++].id);
        } else {
            ++queue.per_cluster[old_rows[i++].key].first;
            ++queue.per_cluster[new_rows[j].key].second;
            queue.waiting.push_back(new_rows[j++].id);
        }
    }
    if (i < old_rows.size() || j < new_rows.size()) return;
    m_phase = Phase::Done;
}

ExportDiff DiffExports(const ExportSide& before, const ExportSide& after) {
    ExportDiffScan scan(before, after);
    while (!scan.Step(INT64_MAX)) {
    }
    return scan.Take();
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
