// djq queue FILE [--secret-key-env VAR] [--cluster NAME] [--json]: the ORM broker's queued tasks,
// decoded, with their lock state and (given the SECRET_KEY in an environment variable) whether each
// signature verifies. The key is read from the environment so it never appears in a shell history
// or a log. The signing salt is the name of the cluster that enqueued the task: --cluster, else
// each row's key (the queue it waits in, usually the same cluster).
#include <cstdio>
#include <cstdlib>

#include <nlohmann/json.hpp>

#include "cli/cli.h"
#include "core/sync/server_signing.h"
#include "core/decode/pickle_reader.h"
#include "core/decode/py_repr.h"
#include "core/decode/signing.h"
#include "core/model/queued.h"
#include "core/model/timestamp.h"

namespace cli {
namespace {

// SEMANTICS.md §4: NULL never pulled; a lock in the future is held by a cluster; a past one has
// expired and the row will be handed out again.
std::string LockState(const std::optional<std::string>& lock, core::UnixMicros now) {
    if (!lock) return "never pulled";
    const auto until = core::ParseDjangoDatetime(*lock);
    if (!until) return "lock unreadable: " + *lock;
    if (*until > now) return "locked until " + lock->substr(0, 19) + " UTC";
    return "expired since " + lock->substr(0, 19) + " UTC (will be handed out again)";
}

std::string ItemRepr(const core::PyValue& package, const char* key) {
    const core::PyValue* item = core::DictItem(package, key);
    if (!item) return "-";
    return item->kind == core::PyKind::Str ? item->text : core::ReprPython(*item);
}

}  // namespace

int RunQueue(Args args) {
    const bool json = args.Flag("--json");
    auto key = SecretKeyFromEnvironment(args);
    if (!key) return Fail(kUsage, key.error().message);
    const std::optional<std::string> secret = key.value();
    auto cluster = args.Option("--cluster");
    if (!cluster) return Fail(kUsage, cluster.error().message);
    auto rest = args.Positionals();
    if (!rest) return Fail(kUsage, rest.error().message);
    if (rest->size() != 1) return Fail(kUsage, "usage: djq queue FILE [--secret-key-env VAR] [--cluster NAME] [--json]");

    auto opened = core::OpenExportFile(rest->front());
    if (!opened) return Fail(kBadInput, opened.error().Describe());
    if (!opened->schema.has_ormq) return Fail(kBadInput, rest->front() + " has no django_q_ormq table: its cluster does not use the ORM broker");
    auto rows = core::ListQueued(opened.value());
    if (!rows) return Fail(kBadInput, rows.error().Describe());
    const auto now = core::NowUnixMicros();

    nlohmann::json out = nlohmann::json::array();
    for (const core::QueuedRow& row : rows.value()) {
        nlohmann::json item = {{"id", row.id}, {"key", row.key}, {"lock", row.lock ? nlohmann::json(*row.lock) : nullptr},
                               {"lock_state", LockState(row.lock, now)}};
        auto payload = core::ParseSignedPayload(row.payload);
        if (core::IsUnsignedPayload(row.payload)) {
            item["error"] = "payload: a resubmit waiting to be signed on the server (djq apply --secret-key-env VAR signs it)";
        } else if (!payload) {
            item["error"] = "payload: " + payload.error().Describe();
        } else {
            item["signed_at"] = core::FormatDjangoDatetime(payload->timestamp * 1'000'000);
            auto package = core::DecodePickle(payload->pickle);
            if (!package) {
                item["error"] = "package: " + package.error().Describe();
            } else {
                for (const char* key : {"id", "name", "func", "group"}) item[key == std::string("id") ? "task_id" : key] = ItemRepr(*package.value(), key);
                item["args"] = ItemRepr(*package.value(), "args");
                item["kwargs"] = ItemRepr(*package.value(), "kwargs");
                item["package"] = core::ReprPython(*package.value());
            }
            const std::string salt = cluster.value() ? *cluster.value() : row.key;
            if (secret) item["signature"] = core::SignatureCheckName(core::VerifySignature(payload.value(), *secret, salt));
        }
        out.push_back(std::move(item));
    }
    if (json) {
        std::printf("%s\n", out.dump(2, ' ', false, nlohmann::json::error_handler_t::replace).c_str());
        return kOk;
    }
    std::printf("%zu queued tasks in %s\n", out.size(), rest->front().c_str());
    for (const auto& item : out) {
        std::printf("\n#%lld  %s  key %s\n  %s\n", item["id"].get<long long>(), item.value("name", std::string("?")).c_str(),
                    item["key"].get<std::string>().c_str(), item["lock_state"].get<std::string>().c_str());
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
