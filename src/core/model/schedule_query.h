// The Scheduled tasks list's search, filters and order (the admin's ScheduleAdmin: search name and
// func, list_filter next_run / schedule_type / cluster) plus "paused" and "overdue". Schedules are
// few (thousands, not millions), so they are filtered in memory from ReadSchedules.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/model/date_filter.h"
#include "core/model/schedule.h"

namespace core {

enum class ScheduleColumn { Id, Name, Func, Type, Repeats, Cluster, NextRun, LastRun, Success };

struct ScheduleQuery {
    // Django admin search over name and func (admin_search.h).
    std::string search;
    std::optional<std::string> schedule_type;  // "C", "BW", ...
    std::optional<std::string> cluster;        // "" selects schedules without a cluster
    DateRange next_run;                        // date_filter.h; both bounds empty: any
    bool paused_only = false;                  // repeats 0: the scheduler skips it
    bool overdue_only = false;                 // next_run in the past and not paused
    ScheduleColumn sort = ScheduleColumn::NextRun;  // what runs next first
    bool descending = false;
};

// Paused: repeats 0 (the scheduler only picks repeats != 0). Overdue: due before `now`, not paused.
bool IsPaused(const ScheduleRow& schedule);
bool IsOverdue(const ScheduleRow& schedule, UnixMicros now);

// The rows of `all` that match, in the query's order (ties by id).
std::vector<const ScheduleListRow*> FilterSchedules(const std::vector<ScheduleListRow>& all, const ScheduleQuery& query,
                                                    UnixMicros now);

// The distinct clusters of `all` ("" for none), sorted: the cluster filter's choices.
std::vector<std::string> ScheduleClusters(const std::vector<ScheduleListRow>& all);

}  // namespace core
