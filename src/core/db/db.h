// Thin RAII over SQLite. Db and Stmt own their handles; values are always bound, never spliced
// into SQL. A Db is either a file opened in place (the CLI on a server file) or an in-memory
// database over a PagedFile (the app's working copy: edits never touch the user's file).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/bytes.h"
#include "core/result.h"

struct sqlite3;
struct sqlite3_stmt;

namespace core {

enum class OpenMode { ReadOnly, ReadWrite };
enum class ColumnType { Integer, Real, Text, Blob, Null };

class Stmt;
class PagedFile;

// A database file's bytes in memory from SQLite's allocator, which Db::OpenBuffer takes over
// without copying them (a copy of a large export costs its size again, and wasm memory never
// shrinks). Its capacity is a whole number of PagedFile chunks. Freed by its destructor unless
// opened or released.
class FileBuffer {
public:
    static std::optional<FileBuffer> Allocate(std::size_t size);  // nullopt: not enough memory
    // Takes back what Release gave out (the web app fills it from JavaScript in between).
    static FileBuffer Adopt(std::uint8_t* data, std::size_t size) { return FileBuffer(data, size); }
    FileBuffer(FileBuffer&& other) noexcept : m_data(other.m_data), m_size(other.m_size), m_capacity(other.m_capacity) {
        other.m_data = nullptr;
    }
    FileBuffer& operator=(FileBuffer&& other) noexcept;
    FileBuffer(const FileBuffer&) = delete;
    FileBuffer& operator=(const FileBuffer&) = delete;
    ~FileBuffer();

    std::uint8_t* data() { return m_data; }
    ByteView bytes() const { return ByteView(m_data, m_size); }
    std::size_t capacity() const { return m_capacity; }
    std::uint8_t* Release();

private:
    FileBuffer(std::uint8_t* data, std::size_t size) : m_data(data), m_size(size), m_capacity(CapacityFor(size)) {}
    static std::size_t CapacityFor(std::size_t size);
    std::uint8_t* m_data = nullptr;
    std::size_t m_size = 0, m_capacity = 0;
};

class Db {
public:
    // Opens an existing SQLite file. Errors: "open.io" (missing/unreadable), "open.not_sqlite".
    static Result<Db> OpenFile(const std::string& path, OpenMode mode = OpenMode::ReadOnly);
    // Copies the bytes of a SQLite file into a new in-memory database.
    // Errors: "open.not_sqlite" (bad header), "open.corrupt" (header ok, content unreadable).
    static Result<Db> OpenBytes(ByteView bytes);
    // The same without the copy: the database takes the buffer over. `already_kept`: its bytes
    // are a kept copy as they are (restored), so only later changes are to keep (PagedFile).
    // Errors as OpenBytes, and "open.no_memory".
    static Result<Db> OpenBuffer(FileBuffer buffer, bool already_kept = false);
    // A new, empty in-memory database.
    static Result<Db> OpenMemory();

    Db(Db&& other) noexcept;
    Db& operator=(Db&& other) noexcept;
    Db(const Db&) = delete;
    Db& operator=(const Db&) = delete;
    ~Db();

    // Runs one or more SQL statements that take no parameters (DDL, PRAGMA, BEGIN/COMMIT); rows are discarded.
    Status Exec(std::string_view sql);
    Result<Stmt> Prepare(std::string_view sql);
    // The whole database as the bytes of a SQLite file.
    Result<Bytes> Serialize();
    // Hands those bytes to `piece` in order: an in-memory database's own chunks, without a copy
    // (a million tasks are ~0.5 GB to copy); a file's, serialized first. Stops at the first error.
    Status WriteOut(const std::function<Status(ByteView)>& piece);
    // The in-memory database's chunks, for keeping what changed (nullptr for a file opened in place).
    PagedFile* paged() { return m_paged.get(); }
    const PagedFile* paged() const { return m_paged.get(); }
    // Whether the schema has a `type` ("table", "index", ...) of this name.
    Result<bool> HasSchemaObject(std::string_view type, std::string_view name);
    std::int64_t Changes() const;
    std::int64_t LastInsertId() const;

    sqlite3* handle() const { return m_db; }
    // The bytes came from a database in WAL mode: whatever its -wal file still held is not in them.
    bool was_wal() const { return m_was_wal; }

private:
    explicit Db(sqlite3* db);
    static Result<Db> OpenPaged(std::unique_ptr<PagedFile> file);
    Error LastError(std::string code, std::string_view doing) const;
    sqlite3* m_db = nullptr;
    std::unique_ptr<PagedFile> m_paged;  // closed after m_db (~Db)
    bool m_was_wal = false;
};

class Stmt {
public:
    Stmt(Stmt&& other) noexcept;
    Stmt& operator=(Stmt&& other) noexcept;
    Stmt(const Stmt&) = delete;
    Stmt& operator=(const Stmt&) = delete;
    ~Stmt();

    // Parameters are 1-based, as in SQLite.
    Stmt& Bind(int index, std::int64_t value);
    Stmt& Bind(int index, double value);
    Stmt& Bind(int index, std::string_view text);
    // Binds text SQLite reads in place (no copy): it must stay as it is until the next Step or Reset.
    Stmt& BindInPlace(int index, std::string_view text);
    Stmt& Bind(int index, std::nullopt_t);
    Stmt& BindBlob(int index, ByteView bytes);

    // true while a row is available, false when done; an error on failure.
    Result<bool> Step();
    // Steps to completion, for statements that return no rows.
    Status Run();
    // Steps to completion, collecting each row's first column as an integer (rowids, ids).
    Result<std::vector<std::int64_t>> Ints();
    void Reset();

    bool IsNull(int column) const;
    std::int64_t Int(int column) const;
    double Real(int column) const;
    std::string_view Text(int column) const;  // valid until the next Step()
    std::optional<std::string> OptionalText(int column) const;
    int ColumnCount() const;
    std::string ColumnName(int column) const;
    ColumnType Type(int column) const;

private:
    friend class Db;
    Stmt(sqlite3* db, sqlite3_stmt* stmt) : m_db(db), m_stmt(stmt) {}
    sqlite3* m_db = nullptr;
    sqlite3_stmt* m_stmt = nullptr;
};

// Runs `body` inside BEGIN/COMMIT, rolling back when it returns an error.
template <class Body>
Status InTransaction(Db& db, Body&& body) {
    if (auto begun = db.Exec("BEGIN"); !begun) return begun;
    Status result = body();
    if (!result) {
        (void)db.Exec("ROLLBACK");
        return result;
    }
    return db.Exec("COMMIT");
}

// True when the bytes start with SQLite's file header ("SQLite format 3\0").
bool HasSqliteHeader(ByteView bytes);

}  // namespace core
