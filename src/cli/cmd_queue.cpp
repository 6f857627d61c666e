// djq queue FILE [--secret-key-env VAR] [--cluster NAME] [--tz ZONE] [--now export|wall|TIME] [--json]: the ORM broker's queued tasks,
// decoded, with their lock state and (given the SECRET_KEY in an environment variable) whether each
// signature verifies. The key is read from the environment so it never appears in a shell history
// or a log. The signing salt is the name of the cluster that enqueued the task: --cluster, else
// each row's key (the queue it waits in, usually the same cluster).
#include <cstdio>
#include <cstdlib>

#include <nlohmann/json.hpp>

#include "cli/cli.h"
#include "core/model/queued.h"

namespace cli {

int RunQueue(Args args) {
    const bool json = args.Flag("--json");
    auto key = SecretKeyFromEnvironment(args);
    if (!key) return args.UsageError(key.error().message);
    const std::optional<std::string> secret_text = key.value();
    const auto secret = secret_text ? std::optional<std::string_view>(*secret_text) : std::nullopt;
    auto cluster = args.Option("--cluster");
    if (!cluster) return args.UsageError(cluster.error().message);
    auto zone = ZoneOption(args);
    if (!zone) return args.UsageError(zone.error().Describe());
    auto now_choice = NowOption(args);
    if (!now_choice) return args.UsageError(now_choice.error().message);
    auto rest = args.Positionals();
    if (!rest) return args.UsageError(rest.error().message);
    if (rest->size() != 1) return args.UsageError("wrong number of arguments");

    auto opened = core::OpenExportFile(rest->front());
    if (!opened) return Fail(kBadInput, opened.error().Describe());
    if (!opened->schema.has_ormq) return Fail(kBadInput, rest->front() + " has no django_q_ormq table: its cluster does not use the ORM broker");
    auto rows = core::ListQueued(opened.value());
    if (!rows) return Fail(kBadInput, rows.error().Describe());
    const core::UnixMicros now = NowOf(now_choice.value(), opened.value());

    nlohmann::json out = nlohmann::json::array();
    for (const core::QueuedRow& row : rows.value()) {
        const std::string salt = cluster.value() ? *cluster.value() : row.key;
        const core::QueuedView view = core::DescribeQueued(row, opened->schema.variant, now, secret, salt);
        nlohmann::json item = {{"id", row.id}, {"key", row.key}, {"lock", row.lock ? nlohmann::json(*row.lock) : nullptr},
                               {"lock_state", core::LockStateName(view.lock.state)}, {"lock_words", core::LockWords(view, zone.value())}};
        if (!view.signed_at.empty()) item["signed_at"] = view.signed_at;
        // A row awaiting the server's signature keeps to its error, as before its package was decoded.
        if (view.package && !view.signed_on_server) {
            item["task_id"] = view.task_id;
            item["name"] = view.name;
            item["func"] = view.func;
            item["group"] = view.group;
            item["args"] = view.args;
            item["kwargs"] = view.kwargs;
            item["package"] = view.package_repr;
        }
        if (!view.error.empty()) item["error"] = view.error;
        if (view.signature) item["signature"] = core::SignatureCheckName(*view.signature);
        out.push_back(std::move(item));
    }
    if (json) {
        PrintJson(out);
        return kOk;
    }
    std::printf("%zu queued tasks in %s\n", out.size(), rest->front().c_str());
    for (const auto& item : out) {
        std::printf("\n#%lld  %s  key %s\n  %s\n", item["id"].get<long long>(), item.value("name", std::string("?")).c_str(),
                    item["key"].get<std::string>().c_str(), item["lock_words"].get<std::string>().c_str());
        if (item.contains("error")) {
            std::printf("  %s\n", item["error"].get<std::string>().c_str());
            continue;
        }
        std::printf("  func %s  task %s  group %s\n  args %s  kwargs %s\n", item["func"].get<std::string>().c_str(),
                    item["task_id"].get<std::string>().c_str(), item["group"].get<std::string>().c_str(),
                    item["args"].get<std::string>().c_str(), item["kwargs"].get<std::string>().c_str());
        std::printf("  signed at %s UTC", item["signed_at"].get<std::string>().c_str());
        if (item.contains("signature")) std::printf(", signature %s", item["signature"].get<std::string>().c_str());
        std::printf("\n");
    }
    return kOk;
}

}  // namespace cli
