#include "core/django_q/server_signing.h"

#include "core/decode/base64.h"

namespace core {
namespace {

constexpr std::string_view kPrefix = "djq-unsigned:";

}  // namespace

std::string UnsignedPayload(ByteView pickle) { return std::string(kPrefix) + EncodeBase64(pickle); }

bool IsUnsignedPayload(std::string_view payload) { return payload.substr(0, kPrefix.size()) == kPrefix; }

Result<Bytes> UnsignedPickle(std::string_view payload) {
    if (!IsUnsignedPayload(payload)) return MakeError("changeset.bad_payload", "the queue entry holds no unsigned payload to sign");
    auto pickle = DecodeBase64(payload.substr(kPrefix.size()));
    if (!pickle) return MakeError("changeset.bad_payload", "the unsigned payload is not base64: " + pickle.error().Describe());
    return pickle;
}

}  // namespace core
