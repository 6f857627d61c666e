// djq show FILE TASK [--json]: every field of one task, with args, kwargs and result decoded.
// TASK is the task's id, or its name.
#include <cstdio>

#include <nlohmann/json.hpp>

#include "cli/cli.h"
#include "core/model/decoded_value.h"
#include "core/model/task.h"
#include "core/sched/timestamp.h"

namespace cli {
namespace {

// The task by id, else by name (names are humanhashes, unique in practice).
core::Result<std::optional<core::TaskRow>> FindByIdOrName(core::Export& opened, const std::string& wanted) {
    auto by_id = core::FindTask(opened, wanted);
    if (!by_id || by_id->has_value()) return by_id;
    auto stmt = opened.db.Prepare("SELECT id FROM django_q_task WHERE name = ?1 ORDER BY stopped DESC LIMIT 1");
    if (!stmt) return stmt.error();
    stmt->Bind(1, wanted);
    auto row = stmt->Step();
    if (!row) return row.error();
    if (!row.value()) return std::optional<core::TaskRow>();
    return core::FindTask(opened, std::string(stmt->Text(0)));
}

std::string Or(const std::optional<std::string>& text, const char* fallback) { return text ? *text : fallback; }

std::optional<double> SecondsTaken(const core::TaskRow& task) {
    const auto started = core::ParseDjangoDatetime(task.started), stopped = core::ParseDjangoDatetime(task.stopped);
    if (!started || !stopped) return std::nullopt;
    return static_cast<double>(*stopped - *started) / 1e6;
}

void PrintValue(const char* label, const core::Result<std::optional<core::DecodedValue>>& value, bool raw_text) {
    if (!value) {
        std::printf("%-15s <cannot decode: %s>\n", label, value.error().Describe().c_str());
    } else if (!value->has_value()) {
        std::printf("%-15s -\n", label);
    } else if (raw_text && value.value()->text) {
        std::printf("%s\n%s\n", label, value.value()->text->c_str());  // a traceback reads best as written
    } else if (value.value()->pretty.find('\n') != std::string::npos) {
        std::printf("%s\n%s\n", label, value.value()->pretty.c_str());
    } else {
        std::printf("%-15s %s\n", label, value.value()->repr.c_str());
    }
}

nlohmann::json ValueJson(const core::Result<std::optional<core::DecodedValue>>& value, const std::optional<std::string>& stored) {
    if (!value) return {{"stored", Or(stored, "")}, {"error", value.error().Describe()}, {"error_code", value.error().code}};
    if (!value->has_value()) return nullptr;
    nlohmann::json out = {{"repr", value.value()->repr}};
    if (value.value()->text) out["text"] = *value.value()->text;
    return out;
}

}  // namespace

int RunShow(Args args) {
    const bool json = args.Flag("--json");
    auto rest = args.Positionals();
    if (!rest) return args.UsageError(rest.error().message);
    if (rest->size() != 2) return args.UsageError("wrong number of arguments");
    auto opened = core::OpenExportFile((*rest)[0]);
    if (!opened) return Fail(kBadInput, opened.error().Describe());
    auto found = FindByIdOrName(opened.value(), (*rest)[1]);
    if (!found) return Fail(kBadInput, found.error().Describe());
    if (!found->has_value()) return Fail(kBadInput, "no task with id or name \"" + (*rest)[1] + "\" in " + (*rest)[0]);
    const core::TaskRow& task = *found.value();
    const auto args_value = core::DecodeStoredValue(task.args), kwargs_value = core::DecodeStoredValue(task.kwargs),
               result_value = core::DecodeStoredValue(task.result);
    const auto taken = SecondsTaken(task);

    if (json) {
        const nlohmann::json out = {
            {"id", task.id}, {"name", task.name}, {"func", task.func}, {"hook", task.hook ? nlohmann::json(*task.hook) : nullptr},
            {"group", task.group ? nlohmann::json(*task.group) : nullptr},
            {"cluster", task.cluster ? nlohmann::json(*task.cluster) : nullptr}, {"success", task.success},
            {"attempt_count", task.attempt_count ? nlohmann::json(*task.attempt_count) : nullptr},
            {"started", task.started}, {"stopped", task.stopped}, {"time_taken", taken ? nlohmann::json(*taken) : nullptr},
            {"args", ValueJson(args_value, task.args)}, {"kwargs", ValueJson(kwargs_value, task.kwargs)},
            {"result", ValueJson(result_value, task.result)}};
        PrintJson(out);
        return kOk;
    }
    std::printf("%-15s %s\n%-15s %s\n%-15s %s\n%-15s %s\n", "id:", task.id.c_str(), "name:", task.name.c_str(), "func:",
                task.func.c_str(), "hook:", Or(task.hook, "-").c_str());
    std::printf("%-15s %s\n%-15s %s\n", "group:", Or(task.group, "-").c_str(), "cluster:", Or(task.cluster, "-").c_str());
    std::printf("%-15s %s\n", "success:", task.success ? "yes" : "no (failed)");
    if (task.attempt_count) std::printf("%-15s %lld\n", "attempt count:", static_cast<long long>(*task.attempt_count));
    std::printf("%-15s %s UTC\n%-15s %s UTC\n", "started:", task.started.c_str(), "stopped:", task.stopped.c_str());
    if (taken) std::printf("%-15s %.6f s\n", "time taken:", *taken);
    PrintValue("args:", args_value, false);
    PrintValue("kwargs:", kwargs_value, false);
    PrintValue(task.success ? "result:" : "result (error and traceback):", result_value, !task.success);
    return kOk;
}

}  // namespace cli
