// Parses arbitrary text as a signed payload; whatever parses must verify without crashing and
// re-sign to a payload that parses back to the same pickle bytes.
#include <cstdlib>

#include "core/decode/signing.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    auto payload = core::ParseSignedPayload(text);
    if (!payload) return 0;
    (void)core::VerifySignature(payload.value(), "fuzz-secret", "default");
    for (bool compress : {false, true}) {
        const std::string resigned = core::SignPayload(payload->pickle, "fuzz-secret", "default", payload->timestamp, compress);
        auto again = core::ParseSignedPayload(resigned);
        if (!again || again->pickle != payload->pickle || again->timestamp != payload->timestamp) std::abort();
        if (core::VerifySignature(again.value(), "fuzz-secret", "default") != core::SignatureCheck::Valid) std::abort();
    }
    return 0;
}
