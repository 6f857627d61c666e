#include "core/model/summary.h"

#include "core/model/task_search.h"
#include "core/sched/timestamp.h"

namespace core {

Result<Summary> Summarize(Export& export_) {
    Summary summary;
    // The search index knows the task figures without a pass over the table (~150 ms at a million
    // tasks, after every edit).
    const TaskSearchIndex* index = ReadyTaskSearch(export_);
    if (const auto totals = index ? index->ExactTotals() : std::nullopt) {
        summary.successful = totals->successful;
        summary.failed = totals->failed;
        if (totals->first_started) summary.first_started = FormatDjangoDatetime(*totals->first_started);
        if (totals->last_stopped) summary.last_stopped = FormatDjangoDatetime(*totals->last_stopped);
    } else {
        // One pass over the task table: counts and range together.
        auto stmt = export_.db.Prepare(
            "SELECT coalesce(sum(success = 1), 0), coalesce(sum(success = 0), 0), min(started), max(stopped) FROM django_q_task");
        if (!stmt) return stmt.error();
        auto row = stmt->Step();
        if (!row) return row.error();
        summary.successful = stmt->Int(0);
        summary.failed = stmt->Int(1);
        summary.first_started = stmt->OptionalText(2);
        summary.last_stopped = stmt->OptionalText(3);
    }
    auto count = [&](const char* sql) -> Result<std::int64_t> {
        auto stmt = export_.db.Prepare(sql);
        if (!stmt) return stmt.error();
        auto row = stmt->Step();
        if (!row) return row.error();
        return stmt->Int(0);
    };
    auto schedules = count("SELECT count(*) FROM django_q_schedule");
    if (!schedules) return schedules.error();
    summary.schedules = schedules.value();
    if (export_.schema.has_ormq) {
        auto queued = count("SELECT count(*) FROM django_q_ormq");
        if (!queued) return queued.error();
        summary.queued = queued.value();
    }
    return summary;
}

std::optional<UnixMicros> AsOfExport(const Summary& summary) {
    return summary.last_stopped ? ParseDjangoDatetime(*summary.last_stopped) : std::nullopt;
}

}  // namespace core
