// A safe pickle reader (protocols 0-5): builds a PyValue tree and never executes anything.
#pragma once

#include <string_view>

#include "core/bytes.h"
#include "core/decode/py_value.h"
#include "core/result.h"

namespace core {

// Decodes one pickle. The tree's nodes live as long as the returned root: keep it while using them. Errors carry a stable code and where = "byte N": "pickle.truncated",
// "pickle.bad_opcode", "pickle.stack_underflow", "pickle.no_mark", "pickle.bad_memo",
// "pickle.bad_value", "pickle.too_large", "pickle.too_deep", "pickle.out_of_band" (protocol-5
// buffers), "pickle.unsupported" (persistent ids, extension registry), "pickle.no_stop".
Result<PyRef> DecodePickle(ByteView bytes);

// django-picklefield's text: base64 of a pickle (Django Q's fields are not compressed).
Result<PyRef> DecodePickledField(std::string_view base64_text);

}  // namespace core
