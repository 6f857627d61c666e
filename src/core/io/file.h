// Whole-file reads and writes for the native front ends (the web app gets bytes from the browser).
// Inputs may be hostile: devices are refused (reading /dev/zero would never end), a pipe is read
// once, and reads stop at a size limit. Outputs never follow a planted file: the bytes go to a new
// file created exclusively beside the target, which is then renamed over it, and a target that is
// not a regular file (a device, a folder) is refused.
#pragma once

#include <cstdint>
#include <string>

#include "core/bytes.h"
#include "core/result.h"
#include "core/text_sink.h"

namespace core {

// The most a whole-file read takes in (a larger input is refused, not truncated).
inline constexpr std::uint64_t kMaxReadBytes = std::uint64_t{4} << 30;

// Errors: "io.read" naming the path and the system's reason; "io.not_a_file" (a device or a
// folder); "io.too_large" (over `max_bytes`).
Result<Bytes> ReadFile(const std::string& path, std::uint64_t max_bytes = kMaxReadBytes);
// Whether the path names a regular file (not a pipe): only such a file can be read twice.
bool IsRegularFile(const std::string& path);
// The first `max_bytes` bytes of a regular file (fewer when it is shorter), to tell its format.
Result<Bytes> ReadFileHead(const std::string& path, std::size_t max_bytes);
// Writes all bytes to a new file beside `path` and renames it over `path`, so a failed write never
// leaves half a file. Errors: "io.write" (with the system's reason, e.g. no space left), and
// "io.not_a_file" when `path` exists and is not a regular file.
Status WriteFile(const std::string& path, ByteView bytes);

// A file written in pieces, on the same terms as WriteFile: the pieces go to a new file beside the
// target, and only Commit() renames it over the target. Dropped uncommitted (an error on the way),
// the new file is removed and the target is as it was.
class FileWriter {
public:
    static Result<FileWriter> Create(const std::string& path);
    FileWriter(FileWriter&& other) noexcept;
    FileWriter& operator=(FileWriter&&) = delete;
    ~FileWriter();

    // "io.write" with the system's reason (no space left, file too large).
    Status Write(ByteView bytes);
    Status Commit();
    // The writer as a sink for the core's streamed outputs.
    TextSink Sink();
    std::uint64_t BytesWritten() const { return m_written; }

private:
    FileWriter(std::string path, std::string temporary, int fd) : m_path(std::move(path)), m_temporary(std::move(temporary)), m_fd(fd) {}
    void Abandon();

    std::string m_path, m_temporary;
    int m_fd = -1;
    std::uint64_t m_written = 0;
};

}  // namespace core
