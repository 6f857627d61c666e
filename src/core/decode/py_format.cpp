#include "core/decode/py_format.h"

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

#include "core/decode/py_bigint.h"

namespace core {
namespace {

bool RoundTrips(const std::string& digits, int exponent, double value) {
    std::string text = digits.substr(0, 1) + "." + digits.substr(1) + "e" + std::to_string(exponent);
    return std::strtod(text.c_str(), nullptr) == value;
}

// digits ± 1 in the last place, as a decimal integer; the exponent follows a change of length.
bool Neighbour(std::string& digits, int& exponent, int delta) {
    std::size_t i = digits.size();
    while (i-- > 0) {
        if (delta > 0 && digits[i] == '9') { digits[i] = '0'; continue; }
        if (delta < 0 && digits[i] == '0') { digits[i] = '9'; continue; }
        digits[i] = static_cast<char>(digits[i] + delta);
        break;
    }
    if (i == static_cast<std::size_t>(-1)) {
        if (delta < 0) return false;  // was 0
        digits.insert(digits.begin(), '1');
        digits.pop_back();
        ++exponent;
    }
    if (digits[0] == '0') {
        if (digits.size() == 1) return false;
        digits.erase(0, 1);
        digits += '9';
        --exponent;
    }
    return true;
}

// Shortest digits that round-trip, and the decimal exponent of the first digit (d.ddd × 10^exp):
// what Python's repr (dtoa mode 0) picks. libc++ 13 has no floating to_chars, so each precision's
// correctly rounded digits come from printf; when they miss, a neighbour at the same precision can
// still round-trip (just above a power of two the interval below a double is half as wide).
void ShortestDigits(double value, std::string& digits, int& exponent) {
    char buffer[40];
    for (int precision = 1; precision <= 17; ++precision) {
        std::snprintf(buffer, sizeof buffer, "%.*e", precision - 1, value);
        digits.clear();
        const char* p = buffer;
        for (; *p && *p != 'e'; ++p)
            if (*p != '.') digits += *p;
        exponent = std::atoi(p + 1);
        if (std::strtod(buffer, nullptr) == value) break;
        bool found = false;
        for (int delta : {1, -1}) {
            std::string other = digits;
            int other_exponent = exponent;
            if (Neighbour(other, other_exponent, delta) && RoundTrips(other, other_exponent, value)) {
                digits = other;
                exponent = other_exponent;
                found = true;
                break;
            }
        }
        if (found) break;
    }
    while (digits.size() > 1 && digits.back() == '0') digits.pop_back();
}

std::string FormatFloat(double value, bool force_point) {
    if (std::isnan(value)) return "nan";
    if (std::isinf(value)) return value > 0 ? "inf" : "-inf";
    std::string sign = std::signbit(value) ? "-" : "";
    if (value == 0.0) return sign + (force_point ? "0.0" : "0");
    std::string digits;
    int exponent = 0;
    ShortestDigits(std::fabs(value), digits, exponent);
    const int point = exponent + 1;  // digits before the decimal point
    if (exponent < -4 || exponent >= 16) {
        std::string mantissa = digits.substr(0, 1);
        if (digits.size() > 1) mantissa += "." + digits.substr(1);
        char exp_text[16];
        std::snprintf(exp_text, sizeof exp_text, "e%c%02d", exponent < 0 ? '-' : '+', std::abs(exponent));
        return sign + mantissa + exp_text;
    }
    if (point <= 0) return sign + "0." + std::string(static_cast<std::size_t>(-point), '0') + digits;
    if (static_cast<std::size_t>(point) >= digits.size())
        return sign + digits + std::string(static_cast<std::size_t>(point) - digits.size(), '0') + (force_point ? ".0" : "");
    return sign + digits.substr(0, static_cast<std::size_t>(point)) + "." + digits.substr(static_cast<std::size_t>(point));
}

// Decodes one UTF-8 sequence at `i` (lenient: lone surrogates pass, a bad byte is taken as U+FFFD
// would hide it, so it is returned as its own value in the surrogate-escape range).
std::uint32_t NextCodePoint(std::string_view text, std::size_t& i) {
    const auto lead = static_cast<unsigned char>(text[i++]);
    if (lead < 0x80) return lead;
    int extra = lead >= 0xF0 ? 3 : lead >= 0xE0 ? 2 : lead >= 0xC0 ? 1 : -1;
    if (extra < 0 || i + static_cast<std::size_t>(extra) > text.size()) return 0xDC00 + lead;  // undecodable byte
    std::uint32_t cp = lead & (0x3F >> extra);
    for (int k = 0; k < extra; ++k) {
        const auto next = static_cast<unsigned char>(text[i]);
        if ((next & 0xC0) != 0x80) return 0xDC00 + lead;
        cp = (cp << 6) | (next & 0x3F);
        ++i;
    }
    return cp;
}

char QuoteFor(std::string_view text) {
    bool single = false, doubled = false;
    for (char c : text) {
        single |= c == '\'';
        doubled |= c == '"';
    }
    return single && !doubled ? '"' : '\'';
}

void AppendEscape(std::string& out, char kind, std::uint32_t value, int digits) {
    char buffer[12];
    std::snprintf(buffer, sizeof buffer, "\\%c%0*x", kind, digits, value);
    out += buffer;
}

}  // namespace

std::string FloatRepr(double value) { return FormatFloat(value, true); }
std::string FloatReprBare(double value) { return FormatFloat(value, false); }

std::string StrRepr(std::string_view utf8) {
    const char quote = QuoteFor(utf8);
    std::string out(1, quote);
    for (std::size_t i = 0; i < utf8.size();) {
        const std::uint32_t cp = NextCodePoint(utf8, i);
        if (cp == static_cast<std::uint32_t>(quote) || cp == '\\') {
            out += '\\';
            out += static_cast<char>(cp);
        } else if (cp == '\t') out += "\\t";
        else if (cp == '\n') out += "\\n";
        else if (cp == '\r') out += "\\r";
        else if (cp < 0x7F && cp >= 0x20) out += static_cast<char>(cp);
        else if (cp >= 0x80 && IsPrintable(cp)) AppendUtf8(out, cp);
        else if (cp <= 0xFF) AppendEscape(out, 'x', cp, 2);
        else if (cp <= 0xFFFF) AppendEscape(out, 'u', cp, 4);
        else AppendEscape(out, 'U', cp, 8);
    }
    out += quote;
    return out;
}

std::string BytesRepr(std::string_view bytes, bool bytearray) {
    const char quote = QuoteFor(bytes);
    std::string out(1, quote);
    for (char c : bytes) {
        const auto byte = static_cast<unsigned char>(c);
        // bytearray's repr escapes ' even inside "..." (CPython's bytearray_repr), bytes' only the quote.
        if (byte == static_cast<unsigned char>(quote) || byte == '\\' || (bytearray && byte == '\'')) {
            out += '\\';
            out += c;
        } else if (byte == '\t') out += "\\t";
        else if (byte == '\n') out += "\\n";
        else if (byte == '\r') out += "\\r";
        else if (byte < 0x20 || byte >= 0x7F) AppendEscape(out, 'x', byte, 2);
        else out += c;
    }
    out += quote;
    return out;
}

}  // namespace core
