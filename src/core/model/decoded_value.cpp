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
    return std::optional<DecodedValue>(std::move(decoded));
}

}  // namespace core
