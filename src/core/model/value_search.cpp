#include "core/model/value_search.h"

#include <algorithm>

#include "core/model/decoded_value.h"
#include "core/model/task_query.h"

namespace core {
namespace {

// rowid is django_q_task's rowid, so a batch resumes after the highest one indexed.
constexpr const char* kTable =
    "CREATE VIRTUAL TABLE IF NOT EXISTS djq_task_text USING fts5(text, tokenize = 'trigram', detail = 'none')";
// Each step commits a small segment. FTS5's automatic merges then come in bursts (a step of 250
// tasks took up to 30 ms natively instead of 3); instead each step merges a little (100 pages), so
// steps stay even (at most 14 ms) at the same throughput (tests/bench: djq_bench --only lists).
constexpr const char* kNoAutomerge = "INSERT INTO djq_task_text (djq_task_text, rank) VALUES ('automerge', 0)";
constexpr const char* kMergeALittle = "INSERT INTO djq_task_text (djq_task_text, rank) VALUES ('merge', 100)";

Result<std::int64_t> Scalar(Db& db, const char* sql) {
    auto stmt = db.Prepare(sql);
    if (!stmt) return stmt.error();
    auto row = stmt->Step();
    if (!row) return row.error();
    return row.value() ? stmt->Int(0) : 0;
}

std::string Part(const std::optional<std::string>& stored, bool raw_str) {
    ReprOptions options;
    options.max_output = 64 * 1024;  // enough to find a value by; a huge blob does not bloat the index
    auto decoded = DecodeStoredValue(stored, options);
    if (!decoded) return "<cannot decode: " + decoded.error().Describe() + ">";
    if (!decoded->has_value()) return "";
    const DecodedValue& value = *decoded.value();
    return raw_str && value.text ? *value.text : value.repr;
}

}  // namespace

std::string SearchableText(const std::optional<std::string>& args, const std::optional<std::string>& kwargs,
                           const std::optional<std::string>& result) {
    return Part(args, false) + "\n" + Part(kwargs, false) + "\n" + Part(result, true);
}

std::string TasksWithValueSql(std::string_view word, const std::string& parameter) {
    // The trigram index serves LIKE only without ESCAPE, which a word without wildcards does not need.
    const bool plain = word.find_first_of("%_\\") == std::string_view::npos;
    return "SELECT rowid FROM djq_task_text WHERE text LIKE " + parameter + (plain ? "" : " ESCAPE '\\'");
}

Result<std::vector<std::int64_t>> TasksWithValue(Export& export_, std::string_view word) {
    auto stmt = export_.db.Prepare(TasksWithValueSql(word, "?1") + " ORDER BY rowid");
    if (!stmt) return stmt.error();
    stmt->Bind(1, LikePattern(word));
    return stmt->Ints();
}

Result<std::int64_t> ValueSearchThrough(Export& export_) { return Scalar(export_.db, "SELECT coalesce(max(rowid), 0) FROM djq_task_text"); }

Result<ValueSearchProgress> ValueSearchStatus(Export& export_) {
    if (auto made = export_.db.Exec(kTable); !made) return made.error();
    if (auto set = export_.db.Exec(kNoAutomerge); !set) return set.error();
    auto last = ValueSearchThrough(export_);
    if (!last) return last.error();
    // Tasks at or below the last one indexed are done (steps go in rowid order).
    auto counts = export_.db.Prepare(
        "SELECT count(*), count(*) FILTER (WHERE rowid <= ?1), EXISTS (SELECT 1 FROM django_q_task WHERE rowid > ?1) FROM django_q_task");
    if (!counts) return counts.error();
    counts->Bind(1, last.value());
    if (auto row = counts->Step(); !row) return row.error();
    return ValueSearchProgress{counts->Int(1), counts->Int(0), last.value(), counts->Int(2) == 0};
}

Result<ValueSearchProgress> IndexDecodedValues(Export& export_, ValueSearchProgress progress, std::int64_t max_tasks) {
    // Counting the tasks again each step cost more than decoding them (two table scans per 250 tasks).
    auto read = export_.db.Prepare("SELECT rowid, args, kwargs, result FROM django_q_task WHERE rowid > ?1 ORDER BY rowid LIMIT ?2");
    if (!read) return read.error();
    read->Bind(1, progress.last_rowid).Bind(2, max_tasks);
    auto write = export_.db.Prepare("INSERT INTO djq_task_text (rowid, text) VALUES (?1, ?2)");
    if (!write) return write.error();
    std::int64_t rows = 0;
    auto indexed = InTransaction(export_.db, [&]() -> Status {
        while (true) {
            auto row = read->Step();
            if (!row) return row.error();
            if (!row.value()) return export_.db.Exec(kMergeALittle);
            progress.last_rowid = read->Int(0);
            ++rows;
            write->Bind(1, progress.last_rowid).Bind(2, SearchableText(read->OptionalText(1), read->OptionalText(2), read->OptionalText(3)));
            if (auto done = write->Run(); !done) return done;
            write->Reset();
        }
    });
    if (!indexed) return indexed.error();
    progress.indexed += rows;
    progress.total = std::max(progress.total, progress.indexed);
    progress.complete = rows < max_tasks;
    return progress;
}

}  // namespace core
