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
};

Result<Summary> Summarize(Export& export_);
// The export's own "now": its newest task's stop time (what the app's "as of the export" clock
// and the CLI's default --now read overdue, date presets and lock ages by); nullopt without tasks.
std::optional<UnixMicros> AsOfExport(const Summary& summary);

}  // namespace core
