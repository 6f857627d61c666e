#include "core/decode/base64.h"

#include <array>

namespace core {
namespace {

constexpr std::string_view kStandard = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
constexpr std::string_view kUrlSafe = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

std::string_view AlphabetChars(Base64Alphabet alphabet) {
    return alphabet == Base64Alphabet::Standard ? kStandard : kUrlSafe;
}

// 0..63 for a character of the alphabet, -1 otherwise.
std::array<int, 256> MakeDecodeTable(std::string_view chars) {
    std::array<int, 256> table{};
    table.fill(-1);
    for (std::size_t i = 0; i < chars.size(); ++i) table[static_cast<unsigned char>(chars[i])] = static_cast<int>(i);
    return table;
}

const std::array<int, 256>& DecodeTable(Base64Alphabet alphabet) {
    static const std::array<int, 256> standard = MakeDecodeTable(kStandard);
    static const std::array<int, 256> url_safe = MakeDecodeTable(kUrlSafe);
    return alphabet == Base64Alphabet::Standard ? standard : url_safe;
}

// The length of the text without its padding, or why it does not decode.
Result<std::size_t> CheckBase64(std::string_view text, const std::array<int, 256>& table) {
    std::size_t length = text.size();
    while (length > 0 && text[length - 1] == '=') --length;
    if (text.size() - length > 2 || length % 4 == 1)
        return MakeError("base64.bad_length", "base64 text has an impossible length", "length " + std::to_string(text.size()));
    for (std::size_t i = 0; i < length; ++i)
        if (table[static_cast<unsigned char>(text[i])] < 0)
            return MakeError("base64.bad_char", "base64 text has a character outside its alphabet", "byte " + std::to_string(i));
    return length;
}

}  // namespace

bool IsBase64(std::string_view text, Base64Alphabet alphabet) { return static_cast<bool>(CheckBase64(text, DecodeTable(alphabet))); }

Result<Bytes> DecodeBase64(std::string_view text, Base64Alphabet alphabet) {
    const auto& table = DecodeTable(alphabet);
    const auto length = CheckBase64(text, table);
    if (!length) return length.error();
    Bytes out;
    out.reserve(length.value() * 3 / 4);
    std::uint32_t accumulator = 0;
    int bits = 0;
    for (std::size_t i = 0; i < length.value(); ++i) {
        accumulator = (accumulator << 6) | static_cast<std::uint32_t>(table[static_cast<unsigned char>(text[i])]);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out.push_back(static_cast<std::uint8_t>((accumulator >> bits) & 0xFF));
        }
    }
    return out;
}

std::string EncodeBase64(ByteView bytes, Base64Alphabet alphabet, bool pad) {
    const std::string_view chars = AlphabetChars(alphabet);
    std::string out;
    out.reserve((bytes.size() + 2) / 3 * 4);
    std::size_t i = 0;
    for (; i + 2 < bytes.size(); i += 3) {
        const std::uint32_t n = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
        out += chars[(n >> 18) & 63];
        out += chars[(n >> 12) & 63];
        out += chars[(n >> 6) & 63];
        out += chars[n & 63];
    }
    const std::size_t rest = bytes.size() - i;
    if (rest > 0) {
        const std::uint32_t n = (bytes[i] << 16) | (rest == 2 ? bytes[i + 1] << 8 : 0);
        out += chars[(n >> 18) & 63];
        out += chars[(n >> 12) & 63];
        if (rest == 2) out += chars[(n >> 6) & 63];
        if (pad) out.append(rest == 1 ? 2 : 1, '=');
    }
    return out;
}

}  // namespace core
