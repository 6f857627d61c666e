// Whole-file reads and writes for the native front ends (the web app gets bytes from the browser).
#pragma once

#include <string>

#include "core/bytes.h"
#include "core/result.h"

namespace core {

// Errors: "io.read" naming the path and the system's reason.
Result<Bytes> ReadFile(const std::string& path);
// The first `max_bytes` bytes of a file (fewer when it is shorter), to tell its format.
Result<Bytes> ReadFileHead(const std::string& path, std::size_t max_bytes);
// Writes to "<path>.tmp" and renames it over `path`, so a failed write never leaves half a file.
// Errors: "io.write".
Status WriteFile(const std::string& path, ByteView bytes);

}  // namespace core
