#include "core/io/file.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <random>
#include <sys/stat.h>
#include <unistd.h>

namespace core {
namespace {

Error SystemError(const char* code, const std::string& doing, const std::string& path) {
    return MakeError(code, "cannot " + doing + " " + path + ": " + std::strerror(errno));
}

// Devices and folders are never read or replaced; pipes and regular files are.
Status CheckKind(const struct stat& info, const std::string& path) {
    if (S_ISREG(info.st_mode) || S_ISFIFO(info.st_mode)) return Ok{};
    const char* what = S_ISDIR(info.st_mode) ? "a folder" : S_ISCHR(info.st_mode) || S_ISBLK(info.st_mode) ? "a device" : "not a file";
    return MakeError("io.not_a_file", path + " is " + std::string(what) + ", not a regular file");
}

// A name in the target's folder that nobody else can have made: the target's name with a random suffix.
std::string TemporaryName(const std::string& path) {
    static std::mt19937_64 random{std::random_device{}()};
    char suffix[24];
    std::snprintf(suffix, sizeof suffix, ".%016llx.tmp", static_cast<unsigned long long>(random()));
    return path + suffix;
}

bool WriteAll(int fd, ByteView bytes) {
    std::size_t done = 0;
    while (done < bytes.size()) {
        const ssize_t wrote = ::write(fd, bytes.data() + done, bytes.size() - done);
        if (wrote < 0 && errno == EINTR) continue;
        if (wrote == 0) errno = ENOSPC;  // nothing taken and no reason given: the device is full
        if (wrote <= 0) return false;
        done += static_cast<std::size_t>(wrote);
    }
    return true;
}

}  // namespace

bool IsRegularFile(const std::string& path) {
    struct stat info {};
    return ::stat(path.c_str(), &info) == 0 && S_ISREG(info.st_mode);
}

Result<Bytes> ReadFile(const std::string& path, std::uint64_t max_bytes) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0) return SystemError("io.read", "read", path);
    struct stat info {};
    if (::fstat(fd, &info) != 0 || !CheckKind(info, path)) {
        ::close(fd);
        return CheckKind(info, path).error();
    }
    ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) & ~O_NONBLOCK);  // opened non-blocking only so a FIFO's open cannot hang
    Bytes bytes;
    if (S_ISREG(info.st_mode) && static_cast<std::uint64_t>(info.st_size) <= max_bytes) bytes.reserve(static_cast<std::size_t>(info.st_size));
    std::uint8_t chunk[1 << 16];
    while (true) {
        const ssize_t got = ::read(fd, chunk, sizeof chunk);
        if (got < 0 && errno == EINTR) continue;
        if (got < 0) {
            const Error error = SystemError("io.read", "read", path);
            ::close(fd);
            return error;
        }
        if (got == 0) break;
        if (bytes.size() + static_cast<std::size_t>(got) > max_bytes) {
            ::close(fd);
            return MakeError("io.too_large", path + " is larger than " + std::to_string(max_bytes) + " bytes, the most djq reads");
        }
        bytes.insert(bytes.end(), chunk, chunk + got);
    }
    ::close(fd);
    return bytes;
}

Result<Bytes> ReadFileHead(const std::string& path, std::size_t max_bytes) {
    std::FILE* file = std::fopen(path.c_str(), "rb");
    if (!file) return SystemError("io.read", "read", path);
    Bytes bytes(max_bytes);
    bytes.resize(std::fread(bytes.data(), 1, max_bytes, file));
    std::fclose(file);
    return bytes;
}

Result<FileWriter> FileWriter::Create(const std::string& path) {
    struct stat target {};
    if (::stat(path.c_str(), &target) == 0 && !S_ISREG(target.st_mode))
        return MakeError("io.not_a_file", "cannot write " + path + ": it exists and is not a regular file");
    std::string temporary = TemporaryName(path);
    // O_EXCL | O_NOFOLLOW: a file (or symlink) planted under this name is never written through.
    const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
    if (fd < 0) return SystemError("io.write", "write", path);
    return FileWriter(path, std::move(temporary), fd);
}

FileWriter::FileWriter(FileWriter&& other) noexcept
    : m_path(std::move(other.m_path)), m_temporary(std::move(other.m_temporary)), m_fd(other.m_fd), m_written(other.m_written) {
    other.m_fd = -1;
}

FileWriter::~FileWriter() { Abandon(); }

void FileWriter::Abandon() {
    if (m_fd < 0) return;
    ::close(m_fd);
    ::unlink(m_temporary.c_str());
    m_fd = -1;
}

Status FileWriter::Write(ByteView bytes) {
    if (m_fd < 0) return MakeError("io.write", "cannot write " + m_path + ": the file is already closed");
    if (!WriteAll(m_fd, bytes)) {
        const Error error = SystemError("io.write", "write", m_path);
        Abandon();
        return error;
    }
    m_written += bytes.size();
    return Ok{};
}

Status FileWriter::Commit() {
    if (m_fd < 0) return MakeError("io.write", "cannot write " + m_path + ": the file is already closed");
    const bool synced = ::fsync(m_fd) == 0;
    const int saved_errno = errno;
    const bool closed = ::close(m_fd) == 0;
    m_fd = -1;
    if (!synced || !closed || std::rename(m_temporary.c_str(), m_path.c_str()) != 0) {
        if (!synced) errno = saved_errno;
        const Error error = SystemError("io.write", "write", m_path);
        ::unlink(m_temporary.c_str());
        return error;
    }
    return Ok{};
}

TextSink FileWriter::Sink() {
    return [this](std::string_view piece) { return Write(AsBytes(piece)); };
}

Status WriteFile(const std::string& path, ByteView bytes) {
    auto writer = FileWriter::Create(path);
    if (!writer) return writer.error();
    if (auto written = writer->Write(bytes); !written) return written;
    return writer->Commit();
}

}  // namespace core
