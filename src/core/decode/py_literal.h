// Python literals of decoded values: the text ast.literal_eval reads back as the same value, which
// is how a Schedule's args and kwargs are stored (SEMANTICS.md §5).
#pragma once

#include <string>

#include "core/decode/py_value.h"
#include "core/result.h"

namespace core {

// The literal of `value` (its repr, for the kinds literal_eval accepts: None, bool, int, float,
// complex, str, bytes, tuple, list, dict and non-empty set). Error "literal.none" names the first
// part that has none and why: "[0]['when']: a datetime.datetime has no Python literal".
// `where` prefixes the path in the message ("args").
Result<std::string> PythonLiteral(const PyValue& value, std::string_view where = {});

}  // namespace core
