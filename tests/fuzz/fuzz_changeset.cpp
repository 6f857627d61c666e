// Applies arbitrary bytes as a changeset (djq apply) to an in-memory copy of the django-q2 fixture,
// with and without --skip-conflicts and a signing key. It must never crash, and whenever apply
// refuses, the server database must be exactly as it was.
#include <cstdlib>
#include <string>

#include "core/io/file.h"
#include "core/open/open_export.h"
#include "core/sync/apply.h"

namespace {

const core::Bytes& ServerBytes() {
    static const core::Bytes bytes = core::ReadFile(std::string(DJQ_FIXTURES_DIR) + "/djq2-latest.sqlite3").value();
    return bytes;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view changeset(reinterpret_cast<const char*>(data), size);
    for (const bool skip_conflicts : {false, true}) {
        auto server = core::OpenExportBytes(ServerBytes(), "server.sqlite3");
        if (!server) std::abort();
        core::ApplyOptions options;
        options.skip_conflicts = skip_conflicts;
        options.signing = core::ServerSigning{"fixture-secret-key-1-not-for-production", "djqdemo", false};
        options.now = 1'790'000'000'000'000;
        auto report = core::ApplyChangeset(server.value(), changeset, options);
        if (!report || !report->committed) {
            auto after = server->db.Serialize();
            if (!after) std::abort();
            auto fresh = core::OpenExportBytes(ServerBytes(), "server.sqlite3");
            if (after.value() != fresh->db.Serialize().value()) std::abort();  // a refused apply wrote something
        }
    }
    return 0;
}
