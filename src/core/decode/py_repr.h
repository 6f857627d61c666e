// Python's repr() of a decoded pickle. Builtins and standard-library types come out exactly as
// CPython prints them (3.11 by default; see ReprOptions::python_minor); user classes, whose repr
// needs their code, as class path + state: "demoapp.tasks.Plain(a=[1, 2], b={'k': None})"
// (SEMANTICS.md §3). Printing never recurses on the machine stack and is bounded by max_output.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

#include "core/decode/py_value.h"

namespace core {

struct ReprOptions {
    std::size_t max_items = SIZE_MAX;  // per container; the rest become ", …(N more)"
    std::size_t max_text = SIZE_MAX;   // bytes of one str or bytes value; the rest become "…(N more)"
    // The whole text; past it the repr ends with "…". A pickle that shares one node at every level
    // stays small while its repr doubles per level, so this is never unlimited (1 MB: a detail view
    // shows the start of anything larger, ending in "…").
    std::size_t max_output = std::size_t{1} << 20;
    // Python 3.x whose repr to follow where versions differ: 3.12 prints OrderedDict({'a': 1}),
    // earlier versions OrderedDict([('a', 1)]) (the fixtures' goldens).
    int python_minor = 11;
};

// `exact` (optional) is set to whether Python's repr() would print the same text: false for user
// classes, class and function objects outside builtins, and anything the caps shortened.
std::string ReprPython(const PyValue& value, const ReprOptions& options = {}, bool* exact = nullptr);
// The same, indented over several lines where one line would be longer than `width` (4 spaces a
// level, one item per line, as a detail view shows it).
std::string PrettyPython(const PyValue& value, const ReprOptions& options = {}, std::size_t width = 80);
// True when the value names a class outside the standard library (so its repr is our readable form).
bool HasUserClass(const PyValue& value);

}  // namespace core
