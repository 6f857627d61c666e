#include "ui/schedules/schedule_preview.h"

#include <charconv>

#include <imgui.h>

#include "core/sched/local_time.h"
#include "core/model/missed_runs.h"
#include "core/sched/cron.h"
#include "ui/app/app.h"
#include "ui/app/time_display.h"
#include "ui/theme/theme.h"
#include "ui/tasks/task_detail.h"
#include "ui/widgets/widgets.h"

namespace ui {
namespace {

constexpr int kPreviewRuns = 10;
// Overdue runs are counted up to this many (catch_up runs every missed period, one per pass).
constexpr int kOverdueCounted = 250;

std::optional<std::string> OrNull(const std::string& text) { return text.empty() ? std::nullopt : std::optional<std::string>(text); }

std::optional<std::int64_t> WholeNumber(const std::string& text) {
    std::int64_t value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
    return value;
}

// The draft as a row; what cannot even be converted (a number that is not one, a time that does
// not exist) goes to `errors`, the rest is ValidateSchedule's.
core::ScheduleRow DraftToRow(App& app, const ScheduleEditorView& view, std::vector<core::FieldError>& errors) {
    const ScheduleDraft& draft = view.draft;
    core::ScheduleRow row = view.saved.value_or(core::ScheduleRow{});
    row.id = view.id;
    row.name = OrNull(draft.name);
    row.func = draft.func;
    row.hook = OrNull(draft.hook);
    row.args = OrNull(draft.args);
    row.kwargs = OrNull(draft.kwargs);
    row.schedule_type = draft.schedule_type;
    row.minutes.reset();
    if (!draft.minutes.empty()) {
        row.minutes = WholeNumber(draft.minutes);
        if (!row.minutes || *row.minutes < 0 || *row.minutes > 32767) errors.push_back({"minutes", "a whole number from 0 to 32767"});
    }
    if (const auto repeats = WholeNumber(draft.repeats)) row.repeats = *repeats;
    else errors.push_back({"repeats", "a whole number: -1 forever, 0 paused, N more runs"});
    // An unchanged time keeps its stored microseconds.
    if (draft.next_run != view.loaded_draft.next_run || !view.saved) {
        row.next_run.reset();
        if (!draft.next_run.empty()) {
            if (auto at = ParseShown(app, draft.next_run)) row.next_run = core::FormatDjangoDatetime(at.value());
            else errors.push_back({"next_run", at.error().message});
        }
    }
    row.cron = OrNull(draft.cron);
    row.cluster = OrNull(draft.cluster);
    row.intended_date_kwarg = OrNull(draft.intended_date_kwarg);
    return row;
}

bool HasError(const ScheduleEditorView& view, const char* field) {
    for (const auto& error : view.errors)
        if (error.field == field) return true;
    return false;
}

// A new cron schedule starts at the line's next match (django-q2 sets next_run so when it creates
// one; django-q 1.3 would run it at once): filled in until the user types a time of their own.
void FillCronNextRun(App& app, ScheduleEditorView& view, const core::CronExpr& cron, core::UnixMicros now) {
    if (view.id != 0 || view.draft.next_run != view.filled_next_run || SchedulerRules(app) != core::SchedulerVariant::DjangoQ2) return;
    const auto next = core::NextCronRun(cron, ServerZone(app), now);
    if (!next) return;
    view.draft.next_run = view.filled_next_run = core::FormatLocalSeconds(ShownTimeZone(app), *next);
    view.row.next_run = core::FormatDjangoDatetime(*next);
    view.computed_for = view.draft;
}

void ComputePastRuns(App& app, ScheduleEditorView& view) {
    view.past_runs.clear();
    view.past_runs_error.clear();
    if (!view.saved || !app.summary || !app.summary->first_started) return;
    const auto from = core::ParseDjangoDatetime(*app.summary->first_started);
    const auto until = app.summary->last_stopped ? core::ParseDjangoDatetime(*app.summary->last_stopped) : std::nullopt;
    if (!from || !until) return;
    auto runs = core::CheckPastRuns(*app.current, *view.saved, SchedulerRules(app), ServerZone(app), *from, *until);
    if (runs) view.past_runs = std::move(runs.value());
    else view.past_runs_error = runs.error().Describe();
}

void DrawNextRuns(App& app, ScheduleEditorView& view) {
    Heading(app.mirror, "Next runs");
    if (!view.next_runs_error.empty()) return TextMuted(app.mirror, view.next_runs_error);
    if (view.next_runs.empty()) return TextMuted(app.mirror, view.row.repeats == 0 ? "None: paused (repeats 0)." : "None.");
    // Overdue runs all happen at the scheduler's next pass (catch_up: one missed period per pass).
    const core::UnixMicros overdue_until = view.computed_at;
    std::size_t overdue = 0;
    while (overdue < view.next_runs.size() && view.next_runs[overdue] <= overdue_until) ++overdue;
    std::size_t number = 1;
    if (overdue > 0) {
        const std::string counted = overdue >= static_cast<std::size_t>(kOverdueCounted) ? std::to_string(overdue) + "+" : std::to_string(overdue);
        const std::string line = overdue == 1 ? "overdue: runs on the scheduler's next pass"
                                              : counted + " overdue runs, one per scheduler pass from the next (catch_up)";
        RecordItem(app.mirror, "value", "Run 1", line);
        ImGui::BulletText("%s", line.c_str());
        number = overdue + 1;
    }
    for (std::size_t i = overdue; i < view.next_runs.size() && i < overdue + kPreviewRuns; ++i, ++number) {
        const core::UnixMicros at = view.next_runs[i];
        std::string line = FormatShown(app, at);
        if (ShownTimeZone(app).Name() != "UTC") line += "   (" + core::FormatDjangoDatetime(at).substr(0, 19) + " UTC)";
        RecordItem(app.mirror, "value", "Run " + std::to_string(number), line);
        ImGui::BulletText("%s", line.c_str());
    }
}

void DrawPastRuns(App& app, ScheduleEditorView& view) {
    if (!view.saved) return;
    Heading(app.mirror, "Runs in this export's window");
    if (!view.past_runs_error.empty()) return TextMuted(app.mirror, view.past_runs_error);
    if (view.past_runs.empty()) return TextMuted(app.mirror, "None were due between the export's first and last task.");
    if (!ImGui::BeginTable("past-runs", 3, ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingFixedFit)) return;
    ImGui::TableSetupColumn("Due");
    ImGui::TableSetupColumn("Run");
    ImGui::TableSetupColumn("Task");
    ImGui::TableHeadersRow();
    for (const auto& run : view.past_runs) {
        ImGui::TableNextRow();
        ImGui::TableSetColumnIndex(0);
        const std::string due = FormatShown(app, run.due);
        ImGui::TextUnformatted(due.c_str());
        ImGui::TableSetColumnIndex(1);
        const bool bad = run.check != core::RunCheck::OnTime;
        if (bad) ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(theme::Colors().failure));
        std::string state = core::RunCheckLabel(run.check);
        if (run.started && run.check == core::RunCheck::Late) state += " (" + std::to_string((*run.started - run.due) / 1'000'000) + " s)";
        ImGui::TextUnformatted(state.c_str());
        if (bad) ImGui::PopStyleColor();
        ImGui::TableSetColumnIndex(2);
        RecordItem(app.mirror, "row", due, state + (run.task_name ? " | " + *run.task_name : ""));
        if (run.task_name && Link(app.mirror, *run.task_name)) OpenTask(app, *run.task_id);
    }
    ImGui::EndTable();
}

}  // namespace

void ComputePreview(App& app, ScheduleEditorView& view) {
    if (view.computed_for == view.draft && view.computed_settings == app.schedule_generation) return;
    const bool settings_changed = view.computed_settings != app.schedule_generation;
    view.computed_for = view.draft;
    view.computed_settings = app.schedule_generation;
    const core::SchedulerVariant rules = SchedulerRules(app);
    view.errors.clear();
    view.row = DraftToRow(app, view, view.errors);
    for (auto& error : core::ValidateSchedule(app.current->schema, rules, view.row)) view.errors.push_back(std::move(error));

    view.cron_words.clear();
    const core::UnixMicros now = view.computed_at = ShownNow(app);
    if (view.row.schedule_type == "C" && !HasError(view, "cron"))
        if (auto cron = core::ParseCron(view.row.cron.value_or(""))) {
            view.cron_words = core::ExplainCron(cron.value());
            FillCronNextRun(app, view, cron.value(), now);
        }
    const core::ScheduleTiming timing = core::TimingOf(view.row);
    view.repeats_words = HasError(view, "repeats") ? "" : core::ExplainRepeats(timing, rules, ServerZone(app), now);
    view.next_runs.clear();
    view.next_runs_error.clear();
    if (HasError(view, "schedule_type") || HasError(view, "cron") || HasError(view, "minutes") || HasError(view, "next_run")) {
        view.next_runs_error = "Fix the fields marked above to see the next runs.";
    } else if (auto runs = core::UpcomingRuns(timing, rules, ServerZone(app), now, kOverdueCounted + kPreviewRuns, app.schedule_settings.catch_up)) {
        view.next_runs = std::move(runs.value());
    } else {
        view.next_runs_error = runs.error().Describe();
    }
    if (settings_changed) ComputePastRuns(app, view);  // from the stored row: the draft does not change the past
}

void DrawSchedulePreview(App& app, ScheduleEditorView& view) {
    DrawNextRuns(app, view);
    ImGui::Spacing();
    DrawPastRuns(app, view);
}

}  // namespace ui
