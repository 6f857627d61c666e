#include "core/decode/py_bigint.h"

#include <algorithm>
#include <cstdint>
#include <vector>

namespace core {
namespace {

int HexDigit(char c) {
    return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

// Magnitude as little-endian base-256 digits -> decimal text.
std::string DecimalFromMagnitude(std::vector<std::uint8_t> magnitude) {
    std::string digits;
    while (!magnitude.empty()) {
        std::uint32_t remainder = 0;
        for (std::size_t i = magnitude.size(); i-- > 0;) {
            const std::uint32_t current = (remainder << 8) | magnitude[i];
            magnitude[i] = static_cast<std::uint8_t>(current / 10);
            remainder = current % 10;
        }
        digits += static_cast<char>('0' + remainder);
        while (!magnitude.empty() && magnitude.back() == 0) magnitude.pop_back();
    }
    if (digits.empty()) digits = "0";
    std::reverse(digits.begin(), digits.end());
    return digits;
}

// Magnitude -> "0x" and its hex digits, for ints too large to print in decimal (linear time).
std::string HexFromMagnitude(const std::vector<std::uint8_t>& magnitude) {
    static constexpr char kHex[] = "0123456789abcdef";
    std::string hex = "0x";
    for (std::size_t i = magnitude.size(); i-- > 0;) {
        hex += kHex[magnitude[i] >> 4];
        hex += kHex[magnitude[i] & 0xF];
    }
    return hex;
}

// Decimal text (no sign) -> little-endian base-256 magnitude.
std::vector<std::uint8_t> MagnitudeFromDecimal(std::string_view digits) {
    if (digits.substr(0, 2) == "0x") {  // a too-large int's hex form (HexFromMagnitude)
        std::vector<std::uint8_t> magnitude;
        for (std::size_t end = digits.size(); end > 2; end = end >= 4 ? end - 2 : 2) {
            const std::size_t begin = end >= 4 ? end - 2 : 2;
            int value = 0;
            for (std::size_t i = begin; i < end; ++i) value = value * 16 + std::max(HexDigit(digits[i]), 0);
            magnitude.push_back(static_cast<std::uint8_t>(value));
        }
        while (!magnitude.empty() && magnitude.back() == 0) magnitude.pop_back();
        return magnitude;
    }
    std::vector<std::uint8_t> magnitude;
    for (char c : digits) {
        std::uint32_t carry = static_cast<std::uint32_t>(c - '0');
        for (auto& byte : magnitude) {
            const std::uint32_t current = byte * 10u + carry;
            byte = static_cast<std::uint8_t>(current & 0xFF);
            carry = current >> 8;
        }
        while (carry) {
            magnitude.push_back(static_cast<std::uint8_t>(carry & 0xFF));
            carry >>= 8;
        }
    }
    return magnitude;
}

PyRef FromSignAndDigits(bool negative, const std::string& digits) {
    // Fits an int64 when at most 18 digits (or exactly the representable 19-digit ones).
    if (digits.size() < 19 || (digits.size() == 19 && digits <= (negative ? "9223372036854775808" : "9223372036854775807"))) {
        std::uint64_t magnitude = 0;
        for (char c : digits) magnitude = magnitude * 10 + static_cast<std::uint64_t>(c - '0');
        return PyInt(negative ? static_cast<std::int64_t>(0 - magnitude) : static_cast<std::int64_t>(magnitude));
    }
    auto value = std::make_shared<PyValue>();
    value->kind = PyKind::BigInt;
    value->text = (negative ? "-" : "") + digits;
    return value;
}

}  // namespace

bool IsUnprintableInt(const PyValue& value) {
    return value.kind == PyKind::BigInt && (value.text.rfind("0x", 0) == 0 || value.text.rfind("-0x", 0) == 0);
}

PyRef IntFromLittleEndian(std::string_view bytes) {
    if (bytes.empty()) return PyInt(0);
    std::vector<std::uint8_t> magnitude(bytes.begin(), bytes.end());
    const bool negative = magnitude.back() & 0x80;
    if (negative) {  // two's complement: invert and add one
        for (auto& byte : magnitude) byte = static_cast<std::uint8_t>(~byte);
        for (auto& byte : magnitude)
            if (++byte != 0) break;
    }
    while (!magnitude.empty() && magnitude.back() == 0) magnitude.pop_back();
    // Decimal conversion is quadratic: past Python's own limit for int -> str (4,300 digits, about
    // 1,786 bytes) the int keeps its hex form, which repr shows as too large to print.
    if (magnitude.size() > kMaxDecimalIntBytes) {
        auto value = std::make_shared<PyValue>();
        value->kind = PyKind::BigInt;
        value->text = (negative ? "-" : "") + HexFromMagnitude(magnitude);
        return value;
    }
    return FromSignAndDigits(negative, DecimalFromMagnitude(std::move(magnitude)));
}

PyRef IntFromDecimal(std::string_view text) {
    const bool negative = !text.empty() && text[0] == '-';
    if (!text.empty() && (text[0] == '-' || text[0] == '+')) text.remove_prefix(1);
    if (text.empty() || !std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; })) return nullptr;
    std::string digits(text);
    digits.erase(0, std::min(digits.find_first_not_of('0'), digits.size() - 1));
    return FromSignAndDigits(negative && digits != "0", digits);
}

std::string LittleEndianFromDecimal(std::string_view decimal) {
    const bool negative = !decimal.empty() && decimal[0] == '-';
    if (negative) decimal.remove_prefix(1);
    std::vector<std::uint8_t> bytes = MagnitudeFromDecimal(decimal);
    if (bytes.empty()) return {};
    if (negative) {
        for (auto& byte : bytes) byte = static_cast<std::uint8_t>(~byte);
        for (auto& byte : bytes)
            if (++byte != 0) break;
        if (!(bytes.back() & 0x80)) bytes.push_back(0xFF);
        // Drop redundant sign bytes, as Python's encode_long does.
        while (bytes.size() > 1 && bytes.back() == 0xFF && (bytes[bytes.size() - 2] & 0x80)) bytes.pop_back();
    } else if (bytes.back() & 0x80) {
        bytes.push_back(0);
    }
    return std::string(bytes.begin(), bytes.end());
}

std::string HexFromDecimal(std::string_view decimal, std::size_t width) {
    static constexpr char kHex[] = "0123456789abcdef";
    const std::vector<std::uint8_t> magnitude = MagnitudeFromDecimal(decimal);
    std::string hex;
    for (std::uint8_t byte : magnitude) {
        hex += kHex[byte & 15];
        hex += kHex[byte >> 4];
    }
    while (hex.size() > 1 && hex.back() == '0') hex.pop_back();
    while (hex.size() < width) hex += '0';
    std::reverse(hex.begin(), hex.end());
    return hex;
}

std::optional<char> SimpleEscape(char c) {
    switch (c) {
        case '\\': case '\'': case '"': return c;
        case 'a': return '\a';
        case 'b': return '\b';
        case 'f': return '\f';
        case 'n': return '\n';
        case 'r': return '\r';
        case 't': return '\t';
        case 'v': return '\v';
        default: return std::nullopt;
    }
}

void AppendUtf8(std::string& out, std::uint32_t cp) {
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

std::string DecodeRawUnicodeEscape(std::string_view text) {
    // Latin-1 bytes, except \uXXXX and \UXXXXXXXX escapes.
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto byte = static_cast<unsigned char>(text[i]);
        if (byte == '\\' && i + 1 < text.size() && (text[i + 1] == 'u' || text[i + 1] == 'U')) {
            const std::size_t digits = text[i + 1] == 'u' ? 4 : 8;
            if (i + 2 + digits <= text.size()) {
                std::uint32_t cp = 0;
                bool ok = true;
                for (std::size_t k = 0; k < digits && ok; ++k) {
                    const int v = HexDigit(text[i + 2 + k]);
                    ok = v >= 0;
                    cp = cp * 16 + static_cast<std::uint32_t>(v < 0 ? 0 : v);
                }
                if (ok && cp <= 0x10FFFF) {
                    AppendUtf8(out, cp);
                    i += 1 + digits;
                    continue;
                }
            }
        }
        AppendUtf8(out, byte);
    }
    return out;
}

std::optional<std::string> DecodeQuotedString(std::string_view literal) {
    if (literal.size() < 2 || (literal.front() != '\'' && literal.front() != '"') || literal.back() != literal.front()) return std::nullopt;
    literal = literal.substr(1, literal.size() - 2);
    // codecs.escape_decode, as pickle's load_string uses it.
    std::string out;
    for (std::size_t i = 0; i < literal.size(); ++i) {
        if (literal[i] != '\\') {
            out += literal[i];
            continue;
        }
        if (i + 1 == literal.size()) return std::nullopt;  // "Trailing \ in string"
        const char c = literal[++i];
        if (const auto simple = SimpleEscape(c)) {
            out += *simple;
            continue;
        }
        switch (c) {
            case '\n': break;  // a line continuation
            case '0': case '1': case '2': case '3': case '4': case '5': case '6': case '7': {
                int value = c - '0';
                for (int k = 0; k < 2 && i + 1 < literal.size() && literal[i + 1] >= '0' && literal[i + 1] <= '7'; ++k)
                    value = value * 8 + (literal[++i] - '0');
                out += static_cast<char>(value & 0xFF);
                break;
            }
            case 'x': {
                const int high = i + 2 < literal.size() ? HexDigit(literal[i + 1]) : -1;
                const int low = i + 2 < literal.size() ? HexDigit(literal[i + 2]) : -1;
                if (high < 0 || low < 0) return std::nullopt;
                out += static_cast<char>(high * 16 + low);
                i += 2;
                break;
            }
            default: out += '\\'; out += c; break;  // unknown escapes stay as written
        }
    }
    return out;
}

}  // namespace core
