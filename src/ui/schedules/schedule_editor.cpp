#include "ui/schedules/schedule_editor.h"

#include <imgui.h>

#include "core/model/row_labels.h"
#include "core/model/schedule_edits.h"
#include "core/sched/local_time.h"
#include "ui/app/app.h"
#include "ui/app/time_display.h"
#include "ui/schedules/run_now_dialog.h"
#include "ui/schedules/schedule_preview.h"
#include "ui/theme/theme.h"
#include "ui/widgets/widgets.h"

namespace ui {
namespace {

std::string Shown(App& app, const std::optional<std::string>& stored) {
    const auto at = stored ? core::ParseDjangoDatetime(*stored) : std::nullopt;
    if (!at) return {};
    return core::FormatLocalSeconds(ShownTimeZone(app), *at);
}

ScheduleDraft DraftOf(App& app, const core::ScheduleRow& row) {
    ScheduleDraft draft;
    draft.name = row.name.value_or("");
    draft.func = row.func;
    draft.hook = row.hook.value_or("");
    draft.args = row.args.value_or("");
    draft.kwargs = row.kwargs.value_or("");
    draft.schedule_type = row.schedule_type;
    draft.minutes = row.minutes ? std::to_string(*row.minutes) : "";
    draft.repeats = std::to_string(row.repeats);
    draft.next_run = Shown(app, row.next_run);
    draft.cron = row.cron.value_or("");
    draft.cluster = row.cluster.value_or("");
    draft.intended_date_kwarg = row.intended_date_kwarg.value_or("");
    return draft;
}

void Load(App& app, ScheduleEditorView& view) {
    if (view.loaded_at == app.generation) return;
    view.loaded_at = app.generation;
    view.computed_settings = 0;  // computed again
    if (view.id == 0) {
        view.saved.reset();
        return;  // a new schedule keeps what was typed
    }
    auto found = core::FindSchedule(*app.current, view.id);
    if (!found) {
        app.mirror.SetError(found.error().code, found.error().Describe());
        return;
    }
    view.saved = std::move(found.value());
    if (!view.saved) return;
    view.draft = view.loaded_draft = DraftOf(app, *view.saved);
}

// A labelled form row: the label, the field, and the field's error under it.
template <class DrawField>
void FormRow(App& app, const ScheduleEditorView& view, const char* label, const char* field, DrawField draw) {
    ImGui::TableNextRow();
    ImGui::TableSetColumnIndex(0);
    ImGui::AlignTextToFramePadding();
    ImGui::TextDisabled("%s", label);
    ImGui::TableSetColumnIndex(1);
    draw();
    for (const auto& error : view.errors) {
        if (error.field != field) continue;
        TextColored(app.mirror, theme::Colors().failure, std::string(label) + ": " + error.message);
    }
}

void Input(App& app, const char* name, const char* hint, std::string& text, float width = 420.0f) {
    TextInput(app.mirror, name, hint, text, width);
}

void DrawTypeChoice(App& app, ScheduleDraft& draft) {
    if (!BeginDropDown(app.mirror, "Schedule type", core::ScheduleTypeLabel(draft.schedule_type), 200.0f)) return;
    for (const auto& type : core::ScheduleTypes(SchedulerRules(app)))
        if (Option(app.mirror, core::ScheduleTypeLabel(type), draft.schedule_type == type)) draft.schedule_type = type;
    EndDropDown();
}

void DrawForm(App& app, ScheduleEditorView& view) {
    ScheduleDraft& draft = view.draft;
    const core::SchemaInfo& schema = app.current->schema;
    if (!ImGui::BeginTable("schedule-form", 2, ImGuiTableFlags_SizingFixedFit)) return;
    ImGui::TableSetupColumn("label", ImGuiTableColumnFlags_WidthFixed, 150);
    ImGui::TableSetupColumn("field", ImGuiTableColumnFlags_WidthStretch);
    FormRow(app, view, "Name", "name", [&] { Input(app, "Name", "optional; the group of the tasks it launches", draft.name); });
    FormRow(app, view, "Func", "func", [&] { Input(app, "Func", "dotted path, e.g. myapp.tasks.send_report", draft.func); });
    FormRow(app, view, "Hook", "hook", [&] { Input(app, "Hook", "optional dotted path called with the finished task", draft.hook); });
    FormRow(app, view, "Args", "args", [&] { Input(app, "Args", "Python literal: 1, 'a'  or  (1, 'a')", draft.args); });
    FormRow(app, view, "Kwargs", "kwargs", [&] { Input(app, "Kwargs", "{'key': 'value'}  or  key='value'", draft.kwargs); });
    FormRow(app, view, "Schedule type", "schedule_type", [&] { DrawTypeChoice(app, draft); });
    if (draft.schedule_type == "I")
        FormRow(app, view, "Minutes", "minutes", [&] { Input(app, "Minutes", "every N minutes", draft.minutes, 120); });
    if (draft.schedule_type == "C")
        FormRow(app, view, "Cron", "cron", [&] {
            Input(app, "Cron", "minute hour day month weekday, e.g. 0 9 * * 1-5", draft.cron, 300);
            if (!view.cron_words.empty()) {
                ImGui::SameLine();
                TextMuted(app.mirror, view.cron_words);
            }
        });
    FormRow(app, view, "Repeats", "repeats", [&] {
        Input(app, "Repeats", "-1: forever", draft.repeats, 120);
        ImGui::SameLine();
        TextMuted(app.mirror, view.repeats_words);
    });
    FormRow(app, view, "Next run", "next_run", [&] {
        Input(app, "Next run", "YYYY-MM-DD HH:MM:SS", draft.next_run, 200);
        ImGui::SameLine();
        TextMuted(app.mirror, "in " + ShownTimeZone(app).Name());
        ImGui::SameLine();
        if (Button(app.mirror, "Now")) draft.next_run = core::FormatLocalSeconds(ShownTimeZone(app), ShownNow(app));
    });
    if (schema.schedule_cluster)
        FormRow(app, view, "Cluster", "cluster", [&] { Input(app, "Cluster", "optional: only this cluster runs it", draft.cluster, 300); });
    if (schema.schedule_intended_date_kwarg)
        FormRow(app, view, "Intended date kwarg", "intended_date_kwarg",
                [&] { Input(app, "Intended date kwarg", "optional: kwarg that receives the due time", draft.intended_date_kwarg, 300); });
    ImGui::EndTable();
}

void Save(App& app, ScheduleEditorView& view) {
    auto saved = core::SaveSchedule(*app.current, view.row);
    if (!saved) {
        app.open_error = OpenError{saved.error(), app.current->source};
        return;
    }
    view.id = saved.value();
    AfterChange(app);
    app.notice = "Saved schedule " + std::to_string(view.id) + ".";
}

void DrawActions(App& app, ScheduleEditorView& view) {
    const bool unsaved = view.draft != view.loaded_draft || view.id == 0;
    ImGui::BeginDisabled(!view.errors.empty() || !unsaved);
    if (Button(app.mirror, view.id == 0 ? "Create schedule" : "Save changes")) Save(app, view);
    ImGui::EndDisabled();
    ImGui::SameLine();
    if (Button(app.mirror, "Back to schedules")) ShowSchedules(app);
    if (view.id == 0 || !view.saved) return;
    ImGui::SameLine(0, 24);
    if (view.saved->repeats == 0) {
        if (Button(app.mirror, "Resume")) {
            if (auto done = core::ResumeSchedule(*app.current, view.id); done) AfterChange(app);
            else app.open_error = OpenError{done.error(), app.current->source};
        }
    } else if (Button(app.mirror, "Pause")) {
        if (auto done = core::PauseSchedule(*app.current, view.id); done) AfterChange(app);
        else app.open_error = OpenError{done.error(), app.current->source};
    }
    ImGui::SameLine();
    if (Button(app.mirror, "Run now…")) AskRunNow(app, view.id);
    ImGui::SameLine();
    if (Button(app.mirror, "Tasks of this schedule")) ShowGroup(app, core::TaskKind::All, core::TaskGroupOf(*view.saved));
    ImGui::SameLine();
    if (Button(app.mirror, "Delete…")) view.confirm_delete = true;
    if (unsaved) {
        ImGui::SameLine(0, 24);
        TextMuted(app.mirror, "Unsaved changes");
    }
}

void DrawDeleteConfirmation(App& app, ScheduleEditorView& view) {
    if (!view.confirm_delete) return;
    const auto listed = core::ScheduleLabels(*app.current, {view.id}, 1);
    const Choice choice = Confirm(app.mirror, "Delete schedule?", "Delete schedule " + std::to_string(view.id) + "?",
                                  listed ? listed.value() : std::vector<std::string>{}, 1,
                                  "Its tasks stay. Journalled: Undo brings it back.", "Delete 1 schedule");
    if (choice == Choice::Cancelled) view.confirm_delete = false;
    if (choice == Choice::Confirmed) {
        if (auto deleted = core::DeleteSchedules(*app.current, {view.id})) {
            AfterChange(app);
            app.notice = "Deleted schedule " + std::to_string(view.id) + ".";
            ShowSchedules(app);
        } else {
            app.open_error = OpenError{deleted.error(), app.current->source};
        }
        view.confirm_delete = false;
    }
}

}  // namespace

void NewSchedule(App& app) {
    ScheduleEditorView& view = app.schedule_editor;
    view = ScheduleEditorView{};
    view.draft.next_run = view.filled_next_run = core::FormatLocalSeconds(ShownTimeZone(app), ShownNow(app));
    view.loaded_draft = view.draft;
    app.page = Page::ScheduleEdit;
}

void EditSchedule(App& app, std::int64_t id) {
    app.schedule_editor = ScheduleEditorView{};
    app.schedule_editor.id = id;
    app.page = Page::ScheduleEdit;
}

void DrawScheduleEditor(App& app, ScheduleEditorView& view) {
    Load(app, view);
    if (view.id != 0 && !view.saved) {
        Heading(app.mirror, "Schedule " + std::to_string(view.id));
        Text(app.mirror, "There is no schedule " + std::to_string(view.id) + " in this export.");
        if (Button(app.mirror, "Back to schedules")) ShowSchedules(app);
        return;
    }
    ComputePreview(app, view);
    Heading(app.mirror, view.id == 0 ? "New schedule" : "Schedule " + std::to_string(view.id) + (view.saved->name ? ": " + *view.saved->name : ""));
    DrawScheduleSettings(app);
    DrawActions(app, view);
    ImGui::Spacing();
    DrawForm(app, view);
    ImGui::Spacing();
    DrawSchedulePreview(app, view);
    DrawDeleteConfirmation(app, view);
}

}  // namespace ui
