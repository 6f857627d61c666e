// The overview's dashboard (issue 19): tasks that succeeded and failed over the export's time span
// as stacked bars in the shown zone (hour, day or week, chosen from the span and switchable), the
// failure rate, time taken percentiles, the busiest funcs and the largest failure groups. A bar, a
// func or a failure group opens the list of exactly its tasks.
#pragma once

namespace ui {

struct App;
struct OverviewView;

void DrawDashboard(App& app, OverviewView& view);

}  // namespace ui
