#include "cli/insights_output.h"

#include "core/sched/local_time.h"

namespace cli {
namespace {

double Seconds(core::UnixMicros micros) { return static_cast<double>(micros) / 1e6; }

nlohmann::json TimeTakenJson(const core::TimeTaken& taken) {
    return {{"p50", Seconds(taken.p50)}, {"p95", Seconds(taken.p95)}, {"max", Seconds(taken.max)}};
}

}  // namespace

nlohmann::json UtcJson(const std::optional<core::UnixMicros>& at) {
    return at ? nlohmann::json(core::FormatDjangoDatetime(*at)) : nlohmann::json(nullptr);
}

std::string LocalText(const core::TimeZone& zone, const std::optional<core::UnixMicros>& at) {
    return at ? core::FormatLocal(zone, *at) : "-";
}

int WithInsights(Args& args, std::optional<core::Bucket> bucket,
                 const std::function<void(const core::Export&, const core::TaskInsights&, const core::TimeZone&)>& print) {
    auto zone = ZoneOption(args);
    if (!zone) return args.UsageError(zone.error().Describe());
    auto positionals = args.Positionals();
    if (!positionals) return args.UsageError(positionals.error().message);
    if (positionals->size() != 1) return args.UsageError("wrong number of arguments");
    auto opened = core::OpenExportFile(positionals->front());
    if (!opened) return Fail(kBadInput, opened.error().Describe());
    auto insights = core::ComputeTaskInsights(opened.value(), zone.value(), bucket);
    if (!insights) return Fail(kBadInput, positionals->front() + ": " + insights.error().Describe());
    print(opened.value(), insights.value(), zone.value());
    return kOk;
}

nlohmann::json StatsJson(const core::Export& opened, const core::TaskInsights& insights, const core::TimeZone& zone) {
    nlohmann::json buckets = nlohmann::json::array(), funcs = nlohmann::json::array();
    for (const core::TimeBucket& bucket : insights.buckets)
        buckets.push_back({{"label", core::BucketLabel(zone, insights.bucket, bucket)},
                           {"start", core::FormatDjangoDatetime(bucket.start)},
                           {"end", core::FormatDjangoDatetime(bucket.end)},
                           {"successes", bucket.successes},
                           {"failures", bucket.failures}});
    for (const core::FuncMetrics& f : insights.funcs)
        funcs.push_back({{"func", f.func},
                         {"runs", f.runs},
                         {"failures", f.failures},
                         {"failure_rate", f.FailureRate()},
                         {"attempts", f.attempts},
                         {"time_taken", TimeTakenJson(f.time_taken)},
                         {"first_started", UtcJson(f.first_started)},
                         {"last_stopped", UtcJson(f.last_stopped)},
                         {"sparkline", f.sparkline}});
    return {{"file", opened.source},
            {"time_zone", zone.Name()},
            {"bucket", core::BucketName(insights.bucket)},
            {"tasks", insights.tasks},
            {"failures", insights.failures},
            {"failure_rate", insights.FailureRate()},
            {"time_taken", TimeTakenJson(insights.time_taken)},
            {"first_started", UtcJson(insights.first_started)},
            {"last_stopped", UtcJson(insights.last_stopped)},
            {"buckets", buckets},
            {"funcs", funcs}};
}

nlohmann::json FailuresJson(const core::Export& opened, const core::TaskInsights& insights) {
    nlohmann::json groups = nlohmann::json::array();
    for (const core::FailureGroup& g : insights.failure_groups) {
        nlohmann::json funcs = nlohmann::json::array();
        for (const auto& [func, count] : g.funcs) funcs.push_back({{"func", func}, {"count", count}});
        groups.push_back({{"link_id", g.signature.LinkId()},  // the app's #/failed?failure_group=<link_id>
                          {"exception_type", g.signature.exception_type},
                          {"message", g.signature.message},
                          {"file", g.signature.file},
                          {"function", g.signature.function},
                          {"count", g.count},
                          {"funcs", funcs},
                          {"first_seen", UtcJson(g.first_seen)},
                          {"last_seen", UtcJson(g.last_seen)},
                          {"example", {{"id", g.example_id}, {"name", g.example_name}, {"line", g.signature.line}, {"result", g.example_result}}}});
    }
    return {{"file", opened.source}, {"failures", insights.failures}, {"groups", groups}};
}

}  // namespace cli
