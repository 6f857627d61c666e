// zlib for Django's compressed signed payloads ('.'-prefixed). Debian's zlib natively; its
// source package compiled by emcc for the web.
#pragma once

#include "core/bytes.h"
#include "core/result.h"

namespace core {

// Inflates, refusing output beyond `max_output` (a small hostile input can claim gigabytes).
// Errors: "zlib.corrupt" (where = "byte N" of the input), "zlib.too_large".
Result<Bytes> Inflate(ByteView compressed, std::size_t max_output = 256u << 20);
Bytes Deflate(ByteView data);

}  // namespace core
