// The overview's dashboard (issue 19): tasks that succeeded and failed over the export's time span
// as stacked bars in the shown zone (hour, day or week, chosen from the span and switchable), the
// failure rate, time taken percentiles, what needs attention (core/insights/health.h), the busiest
// funcs and the largest failure groups. A bar, a func or a failure group opens the list of exactly
// its tasks; a health row, its schedule or queue entry.
#pragma once

#include <optional>

#include "core/insights/task_insights.h"

namespace ui {

struct App;
struct OverviewView;

void DrawDashboard(App& app, OverviewView& view);

// The figures the dashboard and the Funcs page show (App::insights), summarised again when the
// data, the shown zone or the overview's bucket changed; null before the first reading is done.
// While one is under way it says so ("Reading tasks…: N read so far").
const core::TaskInsights* ShownInsights(App& app);
// The same, silently, and only once read for the working copy as it is now: null until then.
const core::TaskInsights* CurrentInsights(App& app);

}  // namespace ui
