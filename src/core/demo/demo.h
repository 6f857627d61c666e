// A realistic Django Q database made from a seed: the app's built-in demo and `djq demo`.
// Same options, same bytes, on every platform (own RNG; no <random> distributions, whose results
// differ between standard libraries).
#pragma once

#include <cstdint>
#include <string>

#include "core/db/db.h"
#include "core/schema/schema.h"

namespace core {

// The demo's ORM queue is signed with this key and cluster name, so its signatures can be checked
// (djq queue --secret-key-env, the app's SECRET_KEY field). Not a secret: demo data only.
constexpr const char* kDemoSecretKey = "djq-demo-secret-key-not-for-production";
constexpr const char* kDemoCluster = "default";

struct DemoOptions {
    std::int64_t tasks = 2000;
    std::int64_t schedules = 12;
    std::int64_t queued = 25;
    std::uint64_t seed = 1;
    Variant variant = Variant::DjangoQ2;
    // Tasks end before this UTC moment ("YYYY-MM-DD HH:MM:SS"); fixed so output is reproducible.
    std::string now = "2026-11-24 12:00:00";
    double failure_rate = 0.05;
};

// Builds the demo in a new in-memory database. Errors: "demo.bad_options".
Result<Db> MakeDemoDatabase(const DemoOptions& options);

}  // namespace core
