// `--only admin-compare --db FILE [--json] [--reps N]`: the Successful list's queries, as the app runs
// them (QueryTasks for page 1 of 100 + CountTasks), on an existing export, with and without the list's
// index. tests/bench/compare.py runs the same page through Django's ORM (django_admin_bench.py) and the
// same SQL through sql.js (sqljs_bench.js) and prints them side by side.
//
// The query set is fixed and identical in the three scripts (AdminQueries below, QUERIES in
// django_admin_bench.py and sqljs_bench.js); compare.py checks that every side counts the same rows.
// With --sql-out FILE the exact SQL each query ran (bound values filled in by sqlite3_expanded_sql)
// and the DDL of the indexes are written as JSON lines, for sqljs_bench.js to run verbatim.
#include <algorithm>
#include <cmath>
#include <fstream>
#include <vector>

#include <nlohmann/json.hpp>
#include <sqlite3.h>

#include "bench.h"
#include "core/open/open_export.h"
#include "core/model/task_query.h"
#include "core/model/task_search.h"

namespace bench {
namespace {

struct AdminQuery {
    const char* name;
    const char* search;
    const char* group;  // nullptr: no group filter
};

// Terms that exist in `djq demo --tasks 1000000 --schedules 2000`: one character, a piece of
// inventory/invoicing funcs and schedule names, and a whole 10-character group name.
constexpr AdminQuery kAdminQueries[] = {
    {"no search", "", nullptr},
    {"search 'e' (1 char)", "e", nullptr},
    {"search 'inv' (3 chars)", "inv", nullptr},
    {"search 'batch-1042' (10 chars)", "batch-1042", nullptr},
    {"group = 'batch-1042'", "", "batch-1042"},
};

// Nearest rank, the same definition as the Python and node scripts.
double Percentile(std::vector<double> values, double p) {
    std::sort(values.begin(), values.end());
    const auto rank = static_cast<std::size_t>(std::ceil(p / 100.0 * static_cast<double>(values.size())));
    return values[std::min(values.size(), std::max<std::size_t>(rank, 1)) - 1];
}

// Records the statements SQLite runs while it is installed (the first step of each statement).
struct SqlRecorder {
    std::vector<std::string> statements;
    sqlite3* db = nullptr;
    explicit SqlRecorder(sqlite3* handle) : db(handle) {
        sqlite3_trace_v2(db, SQLITE_TRACE_STMT, &SqlRecorder::OnStatement, this);
    }
    ~SqlRecorder() { sqlite3_trace_v2(db, 0, nullptr, nullptr); }
    static int OnStatement(unsigned, void* self, void* stmt, void*) {
        char* expanded = sqlite3_expanded_sql(static_cast<sqlite3_stmt*>(stmt));
        static_cast<SqlRecorder*>(self)->statements.emplace_back(expanded ? expanded : sqlite3_sql(static_cast<sqlite3_stmt*>(stmt)));
        sqlite3_free(expanded);
        return 0;
    }
};

void Emit(const nlohmann::json& line, bool json) {
    if (json) {
        std::printf("%s\n", line.dump().c_str());
        std::fflush(stdout);
    }
}

}  // namespace

void BenchAdminCompare(const Options& options) {
    if (options.db.empty()) return (void)std::printf("admin-compare needs --db FILE (e.g. djq demo -o FILE --tasks 1000000)\n");
#ifdef __EMSCRIPTEN__
    const char* impl = "djq-wasm";
#else
    const char* impl = "djq-native";
#endif
    std::ifstream in(options.db, std::ios::binary);
    if (!in) return (void)std::printf("cannot read %s\n", options.db.c_str());
    Stopwatch load;
    in.seekg(0, std::ios::end);
    std::vector<std::uint8_t> bytes(static_cast<std::size_t>(in.tellg()));
    in.seekg(0);
    in.read(reinterpret_cast<char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
    const double read_seconds = load.Seconds();
    auto opened = core::OpenExportBytes(bytes, options.db);
    if (!opened) return (void)std::printf("open failed: %s\n", opened.error().Describe().c_str());
    const double load_seconds = load.Seconds();
    const std::size_t size = bytes.size();
    std::vector<std::uint8_t>().swap(bytes);  // the working copy has its own
    core::Export& e = opened.value();
    Emit({{"kind", "load"}, {"impl", impl}, {"ms", load_seconds * 1000}, {"read_ms", read_seconds * 1000}, {"bytes", size}}, options.json);
    if (!options.json) Report(std::string(impl) + ": read + open working copy", load_seconds * 1000, "ms", std::to_string(size / 1'000'000) + " MB");

    std::ofstream sql_out;
    if (!options.sql_out.empty()) sql_out.open(options.sql_out);
    const auto write_sql = [&](const nlohmann::json& line) {
        if (sql_out) sql_out << line.dump() << "\n";
    };
    // "Without the index" means without any of ours: drop those a working copy may carry.
    std::vector<std::string> ours;
    if (auto stmt = e.db.Prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND name LIKE 'djq\\_task\\_%' ESCAPE '\\'"); stmt)
        for (auto row = stmt->Step(); row && row.value(); row = stmt->Step()) ours.emplace_back(stmt->Text(0));
    for (const auto& index : ours) (void)e.db.Exec("DROP INDEX " + index);

    // Three rounds: SQL alone, with the list's indexes, and with those plus the in-memory search index
    // (task_search.h), which only djq has: sql.js and Django run the first two rounds' SQL.
    for (const int round : {0, 1, 2}) {
        const bool indexed = round >= 1, search_index = round == 2;
        if (search_index) {
            Stopwatch watch;
            if (auto attached = core::AttachTaskSearch(e); !attached) return (void)std::printf("search index failed: %s\n", attached.error().Describe().c_str());
            auto loaded = core::LoadTaskSearch(e, INT64_MAX);
            if (!loaded) return (void)std::printf("search index failed: %s\n", loaded.error().Describe().c_str());
            const double ms = watch.Seconds() * 1000;
            const double mb = static_cast<double>(e.task_search->index().MemoryBytes()) / 1e6;
            Emit({{"kind", "search-index"}, {"impl", impl}, {"ms", ms}, {"mb", mb}}, options.json);
            if (!options.json) Report(std::string(impl) + ": load the search index", ms, "ms", std::to_string(static_cast<int>(mb)) + " MB");
        }
        if (indexed && !search_index) {
            std::vector<std::string> made;
            for (const auto& q : kAdminQueries) {
                core::TaskQuery query;
                query.search = q.search;
                if (q.group) query.group = q.group;
                const std::string index = core::TaskIndexFor(e.schema, query);
                if (index.empty() || std::find(made.begin(), made.end(), index) != made.end()) continue;
                made.push_back(index);
                SqlRecorder recorder(e.db.handle());
                Stopwatch watch;
                if (auto created = core::CreateTaskIndex(e, index); !created)
                    return (void)std::printf("index failed: %s\n", created.error().Describe().c_str());
                const double ms = watch.Seconds() * 1000;
                Emit({{"kind", "index"}, {"impl", impl}, {"index", index}, {"ms", ms}}, options.json);
                if (!options.json) Report(std::string(impl) + ": create " + index, ms, "ms");
                for (const auto& statement : recorder.statements) write_sql({{"kind", "index"}, {"index", index}, {"sql", statement}});
            }
        }
        for (const auto& q : kAdminQueries) {
            core::TaskQuery query;  // Successful, -stopped, page 1 of 100
            query.search = q.search;
            if (q.group) query.group = q.group;
            query.limit = 100;
            std::int64_t count = 0;
            std::size_t rows = 0;
            std::vector<double> page_ms, count_ms, total_ms;
            for (int i = -options.warmup; i < options.reps; ++i) {
                std::optional<SqlRecorder> recorder;
                if (i == -options.warmup && !search_index) recorder.emplace(e.db.handle());
                if (search_index) e.task_search->index().ForgetSelection();  // each repetition is a new keystroke
                Stopwatch page;
                auto listed = core::QueryTasks(e, query);
                const double p = page.Seconds() * 1000;
                Stopwatch counted;
                auto n = core::CountTasks(e, query);
                const double c = counted.Seconds() * 1000;
                if (!listed || !n) return (void)std::printf("query failed: %s\n", (!listed ? listed.error() : n.error()).Describe().c_str());
                rows = listed->size();
                count = n.value();
                if (recorder) {
                    if (recorder->statements.size() != 2) return (void)std::printf("expected 2 statements, saw %zu\n", recorder->statements.size());
                    write_sql({{"kind", "query"}, {"query", q.name}, {"index", indexed}, {"page_sql", recorder->statements[0]},
                               {"count_sql", recorder->statements[1]}});
                }
                if (i < 0) continue;
                page_ms.push_back(p);
                count_ms.push_back(c);
                total_ms.push_back(p + c);
            }
            Emit({{"kind", "query"}, {"impl", impl}, {"query", q.name}, {"index", indexed}, {"search_index", search_index}, {"reps", options.reps},
                  {"p50_ms", Percentile(total_ms, 50)}, {"p95_ms", Percentile(total_ms, 95)},
                  {"page_p50_ms", Percentile(page_ms, 50)}, {"count_p50_ms", Percentile(count_ms, 50)},
                  {"rows", rows}, {"count", count}},
                 options.json);
            if (!options.json)
                Report(std::string(impl) + (search_index ? " (search index): " : indexed ? " (index): " : " (no index): ") + q.name, Percentile(total_ms, 50), "ms",
                       "p95 " + std::to_string(Percentile(total_ms, 95)) + " ms, " + std::to_string(count) + " results");
        }
    }
}

}  // namespace bench
