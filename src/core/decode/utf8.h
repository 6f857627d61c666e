// UTF-8 as Python and SQLite users expect it: checked strictly (no overlongs, no surrogates, no
// code points past U+10FFFF), and shown with each invalid byte escaped, as Python's
// "backslashreplace" does ("caf\xe9"), so hostile bytes never reach a JSON writer or the screen raw.
#pragma once

#include <string>
#include <string_view>

namespace core {

bool IsValidUtf8(std::string_view text);
// The text with every byte that is not part of valid UTF-8 written as \xNN.
std::string EscapeInvalidUtf8(std::string_view text);

}  // namespace core
