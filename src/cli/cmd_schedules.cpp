// djq schedules FILE [--search Q] [--type T] [--cluster C] [--paused] [--overdue] [--tz ZONE] [--now export|wall|TIME] [--json]
// The Scheduled tasks list: the admin's columns (id, name, func, type, repeats, cluster, next run,
// last run, success), with the app's search and filters, next run first.
#include <cstdio>

#include <nlohmann/json.hpp>
#include "cli/cli.h"
#include "core/model/schedule_query.h"
#include "core/sched/schedule_runs.h"
#include "core/sched/local_time.h"
#include "core/sched/schedule_types.h"

namespace cli {
namespace {

nlohmann::json OrNull(const std::optional<std::string>& text) { return text ? nlohmann::json(*text) : nlohmann::json(nullptr); }

std::string InZone(const std::optional<std::string>& stored, const core::TimeZone& zone) {
    const auto at = stored ? core::ParseDjangoDatetime(*stored) : std::nullopt;
    if (!at) return "-";
    return core::FormatLocal(zone, *at);
}

}  // namespace

int RunSchedules(Args args) {
    core::ScheduleQuery query;
    const bool json = args.Flag("--json");
    query.paused_only = args.Flag("--paused");
    query.overdue_only = args.Flag("--overdue");
    auto search = args.SearchOption();
    auto type = args.Option("--type");
    auto cluster = args.Option("--cluster");
    auto zone = ZoneOption(args);
    if (!zone) return args.UsageError(zone.error().Describe());
    auto now_choice = NowOption(args);
    if (!now_choice) return args.UsageError(now_choice.error().message);
    for (const auto* option : {&search, &type, &cluster})
        if (!*option) return args.UsageError(option->error().message);
    auto rest = args.Positionals();
    if (!rest) return args.UsageError(rest.error().message);
    if (rest->size() != 1)
        return args.UsageError("wrong number of arguments");
    if (search.value()) query.search = *search.value();
    if (type.value() && !core::sched_types::FindType(*type.value()))
        return args.UsageError("--type is a schedule type code (O, I, H, D, W, BW, M, BM, Q, Y or C), not \"" + *type.value() + "\"");
    query.schedule_type = type.value();
    query.cluster = cluster.value();

    auto opened = core::OpenExportFile(rest->front());
    if (!opened) return Fail(kBadInput, opened.error().Describe());
    auto all = core::ReadSchedules(opened.value());
    if (!all) return Fail(kBadInput, all.error().Describe());
    const core::UnixMicros now = NowOf(now_choice.value(), opened.value());
    const auto rows = core::FilterSchedules(all.value(), query, now);

    if (json) {
        nlohmann::json out = {{"results", rows.size()}, {"total", all->size()}, {"schedules", nlohmann::json::array()}};
        for (const auto* row : rows) {
            out["schedules"].push_back({{"id", row->id}, {"name", OrNull(row->name)}, {"func", row->func}, {"schedule_type", row->schedule_type},
                                        {"repeats", row->repeats}, {"minutes", row->minutes ? nlohmann::json(*row->minutes) : nullptr},
                                        {"cron", OrNull(row->cron)}, {"cluster", OrNull(row->cluster)}, {"next_run", OrNull(row->next_run)},
                                        {"task", OrNull(row->task)}, {"last_run", OrNull(row->last_run_name)},
                                        {"success", row->last_run_success ? nlohmann::json(*row->last_run_success) : nullptr},
                                        {"paused", core::IsPaused(*row)}, {"overdue", core::IsOverdue(*row, now)}});
        }
        PrintJson(out);
        return kOk;
    }
    std::printf("%zu %s (%zu total); times in %s\n", rows.size(), rows.size() == 1 ? "result" : "results", all->size(), zone->Name().c_str());
    std::printf("%5s  %-24s %-28s %-10s %7s  %-12s %-24s %-32s %s\n", "id", "name", "func", "type", "repeats", "cluster", "next run", "last run",
                "success");
    for (const auto* row : rows) {
        const char* success = !row->last_run_success ? "" : *row->last_run_success ? "yes" : "no";
        std::printf("%5lld  %-24s %-28s %-10s %7lld  %-12s %-24s %-32s %s\n", static_cast<long long>(row->id), row->name.value_or("-").c_str(),
                    row->func.c_str(), core::ScheduleTypeLabel(row->schedule_type).c_str(), static_cast<long long>(row->repeats),
                    row->cluster.value_or("-").c_str(), InZone(row->next_run, zone.value()).c_str(),
                    row->last_run_name.value_or(row->task ? "(task row gone)" : "-").c_str(), success);
    }
    return kOk;
}

}  // namespace cli
