// djq export FILE (--changeset OUT.json | --sqlite OUT.sqlite3 | --fixture OUT.json)
// Writes what the web app's Export menu downloads, from a working copy or any export file.
#include <cstdio>

#include "cli/cli.h"
#include "core/io/file.h"
#include "core/schema/export.h"
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

    const std::string output = *(changeset.value() ? changeset.value() : sqlite.value() ? sqlite.value() : fixture.value());
    auto writer = core::FileWriter::Create(output);
    if (!writer) return Fail(kBadInput, writer.error().Describe());
    core::Status written = core::Ok{};
    if (changeset.value()) {
        auto text = core::ExportChangeset(opened->db, {rest->front(), core::VariantId(opened->schema.variant)});
        written = text ? writer->Write(core::AsBytes(text.value())) : core::Status(text.error());
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
            written = core::WriteFixture(server_file, writer->Sink());  // streamed: the text is never whole in memory
        } else {
            written = server_file.db.WriteOut([&](core::ByteView piece) { return writer->Write(piece); });
        }
    }
    if (written) written = writer->Commit();
    if (!written) return Fail(kBadInput, written.error().Describe());
    std::printf("wrote %s (%llu bytes)\n", output.c_str(), static_cast<unsigned long long>(writer->BytesWritten()));
    return kOk;
}

}  // namespace cli
