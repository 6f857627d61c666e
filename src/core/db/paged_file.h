// The working copy's bytes in memory, in fixed-size chunks behind a SQLite VFS ("djq-paged"),
// remembering which chunks changed since they were last handed out. An edit then costs what it
// changed to keep (a few chunks), not the size of the export, and restore is the saved chunks
// put back byte for byte. Chunks live apart, so the file grows without moving (memdb's one buffer
// had to be reallocated, twice its size, and was capped at 1 GiB).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/bytes.h"
#include "core/db/db.h"

namespace core {

// What changed since the last TakeChanges: the file's size and the chunks written since. `whole`
// says the file was never handed out before (a new export): whoever keeps it must drop what it
// kept of another file, and gets every chunk. Changes may be taken in parts (a large export's
// first keep, a huge batch): the kept file is the working copy again only once a part says
// `complete`, so a keeper commits then. The views are valid until the next write.
struct ChunkChanges {
    bool whole = false;
    bool complete = true;
    std::int64_t file_size = 0;
    std::int64_t chunk_size = 0;
    std::vector<std::pair<std::int64_t, ByteView>> chunks;  // (index, bytes); the last may be short
};

// The VFS's name, registering it on first use (nullptr if SQLite refused it).
const char* PagedVfsName();

// What a keeper of the changes holds afterwards: the file rebuilt from them, as web/djq_glue.js
// does in IndexedDB (the smoke test's platform and the unit tests keep it this way).
void ApplyChanges(Bytes& kept, const ChunkChanges& changes);

class PagedFile {
public:
    static constexpr std::int64_t kChunkSize = 64 * 1024;  // a whole number of pages of any page size

    // Takes over `base` (no copy): its bytes are the file, chunk by chunk. `kept` says they are
    // already kept as they are (a restored copy), so nothing is changed until written.
    PagedFile(FileBuffer base, bool kept);
    PagedFile(const PagedFile&) = delete;
    PagedFile& operator=(const PagedFile&) = delete;
    ~PagedFile();

    // The name to open it by, with the "djq-paged" VFS, while it lives.
    const std::string& name() const { return m_name; }
    std::int64_t size() const { return m_size; }

    // At most `max_chunks` of the changes, in file order; the rest stay to be taken.
    ChunkChanges TakeChanges(std::int64_t max_chunks = INT64_MAX);
    bool HasChangesToTake() const { return m_never_taken || !m_changed_list.empty(); }
    // Every chunk counts as changed again, and the next TakeChanges is `whole`.
    void ForgetKept();
    // Calls `piece` with the file's bytes in order, a chunk at a time.
    Status WriteOut(const std::function<Status(ByteView)>& piece) const;

    // For the VFS (paged_file.cpp).
    int Read(void* out, int amount, std::int64_t offset) const;
    int Write(const void* data, int amount, std::int64_t offset);
    void Truncate(std::int64_t size);
    const std::uint8_t* Fetch(std::int64_t offset, int amount) const;

    static PagedFile* Find(const char* name);

private:
    std::uint8_t* Chunk(std::int64_t index);  // allocated (zeroed) when first written
    ByteView ChunkBytes(std::int64_t index) const;
    std::int64_t ChunksInFile() const { return (m_size + kChunkSize - 1) / kChunkSize; }
    void MarkChanged(std::int64_t index);

    std::string m_name;
    FileBuffer m_base;
    std::int64_t m_base_chunks = 0;  // chunks [0, m_base_chunks) lie in m_base
    std::vector<std::uint8_t*> m_chunks;
    std::vector<std::unique_ptr<std::uint8_t[]>> m_grown;  // chunks past the base
    std::int64_t m_size = 0;
    std::vector<bool> m_changed;
    std::vector<std::int64_t> m_changed_list;
    bool m_never_taken = true;
};

}  // namespace core
