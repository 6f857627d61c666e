// A stored pickled field (task args, kwargs, result) as front ends display it.
#pragma once

#include <optional>
#include <string>

#include "core/decode/py_repr.h"
#include "core/result.h"

namespace core {

struct DecodedValue {
    std::string repr;                 // one line, exactly Python's repr for standard values
    std::string pretty;               // indented over several lines
    std::optional<std::string> text;  // the string itself when the value is a str (tracebacks read better raw)
    PyRef tree;                       // the decoded value, for a tree view
};

// nullopt for a NULL column; an error (code and byte) when the pickle cannot be read.
Result<std::optional<DecodedValue>> DecodeStoredValue(const std::optional<std::string>& stored, const ReprOptions& options = {});

// The Failed tasks list's short_result: Django's truncatechars(result, 100) of the value's text
// (a str as itself, anything else as its repr): 99 characters and "…" when longer. An undecodable
// result shows its error instead.
std::string ShortResult(const std::optional<std::string>& stored);

}  // namespace core
