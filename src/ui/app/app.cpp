#include "ui/app/app.h"

#include <algorithm>
#include <chrono>
#include <functional>
#include <utility>

#include "core/demo/demo.h"
#include "core/open/open_export.h"
#include "ui/theme/fonts.h"
#include "core/sync/database_identity.h"
#include "core/model/task_search.h"
#include "core/model/value_search.h"
#include "core/sync/journal.h"
#include "ui/app/stopwatch.h"
#include "ui/app/time_display.h"
#include "ui/schedules/schedule_settings.h"
#include "ui/tasks/task_filters.h"
#include "platform/platform.h"

namespace ui {
namespace {

void CountUnsyncedEdits(App& app) {
    app.unsynced_edits = 0;
    if (!app.current) return;
    if (auto journal = core::ReadJournal(app.current->db)) app.unsynced_edits = static_cast<std::int64_t>(journal->size());
}

// The part of the working copy's changes the platform gets at once: 2 MB, a millisecond or two to
// copy out in the browser.
constexpr std::int64_t kChunksPerKeepStep = 32;

bool HasChangesToKeep(const App& app) {
    const core::PagedFile* paged = app.current && !app.is_demo ? app.current->db.paged() : nullptr;
    return paged && paged->HasChangesToTake();
}

// Hands the platform the next part of the changes; false when none are left.
bool KeepStep(App& app) {
    if (!HasChangesToKeep(app)) return false;
    platform::KeepWorkingCopyChanges(app.current->source, app.current->db.paged()->TakeChanges(kChunksPerKeepStep), app.unsynced_edits);
    return true;
}

// Replaces the current export only when the new one opened and summarised; true when it did.
bool Adopt(App& app, core::Result<core::Export> opened, const std::string& source, bool is_demo) {
    if (!opened) {
        app.open_error = OpenError{opened.error(), source};
        return false;
    }
    auto summary = core::SummarizeQuickly(opened.value());  // the tasks are counted in steps (Tick)
    if (!summary) {
        app.open_error = OpenError{summary.error(), source};
        return false;
    }
    // The demo is never kept: what was coming in parts of the export it replaces is dropped.
    if (is_demo && HasChangesToKeep(app)) platform::DropUnfinishedKeep();
    app.current = std::move(opened.value());
    app.summary = summary.value();
    app.counting_tasks.emplace();
    app.open_error.reset();
    app.notice.clear();
    for (const std::string& warning : core::OpenWarnings(*app.current)) app.notice += (app.notice.empty() ? "" : " ") + warning;
    // Lists search from memory once Tick has loaded it; until then (or without it) they use SQL.
    if (auto attached = core::AttachTaskSearch(*app.current); !attached)
        app.notice = "Searching tasks without the in-memory index (slower): " + attached.error().Describe();
    app.is_demo = is_demo;
    app.source_url.clear();
    app.since_last_load.reset();
    if (is_demo && app.live.on) SetLive(app, 0);
    // What the user opened now replaces what was saved (the demo is never saved, so the offer stays).
    if (!is_demo) app.saved_copy.reset();
    app.rebase_conflicts.clear();
    app.value_search.reset();  // the new export's decoded values are indexed when asked for
    app.index_values = false;
    app.insights_scan.reset();  // the dashboard reads the new export; the old one's figures go
    app.insights.reset();
    app.insights_for.clear();
    app.health_scan.reset();
    app.health_for.clear();
    app.health_rows.reset();
    // A list of a failure group's tasks holds the old export's rowids: it finds the group again.
    for (TaskListView* view : TaskLists(app))
        if (!view->failure_group.empty()) WaitForFailureGroup(*view, view->failure_group);
    // As after a change, but the summary is already this export's (a second pass costs ~150 ms at 1M tasks).
    ++app.generation;
    CountUnsyncedEdits(app);
    SaveWorkingCopyNow(app);
    return true;
}

// "<source>: <message>", as OpenExportBytes words its errors.
OpenError NamedError(core::Error error, const std::string& source) {
    error.message = source + ": " + error.message;
    return OpenError{std::move(error), source};
}

bool IsUrl(std::string_view source) { return source.rfind("http://", 0) == 0 || source.rfind("https://", 0) == 0; }

// Carries the current working copy's unsynced edits onto `opened` before it replaces it.
core::Result<core::Export> WithEditsCarried(App& app, core::Result<core::Export> opened, core::RebaseResult& rebased) {
    if (!opened || !app.current || app.unsynced_edits == 0) return opened;
    // Edits belong to their database: carried to another one they would find their rows missing
    // and be dropped as "already there". The new file is not opened; the edits stay.
    if (auto same = core::CheckSameDatabase(*app.current, opened.value()); !same) return same.error();
    auto edits = core::ReadJournal(app.current->db);
    if (!edits) return edits.error();
    auto result = core::Rebase(opened.value(), edits.value());
    if (!result) return result.error();
    rebased = std::move(result.value());
    return opened;
}

// Opens what a load produced, carrying unsynced edits over onto it.
void FinishOpen(App& app, core::Result<core::Export> opened, const std::string& source) {
    core::RebaseResult rebased;
    const bool had_edits = app.current && app.unsynced_edits > 0;
    // A newer version of the same export (Reload from server, Live): what it brought is shown.
    std::optional<SinceLastLoad> reloaded;
    if (IsUrl(source) && source == app.source_url && app.summary && app.summary->tasks_counted)
        reloaded = SinceLastLoad{*app.summary, app.summary->last_stopped ? core::ParseDjangoDatetime(*app.summary->last_stopped) : std::nullopt};
    if (!Adopt(app, WithEditsCarried(app, std::move(opened), rebased), source, false)) return;
    if (IsUrl(source)) app.source_url = source;
    else if (app.live.on) SetLive(app, 0);
    if (reloaded && app.live.on) LiveUpdated(app);
    app.since_last_load = std::move(reloaded);
    app.rebase_conflicts = std::move(rebased.conflicts);
    if (had_edits)
        app.notice += std::string(app.notice.empty() ? "" : " ") + "Carried your unsynced edits over: " + std::to_string(rebased.reapplied) + " re-applied, " +
                     std::to_string(rebased.already_there) + " already in this export, " +
                     std::to_string(app.rebase_conflicts.size()) + " in conflict.";
}

// JSON is imported in steps (Tick), from text the import keeps; a SQLite file opens at once.
void ImportJson(App& app, std::string source, std::shared_ptr<const void> owner, core::ByteView json) {
    app.importing = PendingImport{std::make_unique<core::DumpdataImport>(json, std::move(owner)), std::move(source)};
}

// Opening another file would replace the saved copy, and with it edits made in an earlier visit
// that the user has not yet restored or discarded: they answer the offer first.
bool RefuseOverSavedEdits(App& app, const std::string& source) {
    if (!app.saved_copy || app.saved_copy->unsynced_edits == 0) return false;
    app.open_error = OpenError{core::Error{"open.saved_edits",
                                           "your saved working copy of " + app.saved_copy->source + " has unsynced edits: restore or "
                                           "discard it first (above), so they are never lost",
                                           ""},
                               source};
    return true;
}

}  // namespace

void OpenBytes(App& app, std::string source, core::ByteView bytes) {
    if (RefuseOverSavedEdits(app, source)) return;
    if (!core::LooksLikeJson(bytes)) return FinishOpen(app, core::OpenExportBytes(bytes, source), source);  // a copy into memory
    auto copy = std::make_shared<core::Bytes>(bytes.begin(), bytes.end());
    ImportJson(app, std::move(source), copy, *copy);
}

void OpenBuffer(App& app, std::string source, core::FileBuffer buffer, bool restored) {
    if (!restored && RefuseOverSavedEdits(app, source)) return;
    if (!core::LooksLikeJson(buffer.bytes())) return FinishOpen(app, core::OpenExportBuffer(std::move(buffer), source, restored), source);
    auto kept = std::make_shared<core::FileBuffer>(std::move(buffer));  // read in place, not copied
    ImportJson(app, std::move(source), kept, kept->bytes());
}

namespace {

bool IndexingValues(const App& app) { return app.current && app.index_values && !(app.value_search && app.value_search->done()); }

bool LoadingTaskSearch(const App& app) {
    return app.current && app.current->task_search && !app.current->task_search->index().settled();
}

// The list on screen waits for the search index to sort its order.
bool ListWaitsOnSort(const App& app) {
    const TaskListView* shown = TaskListOn(app, app.page);
    return app.current && shown && core::AnsweredInMemory(*app.current, shown->query) == core::InMemory::Sorting;
}

// Reads tasks into the search index for this frame's budget (again after a rollback emptied it).
void TickTaskSearch(App& app, double budget_ms) {
    // 0.5-1.5 ms natively, 3-8 in the browser: a slice of work between frames overshoots its budget little.
    constexpr std::int64_t kRowsPerStep = 2'000;
    if (!LoadingTaskSearch(app)) return;
    StepWithin(budget_ms, [&] {
        if (auto loaded = core::LoadTaskSearch(*app.current, kRowsPerStep); !loaded) {
            app.notice = "Searching tasks without the in-memory index (slower): " + loaded.error().Describe();
            core::DetachTaskSearch(*app.current);
        }
        return !LoadingTaskSearch(app);
    });
}

// The list on screen reads its first page from the table while the search index loads (TaskPages):
// that comes before the index, which then takes what is left of the frame's budget. Returns the
// milliseconds it took.
double TickListScan(App& app, double budget_ms) {
    constexpr std::int64_t kRowsPerStep = 10'000;  // ~2 ms natively, ~6 in the browser: a frame overshoots its budget little
    TaskListView* shown = TaskListOn(app, app.page);
    if (!app.current || !shown || !shown->pages.scanning()) return 0.0;
    return StepWithin(budget_ms, [&] {
        shown->pages.StepScan(*app.current, kRowsPerStep);
        return !shown->pages.scanning();
    });
}

// Counts the summary's task figures for this frame's budget; the milliseconds it took.
double TickTaskFigures(App& app, double budget_ms) {
    if (!app.current || !app.summary || !app.counting_tasks) return 0.0;
    return StepWithin(budget_ms, [&] {
        auto done = app.counting_tasks->Step(*app.current, core::kTaskFiguresRowsPerStep);
        if (!done) {
            app.open_error = OpenError{done.error(), app.current->source};
            app.counting_tasks.reset();
        } else if (done.value()) {
            app.counting_tasks->CopyTo(*app.summary);
            app.counting_tasks.reset();
        }
        return !app.counting_tasks;
    });
}

// Starts the value search index (djq_task_text), so a list can search what it holds from now on.
bool StartValueSearch(App& app) {
    if (app.value_search) return true;
    auto status = core::ValueSearchStatus(*app.current);
    if (!status) {
        app.open_error = OpenError{status.error(), app.current->source};
        app.index_values = false;
        return false;
    }
    app.value_search = status.value();
    return true;
}

// Lists searching values look again: the index holds more tasks now.
void RefreshValueSearches(App& app) {
    for (TaskListView* view : TaskLists(app))
        if (view->query.search_values) QueryChanged(*view);
}

// Decodes tasks into the value search index for this frame's budget. Lists that search values
// show what the index holds so far, looking again every second (each look asks SQLite for the
// words' value matches again: tens of milliseconds at 300k tasks in the browser) and when it is
// complete.
void TickValueSearch(App& app, double budget_ms) {
    constexpr auto kBetweenRefreshes = std::chrono::seconds(1);
    if (!IndexingValues(app) || !StartValueSearch(app)) return;
    StepWithin(budget_ms, [&] {
        auto progress = core::IndexDecodedValues(*app.current, *app.value_search, core::kValueSearchStep);
        if (!progress) {
            app.open_error = OpenError{progress.error(), app.current->source};
            app.index_values = false;
            return true;
        }
        app.value_search = progress.value();
        const bool done = app.value_search->done();
        if (done || std::chrono::steady_clock::now() - app.value_search_shown >= kBetweenRefreshes) {
            RefreshValueSearches(app);
            app.value_search_shown = std::chrono::steady_clock::now();
        }
        if (done) SaveWorkingCopyNow(app);  // now, so the next edit does not pay for keeping the index
        return done;
    });
}

}  // namespace

void ValueSearchChanged(App& app, TaskListView& view) {
    const bool ready = app.value_search && app.value_search->done();
    if (view.search_values && !ready) app.index_values = true;
    const bool use = view.search_values && StartValueSearch(app);  // what is indexed so far, more as it comes
    if (use == view.query.search_values) return;
    view.query.search_values = use;
    QueryChanged(view);
}

namespace {

// Hands the working copy's remaining changes to the platform for this frame's budget.
void TickKeep(App& app, double budget_ms) {
    if (HasChangesToKeep(app)) StepWithin(budget_ms, [&] { return !KeepStep(app) || !HasChangesToKeep(app); });
}

// Steps a pending import for this frame's budget; its last step opens the export (counted from the
// same frame on).
void TickImport(App& app, double budget_ms) {
    if (!app.importing) return;
    const Stopwatch watch;
    while (!app.importing->rows_in) {
        auto step = app.importing->job->Step(200);
        if (!step) {
            app.open_error = NamedError(step.error(), app.importing->source);
            app.importing.reset();
            return;
        }
        app.importing->rows_in = step.value();
        if (app.importing->rows_in || watch.ms() >= budget_ms) return;
    }
    PendingImport done = std::move(*app.importing);
    app.importing.reset();
    FinishOpen(app, core::ExportOf(done.job->Finish(), done.source), done.source);
}

// The dashboard is read only while a page shows it: an edit made on another page costs no pass
// over the tasks until the user comes back to one (with the figures it had meanwhile).
bool ReadingInsights(const App& app) {
    const bool shows_them = app.page == Page::Overview || app.page == Page::Funcs;
    const bool stale = !app.insights_scan || !app.insights_scan->done() || app.insights_generation != app.generation;
    return app.current && ((shows_them && stale) || ListWaitsOnFailureGroup(app));
}

// What the health panel's answer depends on: the data, the clock to the minute (the wall clock
// moves; overdue and waiting are read against it), the scheduler's rules and zone, and the typed
// SECRET_KEY (by its hash: the key itself stays in the resubmit settings alone).
std::string HealthKey(const App& app) {
    return std::to_string(app.generation) + "|" + std::to_string(ShownNow(app) / 60'000'000) + "|" +
           std::to_string(static_cast<int>(SchedulerRules(app))) + "|" + app.schedule_settings.server_zone + "|" +
           std::to_string(std::hash<std::string>{}(app.resubmit.settings.secret_key));
}

bool CheckingHealth(const App& app) { return app.current && app.page == Page::Overview && (app.health_for != HealthKey(app) || app.health_scan); }

// Checks the export's health for this frame's budget, from the start again when its key changed;
// the milliseconds it took.
double TickHealth(App& app, double budget_ms) {
    if (!CheckingHealth(app)) return 0.0;
    if (const std::string key = HealthKey(app); key != app.health_for) {
        core::HealthOptions options;
        options.now = ShownNow(app);
        options.rules = SchedulerRules(app);
        options.zone = ServerZone(app);
        if (!app.resubmit.settings.secret_key.empty()) options.secret_key = app.resubmit.settings.secret_key;
        app.health_scan.emplace(options);
        app.health_for = key;
    }
    return StepWithin(budget_ms, [&] {
        auto done = app.health_scan->Step(*app.current, core::kHealthRowsPerStep);
        if (!done) {
            app.notice = "The health check could not finish: " + done.error().Describe();
            app.health_scan.reset();
        } else if (done.value()) {
            app.health_rows = app.health_scan->rows();
            app.health_scan.reset();
        }
        return !app.health_scan;
    });
}

// Reads tasks for the dashboard for this frame's budget, from the start again after a change;
// the milliseconds it took.
double TickInsights(App& app, double budget_ms) {
    if (!ReadingInsights(app)) return 0.0;
    if (!app.insights_scan || app.insights_generation != app.generation) {
        app.insights_scan.emplace();
        app.insights_generation = app.generation;
    }
    const double taken_ms = StepWithin(budget_ms, [&] {
        if (app.insights_scan->done()) return true;
        if (auto done = app.insights_scan->Step(*app.current, core::kInsightsRowsPerStep); !done) {
            app.notice = "The dashboard could not read the tasks: " + done.error().Describe();
            app.insights_scan.reset();  // tried again after the next change
            return true;
        }
        return app.insights_scan->done();
    });
    FindLinkedFailureGroups(app);
    return taken_ms;
}

}  // namespace

void Tick(App& app, double budget_ms, double waited_on_ms, bool background) {
    // What the user is waiting for on screen (an import's progress, a list's first page, the
    // overview's counts and figures) may take more of a frame: one of ~30 ms still answers input at once, and
    // the wait is half as long. Each part gets what the parts before left of it (a budget of 0: a step of each).
    TickImport(app, waited_on_ms);
    double taken_ms = TickListScan(app, waited_on_ms);
    // A part that took half the budget ends the slice: the next one's step would not fit what is left.
    const auto has_budget = [&] { return waited_on_ms <= 0.0 || taken_ms < waited_on_ms / 2; };
    if (has_budget()) taken_ms += TickTaskFigures(app, waited_on_ms - taken_ms);
    if (has_budget()) taken_ms += TickInsights(app, waited_on_ms - taken_ms);  // the overview's figures, then its health panel
    if (has_budget() && !ReadingInsights(app)) taken_ms += TickHealth(app, waited_on_ms - taken_ms);
    if (has_budget()) taken_ms += TickComparison(app, waited_on_ms - taken_ms);
    if (taken_ms > 0.5 || !background) return;  // the frame is spent: background work waits for the next one
    // A list on screen searching values shows what is decoded so far: that search is waited on too.
    const TaskListView* shown = TaskListOn(app, app.page);
    if (shown && shown->query.search_values && IndexingValues(app)) return TickValueSearch(app, waited_on_ms);
    // The background parts share the budget: each gets what the ones before left of it.
    const Stopwatch background_watch;
    const auto left = [&](double budget) { return std::max(0.0, budget - taken_ms - background_watch.ms()); };
    TickKeep(app, left(budget_ms) / 3);
    if (const double task_search_ms = left(ListWaitsOnSort(app) ? waited_on_ms : budget_ms); task_search_ms > 0.0) TickTaskSearch(app, task_search_ms);
    if (const double value_search_ms = left(budget_ms); value_search_ms > 0.0) TickValueSearch(app, value_search_ms);
}

bool HasTickWork(const App& app) {
    const TaskListView* shown = TaskListOn(app, app.page);
    return app.importing.has_value() || app.counting_tasks.has_value() || HasChangesToKeep(app) || LoadingTaskSearch(app) || IndexingValues(app) ||
           ReadingInsights(app) || CheckingHealth(app) || Comparing(app) || (app.current && shown && shown->pages.scanning());
}

bool IsBusy(const App& app) {
    const bool deleting = app.successful.deletion || app.failed.deletion || app.all_tasks.deletion;
    // A list that said "Indexing … tasks" makes the index on its next frame, input or not.
    const TaskListView* shown = TaskListOn(app, app.page);
    const bool list_indexes = shown && !shown->announced_index.empty();
    return HasTickWork(app) || deleting || list_indexes || HasQueuedInput() || FontsNeedRebuild();
}

bool IsAnimating(const App& app) { return !app.notice.empty(); }

void CancelImport(App& app) { app.importing.reset(); }

void ResolveConflict(App& app, std::size_t index, bool keep_mine) {
    if (!app.current || index >= app.rebase_conflicts.size()) return;
    if (keep_mine) {
        if (auto kept = core::KeepMine(*app.current, app.rebase_conflicts[index]); !kept) {
            app.open_error = OpenError{kept.error(), app.current->source};
            return;
        }
    }
    app.rebase_conflicts.erase(app.rebase_conflicts.begin() + static_cast<std::ptrdiff_t>(index));
    AfterChange(app);
}


void OpenFailed(App& app, std::string source, std::string message) {
    app.open_error = OpenError{core::MakeError("open.fetch", std::move(message)), std::move(source)};
}

void SourceUnchanged(App& app) {
    if (app.live.on) return LiveUnchanged(app);  // said beside the switch: Live asks every few seconds
    app.notice = "The server's export has not changed since it was loaded.";
}

void PageNotice(App& app, std::string_view kind, std::string text) {
    if (kind == "storage") app.storage_problem = std::move(text);
    else app.notice = std::move(text);
}

namespace {

// The summary after a change: from the search index when it is ready, else counted again in steps
// while the last figures stay on screen.
void RecountTasks(App& app) {
    auto quick = core::SummarizeQuickly(*app.current);
    if (!quick) return;
    if (quick->tasks_counted) app.counting_tasks.reset();
    else app.counting_tasks.emplace();
    if (!quick->tasks_counted && app.summary) core::CopyTaskFigures(*app.summary, quick.value());
    app.summary = quick.value();
}

}  // namespace

void AfterChange(App& app) {
    ++app.generation;
    CountUnsyncedEdits(app);
    if (!app.current) return;
    RecountTasks(app);
    SaveWorkingCopyNow(app);
}

core::UnixMicros WallClock(const App& app) { return app.fixed_now ? *app.fixed_now : core::NowUnixMicros(); }

void SaveWorkingCopyNow(App& app) { KeepStep(app); }

void KeepWholeCopyAgain(App& app) {
    if (!app.current || !app.current->db.paged()) return;
    app.current->db.paged()->ForgetKept();
    SaveWorkingCopyNow(app);
}

void OfferSavedCopy(App& app, SavedCopy saved) { app.saved_copy = std::move(saved); }

void UndoLastEdit(App& app) {
    if (!app.current) return;
    auto undone = core::UndoLastBatch(app.current->db);
    if (!undone) {
        app.open_error = OpenError{undone.error(), app.current->source};
        return;
    }
    AfterChange(app);
    std::string what = undone.value();  // "delete_tasks" -> "delete tasks"
    std::replace(what.begin(), what.end(), '_', ' ');
    app.notice = "Undid " + what + ".";
}

void ShowList(App& app, Page page) {
    app.page = page;
    if (TaskListOn(app, page)) app.list_page = page;
}

const TaskListView* TaskListOn(const App& app, Page page) {
    switch (page) {
        case Page::Successful: return &app.successful;
        case Page::Failed: return &app.failed;
        case Page::AllTasks: return &app.all_tasks;
        default: return nullptr;
    }
}

TaskListView* TaskListOn(App& app, Page page) { return const_cast<TaskListView*>(TaskListOn(std::as_const(app), page)); }

std::array<TaskListView*, 3> TaskLists(App& app) { return {&app.successful, &app.failed, &app.all_tasks}; }

Page ListPageOf(core::TaskKind kind) {
    switch (kind) {
        case core::TaskKind::Successful: return Page::Successful;
        case core::TaskKind::Failed: return Page::Failed;
        case core::TaskKind::All: return Page::AllTasks;
    }
    return Page::AllTasks;
}

void ShowGroup(App& app, core::TaskKind kind, const std::string& group) {
    const Page page = ListPageOf(kind);
    TaskListView& view = *TaskListOn(app, page);
    view.query.group = group;
    QueryChanged(view);
    ShowList(app, page);
}

void OpenDemo(App& app) {
    const std::string source = "demo database";
    Adopt(app, core::ExportOf(core::MakeDemoDatabase(core::DemoOptions{}), source), source, true);
}

}  // namespace ui
