#include "core/db/db.h"

#include "core/db/paged_file.h"

#include <sqlite3.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>

namespace core {
namespace {

constexpr char kSqliteHeader[] = "SQLite format 3";  // 16 bytes with its terminating NUL

std::string DescribeHeader(ByteView bytes) {
    std::string shown;
    for (std::size_t i = 0; i < bytes.size() && i < 16; ++i) {
        const unsigned char c = bytes[i];
        shown += (c >= 0x20 && c < 0x7F) ? static_cast<char>(c) : '.';
    }
    return shown.empty() ? "the file is empty" : "the file starts with \"" + shown + "\"";
}

Error NotSqlite(ByteView head) {
    return MakeError("open.not_sqlite", "not a SQLite database: " + DescribeHeader(head) + ", expected \"SQLite format 3\"",
                     "byte 0");
}

}  // namespace

bool HasSqliteHeader(ByteView bytes) {
    return bytes.size() >= sizeof kSqliteHeader && std::memcmp(bytes.data(), kSqliteHeader, sizeof kSqliteHeader) == 0;
}

// ---- Db ----------------------------------------------------------------------------------------

namespace {
// An export may be hostile: no writes to the schema or its shadow tables by SQL, and no function in
// its schema (a view, a trigger, an index expression) may do more than the harmless built-ins.
void Harden(sqlite3* db) {
    sqlite3_db_config(db, SQLITE_DBCONFIG_DEFENSIVE, 1, nullptr);
    sqlite3_db_config(db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, nullptr);
}
}  // namespace

Result<Db> Db::OpenFile(const std::string& path, OpenMode mode) {
    // Read the header ourselves first: SQLite would open a foreign file happily and fail later
    // with "file is not a database", which names neither the file nor what it is.
    std::FILE* file = std::fopen(path.c_str(), "rb");
    if (!file) return MakeError("open.io", "cannot open " + path + ": " + std::strerror(errno));
    std::uint8_t head[100] = {};
    const std::size_t got = std::fread(head, 1, sizeof head, file);
    std::fclose(file);
    if (!HasSqliteHeader({head, got})) return NotSqlite({head, got});

    sqlite3* raw = nullptr;
    const int flags = mode == OpenMode::ReadOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE;
    const int rc = sqlite3_open_v2(path.c_str(), &raw, flags, nullptr);
    Db db(raw);  // owns the handle even when the open failed
    if (rc != SQLITE_OK) return db.LastError("open.io", "opening " + path);
    Harden(raw);
    return db;
}

std::size_t FileBuffer::CapacityFor(std::size_t size) {
    constexpr auto kChunk = static_cast<std::size_t>(PagedFile::kChunkSize);
    return std::max<std::size_t>(1, (size + kChunk - 1) / kChunk) * kChunk;
}

std::optional<FileBuffer> FileBuffer::Allocate(std::size_t size) {
    auto* data = static_cast<std::uint8_t*>(sqlite3_malloc64(CapacityFor(size)));
    if (!data) return std::nullopt;
    return FileBuffer(data, size);
}

FileBuffer& FileBuffer::operator=(FileBuffer&& other) noexcept {
    if (this != &other) {
        sqlite3_free(m_data);
        m_data = other.m_data;
        m_size = other.m_size;
        m_capacity = other.m_capacity;
        other.m_data = nullptr;
    }
    return *this;
}

FileBuffer::~FileBuffer() { sqlite3_free(m_data); }

std::uint8_t* FileBuffer::Release() {
    std::uint8_t* data = m_data;
    m_data = nullptr;
    return data;
}

Result<Db> Db::OpenBytes(ByteView bytes) {
    if (!HasSqliteHeader(bytes)) return NotSqlite(bytes);
    auto buffer = FileBuffer::Allocate(bytes.size());
    if (!buffer) return MakeError("open.no_memory", "not enough memory for a " + std::to_string(bytes.size()) + "-byte database");
    std::memcpy(buffer->data(), bytes.data(), bytes.size());
    return OpenBuffer(std::move(*buffer));
}

Result<Db> Db::OpenBuffer(FileBuffer buffer, bool already_kept) {
    const ByteView bytes = buffer.bytes();
    if (!HasSqliteHeader(bytes)) return NotSqlite(bytes);
    // A file written in WAL mode (header bytes 18-19 = 2) cannot be read without its -wal file; its
    // content is the same in rollback mode, so mark it as such in our copy.
    std::uint8_t* data = buffer.data();
    const bool was_wal = bytes.size() >= 20 && data[18] == 2 && data[19] == 2;
    if (was_wal) data[18] = data[19] = 1;
    auto opened = OpenPaged(std::make_unique<PagedFile>(std::move(buffer), already_kept && !was_wal));
    if (!opened) return opened.error();
    Db db = std::move(opened.value());
    // Touch the schema now so a damaged file is reported at open, not at the first query.
    if (auto check = db.Exec("SELECT count(*) FROM sqlite_schema"); !check)
        return MakeError("open.corrupt", "the SQLite file is damaged or truncated: " + check.error().message);
    db.m_was_wal = was_wal;
    return db;
}

Result<Db> Db::OpenMemory() { return OpenPaged(std::make_unique<PagedFile>(FileBuffer::Adopt(nullptr, 0), false)); }

Result<Db> Db::OpenPaged(std::unique_ptr<PagedFile> file) {
    const char* vfs = PagedVfsName();
    if (!vfs) return MakeError("open.io", "SQLite refused the in-memory file system");
    sqlite3* raw = nullptr;
    const int rc = sqlite3_open_v2(file->name().c_str(), &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, vfs);
    Db db(raw);
    db.m_paged = std::move(file);
    if (rc != SQLITE_OK) return db.LastError("open.io", "opening an in-memory database");
    Harden(raw);
    // One connection, in memory: the rollback journal stays in memory, no other process needs
    // locks, and pages are read in place (mmap over the chunks, PagedFile::Fetch).
    if (auto set = db.Exec("PRAGMA journal_mode = MEMORY; PRAGMA locking_mode = EXCLUSIVE; PRAGMA mmap_size = 2147418112"); !set)
        return MakeError("open.corrupt", "the SQLite file is damaged or truncated: " + set.error().message);
    return db;
}

Db::Db(sqlite3* db) : m_db(db) {}

Db::Db(Db&& other) noexcept : m_db(other.m_db), m_paged(std::move(other.m_paged)), m_was_wal(other.m_was_wal) { other.m_db = nullptr; }

Db& Db::operator=(Db&& other) noexcept {
    if (this != &other) {
        sqlite3_close_v2(m_db);
        m_db = other.m_db;
        m_paged = std::move(other.m_paged);
        m_was_wal = other.m_was_wal;
        other.m_db = nullptr;
    }
    return *this;
}

Db::~Db() { sqlite3_close_v2(m_db); }

Status Db::Exec(std::string_view sql) {
    const std::string text(sql);  // sqlite3_exec wants a terminated string, and runs every statement in it
    char* message = nullptr;
    if (sqlite3_exec(m_db, text.c_str(), nullptr, nullptr, &message) == SQLITE_OK) return Ok{};
    Error error = MakeError("sql.exec", std::string("SQLite error: ") + (message ? message : sqlite3_errmsg(m_db)));
    sqlite3_free(message);
    return error;
}

Result<Stmt> Db::Prepare(std::string_view sql) {
    sqlite3_stmt* stmt = nullptr;
    const int rc = sqlite3_prepare_v2(m_db, sql.data(), static_cast<int>(sql.size()), &stmt, nullptr);
    if (rc != SQLITE_OK) {
        sqlite3_finalize(stmt);
        return LastError("sql.prepare", "preparing a query");
    }
    return Stmt(m_db, stmt);
}

Result<Bytes> Db::Serialize() {
    Bytes bytes;
    if (m_paged) bytes.reserve(static_cast<std::size_t>(m_paged->size()));
    auto written = WriteOut([&](ByteView piece) -> Status {
        bytes.insert(bytes.end(), piece.begin(), piece.end());
        return Ok{};
    });
    if (!written) return written.error();
    return bytes;
}

Status Db::WriteOut(const std::function<Status(ByteView)>& piece) {
    if (m_paged) return m_paged->WriteOut(piece);
    sqlite3_int64 size = 0;
    unsigned char* data = sqlite3_serialize(m_db, "main", &size, 0);
    if (!data) return LastError("sql.serialize", "writing the database out");
    Status sent = piece(ByteView(data, static_cast<std::size_t>(size)));
    sqlite3_free(data);
    return sent;
}

Result<bool> Db::HasSchemaObject(std::string_view type, std::string_view name) {
    auto stmt = Prepare("SELECT 1 FROM sqlite_schema WHERE type = ?1 AND name = ?2");
    if (!stmt) return stmt.error();
    stmt->Bind(1, type).Bind(2, name);
    return stmt->Step();
}

std::int64_t Db::Changes() const { return sqlite3_changes64(m_db); }
std::int64_t Db::LastInsertId() const { return sqlite3_last_insert_rowid(m_db); }

Error Db::LastError(std::string code, std::string_view doing) const {
    const char* message = m_db ? sqlite3_errmsg(m_db) : "out of memory";
    return MakeError(std::move(code), std::string("SQLite error while ") + std::string(doing) + ": " + message);
}

// ---- Stmt --------------------------------------------------------------------------------------

Stmt::Stmt(Stmt&& other) noexcept : m_db(other.m_db), m_stmt(other.m_stmt) { other.m_stmt = nullptr; }

Stmt& Stmt::operator=(Stmt&& other) noexcept {
    if (this != &other) {
        sqlite3_finalize(m_stmt);
        m_db = other.m_db;
        m_stmt = other.m_stmt;
        other.m_stmt = nullptr;
    }
    return *this;
}

Stmt::~Stmt() { sqlite3_finalize(m_stmt); }

Stmt& Stmt::Bind(int index, std::int64_t value) { sqlite3_bind_int64(m_stmt, index, value); return *this; }
Stmt& Stmt::Bind(int index, double value) { sqlite3_bind_double(m_stmt, index, value); return *this; }
Stmt& Stmt::Bind(int index, std::string_view text) {
    sqlite3_bind_text64(m_stmt, index, text.data(), text.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
    return *this;
}
Stmt& Stmt::BindInPlace(int index, std::string_view text) {
    sqlite3_bind_text64(m_stmt, index, text.data(), text.size(), SQLITE_STATIC, SQLITE_UTF8);
    return *this;
}
Stmt& Stmt::Bind(int index, std::nullopt_t) { sqlite3_bind_null(m_stmt, index); return *this; }
Stmt& Stmt::BindBlob(int index, ByteView bytes) {
    sqlite3_bind_blob64(m_stmt, index, bytes.data(), bytes.size(), SQLITE_TRANSIENT);
    return *this;
}

Result<bool> Stmt::Step() {
    const int rc = sqlite3_step(m_stmt);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    return MakeError("sql.step", std::string("SQLite error: ") + sqlite3_errmsg(m_db));
}

Status Stmt::Run() {
    while (true) {
        auto step = Step();
        if (!step) return step.error();
        if (!step.value()) return Ok{};
    }
}

Result<std::vector<std::int64_t>> Stmt::Ints() {
    std::vector<std::int64_t> values;
    while (true) {
        auto step = Step();
        if (!step) return step.error();
        if (!step.value()) return values;
        values.push_back(Int(0));
    }
}

void Stmt::Reset() {
    sqlite3_reset(m_stmt);
    sqlite3_clear_bindings(m_stmt);
}

bool Stmt::IsNull(int column) const { return sqlite3_column_type(m_stmt, column) == SQLITE_NULL; }
std::int64_t Stmt::Int(int column) const { return sqlite3_column_int64(m_stmt, column); }
double Stmt::Real(int column) const { return sqlite3_column_double(m_stmt, column); }
std::string_view Stmt::Text(int column) const {
    const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(m_stmt, column));
    return text ? std::string_view(text, static_cast<std::size_t>(sqlite3_column_bytes(m_stmt, column))) : std::string_view();
}
std::optional<std::string> Stmt::OptionalText(int column) const {
    if (IsNull(column)) return std::nullopt;
    return std::string(Text(column));
}
int Stmt::ColumnCount() const { return sqlite3_column_count(m_stmt); }
std::string Stmt::ColumnName(int column) const {
    const char* name = sqlite3_column_name(m_stmt, column);
    return name ? name : "";
}
ColumnType Stmt::Type(int column) const {
    switch (sqlite3_column_type(m_stmt, column)) {
        case SQLITE_INTEGER: return ColumnType::Integer;
        case SQLITE_FLOAT: return ColumnType::Real;
        case SQLITE_BLOB: return ColumnType::Blob;
        case SQLITE_NULL: return ColumnType::Null;
        default: return ColumnType::Text;
    }
}

}  // namespace core
