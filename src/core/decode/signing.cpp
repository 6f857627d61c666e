#include "core/decode/signing.h"

#include "core/decode/base64.h"
#include "core/decode/hash.h"
#include "core/decode/zlib_codec.h"

namespace core {
namespace {

constexpr std::string_view kBase62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

// Django's base64_hmac(salt + "signer", value, key, algorithm): salted_hmac then unpadded URL-safe base64.
std::string Signature(std::string_view value, std::string_view secret_key, std::string_view salt, bool sha256) {
    const std::string key_material = std::string(salt) + "signer" + std::string(secret_key);
    Bytes mac;
    if (sha256) {
        const auto key = Sha256(AsBytes(key_material));
        mac = HmacSha256(key, AsBytes(value));
    } else {
        const auto key = Sha1(AsBytes(key_material));
        mac = HmacSha1(key, AsBytes(value));
    }
    return EncodeBase64(mac, Base64Alphabet::UrlSafe, false);
}

}  // namespace

std::string Base62Encode(std::int64_t value) {
    if (value == 0) return "0";
    const bool negative = value < 0;
    std::uint64_t magnitude = negative ? 0 - static_cast<std::uint64_t>(value) : static_cast<std::uint64_t>(value);
    std::string out;
    while (magnitude) {
        out.insert(out.begin(), kBase62[magnitude % 62]);
        magnitude /= 62;
    }
    return negative ? "-" + out : out;
}

Result<std::int64_t> Base62Decode(std::string_view text) {
    const bool negative = !text.empty() && text[0] == '-';
    if (negative) text.remove_prefix(1);
    if (text.empty() || text.size() > 10) return MakeError("signing.bad_timestamp", "the timestamp is not base62");
    std::int64_t value = 0;
    for (char c : text) {
        const auto digit = kBase62.find(c);
        if (digit == std::string_view::npos) return MakeError("signing.bad_timestamp", "the timestamp is not base62");
        value = value * 62 + static_cast<std::int64_t>(digit);
    }
    return negative ? -value : value;
}

Result<SignedPayload> ParseSignedPayload(std::string_view text) {
    // Django splits with rsplit(':', 1) twice: the signature, then the timestamp.
    const auto signature_at = text.rfind(':');
    if (signature_at == std::string_view::npos)
        return MakeError("signing.bad_format", "not a signed payload: expected B64:TIMESTAMP:SIGNATURE", "byte 0");
    const auto timestamp_at = text.rfind(':', signature_at == 0 ? 0 : signature_at - 1);
    if (timestamp_at == std::string_view::npos || timestamp_at == signature_at)
        return MakeError("signing.bad_format", "not a signed payload: expected B64:TIMESTAMP:SIGNATURE", "byte 0");

    SignedPayload payload;
    payload.signed_part = std::string(text.substr(0, signature_at));
    payload.signature = std::string(text.substr(signature_at + 1));
    auto timestamp = Base62Decode(text.substr(timestamp_at + 1, signature_at - timestamp_at - 1));
    if (!timestamp) return MakeError(timestamp.error().code, timestamp.error().message, "byte " + std::to_string(timestamp_at + 1));
    payload.timestamp = timestamp.value();

    std::string_view data = text.substr(0, timestamp_at);
    payload.compressed = !data.empty() && data[0] == '.';
    if (payload.compressed) data.remove_prefix(1);
    auto decoded = DecodeBase64(data, Base64Alphabet::UrlSafe);
    if (!decoded) return MakeError("signing.bad_base64", "the payload is not URL-safe base64: " + decoded.error().message, decoded.error().where);
    if (payload.compressed) {
        auto inflated = Inflate(decoded.value());
        if (!inflated) return inflated.error();
        payload.pickle = std::move(inflated.value());
    } else {
        payload.pickle = std::move(decoded.value());
    }
    return payload;
}

const char* SignatureCheckName(SignatureCheck check) {
    switch (check) {
        case SignatureCheck::Valid: return "valid (SHA-256)";
        case SignatureCheck::ValidLegacySha1: return "valid (legacy SHA-1)";
        case SignatureCheck::Invalid: return "invalid";
    }
    return "?";
}

SignatureCheck VerifySignature(const SignedPayload& payload, std::string_view secret_key, std::string_view salt) {
    if (ConstantTimeEqual(payload.signature, Signature(payload.signed_part, secret_key, salt, true))) return SignatureCheck::Valid;
    if (ConstantTimeEqual(payload.signature, Signature(payload.signed_part, secret_key, salt, false))) return SignatureCheck::ValidLegacySha1;
    return SignatureCheck::Invalid;
}

std::string SignPayload(ByteView pickle, std::string_view secret_key, std::string_view salt, std::int64_t unix_time, bool compress) {
    std::string data;
    if (compress) {
        const Bytes compressed = Deflate(pickle);
        if (compressed.size() + 1 < pickle.size()) data = "." + EncodeBase64(compressed, Base64Alphabet::UrlSafe, false);
    }
    if (data.empty()) data = EncodeBase64(pickle, Base64Alphabet::UrlSafe, false);
    const std::string value = data + ":" + Base62Encode(unix_time);
    return value + ":" + Signature(value, secret_key, salt, true);
}

}  // namespace core
