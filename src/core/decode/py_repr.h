// Python's repr() of a decoded pickle. Builtins and standard-library types come out exactly as
// CPython 3.11 prints them; user classes (whose repr needs their code) as class path + state:
// "demoapp.tasks.Plain(a=[1, 2], b={'k': None})" (SEMANTICS.md §3).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

#include "core/decode/py_value.h"

namespace core {

struct ReprOptions {
    std::size_t max_items = SIZE_MAX;  // per container; the rest become ", …(N more)"
    std::size_t max_text = SIZE_MAX;   // characters of one str or bytes; the rest become "…(N more)"
};

std::string ReprPython(const PyValue& value, const ReprOptions& options = {});
// The same, indented over several lines where one line would be longer than `width`.
std::string PrettyPython(const PyValue& value, const ReprOptions& options = {}, std::size_t width = 80);
// True when the value names a class outside the standard library (so its repr is our readable form).
bool HasUserClass(const PyValue& value);

}  // namespace core
