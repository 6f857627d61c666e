// Django signing as Django Q's ORM broker uses it (SEMANTICS.md §4): "B64:TS:SIG", where B64 is
// the URL-safe base64 pickle ('.'-prefixed when zlib-compressed), TS a base62 Unix time and SIG an
// HMAC keyed by H(salt + "signer" + SECRET_KEY). Reading needs no key; verifying and signing do.
// The SECRET_KEY is never logged or put in an error.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/bytes.h"
#include "core/result.h"

namespace core {

struct SignedPayload {
    std::string signed_part;  // "B64:TS": what the signature covers
    std::string signature;
    bool compressed = false;
    std::int64_t timestamp = 0;  // Unix seconds
    Bytes pickle;                // decoded (and inflated) payload
};

// Splits and decodes a payload without checking it. Errors: "signing.bad_format",
// "signing.bad_base64", "signing.bad_timestamp", "zlib.corrupt", "zlib.too_large".
Result<SignedPayload> ParseSignedPayload(std::string_view text);

enum class SignatureCheck { Valid, ValidLegacySha1, Invalid };
const char* SignatureCheckName(SignatureCheck check);  // "valid (SHA-256)", "valid (legacy SHA-1)", "invalid"

// Checks the signature with SECRET_KEY and salt (Q_CLUSTER name, "default" by default):
// HMAC-SHA256 as Django >= 3.1 signs, or the legacy SHA-1 Django <= 3.0 signed with.
SignatureCheck VerifySignature(const SignedPayload& payload, std::string_view secret_key, std::string_view salt);

// Signs a pickle as django.core.signing.dumps does (compressing only when that is shorter).
std::string SignPayload(ByteView pickle, std::string_view secret_key, std::string_view salt, std::int64_t unix_time,
                        bool compress = false);

// Base62 (0-9A-Za-z) as django.utils.baseconv writes timestamps.
std::string Base62Encode(std::int64_t value);
Result<std::int64_t> Base62Decode(std::string_view text);

}  // namespace core
