// What djq stats and djq failures print: times and the --json documents (their fields are the
// app's names for the same figures).
#pragma once

#include <functional>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "cli/cli.h"
#include "core/insights/task_insights.h"

namespace cli {

// An instant as the zone's wall clock ("2026-11-24 02:29:49 CET"); "-" for none.
// An instant in its stored form (UTC, as Django writes it), or null.
nlohmann::json UtcJson(const std::optional<core::UnixMicros>& at);
std::string LocalText(const core::TimeZone& zone, const std::optional<core::UnixMicros>& at);

// What djq stats and djq failures share: --tz ZONE and the one FILE argument, the export's
// insights computed (bucketed by `bucket`), then `print`; the exit code.
int WithInsights(Args& args, std::optional<core::Bucket> bucket,
                 const std::function<void(const core::Export&, const core::TaskInsights&, const core::TimeZone&)>& print);

nlohmann::json StatsJson(const core::Export& opened, const core::TaskInsights& insights, const core::TimeZone& zone);
nlohmann::json FailuresJson(const core::Export& opened, const core::TaskInsights& insights);

}  // namespace cli
