// Helpers the unit tests share for working on copies of the fixtures.
#pragma once

#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "core/demo/demo.h"
#include "core/io/file.h"
#include "core/open/open_export.h"
#include "test_paths.h"

namespace test {

// A fixture loaded into memory, as the app's working copy: edits never touch the file.
inline core::Export OpenFixtureCopy(const char* fixture) {
    auto bytes = core::ReadFile(FixturePath(fixture));
    REQUIRE(bytes);
    auto opened = core::OpenExportBytes(bytes.value(), fixture);
    REQUIRE(opened);
    return std::move(opened.value());
}

// The demo database (core/demo) as an export in memory.
inline core::Export MakeDemoExport(const core::DemoOptions& options) {
    auto db = core::MakeDemoDatabase(options);
    REQUIRE(db);
    auto schema = core::DetectSchema(db.value());
    REQUIRE(schema);
    return core::Export{std::move(db.value()), schema.value(), "demo", nullptr};
}

// The ids of the first `count` successful or failed tasks, in id order.
inline std::vector<std::string> TaskIds(core::Export& e, int count, bool success) {
    auto stmt = e.db.Prepare("SELECT id FROM django_q_task WHERE success = ?1 ORDER BY id LIMIT ?2");
    stmt->Bind(1, static_cast<std::int64_t>(success)).Bind(2, static_cast<std::int64_t>(count));
    std::vector<std::string> ids;
    while (stmt->Step().value()) ids.emplace_back(stmt->Text(0));
    return ids;
}

}  // namespace test
