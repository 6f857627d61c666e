// djq export FILE (--changeset OUT.json | --sqlite OUT.sqlite3 | --fixture OUT.json)
// Writes what the web app's Export menu downloads, from a working copy or any export file.
#include <cstdio>

#include "cli/cli.h"
#include "core/io/file.h"
#include "core/model/export.h"
#include "core/sync/changeset.h"
#include "core/sync/fixture_export.h"
#include "core/sync/server_copy.h"

namespace cli {

int RunExport(Args args) {
    auto changeset = args.Option("--changeset");
    if (!changeset) return args.UsageError(changeset.error().message);
    auto sqlite = args.Option("--sqlite");
    if (!sqlite) return args.UsageError(sqlite.error().message);
    auto fixture = args.Option("--fixture");
    if (!fixture) return args.UsageError(fixture.error().message);
    auto rest = args.Positionals();
    if (!rest) return args.UsageError(rest.error().message);
    const int chosen = !!changeset.value() + !!sqlite.value() + !!fixture.value();
    if (rest->size() != 1 || chosen != 1)
        return args.UsageError("wrong number of arguments");

    // Read into memory: exporting never writes to the file it reads.
    auto opened = OpenWorkingCopy(rest->front());
    if (!opened) return Fail(kBadInput, opened.error().Describe());

    std::string output;
    core::Result<std::string> text = std::string();
    if (changeset.value()) {
        output = *changeset.value();
        text = core::ExportChangeset(opened->db, {rest->front(), core::VariantId(opened->schema.variant)});
    } else {
        // Files a server loads: resubmits still waiting for the server's signature are left out
        // (the changeset carries them to djq apply --secret-key-env).
        auto copy = core::MakeServerCopy(opened.value(), std::nullopt, core::NowUnixMicros());
        if (!copy) return Fail(kBadInput, copy.error().Describe());
        core::Export& server_file = copy->Use(opened.value());
        if (copy->left_out > 0)
            std::fprintf(stderr, "djq: left out %lld queue entries that wait for the server's signature (the changeset carries them)\n",
                         static_cast<long long>(copy->left_out));
        if (fixture.value()) {
            output = *fixture.value();
            text = core::ExportFixture(server_file);
        } else {
            output = *sqlite.value();
            auto serialized = server_file.db.Serialize();
            if (!serialized) return Fail(kBadInput, serialized.error().Describe());
            text = std::string(core::AsText(serialized.value()));
        }
    }
    if (!text) return Fail(kBadInput, text.error().Describe());
    if (auto written = core::WriteFile(output, core::AsBytes(text.value())); !written) return Fail(kBadInput, written.error().Describe());
    std::printf("wrote %s (%zu bytes)\n", output.c_str(), text->size());
    return kOk;
}

}  // namespace cli
