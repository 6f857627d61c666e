// What Python's unpickler does for pickles older than protocol 3 and 5 without running any code:
// Python 2 module names become Python 3's (fix_imports), and the few pure builtin calls that old
// protocols use in place of opcodes (bytes, bytearray, set, frozenset) become plain values.
#pragma once

#include <string>

#include "core/decode/py_value.h"

namespace core {

// Unpickler(fix_imports=True) for protocols 0-2: "__builtin__ unicode" -> "builtins str".
void FixImports(std::string& module, std::string& name);
// Pickler(fix_imports=True) for protocols 0-2: the Python 2 name CPython writes ("builtins
// ValueError" -> "exceptions ValueError").
void ReverseImports(std::string& module, std::string& name);
// The value a REDUCE of `callable(*args)` gives when it is one of
//   _codecs.encode(text, 'latin1'), bytes() -> bytes (protocols 0-2 store bytes this way)
//   builtins.bytearray(bytes | text, enc) -> bytearray (protocols 0-4)
//   builtins.set(list), frozenset(list)   -> set, frozenset (protocols 0-3)
//   copyreg._reconstructor(cls, object, None) -> cls.__new__(cls), as NEWOBJ makes it (protocols 0-1)
// and null for any other call, which stays a Call node.
PyRef FoldKnownCall(const PyValue& callable, const PyValue& args);
// UTF-8 text whose code points are all below 256, as Latin-1 bytes; false when one is not.
bool Latin1FromUtf8(std::string_view utf8, std::string& out);

}  // namespace core
