// The journal and `djq apply` at scale: N deletions journalled on a working copy, exported as a
// changeset and applied to a copy of the server database.
#include <optional>
#include <vector>

#include "bench.h"
#include "core/demo/demo.h"
#include "core/io/file.h"
#include "core/open/open_export.h"
#include "core/model/task_edits.h"
#include "core/sync/apply.h"
#include "core/sync/dumpdata_import.h"
#include "core/sync/fixture_export.h"

namespace bench {

// dumpdata JSON -> working copy: the demo exported as a fixture, then imported.
void BenchImport(const Options& options) {
    core::DemoOptions demo;
    demo.tasks = options.tasks;
    auto db = core::MakeDemoDatabase(demo);
    auto schema = core::DetectSchema(db.value());
    core::Export exported{std::move(db.value()), schema.value(), "bench"};
    Stopwatch export_watch;
    auto fixture = core::ExportFixture(exported);
    if (!fixture) return (void)std::printf("fixture export failed: %s\n", fixture.error().Describe().c_str());
    const double rows = static_cast<double>(options.tasks + demo.schedules + demo.queued);
    Report("fixture: export (loaddata JSON)", rows / export_watch.Seconds(), "rows/s", std::to_string(fixture->size() / 1'000'000) + " MB");
    Stopwatch import_watch;
    auto imported = core::ImportDumpdata(core::AsBytes(fixture.value()));
    if (!imported) return (void)std::printf("import failed: %s\n", imported.error().Describe().c_str());
    Report("dumpdata JSON import", rows / import_watch.Seconds(), "rows/s", std::to_string(import_watch.Seconds()) + " s, target >= 200k rows/s");
}

// The loaddata fixture of an export (--db) or of the demo, streamed to a sink that only counts:
// the memory it adds on top of the open working copy, against the size of what it writes.
void BenchFixtureExport(const Options& options) {
    std::optional<core::Export> source;
    if (!options.db.empty()) {
        auto bytes = core::ReadFile(options.db);
        if (!bytes) return (void)std::printf("fixture-export: %s\n", bytes.error().Describe().c_str());
        auto opened = core::OpenExportBytes(bytes.value(), options.db);
        if (!opened) return (void)std::printf("fixture-export: %s\n", opened.error().Describe().c_str());
        source.emplace(std::move(opened.value()));
    } else {
        core::DemoOptions demo;
        demo.tasks = options.tasks;
        auto db = core::MakeDemoDatabase(demo);
        auto schema = core::DetectSchema(db.value());
        source.emplace(core::Export{std::move(db.value()), schema.value(), "bench", nullptr});
    }
    const double before = PeakMegabytes();
    std::uint64_t written = 0;
    Stopwatch watch;
    auto exported = core::WriteFixture(*source, [&written](std::string_view piece) -> core::Status {
        written += piece.size();
        return core::Ok{};
    });
    if (!exported) return (void)std::printf("fixture export failed: %s\n", exported.error().Describe().c_str());
    const double added = PeakMegabytes() - before;
    Report("fixture: streamed export", static_cast<double>(written) / 1e6 / watch.Seconds(), "MB/s",
           std::to_string(written / 1'000'000) + " MB written in " + std::to_string(watch.Seconds()) + " s");
    Report("fixture: memory added by the export", added, "MB",
           "peak before " + std::to_string(static_cast<int>(before)) + " MB; " + std::to_string(added * 1e6 / static_cast<double>(written)) +
               " x the output");
}

void BenchSync(const Options& options) {
    core::DemoOptions demo;
    demo.tasks = options.tasks;
    auto db = core::MakeDemoDatabase(demo);
    auto server_bytes = db->Serialize();
    auto working = core::OpenExportBytes(server_bytes.value(), "working");
    auto server = core::OpenExportBytes(server_bytes.value(), "server");
    if (!working || !server) return (void)std::printf("sync bench: cannot open the demo\n");

    std::vector<std::string> ids;
    auto stmt = working->db.Prepare("SELECT id FROM django_q_task ORDER BY stopped LIMIT ?1");
    stmt->Bind(1, static_cast<std::int64_t>(options.edits));
    while (stmt->Step().value()) ids.emplace_back(stmt->Text(0));

    Stopwatch journal;
    auto deleted = core::DeleteTasks(working.value(), ids);
    if (!deleted) return (void)std::printf("delete failed: %s\n", deleted.error().Describe().c_str());
    Report("journal: delete tasks (one batch)", ids.size() / journal.Seconds(), "rows/s", std::to_string(journal.Seconds()) + " s");

    Stopwatch export_watch;
    auto changeset = core::ExportChangeset(working->db, {"bench", "q2"});
    Report("changeset: export", ids.size() / export_watch.Seconds(), "edits/s",
           std::to_string(changeset->size() / 1'000'000) + " MB JSON");

    Stopwatch apply;
    auto report = core::ApplyChangeset(server.value(), changeset.value(), {});
    if (!report) return (void)std::printf("apply failed: %s\n", report.error().Describe().c_str());
    Report("apply: " + std::to_string(ids.size()) + " edits", ids.size() / apply.Seconds(), "edits/s",
           std::to_string(apply.Seconds()) + " s, applied " + std::to_string(report->applied));
    Stopwatch again;
    auto second = core::ApplyChangeset(server.value(), changeset.value(), {});
    Report("apply again (all already applied)", ids.size() / again.Seconds(), "edits/s",
           "already " + std::to_string(second->already_applied));
}

}  // namespace bench
