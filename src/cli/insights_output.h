// What djq stats and djq failures print: times and the --json documents (their fields are the
// app's names for the same figures).
#pragma once

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "core/insights/task_insights.h"

namespace cli {

// An instant as the zone's wall clock ("2026-11-24 02:29:49 CET"); "-" for none.
std::string LocalText(const core::TimeZone& zone, const std::optional<core::UnixMicros>& at);

nlohmann::json StatsJson(const core::Export& opened, const core::TaskInsights& insights, const core::TimeZone& zone);
nlohmann::json FailuresJson(const core::Export& opened, const core::TaskInsights& insights);

}  // namespace cli
