// Writes a PyValue tree as a pickle that Python's pickle.loads reads back as an equal value. The
// output follows CPython's own pickler for protocols 2 to 5 (framing, MEMOIZE/BINPUT, opcode choice,
// Python 2 names below protocol 3), so values come out byte for byte as Python writes them.
#pragma once

#include <string>

#include "core/bytes.h"
#include "core/decode/py_value.h"
#include "core/result.h"

namespace core {

// Protocol 5 is what Django Q on Python 3.8+ writes (pickle.HIGHEST_PROTOCOL); 4 for Python 3.4-3.7.
// Errors: "pickle.bad_protocol" (not 2-5), "pickle.too_deep" (nested deeper than 1000: only a
// hostile pickle or a cyclic hand-built tree makes those).
Result<Bytes> EncodePickle(const PyValue& value, int protocol = 5);
// django-picklefield's text for a value: base64 of its pickle.
Result<std::string> EncodePickledField(const PyValue& value, int protocol = 5);

}  // namespace core
