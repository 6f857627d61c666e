// djq stats FILE [--bucket hour|day|week] [--tz ZONE] [--json]: the dashboard's figures — tasks
// and failures per time bucket, failure rate, time taken, and every func's metrics.
#include <cstdio>

#include "cli/cli.h"
#include "cli/insights_output.h"
#include "core/insights/task_insights.h"

namespace cli {
namespace {

void PrintText(const core::Export& opened, const core::TaskInsights& insights, const core::TimeZone& zone) {
    std::printf("file:        %s\n", opened.source.c_str());
    std::printf("tasks:       %lld, %lld failed (%.1f%%)\n", static_cast<long long>(insights.tasks), static_cast<long long>(insights.failures),
                100.0 * insights.FailureRate());
    std::printf("time taken:  p50 %s, p95 %s, max %s\n", core::SecondsText(insights.time_taken.p50).c_str(),
                core::SecondsText(insights.time_taken.p95).c_str(), core::SecondsText(insights.time_taken.max).c_str());
    std::printf("\nstopped per %s (%s):\n", core::BucketName(insights.bucket), zone.Name().c_str());
    std::printf("  %-16s %9s %9s\n", core::BucketName(insights.bucket), "succeeded", "failed");
    for (const core::TimeBucket& bucket : insights.buckets)
        std::printf("  %-16s %9lld %9lld\n", core::BucketLabel(zone, insights.bucket, bucket).c_str(), static_cast<long long>(bucket.successes),
                    static_cast<long long>(bucket.failures));
    std::printf("\nfuncs, busiest first:\n");
    std::printf("  %-40s %8s %7s %6s %8s %9s %9s %9s  %-24s %s\n", "func", "runs", "failed", "rate", "attempts", "p50", "p95", "max",
                "first run", "last run");
    for (const core::FuncMetrics& f : insights.funcs)
        std::printf("  %-40s %8lld %7lld %5.1f%% %8lld %9s %9s %9s  %-24s %s\n", f.func.c_str(), static_cast<long long>(f.runs),
                    static_cast<long long>(f.failures), 100.0 * f.FailureRate(), static_cast<long long>(f.attempts),
                    core::SecondsText(f.time_taken.p50).c_str(), core::SecondsText(f.time_taken.p95).c_str(), core::SecondsText(f.time_taken.max).c_str(),
                    LocalText(zone, f.first_started).c_str(), LocalText(zone, f.last_stopped).c_str());
}

}  // namespace

int RunStats(Args args) {
    const bool json = args.Flag("--json");
    auto bucket_name = args.Option("--bucket");
    if (!bucket_name) return args.UsageError(bucket_name.error().message);
    std::optional<core::Bucket> bucket;
    if (bucket_name.value() && !(bucket = core::ParseBucket(*bucket_name.value())))
        return args.UsageError("--bucket is hour, day or week, not \"" + *bucket_name.value() + "\"");
    return WithInsights(args, bucket, [&](const core::Export& opened, const core::TaskInsights& insights, const core::TimeZone& zone) {
        if (json) PrintJson(StatsJson(opened, insights, zone));
        else PrintText(opened, insights, zone);
    });
}

}  // namespace cli
