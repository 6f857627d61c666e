#include "core/model/decoded_value.h"

#include "core/decode/pickle_reader.h"

namespace core {

Result<std::optional<DecodedValue>> DecodeStoredValue(const std::optional<std::string>& stored, const ReprOptions& options) {
    if (!stored) return std::optional<DecodedValue>();
    auto value = DecodePickledField(*stored);
    if (!value) return value.error();
    DecodedValue decoded;
    decoded.repr = ReprPython(*value.value(), options);
    decoded.pretty = PrettyPython(*value.value(), options);
    if (value.value()->kind == PyKind::Str) decoded.text = value.value()->text;
    decoded.tree = std::move(value.value());
    return std::optional<DecodedValue>(std::move(decoded));
}

std::string ShortResult(const std::optional<std::string>& stored) {
    constexpr std::size_t kLength = 100;
    ReprOptions options;
    options.max_text = 4 * kLength;  // enough bytes for 100 characters of any script
    options.max_items = kLength;
    options.max_output = 8 * kLength;  // only what is shown is printed, however large the value
    if (!stored) return "";
    auto value = DecodePickledField(*stored);
    if (!value) return "<cannot decode: " + value.error().Describe() + ">";
    const std::string text = value.value()->kind == PyKind::Str ? value.value()->text.substr(0, options.max_text)
                                                                : ReprPython(*value.value(), options);
    // Counts code points: a UTF-8 lead byte starts each one.
    std::size_t characters = 0, cut = std::string::npos;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if ((static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) continue;
        if (characters == kLength - 1) cut = i;
        if (++characters > kLength) return text.substr(0, cut) + "…";
    }
    return text;
}

}  // namespace core
