// The numbers on the first screen and in `djq info`: how many rows of each kind an export holds.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/schema/export.h"
#include "core/sched/timestamp.h"

namespace core {

struct Summary {
    std::int64_t successful = 0;  // django_q_task rows with success = 1 (Django Q's "Successful tasks")
    std::int64_t failed = 0;      // success = 0 ("Failed tasks")
    std::int64_t schedules = 0;   // django_q_schedule rows
    std::int64_t queued = 0;      // django_q_ormq rows (0 when the table is absent)
    // Earliest task start and latest task stop, as stored ("YYYY-MM-DD HH:MM:SS[.ffffff]", UTC
    // when USE_TZ); empty when there are no tasks.
    std::optional<std::string> first_started;
    std::optional<std::string> last_stopped;
    // False while a TaskFiguresScan is still counting: the four task figures above are not known yet.
    bool tasks_counted = true;
};

// Every figure, the task ones from the search index when it is ready, else from one pass over the
// table (~150 ms at a million tasks).
Result<Summary> Summarize(Export& export_);
// The schedule and queue counts, and the task figures only when the search index knows them
// (tasks_counted says whether it did): what an open can show at once.
Result<Summary> SummarizeQuickly(Export& export_);

// Copies the task figures (the four of them, and whether they are counted) into another summary.
void CopyTaskFigures(const Summary& from, Summary& to);

// The task figures read from the table a rowid range at a time, so that counting a large export
// freezes no frame. The app's step: about 1 ms natively, 6 in the browser.
inline constexpr std::int64_t kTaskFiguresRowsPerStep = 4'000;
class TaskFiguresScan {
public:
    // Reads the next `max_rows` tasks; true once all are counted.
    Result<bool> Step(Export& export_, std::int64_t max_rows);
    bool done() const { return m_done; }
    std::int64_t rows_read() const { return m_rows_read; }
    // Sets the summary's task figures to what is counted (all of them once done).
    void CopyTo(Summary& summary) const;

private:
    bool m_done = false;
    std::int64_t m_read_through = 0, m_rows_read = 0;
    Summary m_figures;
};
// The export's own "now": its newest task's stop time (what the app's "as of the export" clock
// and the CLI's default --now read overdue, date presets and lock ages by); nullopt without tasks.
std::optional<UnixMicros> AsOfExport(const Summary& summary);

}  // namespace core
