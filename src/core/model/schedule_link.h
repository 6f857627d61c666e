// The link from a task to the schedule that made it: the scheduler names a schedule's tasks' group
// after the schedule (SEMANTICS.md §5), so a task's group is its schedule's name.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/schema/export.h"

namespace core {

struct ScheduleRef {
    std::int64_t id = 0;
    std::string name, func;
};

// The schedule named `name` (the lowest id when names repeat); nullopt when there is none.
Result<std::optional<ScheduleRef>> FindScheduleNamed(Export& export_, std::string_view name);

}  // namespace core
