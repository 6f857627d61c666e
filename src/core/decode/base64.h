// Base64 (RFC 4648): the standard alphabet for django-picklefield values, the URL-safe one without
// padding for Django's signed payloads.
#pragma once

#include <string>
#include <string_view>

#include "core/bytes.h"
#include "core/result.h"

namespace core {

enum class Base64Alphabet { Standard, UrlSafe };

// Decodes text in the given alphabet. Padding is optional; whitespace is not allowed.
// Errors: "base64.bad_char" (where = "byte N"), "base64.bad_length".
Result<Bytes> DecodeBase64(std::string_view text, Base64Alphabet alphabet = Base64Alphabet::Standard);

// Whether DecodeBase64 would accept the text (checked without decoding it).
bool IsBase64(std::string_view text, Base64Alphabet alphabet = Base64Alphabet::Standard);

// Encodes bytes; `pad` adds '=' to a multiple of four characters.
std::string EncodeBase64(ByteView bytes, Base64Alphabet alphabet = Base64Alphabet::Standard, bool pad = true);

}  // namespace core
