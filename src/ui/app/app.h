// The application's state: the open export (model data from the core, read-only in views), the
// error shown until dismissed, and each view's own UI state. Platforms own one App and call
// DrawFrame once per frame; files arrive through OpenBytes whichever way the user chose.
#pragma once

#include <array>
#include <memory>
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "core/bytes.h"
#include "core/schema/export.h"
#include "core/model/resubmit.h"
#include "ui/app/live.h"
#include "ui/changes/changes_page.h"
#include "ui/compare/comparison.h"
#include "core/django_q/signing_check.h"
#include "core/insights/health.h"
#include "core/insights/task_insights.h"
#include "core/model/summary.h"
#include "core/model/value_search.h"
#include "core/sync/dumpdata_import.h"
#include "core/sync/rebase.h"
#include "ui/mirror/mirror.h"
#include "ui/schedules/schedule_settings.h"
#include "ui/funcs/funcs_page.h"
#include "ui/overview/overview.h"
#include "ui/queue/queue_list.h"
#include "ui/queue/queue_entry.h"
#include "ui/schedules/schedule_list.h"
#include "ui/schedules/schedule_editor.h"
#include "ui/tasks/task_detail.h"
#include "ui/tasks/task_list.h"

namespace ui {

struct OpenError {
    core::Error error;
    std::string source;  // what the user tried to open
};

// A working copy the platform kept from an earlier visit (IndexedDB in the browser).
struct SavedCopy {
    std::string source;
    std::string saved_at;  // the browser's local time, as text
    std::int64_t unsynced_edits = 0;
    // A fresh download of ?src= the platform holds back until the user says whether the saved
    // edits are carried over to it (a reload must never drop them); empty when there is none.
    std::string download;
};

// A dumpdata JSON being imported a few thousand objects per frame, so the page never freezes.
struct PendingImport {
    std::unique_ptr<core::DumpdataImport> job;
    std::string source;
    // Every row is in: the next tick builds the index (one long step, so a frame first says so).
    bool rows_in = false;
};

// The resubmit dialog's tasks and choices. The SECRET_KEY lives here, in memory only: never saved,
// exported, journalled or mirrored.
struct ResubmitState {
    std::vector<std::string> ids;  // non-empty while the dialog is open
    core::ResubmitSettings settings;
    std::uint64_t cluster_for = 0;  // the generation the cluster name and compress were read from the export at
    core::CompressEvidence compress_seen;  // what the export's payloads showed about compress
    // The typed key checked against the export's signed entries, redone when key, cluster or data change.
    std::size_t key_checked_for = 0;
    core::Result<core::KeyCheck> key_check = core::KeyCheck{};
    // The preview: planned again only when a choice changes (planning decodes and pickles every task).
    std::string planned_for;
    core::Result<std::vector<core::ResubmitPlan>> plans = std::vector<core::ResubmitPlan>();
};

enum class Page { Overview, Successful, Failed, AllTasks, Funcs, TaskDetail, Schedules, ScheduleEdit, Queue, QueueEntry, Changes, Compare };

struct App {
    std::optional<core::Export> current;
    std::optional<core::Summary> summary;
    // Counts the summary's task figures in steps (Tick) when the search index cannot give them yet;
    // meanwhile the summary keeps the figures it had (none, after an open: tasks_counted is false).
    std::optional<core::TaskFiguresScan> counting_tasks;
    // The dashboard's figures (core/insights), read in steps (Tick) after an open and after each
    // change, while a page shows them (the overview, Funcs); and what those pages show: them
    // summarised for the shown zone and the overview's bucket, and what for (ui/overview/dashboard.h).
    std::optional<core::TaskInsightsScan> insights_scan;
    std::uint64_t insights_generation = 0;  // the generation insights_scan reads
    std::optional<core::TaskInsights> insights;
    std::string insights_for;
    // The overview's health panel (core/insights/health.h), checked in steps like the figures, for
    // the data and the clock's minute in health_for; health_rows keeps the last complete answer.
    std::optional<core::HealthScan> health_scan;
    std::string health_for;
    std::optional<std::vector<core::HealthRow>> health_rows;
    // An older export opened beside the working copy, and what changed since (ui/compare).
    std::optional<Comparison> comparison;
    std::optional<KeptComparison> kept_comparison;
    std::optional<OpenError> open_error;  // shown until dismissed; `current` is left as it was
    bool is_demo = false;
    std::string source_url;  // set when the export came from a URL (?src=), so it can be fetched again
    std::int64_t unsynced_edits = 0;  // journal entries not yet exported and applied
    std::optional<PendingImport> importing;
    std::vector<core::RebaseConflict> rebase_conflicts;  // edits carried to a newer export that clash with it
    std::optional<SavedCopy> saved_copy;  // offered at start until restored or discarded
    // Search inside decoded values: the index is filled a few hundred tasks per frame once a list asks.
    bool index_values = false;
    std::optional<core::ValueSearchProgress> value_search;
    std::chrono::steady_clock::time_point value_search_shown;  // when lists last looked at what it holds so far
    std::string notice;      // a passing message ("the server's export has not changed"), shown as a toast
    std::string toast_text;  // the notice the toast shows, and since when (ImGui time, seconds)
    double toast_shown_at = 0.0;
    // Why the platform cannot keep the working copy across a reload ("" when it can): the page
    // says so beside the unsynced edits, so they are exported before the tab closes.
    std::string storage_problem;
    LiveState live;
    std::optional<SinceLastLoad> since_last_load;  // after a reload of the same ?src= export
    bool quiet_moment = false;  // the last frame had no typing, dialog or pending work (ui/app/live.h)

    // Bumped by every change to the data (an edit, an undo, another export): views re-read.
    std::uint64_t generation = 1;
    Page page = Page::Overview;
    Page list_page = Page::Successful;  // the list a task detail returns to
    std::string published_location;     // the URL fragment the platform shows (ui/navigation/location.h)

    // The clock the schedule pages compute "now" from: the system's, unless a test fixes it.
    std::optional<core::UnixMicros> fixed_now;

    Mirror mirror;
    OverviewView overview;
    FuncsView funcs;
    TaskListView successful{core::TaskKind::Successful};
    TaskListView failed{core::TaskKind::Failed};
    TaskListView all_tasks{core::TaskKind::All};
    TaskDetailView detail;
    ResubmitState resubmit;
    ScheduleSettings schedule_settings;
    // Bumped when a setting that changes computed run times changes (zone, rules, catch_up).
    std::uint64_t schedule_generation = 1;
    ScheduleListView schedules;
    ScheduleEditorView schedule_editor;
    std::optional<std::int64_t> run_now_id;  // the "Run now" dialog's schedule, while it is open
    QueueListView queue;
    QueueEntryView queue_entry;
    ChangesView changes;
    std::string path_prompt;  // the native "Open…" prompt's text
    bool show_path_prompt = false;
    bool path_prompt_compares = false;  // the prompt asks for an older export to compare with
};

// Opens the bytes of a file the user chose, or of a URL (source starting with http:// or https://,
// which can then be fetched again). On failure the error is shown and the open export stays open.
// Unsynced edits are never dropped: they are rebased onto the newly opened export, and those that
// clash with it are listed for the user (rebase_conflicts).
void OpenBytes(App& app, std::string source, core::ByteView bytes);
// The same for bytes in a buffer the working copy can take over (the web app's files: no second
// copy of a large export in memory). `restored`: the platform's kept working copy, which then
// needs keeping only from its next change on.
void OpenBuffer(App& app, std::string source, core::FileBuffer buffer, bool restored = false);
// The budget for work the screen waits on: an import, a list's first page or order, the overview's
// task counts and figures, and the values the list on screen searches.
constexpr double kWaitedOnBudgetMs = 25.0;
// Runs work for this frame. First, for about `waited_on_ms`, what the screen waits on: a pending
// import (when it completes the export opens as any other), reading the first page of the list on
// screen, counting tasks, reading the dashboard's figures while the overview or Funcs shows them
// (then the overview's health check), the two exports the Compare page compares while it shows
// them, and decoding values for the list on screen when it searches
// them (then alone). Then, for about `budget_ms`: keeping the working copy, loading the task search index
// (its sort with `waited_on_ms` when the list on screen waits for its order), and decoding values
// for value search (unless not `background`). Called by DrawFrame. Budgets of 0 do one step of each.
void Tick(App& app, double budget_ms = 12.0, double waited_on_ms = kWaitedOnBudgetMs, bool background = true);
// True while work is pending that needs frames even without input (platforms keep drawing): an
// import, the search index loading, value decoding, the dashboard's figures or a comparison (on a page showing them), a
// deletion in steps, or input ImGui has queued
// but not handled yet (it hands queued key and mouse events to the UI a few per frame, so fast
// typing outlasts the frames drawn after the last event).
bool IsBusy(const App& app);
// The part of IsBusy that Tick itself moves on, frame or no frame: what a platform may run between
// frames (the browser does, in short tasks, so frames stay short and the work goes on).
bool HasTickWork(const App& app);
// True while something on screen changes by itself (a toast fading): the platform keeps drawing,
// but the app counts as settled.
bool IsAnimating(const App& app);
// Stops a pending import; what was open stays open.
void CancelImport(App& app);

// The platform could not get the file (a failed download): shown like any open error.
void OpenFailed(App& app, std::string source, std::string message);
// A re-fetch found the server's export unchanged.
void SourceUnchanged(App& app);
// What the page around the app has to say: kind "storage" (the browser keeps no working copy, and
// why), else a passing notice (a new version was installed).
void PageNotice(App& app, std::string_view kind, std::string text);
// After an edit, an undo or an open: re-reads the journal count and the counts on screen, and
// has the platform save the working copy (never the demo).
void AfterChange(App& app);
// Has the platform keep the working copy as it is now (never the demo): after an edit, or a
// setting kept in it. A few megabytes go at once; more (a new export, a huge batch) go on in
// steps (Tick), so no frame copies a whole export.
void SaveWorkingCopyNow(App& app);
// The platform's kept copy is another file now (another tab kept its own): keep all of this one again.
void KeepWholeCopyAgain(App& app);
// Resolves rebase conflict `index`: keep mine (apply my edit over theirs) or take theirs (drop it).
void ResolveConflict(App& app, std::size_t index, bool keep_mine);
// The platform found a saved working copy: the UI offers to restore or discard it.
void OfferSavedCopy(App& app, SavedCopy saved);
// Undoes the most recent edit batch, reporting the result as a notice or an error.
void UndoLastEdit(App& app);
// The list's "search decoded values" choice changed, or the index for it completed: starts
// indexing when needed, and re-queries with value search once the index is complete.
void ValueSearchChanged(App& app, TaskListView& view);
// Shows a page; a task list (Successful, Failed or All tasks) is also the one a task's page returns to.
void ShowList(App& app, Page page);
// The task list a page shows (null for the other pages), and the page of a kind's list.
TaskListView* TaskListOn(App& app, Page page);
const TaskListView* TaskListOn(const App& app, Page page);
// The three task lists: Successful, Failed, All tasks.
std::array<TaskListView*, 3> TaskLists(App& app);
Page ListPageOf(core::TaskKind kind);
// Shows the tasks of one group in the kind's list.
void ShowGroup(App& app, core::TaskKind kind, const std::string& group);
// The wall clock (App::fixed_now when a test set it): what a resubmit's or a run-now's package is
// made at, and when Live last asked the server. Pages compute "now" by the chosen clock, ShownNow
// (ui/app/time_display.h).
core::UnixMicros WallClock(const App& app);
// Opens the built-in demo database (what the app shows when given nothing else).
void OpenDemo(App& app);

// Loads the layout the platform kept (column order, widths, visibility) into the new ImGui context.
void RestoreLayout();
// Whether ImGui holds input events it has not handled yet (frame.cpp, which knows ImGui).
bool HasQueuedInput();
// How much of a frame Tick's work may take (its budgets, and whether background work gets one).
// The platform chooses: short enough that a frame, drawing included, stays within 16 ms.
struct FrameBudget {
    double background_ms = 12.0;
    double waited_on_ms = kWaitedOnBudgetMs;
    bool background = true;
    bool work = true;  // false: the frame only draws (the platform runs the work between frames)
};
// Draws one frame of the whole UI, Tick first with `budget`; the platform has begun the ImGui frame.
void DrawFrame(App& app, FrameBudget budget = {});

}  // namespace ui
