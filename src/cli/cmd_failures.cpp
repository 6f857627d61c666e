// djq failures FILE [--tz ZONE] [--json]: the failed tasks in groups by signature (exception type,
// message with its values normalised, innermost frame), largest first.
#include <cstdio>

#include "cli/cli.h"
#include "cli/insights_output.h"
#include "core/insights/task_insights.h"

namespace cli {
namespace {

void PrintText(const core::Export& opened, const core::TaskInsights& insights, const core::TimeZone& zone) {
    std::printf("%lld failed %s in %zu %s (%s)\n", static_cast<long long>(insights.failures), insights.failures == 1 ? "task" : "tasks",
                insights.failure_groups.size(), insights.failure_groups.size() == 1 ? "group" : "groups", opened.source.c_str());
    int number = 0;
    for (const core::FailureGroup& g : insights.failure_groups) {
        std::printf("\n#%d  %lld x %s\n", ++number, static_cast<long long>(g.count), g.signature.Headline().c_str());
        if (!g.signature.file.empty())
            std::printf("    at %s, in %s\n", g.signature.file.c_str(), g.signature.function.c_str());
        std::string funcs;
        for (const auto& [func, count] : g.funcs) funcs += (funcs.empty() ? "" : ", ") + func + " (" + std::to_string(count) + ")";
        std::printf("    funcs: %s\n", funcs.c_str());
        std::printf("    first seen %s, last seen %s\n", LocalText(zone, g.first_seen).c_str(), LocalText(zone, g.last_seen).c_str());
        std::printf("    newest: %s (%s)\n", g.example_name.c_str(), g.example_id.c_str());
        std::printf("    in the app: #/failed?failure_group=%s\n", g.signature.LinkId().c_str());
    }
}

}  // namespace

int RunFailures(Args args) {
    const bool json = args.Flag("--json");
    return WithInsights(args, std::nullopt, [&](const core::Export& opened, const core::TaskInsights& insights, const core::TimeZone& zone) {
        if (json) PrintJson(FailuresJson(opened, insights));
        else PrintText(opened, insights, zone);
    });
}

}  // namespace cli
