// The first screen: which Django Q wrote the open export, and how many successful, failed,
// scheduled and queued tasks it holds.
#pragma once

namespace ui {

struct App;

struct OverviewView {
    // No state yet: the overview only shows model data.
};

void DrawOverview(App& app, OverviewView& view);

}  // namespace ui
