// Charts drawn with ImDrawList (ImPlot is packaged in neither Debian nor npm): a stacked bar
// chart with a value axis, the caller's labels under the bars (so times read in the zone the page
// shows), values on hover and click-through; and a sparkline for a table cell. Colours are the
// theme's, so both themes read.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "ui/mirror/mirror.h"

namespace ui {

struct ChartSeries {
    std::string name;  // "Succeeded"
    unsigned rgba;     // theme::Colors().success
};
struct ChartBar {
    std::string label;                 // "2026-11-24" under the bar, and in its hover text
    std::vector<std::int64_t> values;  // one per series, stacked bottom-up in series order
};
struct ChartHit {
    int bar = -1, series = -1;  // series -1: the bar above its stack
    bool hit() const { return bar >= 0; }
};

// A stacked bar chart the width of the content region and `height` tall. Each segment is mirrored
// as a "bar" named "<series> <label>" valued with its count, which a test or screen reader can
// activate. Returns the segment clicked this frame.
ChartHit StackedBarChart(Mirror& mirror, const char* id, const std::vector<ChartSeries>& series, const std::vector<ChartBar>& bars,
                         float height);
// A line of small bars, one per value, scaled to the largest (drawn in the current cell or line).
void Sparkline(const std::vector<std::int64_t>& values, float width, float height, unsigned rgba);

}  // namespace ui
