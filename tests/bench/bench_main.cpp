// djq_bench: how fast the core is on realistic sizes. Prints one line per figure.
#include <cstdlib>
#include <cstring>

#include "bench.h"

int main(int argc, char** argv) {
    bench::Options options;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (!std::strcmp(argv[i], "--tasks")) options.tasks = std::atoll(argv[i + 1]);
        else if (!std::strcmp(argv[i], "--edits")) options.edits = std::atoll(argv[i + 1]);
        else if (!std::strcmp(argv[i], "--only")) options.only = argv[i + 1];
    }
    std::printf("djq_bench: %lld tasks, %lld edits (native, %s)\n", options.tasks, options.edits,
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
    if (options.only.empty() || options.only == "lists") bench::BenchLists(options);
    return 0;
}
