#include "core/decode/signing.h"

#include <cstdio>

#include "core/decode/base64.h"
#include "core/decode/hash.h"
#include "core/decode/zlib_codec.h"

namespace core {
namespace {

constexpr std::string_view kBase62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
constexpr std::size_t kMaxBase62Digits = 10;  // 62^10 < 2^63

bool IsUrlSafeBase64Char(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
}

// Index of the first character that is neither URL-safe base64 nor trailing '=' padding, or npos.
std::size_t FirstNonBase64(std::string_view data) {
    std::size_t end = data.size();
    while (end > 0 && data[end - 1] == '=') --end;
    for (std::size_t i = 0; i < end; ++i)
        if (!IsUrlSafeBase64Char(data[i])) return i;
    return std::string_view::npos;
}

std::int64_t FloorDiv(std::int64_t a, std::int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

}  // namespace

std::string Base62Encode(std::int64_t value) {
    if (value == 0) return "0";
    const bool negative = value < 0;
    std::uint64_t magnitude = negative ? 0 - static_cast<std::uint64_t>(value) : static_cast<std::uint64_t>(value);
    std::string digits;
    while (magnitude) {
        digits += kBase62[magnitude % 62];
        magnitude /= 62;
    }
    if (negative) digits += '-';
    return std::string(digits.rbegin(), digits.rend());
}

Result<std::int64_t> Base62Decode(std::string_view text) {
    const bool negative = !text.empty() && text[0] == '-';
    if (negative) text.remove_prefix(1);
    if (text.empty() || text.size() > kMaxBase62Digits)
        return MakeError("signing.bad_timestamp", "the timestamp is not a base62 number of 1 to 10 digits");
    std::int64_t value = 0;
    for (char c : text) {
        const auto digit = kBase62.find(c);
        if (digit == std::string_view::npos)
            return MakeError("signing.bad_timestamp", "the timestamp has a character outside 0-9A-Za-z");
        value = value * 62 + static_cast<std::int64_t>(digit);
    }
    return negative ? -value : value;
}

std::string FormatUnixTimeUtc(std::int64_t unix_seconds) {
    // H. Hinnant's civil_from_days; every intermediate fits in int64 for any int64 input.
    const std::int64_t days = FloorDiv(unix_seconds, 86400);
    const std::int64_t seconds = unix_seconds % 86400 + (unix_seconds % 86400 < 0 ? 86400 : 0);  // days * 86400 can overflow
    const std::int64_t z = days + 719468;
    const std::int64_t era = FloorDiv(z, 146097);
    const std::int64_t doe = z - era * 146097;
    const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const std::int64_t mp = (5 * doy + 2) / 153;
    const std::int64_t day = doy - (153 * mp + 2) / 5 + 1;
    const std::int64_t month = mp < 10 ? mp + 3 : mp - 9;
    const std::int64_t year = yoe + era * 400 + (month <= 2);
    char text[128];  // roomy: the compiler cannot see that month, day, hours... have two digits
    std::snprintf(text, sizeof text, "%04lld-%02lld-%02lld %02lld:%02lld:%02lld", static_cast<long long>(year),
                  static_cast<long long>(month), static_cast<long long>(day), static_cast<long long>(seconds / 3600),
                  static_cast<long long>(seconds / 60 % 60), static_cast<long long>(seconds % 60));
    return text;
}

Result<SignedPayload> ParseSignedPayload(std::string_view text) {
    // Django: value, sig = signed_value.rsplit(':', 1), then value.rsplit(':', 1) for the time.
    const auto signature_at = text.rfind(':');
    if (signature_at == std::string_view::npos)
        return MakeError("signing.bad_format", "not a signed payload: no ':' before a signature", "field signature");
    const auto timestamp_at = signature_at == 0 ? std::string_view::npos : text.rfind(':', signature_at - 1);
    if (timestamp_at == std::string_view::npos)
        return MakeError("signing.bad_format", "not a signed payload: no ':' before a timestamp", "field timestamp");

    SignedPayload payload;
    payload.signed_part = std::string(text.substr(0, signature_at));
    payload.signature = std::string(text.substr(signature_at + 1));
    auto timestamp = Base62Decode(text.substr(timestamp_at + 1, signature_at - timestamp_at - 1));
    if (!timestamp) return MakeError(timestamp.error().code, timestamp.error().message, "byte " + std::to_string(timestamp_at + 1));
    payload.timestamp = timestamp.value();
    payload.signed_at = FormatUnixTimeUtc(payload.timestamp);

    std::string_view data = text.substr(0, timestamp_at);
    payload.compressed = !data.empty() && data[0] == '.';
    const std::size_t data_at = payload.compressed ? 1 : 0;
    data.remove_prefix(data_at);
    if (const auto bad = FirstNonBase64(data); bad != std::string_view::npos)
        return MakeError("signing.bad_base64", "the payload has a character outside URL-safe base64", "byte " + std::to_string(data_at + bad));
    auto decoded = DecodeBase64(data, Base64Alphabet::UrlSafe);
    if (!decoded)
        return MakeError("signing.bad_base64", "the payload is not URL-safe base64: " + decoded.error().message, "byte " + std::to_string(data_at));
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

std::string DjangoSignature(std::string_view value, std::string_view secret_key, std::string_view salt, SigningAlgorithm algorithm) {
    // salted_hmac(salt + "signer", value, secret): key = H(key_salt + secret), then HMAC-H(key, value).
    std::string key_material;
    key_material.reserve(salt.size() + 6 + secret_key.size());
    key_material.append(salt).append("signer").append(secret_key);
    Bytes mac;
    if (algorithm == SigningAlgorithm::Sha256) {
        mac = HmacSha256(Sha256(AsBytes(key_material)), AsBytes(value));
    } else {
        mac = HmacSha1(Sha1(AsBytes(key_material)), AsBytes(value));
    }
    return EncodeBase64(mac, Base64Alphabet::UrlSafe, false);
}

SignatureCheck VerifySignature(const SignedPayload& payload, std::string_view secret_key, std::string_view salt) {
    if (ConstantTimeEqual(payload.signature, DjangoSignature(payload.signed_part, secret_key, salt, SigningAlgorithm::Sha256)))
        return SignatureCheck::Valid;
    if (ConstantTimeEqual(payload.signature, DjangoSignature(payload.signed_part, secret_key, salt, SigningAlgorithm::LegacySha1)))
        return SignatureCheck::ValidLegacySha1;
    return SignatureCheck::Invalid;
}

std::string SignPayload(ByteView pickle, std::string_view secret_key, std::string_view salt, std::int64_t unix_time, bool compress,
                        SigningAlgorithm algorithm) {
    std::string value;
    if (compress) {
        // Django: `if len(compressed) < (len(data) - 1)`; a failed deflate just means no compression.
        auto compressed = Deflate(pickle);
        if (compressed && compressed->size() + 1 < pickle.size())
            value = "." + EncodeBase64(compressed.value(), Base64Alphabet::UrlSafe, false);
    }
    if (value.empty()) value = EncodeBase64(pickle, Base64Alphabet::UrlSafe, false);
    value += ':';
    value += Base62Encode(unix_time);
    const std::string signature = DjangoSignature(value, secret_key, salt, algorithm);
    value += ':';
    value += signature;
    return value;
}

}  // namespace core
