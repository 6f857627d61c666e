#include "core/decode/py_format.h"

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

#include "core/decode/py_bigint.h"

namespace core {
namespace {

// Shortest digits that round-trip, and the decimal exponent of the first digit (d.ddd × 10^exp).
void ShortestDigits(double value, std::string& digits, int& exponent) {
    char buffer[40];
    for (int precision = 1; precision <= 17; ++precision) {
        std::snprintf(buffer, sizeof buffer, "%.*e", precision - 1, value);
        if (std::strtod(buffer, nullptr) == value) break;
    }
    // buffer: [-]d[.ddd]e±XX
    digits.clear();
    const char* p = buffer;
    if (*p == '-') ++p;
    for (; *p && *p != 'e'; ++p)
        if (*p != '.') digits += *p;
    exponent = std::atoi(p + 1);
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
        char exp_text[8];
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

bool IsPrintable(std::uint32_t cp) {
    if (cp < 0x20 || (cp >= 0x7F && cp <= 0xA0) || cp == 0xAD) return false;  // Cc, NBSP (Zs), soft hyphen (Cf)
    if (cp == 0x61C || cp == 0x1680 || cp == 0x180E) return false;  // Arabic letter mark, Ogham space, Mongolian separator
    if ((cp >= 0x600 && cp <= 0x605) || cp == 0x6DD || cp == 0x70F || cp == 0x8E2) return false;  // Arabic/Syriac format
    if (cp >= 0x2000 && cp <= 0x200F) return false;  // spaces and zero-width format characters
    if (cp >= 0x2028 && cp <= 0x202F) return false;  // line/paragraph separators, bidi embedding, NNBSP
    if (cp >= 0x205F && cp <= 0x206F) return false;  // MMSP, invisible operators, deprecated format
    if (cp == 0x3000 || cp == 0xFEFF || (cp >= 0xFFF9 && cp <= 0xFFFB)) return false;
    if (cp >= 0xD800 && cp <= 0xDFFF) return false;  // surrogates
    if (cp >= 0xE000 && cp <= 0xF8FF) return false;  // private use
    if ((cp & 0xFFFE) == 0xFFFE || (cp >= 0xFDD0 && cp <= 0xFDEF)) return false;  // noncharacters
    if (cp >= 0xF0000) return false;                  // supplementary private use planes
    if (cp == 0x110BD || cp == 0x110CD || (cp >= 0x1BCA0 && cp <= 0x1BCA3) || (cp >= 0x1D173 && cp <= 0x1D17A)) return false;
    if (cp == 0xE0001 || (cp >= 0xE0020 && cp <= 0xE007F)) return false;  // tags
    return cp <= 0x10FFFF;
}

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

std::string BytesRepr(std::string_view bytes) {
    const char quote = QuoteFor(bytes);
    std::string out(1, quote);
    for (char c : bytes) {
        const auto byte = static_cast<unsigned char>(c);
        if (byte == static_cast<unsigned char>(quote) || byte == '\\') {
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
