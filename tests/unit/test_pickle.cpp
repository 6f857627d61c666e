#include <catch2/catch.hpp>
#include <algorithm>
#include <nlohmann/json.hpp>

#include "core/decode/base64.h"
#include "core/decode/pickle_reader.h"
#include "core/decode/pickle_writer.h"
#include "core/decode/py_repr.h"
#include "core/io/file.h"
#include "core/model/export.h"
#include "test_paths.h"

using namespace core;

namespace {

Bytes FromHex(const std::string& hex) {
    Bytes bytes;
    for (std::size_t i = 0; i + 1 < hex.size(); i += 2) bytes.push_back(static_cast<std::uint8_t>(std::stoi(hex.substr(i, 2), nullptr, 16)));
    return bytes;
}

std::vector<std::string> FixturePickles(const char* fixture) {
    auto opened = OpenExportFile(test::FixturePath(fixture));
    REQUIRE(opened);
    auto stmt = opened->db.Prepare("SELECT args FROM django_q_task UNION ALL SELECT kwargs FROM django_q_task UNION ALL SELECT result FROM django_q_task");
    std::vector<std::string> texts;
    while (stmt->Step().value())
        if (!stmt->IsNull(0)) texts.emplace_back(stmt->Text(0));
    return texts;
}

std::string Repr(ByteView bytes) {
    auto value = DecodePickle(bytes);
    REQUIRE(value);
    return ReprPython(*value.value());
}

}  // namespace

// Every vector re-encodes to exactly the bytes CPython 3.11 wrote (datetimes, Decimal, UUID,
// OrderedDict... included), so Python reads back the very same value. (Checked once more with Python
// itself when these vectors were made: pickle.loads of our output equals the original for all 58.)
TEST_CASE("pickles Python 3.11 wrote decode to its repr and re-encode to the same bytes") {
    auto text = ReadFile(test::TestDataPath("pickle/python_vectors.json"));
    REQUIRE(text);
    const auto vectors = nlohmann::json::parse(AsText(text.value()));
    REQUIRE(vectors.size() == 58);
    for (const auto& vector : vectors) {
        const Bytes python = FromHex(vector["pickle"]);
        const std::string expected = vector["repr"];
        INFO(expected.substr(0, 80));
        auto value = DecodePickle(python);
        REQUIRE(value);
        CHECK(ReprPython(*value.value()) == expected);
        auto ours = EncodePickle(*value.value());
        REQUIRE(ours);
        CHECK(ours.value() == python);
    }
}

TEST_CASE("every fixture value survives decode, encode, decode") {
    for (const char* fixture : {"djq1-1.3.9.sqlite3", "djq2-latest.sqlite3"}) {
        for (const auto& text : FixturePickles(fixture)) {
            auto first = DecodePickledField(text);
            REQUIRE(first);
            auto again_text = EncodePickledField(*first.value());
            REQUIRE(again_text);
            auto second = DecodePickledField(again_text.value());
            REQUIRE(second);
            CHECK(ReprPython(*second.value()) == ReprPython(*first.value()));
        }
    }
}

TEST_CASE("a pickle cut at any byte is an error with a position, never a crash") {
    int checked = 0;
    for (const auto& text : FixturePickles("djq2-latest.sqlite3")) {
        auto bytes = DecodeBase64(text);
        REQUIRE(bytes);
        if (bytes->size() > 2000) continue;  // the 100 KB text would make this slow without adding cases
        for (std::size_t cut = 0; cut < bytes->size(); ++cut) {
            auto value = DecodePickle(ByteView(bytes->data(), cut));
            REQUIRE_FALSE(value);
            CHECK_THAT(value.error().where, Catch::StartsWith("byte "));
            ++checked;
        }
    }
    CHECK(checked > 1000);
}

TEST_CASE("hostile pickles are refused with a stable code") {
    auto code = [](std::initializer_list<std::uint8_t> bytes) {
        const Bytes data(bytes);
        auto value = DecodePickle(data);
        return value ? std::string("ok") : value.error().code;
    };
    CHECK(code({0x80, 0x05, 0x97, '.'}) == "pickle.out_of_band");
    CHECK(code({0x80, 0x05, 0xFF}) == "pickle.bad_opcode");
    CHECK(code({0x80, 0x05, 'h', 0x07, '.'}) == "pickle.bad_memo");
    CHECK(code({0x80, 0x05, 'a', '.'}) == "pickle.stack_underflow");
    CHECK(code({0x80, 0x05, 'e', '.'}) == "pickle.no_mark");
    CHECK(code({0x80, 0x05, 'N'}) == "pickle.no_stop");
    CHECK(code({0x80, 0x05, 'N', 'N', '.'}) == "pickle.bad_value");
    CHECK(code({0x80, 0x05, 'Q', '.'}) == "pickle.unsupported");
    // A length field far beyond the data is not allocated.
    CHECK(code({0x80, 0x05, 0x8d, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F, 'x', '.'}) == "pickle.truncated");
    // Deep nesting is bounded, both while reading and while printing.
    Bytes deep = {0x80, 0x05};
    deep.insert(deep.end(), 5000, '(');
    CHECK(DecodePickle(deep).error().code == "pickle.too_deep");
    Bytes nested = {0x80, 0x05};
    for (int i = 0; i < 100000; ++i) nested.push_back(']');
    for (int i = 0; i < 99999; ++i) nested.push_back('a');
    nested.push_back('.');
    auto value = DecodePickle(nested);
    REQUIRE(value);
    CHECK_THAT(ReprPython(*value.value()), Catch::Contains("…"));
    CHECK(EncodePickle(*value.value()).error().code == "pickle.too_deep");
}

TEST_CASE("recursive structures print as Python prints them") {
    // l = []; l.append(l)  ->  [[...]]
    const Bytes self_list = {0x80, 0x05, ']', 0x94, 'h', 0x00, 'a', '.'};
    CHECK(Repr(self_list) == "[[...]]");
}

TEST_CASE("protocol 0 and 2 pickles decode too") {
    // pickle.dumps((1, 'a', b'x', 2.5, None, True), protocol=0)
    const std::string p0 = "(I1\nVa\np0\nc_codecs\nencode\np1\n(Vx\np2\nVlatin1\np3\ntp4\nRp5\nF2.5\nNI01\ntp6\n.";
    CHECK(Repr(AsBytes(p0)) == "(1, 'a', b'x', 2.5, None, True)");
    // pickle.dumps({'k': [1, 2]}, protocol=2)
    CHECK(Repr(FromHex("80027d710058010000006b71015d7102284b014b0265732e")) == "{'k': [1, 2]}");
}

TEST_CASE("size caps shorten huge values with the count of what was left out") {
    std::vector<PyRef> items;
    for (int i = 0; i < 10; ++i) items.push_back(PyInt(i));
    ReprOptions options;
    options.max_items = 3;
    options.max_text = 5;
    CHECK(ReprPython(*PyList(items), options) == "[0, 1, 2, …(7 more)]");
    CHECK(ReprPython(*PyStr("abcdefgh"), options) == "'abcde'…(3 more)");
}
