// The pickle writer: what it writes is what CPython writes (byte for byte, so Python reads back the
// same value), for decoded trees and for values the C++ helpers build.
#include <catch2/catch.hpp>

#include <functional>
#include <map>

#include "core/decode/hash.h"
#include "core/decode/pickle_reader.h"
#include "core/decode/pickle_writer.h"
#include "core/decode/py_repr.h"
#include "test_pickle_vectors.h"

using namespace core;

TEST_CASE("decoded CPython pickles re-encode to the same bytes at their protocol (2 to 5)") {
    int identical = 0;
    for (const auto& vector : test::PickleVectors()) {
        if (vector.group == "large" || vector.protocol < 2) continue;
        INFO("protocol " << vector.protocol << ": " << vector.readable.substr(0, 120));
        auto value = DecodePickle(vector.pickle);
        REQUIRE(value);
        auto ours = EncodePickle(*value.value(), vector.protocol);
        REQUIRE(ours);
        CHECK(test::Hex(ours.value()) == test::Hex(vector.pickle));
        identical += ours.value() == vector.pickle;
    }
    CHECK(identical > 800);
}

TEST_CASE("protocol 0 and 1 pickles re-encode at every protocol to the same value") {
    for (const auto& vector : test::PickleVectors()) {
        if (vector.group == "large" || vector.protocol > 1) continue;
        auto value = DecodePickle(vector.pickle);
        REQUIRE(value);
        const std::string repr = ReprPython(*value.value());
        for (int protocol = 2; protocol <= 5; ++protocol) {
            auto again = DecodePickle(EncodePickle(*value.value(), protocol).value());
            REQUIRE(again);
            CHECK(ReprPython(*again.value()) == repr);
        }
    }
}

namespace {

std::string BlockText(int i) {
    char digits[8];
    std::snprintf(digits, sizeof digits, "%05d", i);
    std::string text;
    for (int k = 0; k < 140; ++k) text += digits;
    return text;
}

// The values make_vectors.py pickles in its "built" and "large" groups, made with the C++ helpers.
const std::map<std::string, std::function<PyRef()>>& BuiltValues() {
    static const std::map<std::string, std::function<PyRef()>> values = {
        {"datetime_utc", [] { return PyDatetimeUtc(2026, 11, 24, 1, 34, 22, 756000); }},
        {"datetime_naive", [] { return PyDatetime(2024, 2, 29, 13, 45, 5, 120, false); }},
        {"date", [] { return PyDate(2024, 2, 29); }},
        {"time", [] { return PyTime(23, 59, 59, 999999); }},
        {"timedelta", [] { return PyTimedelta(-1, 5, 7); }},
        {"decimal", [] { return PyDecimal("1.10"); }},
        {"uuid", [] { return PyUuid("12345678-1234-5678-1234-567812345678"); }},
        {"complex", [] { return PyComplex(1.5, -2.0); }},
        {"ordered_dict", [] { return PyOrderedDict({{PyStr("b"), PyInt(1)}, {PyStr("a"), PyInt(2)}}); }},
        {"big_int", [] { return PyBigInt("-1000000000000000000000000000000"); }},
        {"containers",
         [] {
             return PyTuple({PyNone(), PyBool(true), PyList({PyInt(1), PyFloat(2.5), PyStr("s")}), PyDict({{PyStr("k"), PyBytes("v")}}),
                             PySet({PyInt(3)}), PyFrozenSet({}), PyByteArray("ba")});
         }},
        {"task_package",
         [] {
             return PyDict({{PyStr("id"), PyStr(std::string(32, '0'))}, {PyStr("name"), PyStr("x")}, {PyStr("args"), PyTuple({PyInt(1)})},
                            {PyStr("kwargs"), PyDict({})}, {PyStr("started"), PyDatetimeUtc(2024, 1, 1, 0, 0, 0, 0)},
                            {PyStr("stopped"), PyDatetimeUtc(2024, 1, 2, 0, 0, 0, 0)}});
         }},
        {"long_text_then_short", [] { return PyList({PyStr(std::string(100000, 'a')), PyStr("b")}); }},
        {"300_blocks",
         [] {
             std::vector<PyRef> items;
             for (int i = 0; i < 300; ++i) items.push_back(PyStr(BlockText(i)));
             return PyList(items);
         }},
        {"200_tuples",
         [] {
             std::vector<PyRef> items;
             for (int i = 0; i < 200; ++i) items.push_back(PyTuple({PyStr(BlockText(i))}));
             return PyList(items);
         }},
        {"120_dict_items",
         [] {
             std::vector<std::pair<PyRef, PyRef>> items;
             for (int i = 0; i < 120; ++i) items.emplace_back(PyStr(BlockText(i)), PyList({PyStr(BlockText(i + 1000))}));
             return PyDict(items);
         }},
        {"3_texts_just_under_64k",
         [] {
             std::vector<PyRef> items;
             for (int i = 0; i < 3; ++i) items.push_back(PyStr(std::string(65520 + static_cast<std::size_t>(i), static_cast<char>('0' + i))));
             return PyList(items);
         }},
        {"large_bytes_and_bytearray", [] { return PyList({PyBytes(std::string(70000, 'x')), PyByteArray(std::string(70000, 'y'))}); }},
    };
    return values;
}

}  // namespace

TEST_CASE("values built with the C++ helpers pickle exactly as CPython pickles them") {
    int built = 0, large = 0;
    for (const auto& vector : test::PickleVectors()) {
        if (vector.group != "built" && vector.group != "large") continue;
        INFO(vector.name << " protocol " << vector.protocol);
        const auto found = BuiltValues().find(vector.name);
        REQUIRE(found != BuiltValues().end());
        const PyRef value = found->second();
        auto ours = EncodePickle(*value, vector.protocol);
        REQUIRE(ours);
        if (vector.group == "built") {
            CHECK(test::Hex(ours.value()) == test::Hex(vector.pickle));
            CHECK(ReprPython(*value) == vector.repr);
            ++built;
        } else {
            // Frames are cut where CPython cuts them, large payloads outside frames.
            CHECK(ours->size() == vector.size);
            CHECK(test::Hex(Sha256(ours.value())) == vector.sha256);
            auto again = DecodePickle(ours.value());
            REQUIRE(again);
            CHECK(ReprPython(*again.value()) == ReprPython(*value));
            ++large;
        }
    }
    CHECK(built == 12);
    CHECK(large >= 8);
}

TEST_CASE("every fixture value survives decode, encode, decode, and re-encodes to Django Q's bytes") {
    int identical = 0, total = 0;
    for (const char* fixture : {"djq1-1.3.9", "djq2-latest"}) {
        for (const auto& field : test::FixtureFields(fixture)) {
            INFO(fixture << " " << field.task_name << " " << field.field);
            auto first = DecodePickledField(field.text);
            REQUIRE(first);
            auto text = EncodePickledField(*first.value());
            REQUIRE(text);
            auto second = DecodePickledField(text.value());
            REQUIRE(second);
            CHECK(ReprPython(*second.value()) == ReprPython(*first.value()));
            identical += text.value() == field.text;
            ++total;
        }
    }
    // Everything the fixtures hold comes back byte for byte, user classes included.
    CHECK(identical == total);
}

TEST_CASE("writer errors and bounds") {
    CHECK(EncodePickle(*PyNone(), 1).error().code == "pickle.bad_protocol");
    CHECK(EncodePickle(*PyNone(), 6).error().code == "pickle.bad_protocol");
    // A list holding a tuple that holds the list: the list is memoized before its items, so the
    // cycle closes on it, as in Python.
    auto list = PyList({});
    auto tuple = PyTuple({list});
    list->items.push_back(tuple);
    auto ok = EncodePickle(*tuple);
    REQUIRE(ok);
    auto back = DecodePickle(ok.value());
    REQUIRE(back);
    CHECK(ReprPython(*back.value()) == "([(...)],)");
    list->items.clear();
    // Deeper than 1000 is refused rather than recursed into (a tuple-only cycle would be endless).
    PyRef deep = PyInt(0);
    for (int i = 0; i < 1200; ++i) deep = PyTuple({deep});
    CHECK(EncodePickle(*deep).error().code == "pickle.too_deep");
    // As deep as a decoded pickle can be: written without trouble (sanitizer builds included).
    PyRef nested = PyInt(0);
    for (int i = 0; i < 330; ++i) {
        nested = PyList({nested});
        nested = PyDict({{PyStr("k"), nested}});
        nested = PyObject("m", "C", {}, nested);
    }
    auto written = EncodePickle(*nested);
    REQUIRE(written);
    auto read = DecodePickle(written.value());
    REQUIRE(read);
    CHECK(test::Hex(EncodePickle(*read.value()).value()) == test::Hex(written.value()));
}

TEST_CASE("protocol-specific spellings") {
    auto hex = [](const PyRef& value, int protocol) { return test::Hex(EncodePickle(*value, protocol).value()); };
    using namespace std::string_literals;
    // Protocols 2-3: set by REDUCE of builtins.set (named __builtin__ in protocol 2); 4+: EMPTY_SET.
    CHECK(hex(PySet({PyInt(1)}), 2) == test::Hex(AsBytes("\x80\x02" "c__builtin__\nset\nq\x00]q\x01K\x01" "a\x85q\x02Rq\x03."s)));
    CHECK(hex(PySet({PyInt(1)}), 3) == test::Hex(AsBytes("\x80\x03" "cbuiltins\nset\nq\x00]q\x01K\x01" "a\x85q\x02Rq\x03."s)));
    CHECK(hex(PySet({PyInt(1)}), 4) == test::Hex(AsBytes(std::string("\x80\x04\x95\x07\x00\x00\x00\x00\x00\x00\x00\x8f\x94(K\x01\x90.", 18))));
    // Protocol 2 has no bytes opcodes.
    CHECK(hex(PyBytes("\xff"), 2) == test::Hex(AsBytes("\x80\x02" "c_codecs\nencode\nq\x00X\x02\x00\x00\x00\xc3\xbfq\x01X\x06\x00\x00\x00latin1q\x02\x86q\x03Rq\x04."s)));
}
