#include "core/decode/zlib_codec.h"

#include <zlib.h>

#include <algorithm>
#include <limits>
#include <string>

namespace core {
namespace {

constexpr std::size_t kMaxChunk = std::numeric_limits<uInt>::max();  // z_stream counts are 32-bit

// Frees the stream on every return path.
struct InflateStream {
    z_stream stream{};
    bool started = false;
    ~InflateStream() {
        if (started) inflateEnd(&stream);
    }
};

Error TooLarge(std::size_t max_output) {
    return MakeError("zlib.too_large",
                     "the compressed data inflates to more than " + std::to_string(max_output) + " bytes, the most accepted");
}

}  // namespace

Result<Bytes> Inflate(ByteView compressed, std::size_t max_output) {
    InflateStream z;
    if (inflateInit(&z.stream) != Z_OK) return MakeError("zlib.failed", "zlib could not start inflating");
    z.started = true;

    // The buffer grows geometrically but never past max_output + 1: that one extra byte is how an
    // overflow is told apart from a stream that ends exactly at the cap.
    const std::size_t limit = max_output == std::numeric_limits<std::size_t>::max() ? max_output : max_output + 1;
    Bytes out;
    std::size_t produced = 0;
    std::size_t consumed = 0;
    for (;;) {
        if (produced == out.size()) {
            if (out.size() >= limit) return TooLarge(max_output);
            const std::size_t target = std::min(limit, std::max<std::size_t>(out.size() * 2, 1 << 16));
            out.reserve(target);  // exactly: resize alone may double past the cap
            out.resize(target);
        }
        z.stream.next_in = const_cast<Bytef*>(compressed.data() + consumed);
        z.stream.avail_in = static_cast<uInt>(std::min(compressed.size() - consumed, kMaxChunk));
        z.stream.next_out = out.data() + produced;
        z.stream.avail_out = static_cast<uInt>(std::min(out.size() - produced, kMaxChunk));
        const uInt in_before = z.stream.avail_in;
        const uInt out_before = z.stream.avail_out;
        const int status = inflate(&z.stream, Z_NO_FLUSH);
        consumed += in_before - z.stream.avail_in;
        produced += out_before - z.stream.avail_out;
        if (status == Z_STREAM_END) break;
        if (status == Z_OK) continue;
        if (status == Z_MEM_ERROR) return MakeError("zlib.failed", "zlib ran out of memory while inflating");
        if (status == Z_BUF_ERROR && consumed == compressed.size())
            return MakeError("zlib.corrupt", "the compressed data is cut short", "byte " + std::to_string(consumed));
        const std::string reason = status == Z_NEED_DICT ? "it needs a preset dictionary"
                                   : z.stream.msg    ? z.stream.msg
                                                     : "not a zlib stream";
        return MakeError("zlib.corrupt", "the compressed data is corrupt: " + reason, "byte " + std::to_string(consumed));
    }
    if (produced > max_output) return TooLarge(max_output);
    out.resize(produced);
    return out;
}

Result<Bytes> Deflate(ByteView data) {
    if (data.size() > std::numeric_limits<uLong>::max() / 2)  // uLong is 32-bit in wasm32
        return MakeError("zlib.failed", "the data is too large to compress");
    uLongf size = compressBound(static_cast<uLong>(data.size()));
    Bytes out(size);
    if (compress2(out.data(), &size, data.data(), static_cast<uLong>(data.size()), Z_DEFAULT_COMPRESSION) != Z_OK)
        return MakeError("zlib.failed", "zlib could not compress the data");
    out.resize(size);
    return out;
}

}  // namespace core
