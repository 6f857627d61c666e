// CPython's repr() of floats, str and bytes, to the character.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace core {

// repr(float): shortest round-trip digits, "1e+16", "1.5e-05", "inf", "nan", "-0.0".
std::string FloatRepr(double value);
// The same digits without a forced ".0": how complex() prints its parts ("2" for 2.0).
std::string FloatReprBare(double value);
// repr(str) of UTF-8 text: the quote CPython picks, its escapes, and non-printable code points
// escaped as \xNN, \uNNNN or \UNNNNNNNN.
std::string StrRepr(std::string_view utf8);
// repr(bytes) without the b prefix: the quoted, escaped body. `bytearray` escapes as
// repr(bytearray) does, which always escapes a single quote.
std::string BytesRepr(std::string_view bytes, bool bytearray = false);
// Whether CPython's str.isprintable() holds for a code point: exact for Python 3.11's Unicode 14.0
// tables (py_unicode_table.cpp); code points assigned by later Unicode versions count as unassigned.
bool IsPrintable(std::uint32_t code_point);

}  // namespace core
