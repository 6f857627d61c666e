// Large outputs leave in pieces (the loaddata fixture), and a file written in pieces replaces its
// target only when it is whole.
#include <catch2/catch.hpp>

#include <filesystem>

#include "core/sync/fixture_export.h"
#include "test_fixtures.h"

using namespace core;

namespace {

std::string ReadText(const std::string& path) {
    auto bytes = ReadFile(path);
    REQUIRE(bytes);
    return std::string(AsText(bytes.value()));
}

// How many entries `folder` holds.
std::size_t FileCount(const std::filesystem::path& folder) {
    std::size_t count = 0;
    for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator(folder)) ++count;
    return count;
}

}  // namespace

TEST_CASE("the fixture leaves in pieces of about a megabyte that add up to the whole text") {
    DemoOptions options;
    options.tasks = 20000;  // several megabytes of fixture
    Export demo = test::MakeDemoExport(options);
    const std::string whole = ExportFixture(demo).value();
    std::vector<std::size_t> sizes;
    std::string joined;
    REQUIRE(WriteFixture(demo, [&](std::string_view piece) -> Status {
        sizes.push_back(piece.size());
        joined += piece;
        return Ok{};
    }));
    CHECK(joined == whole);
    REQUIRE(sizes.size() > 3);
    for (std::size_t i = 0; i + 1 < sizes.size(); ++i) CHECK(sizes[i] < (std::size_t{2} << 20));  // never the whole text at once
}

TEST_CASE("a sink's error stops the fixture at once and is what the export returns") {
    DemoOptions options;
    options.tasks = 20000;
    Export demo = test::MakeDemoExport(options);
    int pieces = 0;
    auto written = WriteFixture(demo, [&](std::string_view) -> Status {
        ++pieces;
        return MakeError("io.write", "cannot write out.json: No space left on device");
    });
    REQUIRE_FALSE(written);
    CHECK(written.error().message == "cannot write out.json: No space left on device");
    CHECK(pieces == 1);
}

TEST_CASE("a file written in pieces replaces its target only when committed") {
    const auto folder = std::filesystem::temp_directory_path() / "djq-output-files-test";
    std::filesystem::remove_all(folder);
    std::filesystem::create_directories(folder);
    const std::string target = (folder / "out.json").string();
    REQUIRE(WriteFile(target, AsBytes("earlier")));

    {  // dropped half-way (an export that failed): the target is as it was, nothing is left beside it
        auto writer = FileWriter::Create(target);
        REQUIRE(writer);
        REQUIRE(writer->Write(AsBytes("half of a new")));
    }
    CHECK(ReadText(target) == "earlier");
    CHECK(FileCount(folder) == 1);

    auto writer = FileWriter::Create(target);
    REQUIRE(writer);
    const TextSink sink = writer->Sink();
    REQUIRE(sink("[\n  "));
    REQUIRE(sink("{}\n]"));
    CHECK(ReadText(target) == "earlier");  // not until the commit
    REQUIRE(writer->Commit());
    CHECK(ReadText(target) == "[\n  {}\n]");
    CHECK(writer->BytesWritten() == 8);
    CHECK(FileCount(folder) == 1);
    CHECK_FALSE(writer->Write(AsBytes("more")));  // a committed file is closed
    std::filesystem::remove_all(folder);
}
