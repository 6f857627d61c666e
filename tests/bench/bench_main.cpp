// djq_bench: how fast the core is on realistic sizes. Prints one line per figure.
#include <algorithm>
#include <cstdlib>
#include <cstring>

#include "bench.h"

int main(int argc, char** argv) {
    bench::Options options;
    for (int i = 1; i < argc; ++i) {
        if (!std::strcmp(argv[i], "--json")) { options.json = true; continue; }
        if (i + 1 >= argc) break;
        const char* value = argv[++i];
        if (!std::strcmp(argv[i - 1], "--tasks")) options.tasks = std::atoll(value);
        else if (!std::strcmp(argv[i - 1], "--edits")) options.edits = std::atoll(value);
        else if (!std::strcmp(argv[i - 1], "--only")) options.only = value;
        else if (!std::strcmp(argv[i - 1], "--db")) options.db = value;
        else if (!std::strcmp(argv[i - 1], "--reps")) options.reps = std::max(1, std::atoi(value));
        else if (!std::strcmp(argv[i - 1], "--warmup")) options.warmup = std::max(0, std::atoi(value));
        else if (!std::strcmp(argv[i - 1], "--sql-out")) options.sql_out = value;
    }
    if (options.only == "admin-compare") {  // not part of the default run: it needs an export file
        bench::BenchAdminCompare(options);
        return 0;
    }
#ifdef __EMSCRIPTEN__
    const char* build = "wasm";
#else
    const char* build = "native";
#endif
    std::printf("djq_bench: %lld tasks, %lld edits (%s, %s)\n", options.tasks, options.edits, build,
#ifdef NDEBUG
                "release"
#else
                "DEBUG BUILD: figures are not representative"
#endif
    );
    if (options.only.empty() || options.only == "decode") bench::BenchDecode(options);
    if (options.only.empty() || options.only == "open") bench::BenchOpen(options);
    if (options.only.empty() || options.only == "import") bench::BenchImport(options);
    if (options.only.empty() || options.only == "sync") bench::BenchSync(options);
    if (options.only == "fixture-export") bench::BenchFixtureExport(options);  // on its own: it measures peak memory
    if (options.only.empty() || options.only == "lists") bench::BenchLists(options);
    if (options.only.empty() || options.only == "insights") bench::BenchInsights(options);
    if (options.only.empty() || options.only == "compare") bench::BenchCompare(options);
    return 0;
}
