// The first screen: which Django Q wrote the open export, how many successful, failed, scheduled
// and queued tasks it holds, and the dashboard (dashboard.h).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/insights/task_insights.h"

namespace ui {

struct App;

struct OverviewView {
    std::optional<core::Bucket> bucket;  // the user's choice; nullopt: chosen from the export's span
    // The figures as last summarised from App::insights_scan, and the data, zone and bucket they
    // were summarised for (summarised again when one changes).
    std::optional<core::TaskInsights> insights;
    std::string insights_for;
};

void DrawOverview(App& app, OverviewView& view);

}  // namespace ui
