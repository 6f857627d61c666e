// Decodes arbitrary bytes as a pickle; whatever decodes must print, re-encode and decode again to
// the same repr.
#include <cstdlib>

#include "core/decode/pickle_reader.h"
#include "core/decode/pickle_writer.h"
#include "core/decode/py_repr.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    auto value = core::DecodePickle({data, size});
    if (!value) return 0;
    const std::string repr = core::ReprPython(*value.value());
    (void)core::PrettyPython(*value.value());
    (void)core::HasUserClass(*value.value());
    auto encoded = core::EncodePickle(*value.value());
    if (!encoded) return 0;  // nested deeper than the writer allows
    auto again = core::DecodePickle(encoded.value());
    if (!again || core::ReprPython(*again.value()) != repr) std::abort();
    return 0;
}
