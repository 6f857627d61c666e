#include "core/model/summary.h"

#include "core/model/task_query.h"
#include "core/model/task_search.h"
#include "core/sched/timestamp.h"

namespace core {

namespace {

// Keeps the smaller (or larger) of two stored dates; Django's text orders as its time.
void KeepFirst(std::optional<std::string>& kept, std::optional<std::string> other, bool smallest) {
    if (other && (!kept || (smallest ? *other < *kept : *other > *kept))) kept = std::move(other);
}

}  // namespace

Result<bool> TaskFiguresScan::Step(Export& export_, std::int64_t max_rows) {
    if (m_done) return true;
    auto step = NextRowidStep(export_, m_read_through, max_rows);
    if (!step) return step.error();
    if (!step.value()) return m_done = true;
    auto stmt = export_.db.Prepare(
        "SELECT coalesce(sum(success = 1), 0), coalesce(sum(success = 0), 0), min(started), max(stopped) FROM django_q_task "
        "WHERE rowid > ?1 AND rowid <= ?2");
    if (!stmt) return stmt.error();
    stmt->Bind(1, m_read_through).Bind(2, step.value()->through);
    if (auto row = stmt->Step(); !row) return row.error();
    m_figures.successful += stmt->Int(0);
    m_figures.failed += stmt->Int(1);
    KeepFirst(m_figures.first_started, stmt->OptionalText(2), true);
    KeepFirst(m_figures.last_stopped, stmt->OptionalText(3), false);
    m_read_through = step.value()->through;
    m_rows_read += step.value()->rows;
    // Fewer rows than asked for: the table's end, so a small export is counted in one step.
    return m_done = step.value()->rows < max_rows;
}

void CopyTaskFigures(const Summary& from, Summary& to) {
    to.successful = from.successful;
    to.failed = from.failed;
    to.first_started = from.first_started;
    to.last_stopped = from.last_stopped;
    to.tasks_counted = from.tasks_counted;
}

void TaskFiguresScan::CopyTo(Summary& summary) const {
    CopyTaskFigures(m_figures, summary);
    summary.tasks_counted = m_done;
}

Result<Summary> SummarizeQuickly(Export& export_) {
    Summary summary;
    summary.tasks_counted = false;
    // The search index knows the task figures without a pass over the table.
    const TaskSearchIndex* index = ReadyTaskSearch(export_);
    if (const auto totals = index ? index->ExactTotals() : std::nullopt) {
        summary.successful = totals->successful;
        summary.failed = totals->failed;
        if (totals->first_started) summary.first_started = FormatDjangoDatetime(*totals->first_started);
        if (totals->last_stopped) summary.last_stopped = FormatDjangoDatetime(*totals->last_stopped);
        summary.tasks_counted = true;
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

Result<Summary> Summarize(Export& export_) {
    auto summary = SummarizeQuickly(export_);
    if (!summary || summary->tasks_counted) return summary;
    TaskFiguresScan scan;  // one range: the whole table
    while (true) {
        auto done = scan.Step(export_, INT64_MAX);
        if (!done) return done.error();
        if (done.value()) break;
    }
    scan.CopyTo(summary.value());
    return summary;
}

std::optional<UnixMicros> AsOfExport(const Summary& summary) {
    return summary.last_stopped ? ParseDjangoDatetime(*summary.last_stopped) : std::nullopt;
}

}  // namespace core
