#include "ui/app/working_copy_menu.h"

#include <imgui.h>

#include "core/sync/changeset.h"
#include "core/sync/fixture_export.h"
#include "core/sync/journal.h"
#include "core/sync/server_copy.h"
#include "platform/platform.h"
#include "ui/app/app.h"
#include "ui/app/time_display.h"
#include "ui/app/signing_inputs.h"
#include "ui/changes/changes_page.h"
#include "ui/theme/theme.h"
#include "ui/widgets/widgets.h"

namespace ui {
namespace {

void ReportOffer(App& app, const std::string& file_name, const core::Result<std::string>& where) {
    if (!where) app.open_error = OpenError{where.error(), file_name};
    else app.notice = "Exported " + file_name + " to " + where.value() + ".";
}

void Offer(App& app, const std::string& file_name, const core::Result<std::string>& text) {
    if (!text) return ReportOffer(app, file_name, text.error());
    ReportOffer(app, file_name, platform::OfferDownload(file_name, core::AsBytes(text.value())));
}

// The key typed on the Queued page or in a Resubmit dialog, for the files a server loads.
std::optional<core::ServerSigning> TypedSigning(const App& app) {
    const core::ResubmitSettings& settings = app.resubmit.settings;
    if (settings.secret_key.empty()) return std::nullopt;
    return core::ServerSigning{settings.secret_key, settings.cluster_name, settings.compress, settings.key_rotated};
}

std::string QueueEntries(std::int64_t count) { return std::to_string(count) + (count == 1 ? " queue entry" : " queue entries"); }

// What became of the entries waiting for the server's signature, for the export's notice.
std::string ServerCopyWords(const core::ServerCopy& copy) {
    std::string words;
    if (copy.signed_entries > 0) words += " Signed " + QueueEntries(copy.signed_entries) + " that waited for the server's key, with the typed key.";
    if (copy.left_out > 0)
        words += " Left out " + QueueEntries(copy.left_out) +
                 " waiting for the server's signature: the changeset carries them (djq apply --secret-key-env).";
    if (copy.key_refused) words += " The typed key was not used: " + copy.key_refused->message + ".";
    return words;
}

// A file a server loads, made from a copy whose waiting entries are signed or left out, and
// handed over as `write` makes it.
using ServerFileWriting = core::Status (*)(core::Export&, const core::TextSink&);
void OfferServerFile(App& app, const std::string& file_name, ServerFileWriting write) {
    core::Export& current = *app.current;
    auto copy = core::MakeServerCopy(current, TypedSigning(app), ShownNow(app));
    if (!copy) return ReportOffer(app, file_name, copy.error());
    core::Export& file = copy->Use(current);
    ReportOffer(app, file_name, platform::OfferDownload(file_name, [&file, write](const core::TextSink& sink) { return write(file, sink); }));
    if (!app.open_error) app.notice += ServerCopyWords(copy.value());
}

core::Status WriteSqlite(core::Export& export_, const core::TextSink& sink) {
    return export_.db.WriteOut([&](core::ByteView piece) { return sink(core::AsText(piece)); });
}

// A line under an export button on the Changes page: what that file is for.
void Explain(App& app, bool explained, const char* text) {
    if (!explained) return;
    ImGui::PushTextWrapPos(0.0f);
    TextMuted(app.mirror, text);
    ImGui::PopTextWrapPos();
    ImGui::Spacing();
}

}  // namespace

std::string BaseName(const std::string& source) {
    std::string name = source.substr(0, source.find_first_of("?#"));
    if (const auto slash = name.find_last_of('/'); slash != std::string::npos) name = name.substr(slash + 1);
    if (const auto dot = name.find('.'); dot != std::string::npos && dot > 0) name.resize(dot);
    for (char& c : name)
        if (c == ' ') c = '-';
    return name.empty() ? "djq-export" : name;
}

void OfferFile(App& app, const std::string& file_name, const platform::FileWriting& write) {
    ReportOffer(app, file_name, platform::OfferDownload(file_name, write));
}

void DrawExportChoices(App& app, bool explained) {
    core::Export& current = *app.current;
    const std::string base = BaseName(current.source);
    // In the Export… menu a choice closes it; elsewhere CloseCurrentPopup does nothing.
    if (Button(app.mirror, "Changeset (JSON) for djq apply")) {
        ImGui::CloseCurrentPopup();
        Offer(app, base + "-changes.json",
              core::ExportChangeset(current.db, {current.source, core::VariantId(current.schema.variant)}));
    }
    Explain(app, explained,
            "The actions above, for djq apply on the server: each is applied once, in one transaction, and stops at a row the "
            "server changed meanwhile. Waiting queue entries are signed there with --secret-key-env.");
    if (Button(app.mirror, "Working copy (SQLite)")) {
        ImGui::CloseCurrentPopup();
        OfferServerFile(app, base + "-working-copy.sqlite3", WriteSqlite);
    }
    Explain(app, explained,
            "This export with your edits, as one SQLite file: to keep, share, or open here again later (the journal travels "
            "with it).");
    if (Button(app.mirror, "Fixture for loaddata (JSON)")) {
        ImGui::CloseCurrentPopup();
        OfferServerFile(app, base + "-fixture.json", core::WriteFixture);
    }
    Explain(app, explained,
            "Every Django Q row of this export as it is now, for manage.py loaddata on a test or fresh database. loaddata "
            "adds and overwrites rows by id but never deletes: deletions reach a server only through the changeset.");
    const auto awaiting = core::CountAwaitingSignature(current);
    if (awaiting && awaiting.value() > 0) {
        ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + 420);
        TextMuted(app.mirror, QueueEntries(awaiting.value()) + (awaiting.value() == 1 ? " waits" : " wait") + " for the server's signature. " +
                                  (KeyReady(app) ? "The SQLite and fixture files sign them with the typed SECRET_KEY."
                                                 : "The SQLite and fixture files leave them out (type the SECRET_KEY on the Queued page to "
                                                   "sign them there); the changeset carries them to djq apply --secret-key-env."));
        ImGui::PopTextWrapPos();
    }
}

void DrawWorkingCopyMenu(App& app) {
    if (!app.current) return;
    // Export…, Undo and the count stay together, on the next line when the window is too narrow.
    const float count_width = ImGui::CalcTextSize("99,999 unsynced edits").x, spacing = ImGui::GetStyle().ItemSpacing.x;
    SameLineIfFits(ButtonWidth("Export…") + spacing + ButtonWidth("Undo") + spacing + count_width, 24);
    if (Button(app.mirror, "Export…")) ImGui::OpenPopup("export-menu");
    if (ImGui::BeginPopup("export-menu")) {
        DrawExportChoices(app, false);
        ImGui::EndPopup();
    }
    // Undo keeps its place when there is nothing to undo, so the bar never shifts.
    ImGui::SameLine();
    if (ButtonUnless(app.mirror, "Undo", app.unsynced_edits > 0 ? "" : "Nothing to undo: no unsynced edits")) UndoLastEdit(app);
    // The count has a slot of its own, empty without edits: the first edit never re-wraps the bar.
    ImGui::SameLine();
    const float start = ImGui::GetCursorPosX();
    if (app.unsynced_edits > 0) {
        ImGui::AlignTextToFramePadding();
        if (Link(app.mirror, GroupThousands(app.unsynced_edits) + (app.unsynced_edits == 1 ? " unsynced edit" : " unsynced edits")))
            ShowChanges(app);
    }
    EndSlot(start, count_width);
    if (app.unsynced_edits > 0 && !app.storage_problem.empty()) {  // on a line of its own: it must be read whole
        ImGui::PushTextWrapPos(0.0f);
        TextColored(app.mirror, theme::Colors().failure,
                    "Not kept in this browser: " + app.storage_problem + ". Export the changeset before you close the page.");
        ImGui::PopTextWrapPos();
    }
}

namespace {

// The columns the edit changed, as they are on each side; Keep mine sets only those.
std::string ConflictWords(const core::JournalEntry& mine, const core::RowImage& theirs) {
    const std::string differences = core::DescribeDifferences(core::ChangedColumns(*mine.before, *mine.after), theirs, "yours", "theirs");
    if (differences.empty()) return "the newer export changed other columns of this row. Keep mine keeps theirs and your changes.";
    return differences + ". Keep mine sets these on their row; its other columns stay as they are now.";
}

}  // namespace

void DrawRebaseConflicts(App& app) {
    if (app.rebase_conflicts.empty()) return;
    Heading(app.mirror, std::to_string(app.rebase_conflicts.size()) +
                            (app.rebase_conflicts.size() == 1 ? " edit clashes" : " edits clash") + " with the newer export");
    for (std::size_t i = 0; i < app.rebase_conflicts.size(); ++i) {
        const core::RebaseConflict& conflict = app.rebase_conflicts[i];
        const core::JournalEntry& mine = conflict.mine;
        std::string what = "Your " + mine.operation + " (" + core::EditKindName(mine.kind) + " " + mine.table + " " + core::ShowColumnValue(mine.pk) + "): ";
        if (!conflict.theirs) what += "the row is gone from the newer export.";
        else if (mine.kind == core::EditKind::Update) what += ConflictWords(mine, *conflict.theirs);
        else what += "the row changed in the newer export.";
        ImGui::PushID(static_cast<int>(i));
        ImGui::PushTextWrapPos(0.0f);
        Text(app.mirror, what);
        ImGui::PopTextWrapPos();
        const bool keep = Button(app.mirror, "Keep mine");
        ImGui::SameLine();
        const bool take = Button(app.mirror, "Take theirs");
        ImGui::PopID();
        if (keep || take) {
            ResolveConflict(app, i, keep);
            break;  // the list changed under us; the next frame draws the rest
        }
    }
    ImGui::Separator();
}

void DrawSavedCopyOffer(App& app) {
    if (!app.saved_copy) return;
    const SavedCopy& saved = *app.saved_copy;
    const std::string edits = GroupThousands(saved.unsynced_edits) + (saved.unsynced_edits == 1 ? " unsynced edit" : " unsynced edits");
    std::string text = "Your working copy of " + saved.source + " from " + saved.saved_at + " is saved in this browser";
    if (saved.unsynced_edits > 0) text += ", with " + edits;
    text += ".";
    // After a reload of ?src=: the fresh download waits, so the edits are carried over as a rebase does.
    if (!saved.download.empty()) text += " The page downloaded " + saved.download + " again; it opens once you choose.";
    ImGui::PushTextWrapPos(0.0f);
    Text(app.mirror, text);
    ImGui::PopTextWrapPos();
    const bool carry = !saved.download.empty();
    if (Button(app.mirror, carry ? "Carry my edits over to the download" : "Restore it")) {
        platform::RestoreSavedCopy();
        app.saved_copy.reset();
    }
    ImGui::SameLine();
    if (Button(app.mirror, carry ? ("Discard my " + edits).c_str() : "Discard it")) {
        platform::DiscardSavedCopy();
        app.saved_copy.reset();
    }
    ImGui::Separator();
}

}  // namespace ui
