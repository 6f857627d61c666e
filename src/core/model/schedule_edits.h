// Named, journalled mutations of schedules (the admin's add, change and delete, plus pause/resume).
// Views call these; they never build SQL.
#pragma once

#include <cstdint>
#include <vector>

#include "core/model/schedule.h"

namespace core {

// Inserts the schedule (id 0: the database assigns the next id) or replaces the row with its id,
// as one undoable batch ("save_schedule"). Returns the schedule's id. The caller validates first
// (schedule_validation.h).
Result<std::int64_t> SaveSchedule(Export& export_, const ScheduleRow& schedule);

// Deletes these schedules as one undoable batch ("delete_schedules"); an id that no longer exists
// is an error and nothing is deleted.
Result<std::int64_t> DeleteSchedules(Export& export_, const std::vector<std::int64_t>& ids);

// Pause: repeats 0, the admin's way to stop a schedule. Resume: back to the repeats it had before
// the most recent journalled pause, or -1 (forever) when the export came paused.
Status PauseSchedule(Export& export_, std::int64_t id);
Status ResumeSchedule(Export& export_, std::int64_t id);
// The repeats Resume would restore.
Result<std::int64_t> RepeatsBeforePause(Export& export_, std::int64_t id);

}  // namespace core
