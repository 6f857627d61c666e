// The one file that knows every view: the frame's layout (top bar, error banner, the active view).
#include <algorithm>

#include <imgui.h>
#include <imgui_internal.h>  // ImGuiContext::InputEventsQueue (HasQueuedInput)

#include "platform/platform.h"
#include "ui/app/app.h"
#include "ui/app/time_display.h"
#include "ui/navigation/location.h"
#include "ui/app/path_prompt.h"
#include "ui/compare/compare_page.h"
#include "ui/compare/comparison.h"
#include "ui/tasks/resubmit_dialog.h"
#include "ui/schedules/run_now_dialog.h"
#include "ui/app/working_copy_menu.h"
#include "ui/theme/fonts.h"
#include "ui/theme/theme.h"
#include "ui/widgets/widgets.h"

namespace ui {
namespace {

// Light, dark, or as the system says: at the bar's end.
void DrawThemeChoice(App& app) {
    const std::string current = theme::ChoiceName(theme::CurrentChoice());
    constexpr float kWidth = 100.0f;
    SameLineIfFits(LabelledWidth("Theme", kWidth), 24);
    InlineLabel("Theme");
    if (!BeginDropDown(app.mirror, "Theme", current, kWidth)) return;
    for (const theme::Choice choice : {theme::Choice::System, theme::Choice::Light, theme::Choice::Dark})
        if (Option(app.mirror, theme::ChoiceName(choice), choice == theme::CurrentChoice())) theme::Choose(choice);
    EndDropDown();
}

void DrawTopBar(App& app) {
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted("djq-admin");
    ImGui::SameLine(0, 24);
    if (Button(app.mirror, "Open…")) {
        if (platform::HasFilePicker()) {
            platform::RequestOpenFile();
        } else {
            app.show_path_prompt = true;
            app.path_prompt_compares = false;
        }
    }
    ImGui::SameLine();
    // The demo is no place for edits made on a real export: export or undo them first.
    if (ButtonUnless(app.mirror, "Demo database", app.unsynced_edits > 0 ? "Export or undo your unsynced edits first" : "")) OpenDemo(app);
    if (!app.source_url.empty()) {  // Reload and Live stay together, on the next line when it is too narrow
        SameLineIfFits(ButtonWidth("Reload from server") + ImGui::GetStyle().ItemSpacing.x + LiveSwitchWidth(app));
        if (Button(app.mirror, "Reload from server")) platform::RefetchSource(app.source_url);
        DrawLiveSwitch(app);
    }
    if (app.current) {  // an older export beside this one: what changed since
        SameLineIfFits(ButtonWidth("Compare…"), 24);
        if (Button(app.mirror, "Compare…")) {
            if (HasComparison(app)) ShowComparison(app);
            else RequestComparison(app);
        }
    }
    DrawWorkingCopyMenu(app);
    DrawThemeChoice(app);
    ImGui::Separator();
}

// The tab a page belongs to: a task's detail to the list it was opened from, a schedule's page to
// the schedules, a queued task's page to the queue.
Page TabOf(const App& app) {
    switch (app.page) {
        case Page::TaskDetail:  // All tasks when opened from there, else the task's own kind
            if (app.list_page == Page::AllTasks || !app.detail.task) return app.list_page;
            return app.detail.task->success ? Page::Successful : Page::Failed;
        case Page::ScheduleEdit: return Page::Schedules;
        case Page::QueueEntry: return Page::Queue;
        default: return app.page;
    }
}

// Overview · Successful · Failed · All tasks · Funcs · Scheduled · Queued (only with the ORM broker's
// table) · Compare (only with an older export open beside the working copy).
void DrawPageTabs(App& app) {
    if (!app.current) return;
    const Page shown = TabOf(app);
    struct Entry {
        const char* label;
        Page page;
    };
    for (const Entry entry : {Entry{"Overview", Page::Overview}, Entry{"Successful", Page::Successful}, Entry{"Failed", Page::Failed},
                              Entry{"All tasks", Page::AllTasks}, Entry{"Funcs", Page::Funcs},
                              Entry{"Scheduled", Page::Schedules}, Entry{"Queued", Page::Queue}, Entry{"Compare", Page::Compare}}) {
        if (entry.page == Page::Queue && !app.current->schema.has_ormq) continue;
        if (entry.page == Page::Compare && !HasComparison(app) && app.page != Page::Compare) continue;
        if (Tab(app.mirror, entry.label, shown == entry.page))
            ShowList(app, entry.page);
        ImGui::SameLine(0, 2);
    }
    DrawTimeChoices(app);  // on the tabs' line, at its right end: they hold for every page
    // The tabs stand on a rule across the page, as tabs do.
    const float y = ImGui::GetCursorScreenPos().y - ImGui::GetStyle().ItemSpacing.y;
    ImGui::GetWindowDrawList()->AddLine(ImVec2(ImGui::GetWindowPos().x, y), ImVec2(ImGui::GetWindowPos().x + ImGui::GetWindowWidth(), y),
                                        ImGui::GetColorU32(ImGuiCol_Separator));
    ImGui::Spacing();
}

const char* PageName(Page page) {
    switch (page) {
        case Page::Overview: return "overview";
        case Page::Successful: return "successful";
        case Page::Failed: return "failed";
        case Page::AllTasks: return "all-tasks";
        case Page::Funcs: return "funcs";
        case Page::TaskDetail: return "task";
        case Page::Schedules: return "schedules";
        case Page::ScheduleEdit: return "schedule";
        case Page::Queue: return "queued";
        case Page::QueueEntry: return "queued-task";
        case Page::Changes: return "changes";
        case Page::Compare: return "compare";
    }
    return "overview";
}

void DrawPage(App& app) {
    if (!app.current) return DrawOverview(app, app.overview);  // a link's page waits for an export
    switch (app.page) {
        case Page::Overview: DrawOverview(app, app.overview); break;
        case Page::Successful: DrawTaskList(app, app.successful); break;
        case Page::Failed: DrawTaskList(app, app.failed); break;
        case Page::AllTasks: DrawTaskList(app, app.all_tasks); break;
        case Page::Funcs: DrawFuncsPage(app, app.funcs); break;
        case Page::TaskDetail: DrawTaskDetail(app, app.detail); break;
        case Page::Schedules: DrawScheduleList(app, app.schedules); break;
        case Page::ScheduleEdit:  // a long form: it scrolls under the tabs, which stay
            ImGui::BeginChild("schedule-page", ImVec2(0, 0));
            DrawScheduleEditor(app, app.schedule_editor);
            ImGui::EndChild();
            break;
        case Page::Queue: DrawQueueList(app, app.queue); break;
        case Page::QueueEntry: DrawQueueEntry(app, app.queue_entry); break;
        case Page::Changes: DrawChanges(app, app.changes); break;
        case Page::Compare: DrawComparePage(app); break;
    }
}

void DrawImportProgress(App& app) {
    if (!app.importing) return;
    const double progress = app.importing->job->Progress();
    const std::string percent = app.importing->rows_in ? "100%, indexing…" : std::to_string(static_cast<int>(progress * 100)) + "%";
    Value(app.mirror, "Importing " + app.importing->source, percent);
    ImGui::ProgressBar(static_cast<float>(progress), ImVec2(360, 0), percent.c_str());
    ImGui::SameLine();
    if (Button(app.mirror, "Cancel import")) CancelImport(app);
    ImGui::Spacing();
}

// A notice is a toast: over the page at the bottom (it never moves the rows), until OK, the next
// notice, or kToastSeconds, fading in its last second.
constexpr double kToastSeconds = 12.0;

void DrawNotice(App& app) {
    if (app.notice.empty()) return;
    const double now = ImGui::GetTime();
    if (app.notice != app.toast_text) {
        app.toast_text = app.notice;
        app.toast_shown_at = now;
    }
    const double age = now - app.toast_shown_at;
    if (age >= kToastSeconds) {
        app.notice.clear();
        return;
    }
    const float alpha = static_cast<float>(std::min(1.0, kToastSeconds - age));
    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(ImVec2(viewport->WorkPos.x + viewport->WorkSize.x * 0.5f, viewport->WorkPos.y + viewport->WorkSize.y - 24.0f),
                            ImGuiCond_Always, ImVec2(0.5f, 1.0f));
    ImGui::PushStyleVar(ImGuiStyleVar_Alpha, alpha);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowBorderSize, 1.0f);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowRounding, 6.0f);
    ImGui::PushStyleColor(ImGuiCol_WindowBg, ImGui::GetStyleColorVec4(ImGuiCol_PopupBg));
    ImGui::Begin("##notice", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoSavedSettings |
                     ImGuiWindowFlags_NoFocusOnAppearing | ImGuiWindowFlags_NoNav);
    ImGui::PushTextWrapPos(ImGui::GetFontSize() * 40.0f);
    Text(app.mirror, app.notice);
    ImGui::PopTextWrapPos();
    ImGui::SameLine();
    if (Button(app.mirror, "OK")) app.notice.clear();
    ImGui::End();
    ImGui::PopStyleColor();
    ImGui::PopStyleVar(3);
}

void DrawOpenError(App& app) {
    if (!app.open_error) return;
    const OpenError& failed = *app.open_error;
    app.mirror.SetError(failed.error.code, failed.error.Describe());
    ImGui::PushStyleColor(ImGuiCol_ChildBg, theme::Colors().error_background);
    ImGui::BeginChild("open-error", ImVec2(0, 0), ImGuiChildFlags_AutoResizeY | ImGuiChildFlags_AlwaysUseWindowPadding);
    Text(app.mirror, "Could not open " + failed.source);
    ImGui::PushTextWrapPos(0.0f);
    Text(app.mirror, failed.error.Describe());
    ImGui::PopTextWrapPos();
    if (app.current) TextMuted(app.mirror, "Still showing " + app.current->source + ".");
    if (Button(app.mirror, "Dismiss")) app.open_error.reset();
    ImGui::EndChild();
    ImGui::PopStyleColor();
    ImGui::Spacing();
}

// Every text on screen is in the mirror: the characters the font atlas lacks are added before the
// next frame, and the fallback fonts are asked for when the embedded ones lack some.
void NoteGlyphs(App& app) {
    for (const MirrorItem& item : app.mirror.items()) {
        NoteText(item.name);
        NoteText(item.value);
    }
    app.mirror.SetMissingGlyphs(MissingGlyphs());
    if (TakeFallbackFontRequest()) platform::RequestFallbackFonts();
}

}  // namespace

void RestoreLayout() {
    // Saved on the next frame after a change (0 would never save): the app draws no frames while idle.
    ImGui::GetIO().IniSavingRate = 0.001f;
    const std::string ini = platform::LoadLayout();
    if (!ini.empty()) ImGui::LoadIniSettingsFromMemory(ini.c_str(), ini.size());
}

bool HasQueuedInput() {
    const ImGuiContext* context = ImGui::GetCurrentContext();
    return context && !context->InputEventsQueue.empty();
}

void DrawFrame(App& app, FrameBudget budget) {
    theme::Follow(platform::PrefersDarkTheme());
    if (budget.work) Tick(app, budget.background_ms, budget.waited_on_ms, budget.background);
    app.mirror.BeginFrame(PageName(app.current ? app.page : Page::Overview));
    app.mirror.SetSource(app.current ? app.current->source : "");

    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(viewport->WorkPos);
    ImGui::SetNextWindowSize(viewport->WorkSize);
    // A task list has its own keys (arrows move its cursor, Enter opens, Space ticks): ImGui's
    // keyboard navigation must not also move to, and press, a button such as Export… there.
    // Dialogs and menus are windows of their own and keep it.
    const ImGuiWindowFlags own_keys = TaskListOn(app, app.page) ? ImGuiWindowFlags_NoNavInputs : 0;
    ImGui::Begin("djq-admin", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoBringToFrontOnFocus | own_keys);
    DrawTopBar(app);
    DrawSavedCopyOffer(app);
    DrawRebaseConflicts(app);
    DrawImportProgress(app);
    DrawOpenError(app);
    DrawPageTabs(app);
    DrawPage(app);
    DrawResubmitDialog(app);
    DrawRunNowDialog(app);
    ImGui::End();
    DrawNotice(app);
    DrawPathPrompt(app);
    PublishLocation(app);
    NoteQuietMoment(app);
    NoteGlyphs(app);
    // With no ini file ImGui only flags that settings changed (a column moved, hidden or resized).
    if (ImGui::GetIO().WantSaveIniSettings) {
        platform::SaveLayout(ImGui::SaveIniSettingsToMemory());
        ImGui::GetIO().WantSaveIniSettings = false;
    }
}

}  // namespace ui
