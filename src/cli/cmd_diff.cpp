// djq diff OLD NEW [--tz ZONE] [--json]: what changed between two exports of one server
// (core/insights/export_diff.h): new failures by group, schedules changed, queue growth.
#include <cstdio>

#include "cli/cli.h"
#include "cli/insights_output.h"
#include "core/insights/export_diff.h"

namespace cli {
namespace {

constexpr std::size_t kIdsShown = 20;  // the text lists this many queue ids; --json lists all

std::string Signed(std::int64_t n) { return (n > 0 ? "+" : "") + std::to_string(n); }

std::string IdList(const std::vector<std::int64_t>& ids) {
    std::string out;
    for (std::size_t i = 0; i < ids.size() && i < kIdsShown; ++i) out += (i ? ", " : "") + std::to_string(ids[i]);
    if (ids.size() > kIdsShown) out += ", … (" + std::to_string(ids.size() - kIdsShown) + " more)";
    return out;
}

void PrintText(const core::ExportDiff& diff, const core::TimeZone& zone) {
    std::printf("from %s (last task stopped %s)\n  to %s (last task stopped %s)\n", diff.before_source.c_str(),
                LocalText(zone, diff.last_stopped_before).c_str(), diff.after_source.c_str(), LocalText(zone, diff.last_stopped_after).c_str());
    for (const std::string& warning : diff.warnings) std::printf("warning: %s\n", warning.c_str());
    std::printf("\ntasks %lld -> %lld, failed %lld -> %lld\n", static_cast<long long>(diff.tasks_before), static_cast<long long>(diff.tasks_after),
                static_cast<long long>(diff.failures_before), static_cast<long long>(diff.failures_after));

    std::size_t appeared = 0;
    for (const core::FailureGroupChange& g : diff.groups) appeared += g.Appeared();
    std::printf("\n%zu new failures in %zu groups (%zu of them new)\n", diff.new_failures.size(), diff.groups.size(), appeared);
    for (const core::FailureGroupChange& g : diff.groups) {
        std::printf("  %-6s %lld new x %s\n", g.Appeared() ? "NEW" : "grew", static_cast<long long>(g.new_rowids.size()), g.signature.Headline().c_str());
        if (!g.signature.file.empty()) std::printf("         at %s, in %s\n", g.signature.file.c_str(), g.signature.function.c_str());
        std::printf("         %lld before, %lld now; last seen %s\n", static_cast<long long>(g.before), static_cast<long long>(g.after),
                    LocalText(zone, g.last_seen).c_str());
    }
    if (!diff.groups_gone.empty()) {
        std::printf("\n%zu groups with no failure left\n", diff.groups_gone.size());
        for (const core::FailureGroupChange& g : diff.groups_gone)
            std::printf("  %lld before x %s\n", static_cast<long long>(g.before), g.signature.Headline().c_str());
    }

    std::printf("\nschedules: %zu changed, %lld ran\n", diff.schedules.size(), static_cast<long long>(diff.schedules_ran));
    for (const core::ScheduleChange& s : diff.schedules) {
        std::printf("  %-7s %lld %s\n", core::ScheduleChangeKindId(s.kind), static_cast<long long>(s.id), s.label.c_str());
        for (const core::FieldChange& f : s.fields) std::printf("          %s: %s -> %s\n", f.field.c_str(), f.before.c_str(), f.after.c_str());
    }

    const core::QueueChange& q = diff.queue;
    std::printf("\nqueue %lld -> %lld (%s): %zu added, %lld gone, %zu still waiting\n", static_cast<long long>(q.before),
                static_cast<long long>(q.after), Signed(q.after - q.before).c_str(), q.added.size(), static_cast<long long>(q.gone), q.waiting.size());
    for (const auto& [cluster, counts] : q.per_cluster)
        std::printf("  cluster %s: %lld -> %lld\n", cluster.c_str(), static_cast<long long>(counts.first), static_cast<long long>(counts.second));
    if (!q.waiting.empty()) std::printf("  still waiting: %s\n", IdList(q.waiting).c_str());
    if (!q.added.empty()) std::printf("  added: %s\n", IdList(q.added).c_str());
}

nlohmann::json GroupJson(const core::FailureGroupChange& g) {
    nlohmann::json funcs = nlohmann::json::array();
    for (const auto& [func, count] : g.funcs) funcs.push_back({{"func", func}, {"count", count}});
    return {{"exception_type", g.signature.exception_type},
            {"message", g.signature.message},
            {"file", g.signature.file},
            {"function", g.signature.function},
            {"appeared", g.Appeared()},
            {"before", g.before},
            {"after", g.after},
            {"new", g.new_rowids.size()},
            {"funcs", funcs},
            {"last_seen", UtcJson(g.last_seen)}};
}

nlohmann::json DiffJson(const core::ExportDiff& diff) {
    nlohmann::json new_failures = nlohmann::json::array(), groups = nlohmann::json::array(), gone = nlohmann::json::array(),
                   schedules = nlohmann::json::array(), per_cluster = nlohmann::json::object();
    for (const core::FailedTask& task : diff.new_failures) new_failures.push_back(task.id);
    for (const core::FailureGroupChange& g : diff.groups) groups.push_back(GroupJson(g));
    for (const core::FailureGroupChange& g : diff.groups_gone) gone.push_back(GroupJson(g));
    for (const core::ScheduleChange& s : diff.schedules) {
        nlohmann::json fields = nlohmann::json::array();
        for (const core::FieldChange& f : s.fields) fields.push_back({{"field", f.field}, {"before", f.before}, {"after", f.after}});
        schedules.push_back({{"change", core::ScheduleChangeKindId(s.kind)}, {"id", s.id}, {"label", s.label}, {"fields", fields}});
    }
    for (const auto& [cluster, counts] : diff.queue.per_cluster) per_cluster[cluster] = {{"before", counts.first}, {"after", counts.second}};
    return {{"before", {{"file", diff.before_source}, {"tasks", diff.tasks_before}, {"failures", diff.failures_before}, {"last_stopped", UtcJson(diff.last_stopped_before)}}},
            {"after", {{"file", diff.after_source}, {"tasks", diff.tasks_after}, {"failures", diff.failures_after}, {"last_stopped", UtcJson(diff.last_stopped_after)}}},
            {"warnings", diff.warnings},
            {"new_failures", new_failures},
            {"failure_groups", groups},
            {"failure_groups_gone", gone},
            {"schedules", schedules},
            {"schedules_ran", diff.schedules_ran},
            {"queue",
             {{"before", diff.queue.before}, {"after", diff.queue.after}, {"added", diff.queue.added}, {"waiting", diff.queue.waiting},
              {"gone", diff.queue.gone}, {"per_cluster", per_cluster}}}};
}

}  // namespace

int RunDiff(Args args) {
    const bool json = args.Flag("--json");
    auto zone = ZoneOption(args);
    if (!zone) return args.UsageError(zone.error().Describe());
    auto positionals = args.Positionals();
    if (!positionals) return args.UsageError(positionals.error().message);
    if (positionals->size() != 2) return args.UsageError("wrong number of arguments: OLD and NEW");
    auto before = core::OpenExportFile((*positionals)[0]);
    if (!before) return Fail(kBadInput, before.error().Describe());
    auto after = core::OpenExportFile((*positionals)[1]);
    if (!after) return Fail(kBadInput, after.error().Describe());
    auto diff = core::CompareExports(before.value(), after.value());
    if (!diff) return Fail(kBadInput, diff.error().Describe());
    if (json) PrintJson(DiffJson(diff.value()));
    else PrintText(diff.value(), zone.value());
    return kOk;
}

}  // namespace cli
