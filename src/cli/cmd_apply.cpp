// djq apply CHANGES.json --db SERVER.sqlite3 [--dry-run] [--skip-conflicts] [--retry SECONDS] [--json]
//           [--secret-key-env VAR [--cluster NAME] [--compress] [--key-rotated]]
// Applies a changeset made in the app to the server's database, in one transaction. With the
// server's SECRET_KEY (from the environment) it signs the queue entries of resubmits made without
// the key, with Q_CLUSTER's name (default "default") and compress setting (without --compress, as
// the server's own queue entries show it). A key those entries reject is refused before any write,
// unless --key-rotated says they were signed with the server's previous key.
#include <cstdio>

#include "cli/cli.h"
#include "core/io/file.h"
#include "core/open/open_export.h"
#include "core/django_q/signing_check.h"
#include "core/sync/apply.h"

namespace cli {
namespace {

std::string DescribeConflict(const core::EntryResult& entry) {
    if (!entry.server) return "the row is gone from the server";
    if (!entry.expected) return "a row with this id already exists on the server";
    return core::DescribeDifferences(*entry.expected, *entry.server, "export had", "server has");
}

// An entry's outcome in words: entries of a skipped action were not written, whatever they were.
const char* EntryOutcome(const core::ActionResult& action, const core::EntryResult& entry, bool committed) {
    if (entry.outcome == core::ApplyOutcome::Conflict) return "conflict";
    if (action.outcome == core::ApplyOutcome::Conflict) return "skipped";
    if (entry.outcome == core::ApplyOutcome::Applied && !committed) return "would apply";
    return core::ApplyOutcomeName(entry.outcome);
}

const char* ActionOutcome(const core::ActionResult& action, bool committed) {
    if (action.outcome == core::ApplyOutcome::Conflict) return "skipped (conflict)";
    if (action.outcome == core::ApplyOutcome::Applied && !committed) return "would apply";
    return core::ApplyOutcomeName(action.outcome);
}

nlohmann::json ReportJson(const core::ApplyReport& report, bool dry_run) {
    nlohmann::json actions = nlohmann::json::array();
    for (const auto& action : report.actions) {
        nlohmann::json entries = nlohmann::json::array();
        for (const auto& entry : action.entries) {
            nlohmann::json item = {{"seq", entry.seq},     {"kind", entry.kind},     {"table", entry.table},
                                   {"pk", entry.pk},       {"server_pk", entry.server_pk},
                                   {"outcome", EntryOutcome(action, entry, report.committed)}};
            if (!entry.signed_call.empty()) item["signed_call"] = entry.signed_call;
            if (entry.outcome == core::ApplyOutcome::Conflict) {
                item["expected"] = entry.expected ? *entry.expected : nlohmann::json(nullptr);
                item["server"] = entry.server ? *entry.server : nlohmann::json(nullptr);
            }
            entries.push_back(std::move(item));
        }
        actions.push_back({{"action", action.action}, {"operation", action.operation},
                           {"outcome", ActionOutcome(action, report.committed)}, {"changes", entries}});
    }
    return {{"dry_run", dry_run}, {"committed", report.committed}, {"applied", report.applied}, {"already_applied", report.already_applied},
            {"skipped", report.skipped}, {"conflicts", report.conflicts}, {"actions", actions}};
}

void PrintText(const core::ApplyReport& report, const std::string& db_path, const core::ApplyOptions& options) {
    std::printf("%s%zu actions for %s\n", options.dry_run ? "dry run: " : "", report.actions.size(), db_path.c_str());
    for (const auto& action : report.actions) {
        std::printf("  %-18s %s (action %s)\n", ActionOutcome(action, report.committed), action.operation.c_str(), action.action.c_str());
        for (const auto& entry : action.entries) {
            const std::string server_row = entry.server_pk == entry.pk ? "" : " -> server id " + core::ShowColumnValue(entry.server_pk);
            std::printf("    %-16s %s %s %s%s\n", EntryOutcome(action, entry, report.committed), entry.kind.c_str(), entry.table.c_str(),
                        core::ShowColumnValue(entry.pk).c_str(), server_row.c_str());
            if (!entry.signed_call.empty()) std::printf("                     signed: %s\n", entry.signed_call.c_str());
            if (entry.outcome == core::ApplyOutcome::Conflict) std::printf("                     %s\n", DescribeConflict(entry).c_str());
        }
    }
    std::printf("applied %lld, already applied %lld, skipped %lld (conflicts %lld)", static_cast<long long>(report.applied),
                static_cast<long long>(report.already_applied), static_cast<long long>(report.skipped),
                static_cast<long long>(report.conflicts));
    if (options.dry_run) std::printf(" (dry run: nothing written)\n");
    else if (!report.committed) std::printf(" (nothing written: resolve the conflicts, or --skip-conflicts applies the other actions)\n");
    else std::printf("\n");
}

}  // namespace

int RunApply(Args args) {
    core::ApplyOptions options;
    options.dry_run = args.Flag("--dry-run");
    options.skip_conflicts = args.Flag("--skip-conflicts");
    const bool json = args.Flag("--json");
    const bool compress = args.Flag("--compress");
    auto secret = SecretKeyFromEnvironment(args);
    if (!secret) return args.UsageError(secret.error().message);
    auto cluster = args.Option("--cluster");
    if (!cluster) return args.UsageError(cluster.error().message);
    auto retry = args.IntOption("--retry");
    if (!retry) return args.UsageError(retry.error().message);
    if (retry.value()) {
        if (*retry.value() < 1) return args.UsageError("--retry is Q_CLUSTER['retry'] in seconds, at least 1");
        options.retry_seconds = *retry.value();
    }
    if (secret.value())
        options.signing = core::ServerSigning{*secret.value(), cluster.value().value_or("default"), compress, args.Flag("--key-rotated")};
    auto db_path = args.Option("--db");
    if (!db_path) return args.UsageError(db_path.error().message);
    auto rest = args.Positionals();
    if (!rest) return args.UsageError(rest.error().message);
    if (!db_path.value() || rest->size() != 1) return args.UsageError("wrong number of arguments");

    auto changeset = core::ReadFile(rest->front());
    if (!changeset) return Fail(kBadInput, changeset.error().Describe());
    auto server = core::OpenExportFile(*db_path.value(), core::OpenMode::ReadWrite);
    if (!server) return Fail(kBadInput, server.error().Describe());
    if (options.signing && !compress) {  // as the server's own entries show it, unless told
        auto detected = core::DetectCompress(server.value());
        if (!detected) return Fail(kBadInput, detected.error().Describe());
        options.signing->compress = detected->compress.value_or(false);
    }
    auto report = core::ApplyChangeset(server.value(), core::AsText(changeset.value()), options);
    if (!report) return Fail(kBadInput, rest->front() + ": " + report.error().Describe());

    if (json) PrintJson(ReportJson(report.value(), options.dry_run));
    else PrintText(report.value(), *db_path.value(), options);
    return report->conflicts > 0 ? kConflicts : kOk;
}

}  // namespace cli
