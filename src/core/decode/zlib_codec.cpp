#include "core/decode/zlib_codec.h"

#include <zlib.h>

namespace core {

Result<Bytes> Inflate(ByteView compressed, std::size_t max_output) {
    z_stream stream{};
    if (inflateInit(&stream) != Z_OK) return MakeError("zlib.corrupt", "zlib could not start");
    stream.next_in = const_cast<Bytef*>(compressed.data());
    stream.avail_in = static_cast<uInt>(compressed.size());
    Bytes out;
    int status = Z_OK;
    while (status == Z_OK) {
        if (out.size() >= max_output) {
            inflateEnd(&stream);
            return MakeError("zlib.too_large", "the compressed data inflates to more than " + std::to_string(max_output >> 20) + " MiB");
        }
        const std::size_t chunk = 1 << 16;
        out.resize(out.size() + chunk);
        stream.next_out = out.data() + out.size() - chunk;
        stream.avail_out = chunk;
        status = inflate(&stream, Z_NO_FLUSH);
        out.resize(out.size() - stream.avail_out);
        if (status == Z_BUF_ERROR && stream.avail_in == 0) status = Z_DATA_ERROR;  // input ended early
    }
    const std::size_t consumed = compressed.size() - stream.avail_in;
    inflateEnd(&stream);
    if (status != Z_STREAM_END) return MakeError("zlib.corrupt", "the compressed data is corrupt or cut short", "byte " + std::to_string(consumed));
    return out;
}

Bytes Deflate(ByteView data) {
    uLongf size = compressBound(static_cast<uLong>(data.size()));
    Bytes out(size);
    compress2(out.data(), &size, data.data(), static_cast<uLong>(data.size()), Z_DEFAULT_COMPRESSION);
    out.resize(size);
    return out;
}

}  // namespace core
