// djq health FILE [--now export|wall|TIME] [--tz ZONE] [--secret-key-env VAR] [--json]: what needs attention
// in an export (core/insights/health.h); exit 1 when something does, so cron can mail it.
#include <cstdio>

#include "cli/cli.h"
#include "core/insights/health.h"
#include "core/sched/schedule_runs.h"

namespace cli {
namespace {

std::string Subject(const core::HealthRow& row) {
    return std::string(row.schedule ? "schedule " : "queued ") + std::to_string(row.id) + (row.label.empty() ? "" : " " + row.label);
}

void PrintText(const core::Export& opened, const std::vector<core::HealthRow>& rows, core::UnixMicros now, int attention) {
    std::printf("%s, as of %s UTC: %s\n", opened.source.c_str(), core::FormatDjangoDatetime(now).c_str(),
                attention == 0 ? "nothing needs attention" : (std::to_string(attention) + (attention == 1 ? " thing needs" : " things need") + " attention").c_str());
    for (std::size_t i = 0; i < rows.size(); ++i) {
        if (i == 0 || rows[i].check != rows[i - 1].check) {
            std::size_t count = 0;
            for (std::size_t j = i; j < rows.size() && rows[j].check == rows[i].check; ++j) ++count;
            std::printf("\n%s (%zu)%s\n", core::HealthCheckTitle(rows[i].check), count, core::NeedsAttention(rows[i].check) ? "" : ", for your information");
        }
        std::printf("  %s: %s\n", Subject(rows[i]).c_str(), rows[i].detail.c_str());
    }
}

}  // namespace

int RunHealth(Args args) {
    const bool json = args.Flag("--json");
    auto now_choice = NowOption(args);
    if (!now_choice) return args.UsageError(now_choice.error().message);
    auto zone = ZoneOption(args);
    if (!zone) return args.UsageError(zone.error().Describe());
    auto key = SecretKeyFromEnvironment(args);
    if (!key) return args.UsageError(key.error().message);
    auto positionals = args.Positionals();
    if (!positionals) return args.UsageError(positionals.error().message);
    if (positionals->size() != 1) return args.UsageError("wrong number of arguments");

    auto opened = core::OpenExportFile(positionals->front());
    if (!opened) return Fail(kBadInput, opened.error().Describe());
    core::HealthOptions options;
    options.now = NowOf(now_choice.value(), opened.value());
    options.rules = core::SchedulerVariantFor(opened->schema.variant);
    options.zone = zone.value();
    options.secret_key = key.value();
    auto rows = core::CheckHealth(opened.value(), options);
    if (!rows) return Fail(kBadInput, positionals->front() + ": " + rows.error().Describe());
    int attention = 0;
    for (const core::HealthRow& row : rows.value()) attention += core::NeedsAttention(row.check);

    if (json) {
        nlohmann::json out = {{"file", opened->source}, {"now", core::FormatDjangoDatetime(options.now)}, {"needs_attention", attention},
                              {"rows", nlohmann::json::array()}};
        for (const core::HealthRow& row : rows.value())
            out["rows"].push_back({{"check", core::HealthCheckId(row.check)}, {"needs_attention", core::NeedsAttention(row.check)},
                                   {"kind", row.schedule ? "schedule" : "queued"}, {"id", row.id}, {"label", row.label}, {"detail", row.detail}});
        PrintJson(out);
    } else {
        PrintText(opened.value(), rows.value(), options.now, attention);
    }
    return attention > 0 ? kNeedsAttention : kOk;
}

}  // namespace cli
