// The dashboard's figures at scale (issue 19): reading every task in the app's steps (each step
// must fit a 16 ms frame), then summarising for a zone and bucket.
#include <algorithm>
#include <vector>

#include "bench.h"
#include "core/demo/demo.h"
#include "core/insights/task_insights.h"

namespace bench {

void BenchInsights(const Options& options) {
    auto demo = DemoExport(options.tasks);
    if (!demo) return;
    core::Export& e = *demo;

    constexpr std::int64_t kRowsPerStep = 2'000;  // as the app's Tick reads them
    core::TaskInsightsScan scan;
    std::vector<double> steps;
    Stopwatch whole;
    while (true) {
        Stopwatch step;
        auto done = scan.Step(e, kRowsPerStep);
        steps.push_back(step.Seconds() * 1000);
        if (!done) return (void)std::printf("scan failed: %s\n", done.error().Describe().c_str());
        if (done.value()) break;
    }
    const double seconds = whole.Seconds();
    std::sort(steps.begin(), steps.end());
    const auto at = [&](double fraction) { return steps[static_cast<std::size_t>(fraction * static_cast<double>(steps.size() - 1))]; };
    Report("insights: read every task, in the app's steps", static_cast<double>(options.tasks) / seconds, "tasks/s",
           std::to_string(seconds) + " s; a step of 2000: p50 " + std::to_string(at(0.5)) + " ms, p99 " + std::to_string(at(0.99)) +
               ", max " + std::to_string(steps.back()) + " (target: ready in 2 s, frames <= 16 ms)");

    auto amsterdam = core::LoadTimeZone("Europe/Amsterdam");
    if (!amsterdam) return (void)std::printf("no zone: %s\n", amsterdam.error().Describe().c_str());
    core::TaskInsights insights;
    Stopwatch summarise;
    insights = scan.Summarise(amsterdam.value(), std::nullopt);
    Report("insights: summarise (Europe/Amsterdam, automatic bucket)", summarise.Seconds() * 1000, "ms",
           std::to_string(insights.buckets.size()) + " " + core::BucketName(insights.bucket) + " buckets, " +
               std::to_string(insights.funcs.size()) + " funcs, " + std::to_string(insights.failure_groups.size()) + " failure groups");
    Stopwatch hourly;
    insights = scan.Summarise(amsterdam.value(), core::Bucket::Hour);
    Report("insights: summarise per hour", hourly.Seconds() * 1000, "ms", std::to_string(insights.buckets.size()) + " buckets");
}

}  // namespace bench
