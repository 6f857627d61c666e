#include "core/model/schedule_query.h"

#include <algorithm>
#include <set>

#include "core/model/admin_search.h"

namespace core {
namespace {

bool InRange(const std::optional<std::string>& when, const DateRange& range) {
    if (!range.from && !range.until) return true;
    if (!when) return false;
    // Django datetime texts of one format compare as their instants do.
    return (!range.from || *when >= *range.from) && (!range.until || *when < *range.until);
}

// Orders optionals with the empty ones last, as a user scanning "what runs next" expects.
template <class T>
int CompareOptional(const std::optional<T>& a, const std::optional<T>& b) {
    if (a.has_value() != b.has_value()) return a ? -1 : 1;
    if (!a) return 0;
    return *a < *b ? -1 : (*b < *a ? 1 : 0);
}

template <class T>
int Compare(const T& a, const T& b) { return a < b ? -1 : (b < a ? 1 : 0); }

int CompareBy(ScheduleColumn column, const ScheduleListRow& a, const ScheduleListRow& b) {
    switch (column) {
        case ScheduleColumn::Id: return Compare(a.id, b.id);
        case ScheduleColumn::Name: return CompareOptional(a.name, b.name);
        case ScheduleColumn::Func: return Compare(a.func, b.func);
        case ScheduleColumn::Type: return Compare(a.schedule_type, b.schedule_type);
        case ScheduleColumn::Repeats: return Compare(a.repeats, b.repeats);
        case ScheduleColumn::Cluster: return CompareOptional(a.cluster, b.cluster);
        case ScheduleColumn::NextRun: return CompareOptional(a.next_run, b.next_run);
        case ScheduleColumn::LastRun: return CompareOptional(a.last_run_name, b.last_run_name);
        case ScheduleColumn::Success: return CompareOptional(a.last_run_success, b.last_run_success);
    }
    return 0;
}

}  // namespace

bool IsPaused(const ScheduleRow& schedule) { return schedule.repeats == 0; }

bool IsOverdue(const ScheduleRow& schedule, UnixMicros now) {
    if (IsPaused(schedule) || !schedule.next_run) return false;
    const auto due = ParseDjangoDatetime(*schedule.next_run);
    return due && *due < now;
}

std::vector<const ScheduleListRow*> FilterSchedules(const std::vector<ScheduleListRow>& all, const ScheduleQuery& query,
                                                    UnixMicros now) {
    const AdminSearch search(query.search);
    std::vector<const ScheduleListRow*> rows;
    for (const auto& row : all) {
        if (query.schedule_type && row.schedule_type != *query.schedule_type) continue;
        if (query.cluster && row.cluster.value_or("") != *query.cluster) continue;
        if (query.paused_only && !IsPaused(row)) continue;
        if (query.overdue_only && !IsOverdue(row, now)) continue;
        if (!InRange(row.next_run, query.next_run) || !search.Matches({row.name.value_or(""), row.func})) continue;
        rows.push_back(&row);
    }
    std::stable_sort(rows.begin(), rows.end(), [&](const ScheduleListRow* a, const ScheduleListRow* b) {
        int order = CompareBy(query.sort, *a, *b);
        if (order == 0) return a->id < b->id;
        return query.descending ? order > 0 : order < 0;
    });
    return rows;
}

std::vector<std::string> ScheduleClusters(const std::vector<ScheduleListRow>& all) {
    std::set<std::string> clusters;
    for (const auto& row : all) clusters.insert(row.cluster.value_or(""));
    return {clusters.begin(), clusters.end()};
}

}  // namespace core
