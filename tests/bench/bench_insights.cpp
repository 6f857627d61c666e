// The dashboard's figures at scale (issue 19): reading every task in the app's steps (each step
// must fit a 16 ms frame), then summarising for a zone and bucket; then the health panel's check
// in the app's steps, on an export with the 1M bench file's 2,000 schedules and 50,000 queued.
#include "bench.h"
#include "core/demo/demo.h"
#include "core/insights/health.h"
#include "core/insights/task_insights.h"

namespace bench {
namespace {

void BenchHealth(const Options& options) {
    auto demo = DemoExport(options.tasks, 2'000, 50'000);
    if (!demo) return;
    core::HealthOptions health;
    health.now = core::ParseDjangoDatetime(core::DemoOptions{}.now).value();
    core::HealthScan scan(health);
    const Stopwatch whole;
    const auto figures = TimedSteps(scan, *demo, core::kHealthRowsPerStep);  // as the app's Tick checks health
    if (figures)
        Report("health: every check, in the app's steps (2,000 schedules, 50,000 queued)", static_cast<double>(options.tasks) / whole.Seconds(),
               "tasks/s", *figures + "; " + std::to_string(scan.rows().size()) + " rows");
}

}  // namespace

void BenchInsights(const Options& options) {
    auto demo = DemoExport(options.tasks);
    if (!demo) return;
    core::Export& e = *demo;

    core::TaskInsightsScan scan;
    const Stopwatch whole;
    const auto figures = TimedSteps(scan, e, core::kInsightsRowsPerStep);  // as the app's Tick reads them
    if (!figures) return;
    Report("insights: read every task, in the app's steps", static_cast<double>(options.tasks) / whole.Seconds(), "tasks/s", *figures + " (and ready in 2 s)");

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
    BenchHealth(options);
}

}  // namespace bench
