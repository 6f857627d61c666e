// Django signing as Django Q's ORM broker uses it (SEMANTICS.md §4; django/core/signing.py 3.2,
// django_q/signing.py): "B64:TS:SIG", where B64 is the unpadded URL-safe base64 pickle
// ('.'-prefixed when zlib-compressed), TS a base62 Unix time and SIG the unpadded URL-safe base64
// of HMAC(key = H(salt + "signer" + SECRET_KEY), msg = "B64:TS"). Reading needs no key; verifying
// and signing do. The SECRET_KEY is never logged or put in an error.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/bytes.h"
#include "core/result.h"

namespace core {

// The salt Django Q signs with is Q_CLUSTER['name'], this when the setting is absent.
inline constexpr std::string_view kDefaultSigningSalt = "default";

struct SignedPayload {
    std::string signed_part;     // "B64:TS": what the signature covers
    std::string signature;       // SIG as written (not checked by parsing)
    bool compressed = false;     // B64 had the '.' prefix
    std::int64_t timestamp = 0;  // TS: Unix seconds when it was signed
    std::string signed_at;       // TS as UTC "YYYY-MM-DD HH:MM:SS"
    Bytes pickle;                // B64 decoded and, when compressed, inflated
};

// Splits as Django does (rsplit(':', 1) for SIG, then again for TS) and decodes without checking
// the signature. Stricter than Python's base64 (which skips stray characters): B64 must be pure
// URL-safe base64. Errors: "signing.bad_format" (where = "field signature" / "field timestamp"),
// "signing.bad_timestamp", "signing.bad_base64" (where = "byte N" of `text`), "zlib.corrupt"
// (where = "byte N" of the compressed bytes), "zlib.too_large" (over kMaxInflatedSize).
Result<SignedPayload> ParseSignedPayload(std::string_view text);

enum class SigningAlgorithm { Sha256, LegacySha1 };
enum class SignatureCheck { Valid, ValidLegacySha1, Invalid };
const char* SignatureCheckName(SignatureCheck check);  // "valid (SHA-256)", "valid (legacy SHA-1)", "invalid"

// Checks SIG with SECRET_KEY and salt (the cluster name) in constant time, as Django 3.1-3.2's
// Signer.unsign does: HMAC-SHA256 first, then the legacy HMAC-SHA1 of Django <= 3.0.
SignatureCheck VerifySignature(const SignedPayload& payload, std::string_view secret_key, std::string_view salt);

// Django's Signer.signature(value): base64_hmac(salt + "signer", value, key, algorithm), where
// salted_hmac keys the HMAC with H(salt + "signer" + secret) (the key's UTF-8 bytes as given).
std::string DjangoSignature(std::string_view value, std::string_view secret_key, std::string_view salt,
                            SigningAlgorithm algorithm = SigningAlgorithm::Sha256);

// Signs a pickle as django.core.signing.dumps(obj, key, salt, compress) does, with the time given
// (so tests and the demo are deterministic). With `compress`, zlib is used only when the result is
// shorter than the pickle minus one byte, as Django decides.
std::string SignPayload(ByteView pickle, std::string_view secret_key, std::string_view salt, std::int64_t unix_time,
                        bool compress = false, SigningAlgorithm algorithm = SigningAlgorithm::Sha256);

// Base62 (0-9A-Za-z, '-' for negatives) as Django writes timestamps. Decoding accepts at most ten
// digits (which cannot overflow); error "signing.bad_timestamp".
std::string Base62Encode(std::int64_t value);
Result<std::int64_t> Base62Decode(std::string_view text);

// Unix seconds as UTC "YYYY-MM-DD HH:MM:SS" (proleptic Gregorian, any int64).
std::string FormatUnixTimeUtc(std::int64_t unix_seconds);

}  // namespace core
