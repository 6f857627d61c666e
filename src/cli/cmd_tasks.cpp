// djq tasks FILE [--failed | --all] [--search Q] [--in-values] [--group G] [--cluster C] [--func F] [--started-from DATE]
//                [--started-until DATE] [--stopped-from DATE] [--stopped-until DATE] [--sort COLUMN]
//                [--asc] [--offset N] [--limit N] [--json]
// The Successful (default), Failed or All tasks list, with the Django admin's search and filters: the
// same rows, in the same order, as the app's lists.
#include <cstdio>

#include <nlohmann/json.hpp>

#include "cli/cli.h"
#include "core/io/file.h"
#include "core/model/date_filter.h"
#include "core/model/decoded_value.h"
#include "core/model/task_query.h"
#include "core/model/value_search.h"

namespace cli {
namespace {

std::optional<core::TaskColumn> ColumnNamed(const std::string& name) {
    static const std::pair<const char*, core::TaskColumn> kColumns[] = {
        {"name", core::TaskColumn::Name}, {"group", core::TaskColumn::Group}, {"func", core::TaskColumn::Func},
        {"cluster", core::TaskColumn::Cluster}, {"started", core::TaskColumn::Started}, {"stopped", core::TaskColumn::Stopped},
        {"time_taken", core::TaskColumn::TimeTaken}, {"attempt_count", core::TaskColumn::AttemptCount}};
    for (const auto& [text, column] : kColumns)
        if (name == text) return column;
    return std::nullopt;
}

nlohmann::json OrNull(const std::optional<std::string>& text) { return text ? nlohmann::json(*text) : nlohmann::json(nullptr); }

// A --started-from/... option: a UTC date "YYYY-MM-DD[ HH:MM[:SS]]" into `bound`; false (with
// the message printed) when the option is malformed.
bool DateOption(Args& args, const char* name, std::optional<std::string>& bound) {
    auto text = args.Option(name);
    if (!text) {
        args.UsageError(text.error().message);
        return false;
    }
    if (!text.value()) return true;
    bound = core::ParseDateBound(*text.value());
    if (!bound) args.UsageError(std::string(name) + " \"" + *text.value() + "\" is not a date: use YYYY-MM-DD or \"YYYY-MM-DD HH:MM\" (UTC)");
    return bound.has_value();
}

std::string FirstLine(const std::string& text) { return text.substr(0, text.find('\n')); }

}  // namespace

int RunTasks(Args args) {
    core::TaskQuery query;
    const bool failed = args.Flag("--failed"), all = args.Flag("--all");
    if (failed && all) return args.UsageError("--failed and --all are two lists: choose one");
    query.kind = failed ? core::TaskKind::Failed : all ? core::TaskKind::All : core::TaskKind::Successful;
    query.descending = !args.Flag("--asc");
    const bool json = args.Flag("--json");
    query.search_values = args.Flag("--in-values");
    auto search = args.SearchOption();
    if (!search) return args.UsageError(search.error().message);
    auto group = args.Option("--group");
    if (!group) return args.UsageError(group.error().message);
    auto cluster = args.Option("--cluster");
    if (!cluster) return args.UsageError(cluster.error().message);
    auto func = args.Option("--func");
    if (!func) return args.UsageError(func.error().message);
    auto sort = args.Option("--sort");
    if (!sort) return args.UsageError(sort.error().message);
    if (!DateOption(args, "--started-from", query.started_from) || !DateOption(args, "--started-until", query.started_until) ||
        !DateOption(args, "--stopped-from", query.stopped_from) || !DateOption(args, "--stopped-until", query.stopped_until))
        return kUsage;
    auto offset = args.CountOption("--offset");
    if (!offset) return args.UsageError(offset.error().message);
    auto limit = args.CountOption("--limit", 1);
    if (!limit) return args.UsageError(limit.error().message);
    auto rest = args.Positionals();
    if (!rest) return args.UsageError(rest.error().message);
    if (rest->size() != 1) return args.UsageError("wrong number of arguments");
    if (search.value()) query.search = *search.value();
    query.group = group.value();
    query.cluster = cluster.value();
    query.func = func.value();
    if (sort.value()) {
        const auto column = ColumnNamed(*sort.value());
        if (!column) return args.UsageError("--sort is one of name, group, func, cluster, started, stopped, time_taken, attempt_count");
        query.sort = *column;
    }
    if (offset.value()) query.offset = *offset.value();
    if (limit.value()) query.limit = *limit.value();

    // --in-values decodes every task into a search index first: in a copy in memory, never the file.
    auto opened = query.search_values ? OpenWorkingCopy(rest->front()) : core::OpenExportFile(rest->front());
    if (!opened) return Fail(kBadInput, opened.error().Describe());
    if (query.search_values) {
        auto status = core::ValueSearchStatus(opened.value());
        auto indexed = status ? core::IndexDecodedValues(opened.value(), status.value(), INT64_MAX) : status;
        if (!indexed) return Fail(kBadInput, indexed.error().Describe());
    }
    auto rows = core::QueryTasks(opened.value(), query);
    if (!rows) return Fail(kBadInput, rows.error().Describe());
    auto matching = core::CountTasks(opened.value(), query);
    core::TaskQuery everything;
    everything.kind = query.kind;
    auto total = core::CountTasks(opened.value(), everything);
    if (!matching || !total) return Fail(kBadInput, (matching ? total.error() : matching.error()).Describe());

    if (json) {
        nlohmann::json out = {{"results", matching.value()}, {"total", total.value()}, {"tasks", nlohmann::json::array()}};
        for (const auto& row : rows.value()) {
            nlohmann::json task = {{"id", row.id}, {"name", row.name}, {"func", row.func}, {"group", OrNull(row.group)},
                                   {"cluster", OrNull(row.cluster)}, {"started", row.started}, {"stopped", row.stopped},
                                   {"success", row.success}, {"time_taken", row.time_taken},
                                   {"attempt_count", row.attempt_count ? nlohmann::json(*row.attempt_count) : nullptr}};
            if (!row.success) task["short_result"] = core::ShortResult(row.result);
            out["tasks"].push_back(std::move(task));
        }
        PrintJson(out);
        return kOk;
    }
    std::printf("%lld %s (%lld total)\n", static_cast<long long>(matching.value()), matching.value() == 1 ? "result" : "results",
                static_cast<long long>(total.value()));
    for (const auto& row : rows.value()) {
        if (query.kind == core::TaskKind::All) std::printf("%-8s ", row.success ? "success" : "failed");
        std::printf("%-34s %-28s %-16s %s  %9.3f s", row.name.c_str(), row.func.c_str(), row.group ? row.group->c_str() : "-",
                    row.stopped.substr(0, 19).c_str(), row.time_taken);
        if (!row.success) std::printf("  %s", FirstLine(core::ShortResult(row.result)).c_str());
        std::printf("\n");
    }
    return kOk;
}

}  // namespace cli
