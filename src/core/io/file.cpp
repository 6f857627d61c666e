#include "core/io/file.h"

#include <cerrno>
#include <cstdio>
#include <cstring>

namespace core {

Result<Bytes> ReadFile(const std::string& path) {
    std::FILE* file = std::fopen(path.c_str(), "rb");
    if (!file) return MakeError("io.read", "cannot read " + path + ": " + std::strerror(errno));
    Bytes bytes;
    std::uint8_t chunk[1 << 16];
    std::size_t got = 0;
    while ((got = std::fread(chunk, 1, sizeof chunk, file)) > 0) bytes.insert(bytes.end(), chunk, chunk + got);
    const bool failed = std::ferror(file) != 0;
    std::fclose(file);
    if (failed) return MakeError("io.read", "cannot read " + path + ": read error");
    return bytes;
}

Result<Bytes> ReadFileHead(const std::string& path, std::size_t max_bytes) {
    std::FILE* file = std::fopen(path.c_str(), "rb");
    if (!file) return MakeError("io.read", "cannot read " + path + ": " + std::strerror(errno));
    Bytes bytes(max_bytes);
    bytes.resize(std::fread(bytes.data(), 1, max_bytes, file));
    std::fclose(file);
    return bytes;
}

Status WriteFile(const std::string& path, ByteView bytes) {
    const std::string temporary = path + ".tmp";
    std::FILE* file = std::fopen(temporary.c_str(), "wb");
    if (!file) return MakeError("io.write", "cannot write " + path + ": " + std::strerror(errno));
    const bool written = std::fwrite(bytes.data(), 1, bytes.size(), file) == bytes.size();
    const bool closed = std::fclose(file) == 0;
    if (!written || !closed || std::rename(temporary.c_str(), path.c_str()) != 0) {
        const std::string reason = std::strerror(errno);
        std::remove(temporary.c_str());
        return MakeError("io.write", "cannot write " + path + ": " + reason);
    }
    return Ok{};
}

}  // namespace core
