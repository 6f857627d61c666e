// djq apply CHANGES.json --db SERVER.sqlite3 [--dry-run] [--skip-conflicts] [--json]
//           [--secret-key-env VAR [--cluster NAME] [--compress]]
// Applies a changeset made in the app to the server's database, in one transaction. With the
// server's SECRET_KEY (from the environment) it signs the queue entries of resubmits made without
// the key, with Q_CLUSTER's name (default "default") and compress setting.
#include <cstdio>

#include "cli/cli.h"
#include "core/io/file.h"
#include "core/model/export.h"
#include "core/sync/changeset.h"

namespace cli {
namespace {

std::string DescribeConflict(const core::EntryResult& entry) {
    if (!entry.server) return "the row is gone from the server";
    if (!entry.expected) return "a row with this id already exists on the server";
    return core::DescribeDifferences(*entry.expected, *entry.server, "export had", "server has");
}

nlohmann::json ReportJson(const core::ApplyReport& report, bool dry_run) {
    nlohmann::json entries = nlohmann::json::array();
    for (const auto& entry : report.entries) {
        nlohmann::json item = {{"seq", entry.seq}, {"operation", entry.operation}, {"kind", entry.kind}, {"table", entry.table},
                               {"pk", entry.pk}, {"outcome", core::ApplyOutcomeName(entry.outcome)}};
        if (entry.outcome == core::ApplyOutcome::Conflict) {
            item["expected"] = entry.expected ? *entry.expected : nlohmann::json(nullptr);
            item["server"] = entry.server ? *entry.server : nlohmann::json(nullptr);
        }
        entries.push_back(std::move(item));
    }
    return {{"dry_run", dry_run}, {"committed", report.committed}, {"applied", report.applied},
            {"already_applied", report.already_applied}, {"conflicts", report.conflicts}, {"changes", entries}};
}

void PrintText(const core::ApplyReport& report, const std::string& db_path, const core::ApplyOptions& options) {
    std::printf("%s%zu changes for %s\n", options.dry_run ? "dry run: " : "", report.entries.size(), db_path.c_str());
    for (const auto& entry : report.entries) {
        const bool pending = entry.outcome == core::ApplyOutcome::Applied && !report.committed;
        std::printf("  %-16s %s %s %s (%s)\n", pending ? "would apply" : core::ApplyOutcomeName(entry.outcome), entry.kind.c_str(), entry.table.c_str(),
                    entry.pk.dump().c_str(), entry.operation.c_str());
        if (entry.outcome == core::ApplyOutcome::Conflict) std::printf("                   %s\n", DescribeConflict(entry).c_str());
    }
    std::printf("applied %lld, already applied %lld, conflicts %lld", static_cast<long long>(report.applied),
                static_cast<long long>(report.already_applied), static_cast<long long>(report.conflicts));
    if (options.dry_run) std::printf(" (dry run: nothing written)\n");
    else if (!report.committed) std::printf(" (nothing written: resolve the conflicts, or --skip-conflicts applies the rest)\n");
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
    if (!secret) return Fail(kUsage, secret.error().message);
    auto cluster = args.Option("--cluster");
    if (!cluster) return Fail(kUsage, cluster.error().message);
    if (secret.value()) options.signing = core::ServerSigning{*secret.value(), cluster.value().value_or("default"), compress};
    auto db_path = args.Option("--db");
    if (!db_path) return Fail(kUsage, db_path.error().message);
    auto rest = args.Positionals();
    if (!rest) return Fail(kUsage, rest.error().message);
    if (!db_path.value() || rest->size() != 1)
        return Fail(kUsage, "usage: djq apply CHANGES.json --db SERVER.sqlite3 [--dry-run] [--skip-conflicts] [--json] "
                              "[--secret-key-env VAR [--cluster NAME] [--compress]]");

    auto changeset = core::ReadFile(rest->front());
    if (!changeset) return Fail(kBadInput, changeset.error().Describe());
    auto server = core::OpenExportFile(*db_path.value(), core::OpenMode::ReadWrite);
    if (!server) return Fail(kBadInput, server.error().Describe());
    auto report = core::ApplyChangeset(server->db, core::AsText(changeset.value()), options);
    if (!report) return Fail(kBadInput, rest->front() + ": " + report.error().Describe());

    if (json) std::printf("%s\n", ReportJson(report.value(), options.dry_run).dump(2).c_str());
    else PrintText(report.value(), *db_path.value(), options);
    return report->conflicts > 0 ? kConflicts : kOk;
}

}  // namespace cli
