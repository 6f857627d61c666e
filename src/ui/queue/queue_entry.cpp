#include "ui/queue/queue_entry.h"

#include <imgui.h>

#include "core/decode/py_literal.h"
#include "core/model/queue_edits.h"
#include "ui/app/app.h"
#include "ui/app/time_display.h"
#include "ui/app/signing_inputs.h"
#include "ui/theme/theme.h"
#include "ui/widgets/value_tree.h"
#include "ui/queue/queue_list.h"
#include "ui/widgets/widgets.h"

namespace ui {
namespace {

constexpr float kLabelWidth = 120.0f;  // the labels' column, shared by the fields and the forms

// The draft text of a package value: its Python literal, or "" with why it has none.
void LoadLiteral(const core::QueuedView& entry, const char* key, std::string& text, std::string& fixed) {
    text.clear();
    fixed.clear();
    const core::PyValue* value = entry.package ? core::DictItem(*entry.package, key) : nullptr;
    if (!value) return;
    auto literal = core::PythonLiteral(*value, key);
    if (literal) text = literal.value();
    else fixed = literal.error().message;
}

void Load(App& app, QueueEntryView& view) {
    view.loaded_at = app.generation;
    view.entry.reset();
    auto found = core::FindQueued(*app.current, view.id);
    if (!found) {
        app.mirror.SetError(found.error().code, found.error().Describe());
        return;
    }
    if (!found->has_value()) return;
    view.entry = core::DescribeQueued(**found, app.current->schema.variant, ShownNow(app));
    const core::QueuedView& entry = *view.entry;
    view.key = entry.row.key;
    view.lock = entry.row.lock.value_or("");
    view.func = entry.package ? entry.func : "";
    LoadLiteral(entry, "args", view.args, view.args_fixed);
    LoadLiteral(entry, "kwargs", view.kwargs, view.kwargs_fixed);
    view.loaded_args = view.args;
    view.loaded_kwargs = view.kwargs;
}

// Runs an edit: on success the data changed (the page reloads) and `done` is the notice; a refusal
// stays under the form.
void Apply(App& app, QueueEntryView& view, const core::Status& status, const std::string& done) {
    if (!status) {
        view.form_error = status.error().Describe();
        return;
    }
    view.form_error.clear();
    AfterChange(app);
    app.notice = done;
}

void Field(App& app, const std::string& name, const std::string& value, unsigned colour = 0) {
    ImGui::TableNextRow();
    ImGui::TableSetColumnIndex(0);
    ImGui::TextDisabled("%s", name.c_str());
    ImGui::TableSetColumnIndex(1);
    if (colour) ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(colour));
    ImGui::TextUnformatted(value.c_str());
    if (colour) ImGui::PopStyleColor();
    RecordItem(app.mirror, "value", name, value);
}

void DrawFields(App& app, const core::QueuedView& entry) {
    if (!ImGui::BeginTable("queue-fields", 2, ImGuiTableFlags_SizingFixedFit)) return;
    ImGui::TableSetupColumn("field", ImGuiTableColumnFlags_WidthFixed, kLabelWidth - ImGui::GetStyle().CellPadding.x * 2);
    ImGui::TableSetupColumn("value", ImGuiTableColumnFlags_WidthStretch);
    Field(app, "Id", std::to_string(entry.row.id));
    Field(app, "Lock state", core::LockWords(entry, ShownTimeZone(app)));
    Field(app, "Task id", entry.task_id);
    Field(app, "Group", entry.group);
    if (!entry.package) Field(app, "Func", entry.func);  // else it is the call form's first field
    Field(app, "Signed at", entry.signed_at.empty() ? "-" : entry.signed_at + " UTC");
    const std::string signature = SignatureWords(app, entry);
    Field(app, "Signature", signature.empty() ? "type the SECRET_KEY to check it" : signature,
          signature.rfind("valid", 0) == 0 ? theme::Colors().success : signature.empty() ? 0u : theme::Colors().failure);
    if (!entry.error.empty()) Field(app, "Problem", entry.error, theme::Colors().failure);
    ImGui::EndTable();
}

// A form field's visible label, in the fields table's label column.
void FieldLabel(const char* label) {
    ImGui::AlignTextToFramePadding();
    ImGui::TextDisabled("%s", label);
    ImGui::SameLine(kLabelWidth);
}

void DrawRowForm(App& app, QueueEntryView& view) {
    const core::QueuedView& entry = *view.entry;
    ImGui::SeparatorText("Queue row (the admin's form)");
    FieldLabel("Key");
    TextInput(app.mirror, "Key", "the queue: the cluster's name", view.key, 180);
    ImGui::SameLine(0, 24);
    InlineLabel("Lock (UTC)");
    TextInput(app.mirror, "Lock", "YYYY-MM-DD HH:MM:SS, or empty", view.lock, 260);
    ImGui::SameLine(0, 16);
    if (Button(app.mirror, "Save")) {
        const auto lock = view.lock.empty() ? std::nullopt : std::optional<std::string>(view.lock);
        Apply(app, view, core::SaveQueueRow(*app.current, view.id, view.key, lock), "Saved queued task " + std::to_string(view.id) + ".");
    }
    SameLineIfFits(ButtonWidth("Clear lock"));
    // Available rows have nothing to clear; a NULL lock (which no broker takes) or a taken one has.
    ImGui::BeginDisabled(entry.lock.state == core::LockState::Available);
    if (Button(app.mirror, "Clear lock"))
        Apply(app, view, core::ClearQueueLocks(*app.current, {view.id}, ShownNow(app)),
              "Cleared the lock of queued task " + std::to_string(view.id) + ": the next cluster to poll takes it.");
    ImGui::EndDisabled();
}

// One field of the call: a literal to edit, or why the value cannot be typed (it is kept).
void CallField(App& app, const char* name, const char* hint, std::string& text, const std::string& fixed, core::Status parsed) {
    if (!fixed.empty()) {
        TextMuted(app.mirror, std::string(name) + " kept as is: " + fixed);
        return;
    }
    FieldLabel(name);
    TextInput(app.mirror, name, hint, text, 620);
    if (parsed) return;
    ImGui::SameLine(0, 12);
    TextColored(app.mirror, theme::Colors().failure, std::string(name) + ": " + parsed.error().Describe());
}

core::Status Checked(const core::Result<core::PyRef>& parsed) {
    if (!parsed) return parsed.error();
    return core::Ok{};
}

void DrawCallForm(App& app, QueueEntryView& view) {
    const core::ResubmitSettings& settings = app.resubmit.settings;
    const core::QueueSigning signing{settings.secret_key, settings.cluster_name, settings.compress, settings.key_rotated};
    ImGui::SeparatorText("The call (signed with the SECRET_KEY)");
    if (!view.entry->package) {
        TextMuted(app.mirror, "The package cannot be read, so its call cannot be changed.");
        return;
    }
    FieldLabel("Func");
    TextInput(app.mirror, "Func", "dotted path, e.g. myapp.tasks.report", view.func, 620);
    const core::Status args = Checked(core::ParseQueuedArgs(view.args)), kwargs = Checked(core::ParseQueuedKwargs(view.kwargs));
    CallField(app, "Args", "a Python literal: one value or a tuple, e.g. 40, 2", view.args, view.args_fixed, args);
    CallField(app, "Kwargs", "a dict literal, e.g. {'day': '2026-11-21'}", view.kwargs, view.kwargs_fixed, kwargs);
    const bool has_key = KeyReady(app);
    // An entry the server did not sign may have been planted: signing it vouches for it.
    if (has_key && core::CheckQueuedSignature(*view.entry, settings.secret_key, settings.cluster_name) == core::SignatureCheck::Invalid)
        TextColored(app.mirror, theme::Colors().failure,
                    "Its signature does not verify with this key: it was not signed by this server. Re-signing vouches for it; "
                    "check its func and args first (only plain values can be signed).");
    if (settings.secret_key.empty()) TextMuted(app.mirror, "Type the server's SECRET_KEY above to re-sign this entry or change its call.");
    const std::string id = std::to_string(view.id);
    ImGui::BeginDisabled(!has_key || !args || !kwargs);
    if (Button(app.mirror, "Save and re-sign")) {
        core::QueuedCall call{view.func, std::nullopt, std::nullopt};
        if (view.args_fixed.empty() && view.args != view.loaded_args) call.args = view.args;
        if (view.kwargs_fixed.empty() && view.kwargs != view.loaded_kwargs) call.kwargs = view.kwargs;
        Apply(app, view, core::EditQueuedCall(*app.current, view.id, call, signing, ShownNow(app)), "Saved and re-signed queued task " + id + ".");
    }
    ImGui::EndDisabled();
    ImGui::SameLine();
    ImGui::BeginDisabled(!has_key);
    if (Button(app.mirror, "Re-sign"))
        Apply(app, view, core::ResignQueueRow(*app.current, view.id, signing, ShownNow(app)),
              "Re-signed queued task " + id + " (same package, signed now).");
    ImGui::EndDisabled();
}

void DrawPackage(App& app, const core::QueuedView& entry) {
    if (!entry.package) return;
    struct Part {
        const char* name;
        const core::PyValue* value;
    };
    for (const Part part : {Part{"args", core::DictItem(*entry.package, "args")}, Part{"kwargs", core::DictItem(*entry.package, "kwargs")},
                            Part{"q_options", entry.q_options.get()}}) {
        ImGui::Spacing();
        ImGui::SeparatorText(part.name);
        if (!part.value) {
            TextMuted(app.mirror, "(not in the package)");
            continue;
        }
        DrawValueTree(app.mirror, part.name, *part.value);
    }
}

}  // namespace

void OpenQueueEntry(App& app, std::int64_t id) {
    app.queue_entry.id = id;
    app.queue_entry.loaded_at = 0;
    app.queue_entry.form_error.clear();
    app.page = Page::QueueEntry;
}

void DrawQueueEntry(App& app, QueueEntryView& view) {
    if (view.loaded_at != app.generation) Load(app, view);
    const bool escape = ImGui::IsKeyPressed(ImGuiKey_Escape) && !ImGui::GetIO().WantTextInput && view.delete_ids.empty();
    if (Button(app.mirror, "Back to the queue") || escape) {
        ShowQueue(app);
        return;
    }
    if (!view.entry) {
        Heading(app.mirror, "No queued task " + std::to_string(view.id));
        TextMuted(app.mirror, "It is not in this export: a cluster acknowledged it, or it was deleted.");
        return;
    }
    const core::QueuedView& entry = *view.entry;
    ImGui::SameLine(0, 16);
    Heading(app.mirror, entry.package ? entry.name : "Queue row " + std::to_string(entry.row.id));
    ImGui::SameLine(0, 24);
    if (Button(app.mirror, "Delete…")) view.delete_ids = {view.id};
    DrawQueueSigningBar(app);
    ImGui::BeginChild("queue-entry", ImVec2(0, 0));
    DrawFields(app, entry);
    DrawRowForm(app, view);
    DrawCallForm(app, view);
    if (!view.form_error.empty()) {
        TextColored(app.mirror, theme::Colors().failure, view.form_error);
    }
    DrawPackage(app, entry);
    ImGui::EndChild();
    if (DrawQueueDeleteConfirmation(app, view.delete_ids)) ShowQueue(app);
}

}  // namespace ui
