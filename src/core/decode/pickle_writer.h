// Writes a PyValue tree as a pickle that Python's pickle.loads reads back as an equal value. The
// output follows CPython's own pickler for protocol 5 (framing, MEMOIZE, opcode choice), so simple
// values come out byte for byte as Python writes them.
#pragma once

#include <string>

#include "core/bytes.h"
#include "core/decode/py_value.h"
#include "core/result.h"

namespace core {

// Error "pickle.too_deep" for values nested deeper than 1000 (only a hostile pickle makes those).
Result<Bytes> EncodePickle(const PyValue& value);
// django-picklefield's text for a value: base64 of its pickle.
Result<std::string> EncodePickledField(const PyValue& value);

}  // namespace core
