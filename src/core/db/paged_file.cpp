#include "core/db/paged_file.h"

#include <sqlite3.h>

#include <algorithm>
#include <cstring>
#include <map>

namespace core {
namespace {

// Open paged files by name; SQLite finds them through the VFS's xOpen. The core is single-threaded
// (SQLITE_THREADSAFE=0), so a plain map will do.
std::map<std::string, PagedFile*>& Registry() {
    static std::map<std::string, PagedFile*> files;
    return files;
}

std::string NewName() {
    static std::uint64_t serial = 0;
    return "djq-paged-" + std::to_string(++serial);
}

}  // namespace

PagedFile::PagedFile(FileBuffer base, bool kept)
    : m_name(NewName()), m_base(std::move(base)), m_size(static_cast<std::int64_t>(m_base.bytes().size())), m_never_taken(!kept) {
    m_base_chunks = static_cast<std::int64_t>(m_base.capacity()) / kChunkSize;
    m_chunks.assign(static_cast<std::size_t>(std::max(ChunksInFile(), m_base_chunks)), nullptr);
    for (std::int64_t i = 0; i < m_base_chunks; ++i) m_chunks[static_cast<std::size_t>(i)] = m_base.data() + i * kChunkSize;
    m_changed.assign(m_chunks.size(), false);
    if (!kept) ForgetKept();
    Registry()[m_name] = this;
}

PagedFile::~PagedFile() { Registry().erase(m_name); }

PagedFile* PagedFile::Find(const char* name) {
    if (!name) return nullptr;
    auto found = Registry().find(name);
    return found == Registry().end() ? nullptr : found->second;
}

std::uint8_t* PagedFile::Chunk(std::int64_t index) {
    if (index >= static_cast<std::int64_t>(m_chunks.size())) {
        m_chunks.resize(static_cast<std::size_t>(index + 1), nullptr);
        m_changed.resize(m_chunks.size(), false);
    }
    std::uint8_t*& chunk = m_chunks[static_cast<std::size_t>(index)];
    if (!chunk) {
        m_grown.emplace_back(new (std::nothrow) std::uint8_t[kChunkSize]());
        chunk = m_grown.back().get();
    }
    return chunk;
}

ByteView PagedFile::ChunkBytes(std::int64_t index) const {
    const std::int64_t length = std::min(kChunkSize, m_size - index * kChunkSize);
    return ByteView(m_chunks[static_cast<std::size_t>(index)], static_cast<std::size_t>(length));
}

void PagedFile::MarkChanged(std::int64_t index) {
    if (m_changed[static_cast<std::size_t>(index)]) return;
    m_changed[static_cast<std::size_t>(index)] = true;
    m_changed_list.push_back(index);
}

void PagedFile::ForgetKept() {
    m_never_taken = true;
    for (std::int64_t i = 0; i < ChunksInFile(); ++i) {
        Chunk(i);  // a hole SQLite never wrote is handed out as zeros
        MarkChanged(i);
    }
}

ChunkChanges PagedFile::TakeChanges(std::int64_t max_chunks) {
    // The list is kept in descending order, so a part is taken off its end.
    std::sort(m_changed_list.begin(), m_changed_list.end(), std::greater<>());
    const auto taken = static_cast<std::size_t>(std::min<std::int64_t>(max_chunks, static_cast<std::int64_t>(m_changed_list.size())));
    ChunkChanges changes{m_never_taken, taken == m_changed_list.size(), m_size, kChunkSize, {}};
    for (std::size_t i = 0; i < taken; ++i) {
        const std::int64_t index = m_changed_list.back();
        m_changed_list.pop_back();
        m_changed[static_cast<std::size_t>(index)] = false;
        if (index * kChunkSize < m_size) changes.chunks.emplace_back(index, ChunkBytes(index));  // past a truncation: gone
    }
    m_never_taken = false;
    return changes;
}

Status PagedFile::WriteOut(const std::function<Status(ByteView)>& piece) const {
    for (std::int64_t index = 0; index < ChunksInFile(); ++index)
        if (auto sent = piece(ChunkBytes(index)); !sent) return sent;
    return Ok{};
}

int PagedFile::Read(void* out, int amount, std::int64_t offset) const {
    auto* to = static_cast<std::uint8_t*>(out);
    const std::int64_t available = std::clamp<std::int64_t>(m_size - offset, 0, amount);
    for (std::int64_t done = 0; done < available;) {
        const std::int64_t at = offset + done, index = at / kChunkSize, within = at % kChunkSize;
        const std::int64_t length = std::min(kChunkSize - within, available - done);
        const std::uint8_t* chunk = m_chunks[static_cast<std::size_t>(index)];
        if (chunk) std::memcpy(to + done, chunk + within, static_cast<std::size_t>(length));
        else std::memset(to + done, 0, static_cast<std::size_t>(length));
        done += length;
    }
    if (available == amount) return SQLITE_OK;
    std::memset(to + available, 0, static_cast<std::size_t>(amount - available));
    return SQLITE_IOERR_SHORT_READ;
}

int PagedFile::Write(const void* data, int amount, std::int64_t offset) {
    const auto* from = static_cast<const std::uint8_t*>(data);
    for (std::int64_t done = 0; done < amount;) {
        const std::int64_t at = offset + done, index = at / kChunkSize, within = at % kChunkSize;
        const std::int64_t length = std::min<std::int64_t>(kChunkSize - within, amount - done);
        std::uint8_t* chunk = Chunk(index);
        if (!chunk) return SQLITE_IOERR_NOMEM;
        std::memcpy(chunk + within, from + done, static_cast<std::size_t>(length));
        MarkChanged(index);
        done += length;
    }
    m_size = std::max(m_size, offset + amount);
    return SQLITE_OK;
}

void PagedFile::Truncate(std::int64_t size) {
    // Chunks are kept (a fetched page may still point into them); only the size says where the file ends.
    if (size >= m_size) return;
    m_size = size;
    if (size % kChunkSize != 0) MarkChanged(size / kChunkSize);
}

const std::uint8_t* PagedFile::Fetch(std::int64_t offset, int amount) const {
    const std::int64_t index = offset / kChunkSize;
    if (offset + amount > m_size || (offset + amount - 1) / kChunkSize != index) return nullptr;
    const std::uint8_t* chunk = m_chunks[static_cast<std::size_t>(index)];
    return chunk ? chunk + offset % kChunkSize : nullptr;
}

void ApplyChanges(Bytes& kept, const ChunkChanges& changes) {
    if (changes.whole) kept.clear();
    kept.resize(static_cast<std::size_t>(changes.file_size));
    for (const auto& [index, bytes] : changes.chunks) std::copy(bytes.begin(), bytes.end(), kept.begin() + index * changes.chunk_size);
}

// ---- The VFS: the main database file is a PagedFile; anything else goes to the default VFS -------

namespace {

struct PagedHandle {
    sqlite3_file base;
    PagedFile* file;
};

PagedFile& Of(sqlite3_file* handle) { return *reinterpret_cast<PagedHandle*>(handle)->file; }
sqlite3_vfs* DefaultVfs(sqlite3_vfs* vfs) { return static_cast<sqlite3_vfs*>(vfs->pAppData); }

int Close(sqlite3_file*) { return SQLITE_OK; }
int Read(sqlite3_file* f, void* out, int amount, sqlite3_int64 offset) { return Of(f).Read(out, amount, offset); }
int Write(sqlite3_file* f, const void* data, int amount, sqlite3_int64 offset) { return Of(f).Write(data, amount, offset); }
int Truncate(sqlite3_file* f, sqlite3_int64 size) {
    Of(f).Truncate(size);
    return SQLITE_OK;
}
int Sync(sqlite3_file*, int) { return SQLITE_OK; }
int FileSize(sqlite3_file* f, sqlite3_int64* size) {
    *size = Of(f).size();
    return SQLITE_OK;
}
int Lock(sqlite3_file*, int) { return SQLITE_OK; }  // one connection per working copy
int CheckReservedLock(sqlite3_file*, int* out) {
    *out = 0;
    return SQLITE_OK;
}
int FileControl(sqlite3_file*, int, void*) { return SQLITE_NOTFOUND; }
int SectorSize(sqlite3_file*) { return 512; }
int DeviceCharacteristics(sqlite3_file*) {
    return SQLITE_IOCAP_ATOMIC | SQLITE_IOCAP_SAFE_APPEND | SQLITE_IOCAP_SEQUENTIAL | SQLITE_IOCAP_POWERSAFE_OVERWRITE;
}
// Pages are read in place, as memdb did, rather than copied into SQLite's page cache.
int Fetch(sqlite3_file* f, sqlite3_int64 offset, int amount, void** out) {
    *out = const_cast<std::uint8_t*>(Of(f).Fetch(offset, amount));
    return SQLITE_OK;
}
int Unfetch(sqlite3_file*, sqlite3_int64, void*) { return SQLITE_OK; }

const sqlite3_io_methods kMethods = {
    3,       Close,   Read,    Write,      Truncate,   Sync,       FileSize,    Lock,  Lock, CheckReservedLock, FileControl,
    SectorSize, DeviceCharacteristics, nullptr, nullptr, nullptr, nullptr, Fetch, Unfetch,
};

int Open(sqlite3_vfs* vfs, sqlite3_filename name, sqlite3_file* handle, int flags, int* out_flags) {
    PagedFile* file = (flags & SQLITE_OPEN_MAIN_DB) ? PagedFile::Find(name) : nullptr;
    if (!file) return DefaultVfs(vfs)->xOpen(DefaultVfs(vfs), name, handle, flags, out_flags);
    auto* paged = reinterpret_cast<PagedHandle*>(handle);
    paged->base.pMethods = &kMethods;
    paged->file = file;
    if (out_flags) *out_flags = flags;
    return SQLITE_OK;
}
int Delete(sqlite3_vfs* vfs, const char* name, int sync) { return DefaultVfs(vfs)->xDelete(DefaultVfs(vfs), name, sync); }
int Access(sqlite3_vfs* vfs, const char* name, int flags, int* out) {
    if (PagedFile::Find(name)) {
        *out = 1;
        return SQLITE_OK;
    }
    return DefaultVfs(vfs)->xAccess(DefaultVfs(vfs), name, flags, out);
}
int FullPathname(sqlite3_vfs* vfs, const char* name, int size, char* out) {
    if (!PagedFile::Find(name)) return DefaultVfs(vfs)->xFullPathname(DefaultVfs(vfs), name, size, out);
    sqlite3_snprintf(size, out, "%s", name);  // ours are names, not paths
    return SQLITE_OK;
}
int Randomness(sqlite3_vfs* vfs, int size, char* out) { return DefaultVfs(vfs)->xRandomness(DefaultVfs(vfs), size, out); }
int Sleep(sqlite3_vfs* vfs, int micros) { return DefaultVfs(vfs)->xSleep(DefaultVfs(vfs), micros); }
int CurrentTime(sqlite3_vfs* vfs, double* out) { return DefaultVfs(vfs)->xCurrentTime(DefaultVfs(vfs), out); }
int GetLastError(sqlite3_vfs* vfs, int size, char* out) { return DefaultVfs(vfs)->xGetLastError(DefaultVfs(vfs), size, out); }

}  // namespace

const char* PagedVfsName() {
    static sqlite3_vfs vfs = [] {
        sqlite3_vfs* fallback = sqlite3_vfs_find(nullptr);
        sqlite3_vfs made{};
        made.iVersion = 1;
        made.szOsFile = std::max<int>(sizeof(PagedHandle), fallback->szOsFile);
        made.mxPathname = fallback->mxPathname;
        made.zName = "djq-paged";
        made.pAppData = fallback;
        made.xOpen = Open;
        made.xDelete = Delete;
        made.xAccess = Access;
        made.xFullPathname = FullPathname;
        made.xRandomness = Randomness;
        made.xSleep = Sleep;
        made.xCurrentTime = CurrentTime;
        made.xGetLastError = GetLastError;
        return made;
    }();
    static const bool registered = sqlite3_vfs_register(&vfs, 0) == SQLITE_OK;
    return registered ? vfs.zName : nullptr;
}

}  // namespace core
