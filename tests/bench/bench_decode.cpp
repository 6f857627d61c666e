// Decoding throughput over the fixtures' real values: what a task list pays per row to show or
// search decoded args, kwargs and results.
#include <vector>

#include "bench.h"
#include "core/decode/base64.h"
#include "core/decode/pickle_reader.h"
#include "core/decode/py_repr.h"
#include "core/decode/signing.h"
#include "core/open/open_export.h"
#include "core/model/queued.h"

namespace bench {

void BenchDecode(const Options& options) {
    std::vector<std::string> fields, payloads;
    for (const char* fixture : {"djq1-1.3.9.sqlite3", "djq2-latest.sqlite3"}) {
        auto opened = core::OpenExportFile(options.fixtures + "/" + fixture);
        if (!opened) return (void)std::printf("decode bench: %s\n", opened.error().Describe().c_str());
        auto stmt = opened->db.Prepare("SELECT args FROM django_q_task UNION ALL SELECT kwargs FROM django_q_task UNION ALL SELECT result FROM django_q_task");
        while (stmt->Step().value())
            if (!stmt->IsNull(0)) fields.emplace_back(stmt->Text(0));
        for (const auto& row : core::ListQueued(opened.value()).value()) payloads.push_back(row.payload);
    }
    std::size_t bytes = 0;
    for (const auto& field : fields) bytes += core::DecodeBase64(field)->size();

    const int rounds = 200;
    Stopwatch decode;
    std::size_t printed = 0;
    for (int r = 0; r < rounds; ++r)
        for (const auto& field : fields) printed += core::ReprPython(*core::DecodePickledField(field).value()).size();
    const double seconds = decode.Seconds();
    Report("decode+repr fixture values", fields.size() * rounds / seconds, "values/s",
           std::to_string(fields.size()) + " values x " + std::to_string(rounds));
    Report("decode+repr fixture values", bytes * rounds / seconds / 1e6, "MB/s", "of pickle bytes (one value is 100 KB of text)");

    Stopwatch verify;
    int valid = 0;
    for (int r = 0; r < rounds; ++r)
        for (const auto& payload : payloads)
            valid += core::VerifySignature(core::ParseSignedPayload(payload).value(), "fixture-secret-key-1-not-for-production", "djqdemo") ==
                     core::SignatureCheck::Valid;
    Report("parse+verify queued payloads", payloads.size() * rounds / verify.Seconds(), "payloads/s", std::to_string(valid / rounds) + " valid each round");
}

}  // namespace bench
