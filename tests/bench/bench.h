// Shared by the benchmarks: a stopwatch and the report line format.
#pragma once

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <optional>
#include <string>
#include <vector>

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
    std::string only;  // run one group: decode, open, import, sync, lists, insights, compare, admin-compare, fixture-export
    // admin-compare: an existing export, JSON lines instead of the table, repetitions after warm-up,
    // and where to write the SQL it ran (for tests/bench/sqljs_bench.js).
    std::string db;
    bool json = false;
    int reps = 15;
    int warmup = 2;
    std::string sql_out;
};

// The demo database with `tasks` tasks (and the demo's schedules and queue, or as many as given)
// as an export in memory; nullopt (said on stdout) when it fails. Another seed, other tasks.
inline std::optional<core::Export> DemoExport(long long tasks, long long schedules = core::DemoOptions{}.schedules,
                                              long long queued = core::DemoOptions{}.queued, std::uint64_t seed = 1) {
    core::DemoOptions demo;
    demo.tasks = tasks;
    demo.schedules = schedules;
    demo.queued = queued;
    demo.seed = seed;
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

// Runs `scan` to its end in steps of `rows_per_step` as the app's Tick does; "1.2 s; a step of N:
// p50 … ms, p99 …, max …" for the report, or nullopt (said on stdout) when a step fails.
template <class Scan>
std::optional<std::string> TimedSteps(Scan& scan, core::Export& e, std::int64_t rows_per_step) {
    std::vector<double> steps;
    Stopwatch whole;
    while (true) {
        Stopwatch step;
        auto done = scan.Step(e, rows_per_step);
        steps.push_back(step.Seconds() * 1000);
        if (!done) return (void)std::printf("scan failed: %s\n", done.error().Describe().c_str()), std::nullopt;
        if (done.value()) break;
    }
    const double seconds = whole.Seconds();
    std::sort(steps.begin(), steps.end());
    const auto at = [&](double fraction) { return steps[static_cast<std::size_t>(fraction * static_cast<double>(steps.size() - 1))]; };
    return std::to_string(seconds) + " s; a step of " + std::to_string(rows_per_step) + ": p50 " + std::to_string(at(0.5)) + " ms, p99 " +
           std::to_string(at(0.99)) + ", max " + std::to_string(steps.back()) + " (target: frames <= 16 ms)";
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
void BenchCompare(const Options& options);
void BenchAdminCompare(const Options& options);

}  // namespace bench
