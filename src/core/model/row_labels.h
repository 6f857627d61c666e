// Short labels of the rows an action is about to change, for its confirmation ("fail-zero
// (demoapp.tasks.fail)", "schedule 3, nightly-report (reports.build)"): the first `limit` of `ids`,
// in their order, as Django's delete confirmation lists what it deletes. An id no longer in the export is left out.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/schema/export.h"

namespace core {

Result<std::vector<std::string>> TaskLabels(Export& export_, const std::vector<std::string>& ids, std::size_t limit);
Result<std::vector<std::string>> ScheduleLabels(Export& export_, const std::vector<std::int64_t>& ids, std::size_t limit);

}  // namespace core
