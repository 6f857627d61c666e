// The computed half of a schedule's page: the draft checked and turned into a row, the cron line
// and repeats in words, the next runs as the scheduler will make them, and the runs it should
// have had in the export's window (late and missed ones highlighted).
#pragma once

namespace ui {

struct App;
struct ScheduleEditorView;

// Recomputes what the draft implies when it or a schedule setting changed since the last time.
void ComputePreview(App& app, ScheduleEditorView& view);
void DrawSchedulePreview(App& app, ScheduleEditorView& view);

}  // namespace ui
