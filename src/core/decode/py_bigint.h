// Python ints of any size as pickles store them (little-endian two's complement, LONG1/LONG4)
// and as repr prints them (decimal). Small values become Int nodes, others BigInt nodes.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/decode/py_value.h"

namespace core {

// Ints longer than this (Python's 4,300-digit limit for printing) keep their value as "0x" + hex
// digits in BigInt::text instead of decimal; IsUnprintableInt tells them apart.
inline constexpr std::size_t kMaxDecimalIntBytes = 1786;
bool IsUnprintableInt(const PyValue& value);

PyRef IntFromLittleEndian(std::string_view bytes);
// Decimal digits with an optional sign; null when they are not digits.
PyRef IntFromDecimal(std::string_view digits);
// The shortest little-endian two's complement bytes of a BigInt's decimal text (pickle's encode_long).
std::string LittleEndianFromDecimal(std::string_view decimal);
// Lower-case hex digits (no sign, no prefix) of a non-negative decimal, zero-padded to `width`.
std::string HexFromDecimal(std::string_view decimal, std::size_t width);

// Protocol 0 text: UNICODE's raw-unicode-escape and STRING's quoted literal.
std::string DecodeRawUnicodeEscape(std::string_view text);
std::optional<std::string> DecodeQuotedString(std::string_view literal);
// Appends the UTF-8 encoding of a code point.
void AppendUtf8(std::string& out, std::uint32_t code_point);
// What a backslash and `c` stand for when it is one of the one-character escapes Python's string
// literals and codecs.escape_decode share (\\ \' \" \a \b \f \n \r \t \v); nullopt otherwise.
std::optional<char> SimpleEscape(char c);

}  // namespace core
