// zlib for Django's compressed signed payloads ('.'-prefixed). Debian's zlib natively; its
// source package compiled by emcc for the web.
#pragma once

#include <cstddef>

#include "core/bytes.h"
#include "core/result.h"

namespace core {

// One payload's package: far above any real task's arguments, far below what a bomb of a few
// such payloads could make the page hold.
inline constexpr std::size_t kMaxInflatedSize = std::size_t{32} << 20;

// Inflates one zlib stream (RFC 1950) as Python's zlib.decompress does: bytes after the end of
// the stream are ignored. Output beyond `max_output` is refused: a few KB can claim gigabytes.
// Errors: "zlib.corrupt" (bad or cut-short data, where = "byte N" of `compressed`), "zlib.too_large",
// "zlib.failed" (zlib could not allocate).
Result<Bytes> Inflate(ByteView compressed, std::size_t max_output = kMaxInflatedSize);

// Compresses as Python's zlib.compress(data) does (default level, 32 KiB window): the same bytes
// for the same zlib. Error "zlib.failed" when zlib cannot allocate or the input is too large for it.
Result<Bytes> Deflate(ByteView data);

}  // namespace core
