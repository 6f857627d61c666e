// A schedule's page: the editor (every field of the variant, validated as typed), what its repeats
// mean, its next runs computed as the scheduler will (schedule_preview.h), the runs it should have
// had in the export's window, and its actions: save, pause/resume, run now, delete.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/model/missed_runs.h"
#include "core/model/schedule.h"
#include "core/model/schedule_validation.h"

namespace ui {

struct App;

// The form as typed: text fields, so a half-typed value is never lost or reformatted.
struct ScheduleDraft {
    std::string name, func, hook, args, kwargs, schedule_type = "O", minutes, repeats = "-1", next_run, cron, cluster,
        intended_date_kwarg;
    bool operator==(const ScheduleDraft&) const = default;
};

struct ScheduleEditorView {
    std::int64_t id = 0;            // 0: a new schedule
    std::uint64_t loaded_at = 0;    // App::generation the draft was loaded at (0: load on the next draw)
    std::optional<core::ScheduleRow> saved;  // the row as stored (nullopt for a new one)
    ScheduleDraft draft, loaded_draft;  // as typed / as loaded: unsaved when they differ

    // Computed from the draft when it or a setting changes (schedule_preview.cpp).
    ScheduleDraft computed_for;
    std::uint64_t computed_settings = 0;
    core::ScheduleRow row;                 // the draft as a row
    std::vector<core::FieldError> errors;  // empty: it can be saved
    std::string cron_words, repeats_words;
    std::vector<core::UnixMicros> next_runs;
    core::UnixMicros computed_at = 0;  // the "now" next_runs start from
    std::string next_runs_error;
    std::vector<core::ExpectedRun> past_runs;  // in the export's window (saved schedules only)
    std::string past_runs_error;

    bool confirm_delete = false;
    // A new schedule's next run as filled in for the user (now; for a cron line its next match, as
    // django-q2 sets it on creation): filled again while the user has not typed one.
    std::string filled_next_run;
};

void NewSchedule(App& app);
void EditSchedule(App& app, std::int64_t id);
void DrawScheduleEditor(App& app, ScheduleEditorView& view);

}  // namespace ui
