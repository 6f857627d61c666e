// Making and opening a large export: what the user waits for before the first screen.
#include "bench.h"
#include "core/demo/demo.h"
#include "core/open/open_export.h"
#include "core/model/summary.h"

namespace bench {

void BenchOpen(const Options& options) {
    core::DemoOptions demo;
    demo.tasks = options.tasks;
    Stopwatch make;
    auto db = core::MakeDemoDatabase(demo);
    if (!db) return (void)std::printf("demo failed: %s\n", db.error().Describe().c_str());
    Report("demo: generate tasks", options.tasks / make.Seconds(), "rows/s", std::to_string(make.Seconds()) + " s");
    auto bytes = db->Serialize();
    Report("demo: export size", bytes->size() / 1e6, "MB");

    Stopwatch open;
    auto opened = core::OpenExportBytes(bytes.value(), "bench.sqlite3");
    const double open_seconds = open.Seconds();
    if (!opened) return (void)std::printf("open failed: %s\n", opened.error().Describe().c_str());
    Stopwatch summary_watch;
    auto summary = core::Summarize(opened.value());
    const double summary_seconds = summary_watch.Seconds();
    Report("open: bytes -> working copy", open_seconds * 1000, "ms");
    Report("open: first screen counts (Summarize)", summary_seconds * 1000, "ms",
           std::to_string(summary->successful + summary->failed) + " tasks");
    Report("open: total to first screen", (open_seconds + summary_seconds) * 1000, "ms", "target <= 300 ms native");
}

}  // namespace bench
