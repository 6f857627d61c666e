// The first screen: which Django Q wrote the open export, how many successful, failed, scheduled
// and queued tasks it holds, and the dashboard (dashboard.h).
#pragma once

#include <optional>

#include "core/insights/task_insights.h"

namespace ui {

struct App;

struct OverviewView {
    std::optional<core::Bucket> bucket;  // the user's choice; nullopt: chosen from the export's span
};

void DrawOverview(App& app, OverviewView& view);

}  // namespace ui
