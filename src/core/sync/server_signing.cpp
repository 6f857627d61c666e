#include "core/sync/server_signing.h"

#include "core/decode/base64.h"
#include "core/decode/signing.h"

namespace core {
namespace {

constexpr std::string_view kPrefix = "djq-unsigned:";

}  // namespace

std::string UnsignedPayload(ByteView pickle) { return std::string(kPrefix) + EncodeBase64(pickle); }

bool IsUnsignedPayload(std::string_view payload) { return payload.substr(0, kPrefix.size()) == kPrefix; }

Result<RowImage> SignQueueRow(const RowImage& row, const ServerSigning& signing, std::int64_t unix_time) {
    const auto payload = row.find("payload");
    if (payload == row.end() || !payload->is_string() || !IsUnsignedPayload(payload->get<std::string>()))
        return MakeError("changeset.bad_payload", "the queue entry holds no unsigned payload to sign");
    auto pickle = DecodeBase64(payload->get<std::string>().substr(kPrefix.size()));
    if (!pickle) return MakeError("changeset.bad_payload", "the unsigned payload is not base64: " + pickle.error().Describe());
    RowImage signed_row = row;
    signed_row["payload"] = SignPayload(pickle.value(), signing.secret_key, signing.cluster_name, unix_time, signing.compress);
    return signed_row;
}

}  // namespace core
