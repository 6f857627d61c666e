// Parses arbitrary text as a Django signed payload. Whatever parses must split back into the same
// text, verify without crashing, and re-sign (every option) to a payload that parses back to the
// same pickle bytes and time and verifies with the key it was signed with.
#include <cstdlib>

#include "core/decode/signing.h"

namespace {

void Require(bool condition) {
    if (!condition) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    auto payload = core::ParseSignedPayload(text);
    if (!payload) {
        Require(!payload.error().code.empty());
        return 0;
    }
    Require(payload->signed_part + ":" + payload->signature == text);
    Require(!payload->signed_at.empty());
    (void)core::VerifySignature(payload.value(), "fuzz-secret", "default");
    (void)core::VerifySignature(payload.value(), "", "");

    for (bool compress : {false, true}) {
        for (auto algorithm : {core::SigningAlgorithm::Sha256, core::SigningAlgorithm::LegacySha1}) {
            const std::string resigned = core::SignPayload(payload->pickle, "fuzz-secret", "default", payload->timestamp, compress, algorithm);
            auto again = core::ParseSignedPayload(resigned);
            Require(again && again->pickle == payload->pickle && again->timestamp == payload->timestamp &&
                    again->signed_at == payload->signed_at);
            Require(core::VerifySignature(again.value(), "fuzz-secret", "default") ==
                    (algorithm == core::SigningAlgorithm::Sha256 ? core::SignatureCheck::Valid : core::SignatureCheck::ValidLegacySha1));
            Require(core::VerifySignature(again.value(), "fuzz-secret", "other") == core::SignatureCheck::Invalid);
        }
    }
    return 0;
}
