// The Compare page at scale (issue 19, item 5): each export's side read in the app's steps (each
// step must fit a 16 ms frame), then the two sides compared. Two cases bound what a user meets: an
// export against itself (every failure matched) and against another demo (every failure new).
#include "bench.h"
#include "core/insights/export_diff.h"

namespace bench {
namespace {

std::optional<core::ExportSide> TimedSide(core::Export& e, const std::string& what) {
    core::ExportSideScan scan;
    const auto figures = TimedSteps(scan, e, core::kInsightsRowsPerStep);  // as the app's TickComparison reads them
    if (!figures) return std::nullopt;
    Report("compare: read " + what + "'s side, in the app's steps", 0, "", *figures);
    return scan.Take();
}

void TimedDiff(const core::ExportSide& before, const core::ExportSide& after, const std::string& what) {
    core::ExportDiffScan scan(before, after);
    std::vector<double> steps;
    const Stopwatch whole;
    while (true) {
        const Stopwatch step;
        const bool done = scan.Step(core::kDiffRowsPerStep);  // as the app's TickComparison compares them
        steps.push_back(step.Seconds() * 1000);
        if (done) break;
    }
    const double ms = whole.Seconds() * 1000;
    const core::ExportDiff diff = scan.Take();
    Report("compare: diff (" + what + "), in the app's steps", ms, "ms",
           std::to_string(steps.size()) + " steps, longest " + std::to_string(*std::max_element(steps.begin(), steps.end())) + " ms; " +
               std::to_string(diff.new_failures.size()) + " new failures in " + std::to_string(diff.groups.size()) + " groups, " +
               std::to_string(diff.schedules.size()) + " schedule changes");
}

}  // namespace

void BenchCompare(const Options& options) {
    auto older = DemoExport(options.tasks, 2'000, 50'000);
    if (!older) return;
    auto before = TimedSide(*older, "an export");
    older.reset();
    if (!before) return;

    auto newer = DemoExport(options.tasks, 2'000, 50'000, 2);
    if (!newer) return;
    auto after = TimedSide(*newer, "another export");
    if (!after) return;

    TimedDiff(*before, *before, "an export against itself");
    TimedDiff(*before, *after, "against another demo: every failure new");
}

}  // namespace bench
