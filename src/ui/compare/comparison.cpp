#include "ui/compare/comparison.h"

#include "core/open/open_export.h"
#include "platform/platform.h"
#include "ui/app/app.h"
#include "ui/app/stopwatch.h"

namespace ui {
namespace {

void Start(App& app, std::string source, core::Result<core::Export> opened) {
    const bool reopened = app.kept_comparison && app.kept_comparison->reopening;
    if (!opened) {
        app.open_error = OpenError{opened.error(), source};
        if (reopened) CloseComparison(app);  // what was kept cannot be opened: it is not offered again
        return;
    }
    app.kept_comparison.reset();
    app.comparison.emplace();
    app.comparison->source = std::move(source);
    app.comparison->older.emplace(std::move(opened.value()));
    if (!reopened) app.page = Page::Compare;  // one reopened for the Compare page leaves the user where they went since
}

// One step of whichever side is not read yet, then of their comparison; true when there is
// nothing left to do.
bool StepComparison(App& app, Comparison& c) {
    if (c.older) {
        auto done = c.older_scan.Step(*c.older, core::kInsightsRowsPerStep);
        if (!done) c.error = c.source + ": " + done.error().Describe();
        if (!done || done.value()) {
            if (done) c.before = c.older_scan.Take();
            c.older.reset();  // its memory goes back at once
        }
        return false;
    }
    if (c.current_scan) {
        auto done = c.current_scan->Step(*app.current, core::kInsightsRowsPerStep);
        if (!done) c.error = app.current->source + ": " + done.error().Describe();
        if (!done || done.value()) {
            if (done) c.after = c.current_scan->Take();
            c.current_scan.reset();
        }
        return false;
    }
    if (!c.before || !c.after || c.diff) return true;
    if (!c.diff_scan) c.diff_scan.emplace(*c.before, *c.after);
    if (!c.diff_scan->Step(core::kDiffRowsPerStep)) return false;
    c.diff = c.diff_scan->Take();
    c.diff_scan.reset();
    return true;
}

}  // namespace

void OpenComparison(App& app, std::string source, core::FileBuffer buffer) {
    auto opened = core::OpenExportBuffer(std::move(buffer), source);
    Start(app, std::move(source), std::move(opened));
}

void OpenComparison(App& app, std::string source, core::ByteView bytes) {
    auto opened = core::OpenExportBytes(bytes, source);
    Start(app, std::move(source), std::move(opened));
}

void RequestComparison(App& app) {
    if (platform::HasFilePicker()) return platform::RequestComparisonFile();
    app.show_path_prompt = true;
    app.path_prompt_compares = true;
}

void ComparisonKept(App& app, std::string source) {
    if (app.comparison) return;  // the user chose another meanwhile
    app.kept_comparison = KeptComparison{std::move(source)};
}

void ReopenKeptComparison(App& app) {
    if (!app.kept_comparison || app.kept_comparison->reopening) return;
    app.kept_comparison->reopening = true;
    platform::RestoreComparison();
}

void KeptComparisonFailed(App& app, std::string source, std::string message) {
    app.open_error = OpenError{core::MakeError("open.kept_comparison", source + ": " + message), source};
    CloseComparison(app);
}

void CloseComparison(App& app) {
    app.comparison.reset();
    app.kept_comparison.reset();
    platform::ForgetComparison();
}

bool HasComparison(const App& app) { return app.comparison || app.kept_comparison; }

bool Comparing(const App& app) {
    if (!app.current || !app.comparison || app.page != Page::Compare || !app.comparison->error.empty()) return false;
    const Comparison& c = *app.comparison;
    return c.older || !c.before || !c.after || c.current_generation != app.generation || c.current_scan || !c.diff;
}

double TickComparison(App& app, double budget_ms) {
    if (!Comparing(app)) return 0.0;
    Comparison& c = *app.comparison;
    if (c.current_generation != app.generation) {  // an edit, an undo or another export: read it again
        c.current_scan.emplace();
        c.current_generation = app.generation;
        c.diff_scan.reset();  // before the side it reads goes
        c.after.reset();
        c.diff.reset();
    }
    return StepWithin(budget_ms, [&] { return StepComparison(app, c) || !c.error.empty(); });
}

}  // namespace ui
