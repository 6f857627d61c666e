// djq info FILE [--json]: what an export holds, in numbers.
#include <cstdio>

#include <nlohmann/json.hpp>

#include "cli/cli.h"
#include "core/model/summary.h"

namespace cli {
namespace {

nlohmann::json OptionalJson(const std::optional<std::string>& text) {
    return text ? nlohmann::json(*text) : nlohmann::json(nullptr);
}

void PrintText(const core::Export& opened, const core::Summary& summary) {
    std::printf("file:              %s\n", opened.source.c_str());
    std::printf("django q:          %s\n", core::VariantLabel(opened.schema).c_str());
    std::printf("successful tasks:  %lld\n", static_cast<long long>(summary.successful));
    std::printf("failed tasks:      %lld\n", static_cast<long long>(summary.failed));
    std::printf("scheduled tasks:   %lld\n", static_cast<long long>(summary.schedules));
    if (opened.schema.has_ormq)
        std::printf("queued tasks:      %lld\n", static_cast<long long>(summary.queued));
    else
        std::printf("queued tasks:      0 (no ORM broker table)\n");
    if (summary.first_started)
        std::printf("tasks from:        %s UTC\ntasks until:       %s UTC\n", summary.first_started->c_str(),
                    summary.last_stopped->c_str());
    else
        std::printf("tasks from:        (no tasks)\n");
}

}  // namespace

int RunInfo(Args args) {
    const bool json = args.Flag("--json");
    auto positionals = args.Positionals();
    if (!positionals) return args.UsageError(positionals.error().message);
    if (positionals->size() != 1) return args.UsageError("wrong number of arguments");

    auto opened = core::OpenExportFile(positionals->front());
    if (!opened) return Fail(kBadInput, opened.error().Describe());
    auto summary = core::Summarize(opened.value());
    if (!summary) return Fail(kBadInput, positionals->front() + ": " + summary.error().Describe());

    if (!json) {
        PrintText(opened.value(), summary.value());
        return kOk;
    }
    const nlohmann::json out = {
        {"file", opened->source},
        {"variant", core::VariantId(opened->schema.variant)},
        {"variant_label", core::VariantLabel(opened->schema)},
        {"orm_broker_table", opened->schema.has_ormq},
        {"counts",
         {{"successful", summary->successful},
          {"failed", summary->failed},
          {"schedules", summary->schedules},
          {"queued", summary->queued}}},
        {"tasks_time_range", {{"first_started", OptionalJson(summary->first_started)}, {"last_stopped", OptionalJson(summary->last_stopped)}}},
    };
    PrintJson(out);
    return kOk;
}

}  // namespace cli
