// Shared by the benchmarks: a stopwatch and the report line format.
#pragma once

#include <chrono>
#include <cstdio>
#include <optional>
#include <string>

#include "core/demo/demo.h"
#include "core/schema/export.h"
#include "core/schema/schema.h"

namespace bench {

class Stopwatch {
public:
    Stopwatch() : m_start(std::chrono::steady_clock::now()) {}
    double Seconds() const { return std::chrono::duration<double>(std::chrono::steady_clock::now() - m_start).count(); }

private:
    std::chrono::steady_clock::time_point m_start;
};

// "name ........ value unit   (detail)"
inline void Report(const std::string& name, double value, const char* unit, const std::string& detail = "") {
    std::printf("%-44s %12.3f %-8s %s\n", name.c_str(), value, unit, detail.c_str());
    std::fflush(stdout);
}

struct Options {
    long long tasks = 1'000'000;
    long long edits = 100'000;
    std::string fixtures = DJQ_FIXTURES_DIR;
    std::string only;  // run one group: decode, open, import, sync, lists, insights, admin-compare, fixture-export
    // admin-compare: an existing export, JSON lines instead of the table, repetitions after warm-up,
    // and where to write the SQL it ran (for tests/bench/sqljs_bench.js).
    std::string db;
    bool json = false;
    int reps = 15;
    int warmup = 2;
    std::string sql_out;
};

// The demo database with `tasks` tasks (and the demo's schedules and queue, or as many as given)
// as an export in memory; nullopt (said on stdout) when it fails.
inline std::optional<core::Export> DemoExport(long long tasks, long long schedules = core::DemoOptions{}.schedules,
                                              long long queued = core::DemoOptions{}.queued) {
    core::DemoOptions demo;
    demo.tasks = tasks;
    demo.schedules = schedules;
    demo.queued = queued;
    auto db = core::MakeDemoDatabase(demo);
    if (!db) {
        std::printf("demo failed: %s\n", db.error().Describe().c_str());
        return std::nullopt;
    }
    auto schema = core::DetectSchema(db.value());
    if (!schema) {
        std::printf("demo failed: %s\n", schema.error().Describe().c_str());
        return std::nullopt;
    }
    return core::Export{std::move(db.value()), schema.value(), "bench"};
}

// The most memory the program has held so far: resident set natively, the wasm heap in the web build.
double PeakMegabytes();

void BenchOpen(const Options& options);
void BenchFixtureExport(const Options& options);
void BenchSync(const Options& options);
void BenchDecode(const Options& options);
void BenchImport(const Options& options);
void BenchLists(const Options& options);
void BenchInsights(const Options& options);
void BenchAdminCompare(const Options& options);

}  // namespace bench
