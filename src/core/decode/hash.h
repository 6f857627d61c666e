// SHA-1, SHA-256 and HMAC (FIPS 180-4, RFC 2104), for Django's signatures. Our own code: the web
// build has no OpenSSL.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/bytes.h"

namespace core {

using Sha1Digest = std::array<std::uint8_t, 20>;
using Sha256Digest = std::array<std::uint8_t, 32>;

Sha1Digest Sha1(ByteView data);
Sha256Digest Sha256(ByteView data);
// HMAC with any key length (a key longer than the 64-byte block is hashed first, as RFC 2104 says).
Bytes HmacSha1(ByteView key, ByteView message);
Bytes HmacSha256(ByteView key, ByteView message);

// Compares without an early exit, so timing does not tell how much of a signature matched (only
// whether the lengths differ, as Python's hmac.compare_digest).
bool ConstantTimeEqual(std::string_view a, std::string_view b);

// Lower-case hex, two digits a byte.
std::string HexOf(ByteView bytes);

}  // namespace core
