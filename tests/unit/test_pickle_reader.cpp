// The safe pickle reader: pickles CPython wrote (protocols 0-5), opcodes one by one as the pickle
// spec (pickletools) describes them, and broken or hostile input.
#include <catch2/catch.hpp>

#include <string>

#include "core/decode/pickle_reader.h"
#include "core/decode/py_repr.h"
#include "test_pickle_vectors.h"

using namespace core;

namespace {

std::string ReprOf(std::string_view pickle) {
    auto value = DecodePickle(AsBytes(pickle));
    if (!value) return "error " + value.error().code + " " + value.error().where;
    return ReprPython(*value.value());
}

std::string CodeOf(std::string_view pickle) {
    auto value = DecodePickle(AsBytes(pickle));
    return value ? "ok" : value.error().code;
}

// Literals hold NUL bytes: take their whole length.
template <std::size_t N>
std::string Repr(const char (&pickle)[N]) { return ReprOf({pickle, N - 1}); }
std::string Repr(const std::string& pickle) { return ReprOf(pickle); }
template <std::size_t N>
std::string Code(const char (&pickle)[N]) { return CodeOf({pickle, N - 1}); }
std::string Code(const std::string& pickle) { return CodeOf(pickle); }

}  // namespace

TEST_CASE("pickles CPython 3.11 wrote decode to its repr, protocols 0 to 5") {
    int checked[6] = {};
    for (const auto& vector : test::PickleVectors()) {
        if (vector.group == "large") continue;
        INFO("protocol " << vector.protocol << ": " << vector.readable.substr(0, 120));
        auto value = DecodePickle(vector.pickle);
        REQUIRE(value);
        bool exact = false;
        CHECK(ReprPython(*value.value(), {}, &exact) == vector.readable);
        CHECK(exact == (vector.group != "user"));
        ++checked[vector.protocol];
    }
    for (int protocol = 0; protocol <= 5; ++protocol) CHECK(checked[protocol] > 150);
}

TEST_CASE("protocol 0 text opcodes") {
    CHECK(Repr("I42\n.") == "42");
    CHECK(Repr("I-7\n.") == "-7");
    CHECK(Repr("I01\n.") == "True");  // INT's spelling of the bools
    CHECK(Repr("I00\n.") == "False");
    CHECK(Repr("I123456789012345678901234567890\n.") == "123456789012345678901234567890");
    CHECK(Repr("L123L\n.") == "123");
    CHECK(Repr("L-99999999999999999999999L\n.") == "-99999999999999999999999");
    CHECK(Repr("F2.5\n.") == "2.5");
    CHECK(Repr("Finf\n.") == "inf");
    CHECK(Repr("F-0.0\n.") == "-0.0");
    CHECK(Repr("Vcaf\\u00e9 \\U0001f600\n.") == "'café 😀'");  // raw-unicode-escape
    CHECK(Repr("S'abc'\n.") == "'abc'");                       // Python 2 str: ASCII loads as str
    CHECK(Repr("S'a\\\\b\\'c\\n\\x41\\101'\n.") == "\"a\\\\b'c\\nAA\"");  // escape_decode: \\ \' \n \x41 \101
    CHECK(Repr("S'\\xff'\n.") == "b'\\xff'");                  // not ASCII: kept as bytes
    CHECK(Repr("(I1\nI2\nt.") == "(1, 2)");
    CHECK(Repr("(I1\nI2\nl.") == "[1, 2]");
    CHECK(Repr("(S'k'\nI1\nd.") == "{'k': 1}");
    CHECK(Repr("(lp0\nI1\nag0\na.") == "[1, [...]]");  // PUT then GET of the list itself
    CHECK(Repr("N.") == "None");
    CHECK(Repr("(I1\n0.") == "error pickle.bad_value byte 5");  // POP leaves the MARK open at STOP
    CHECK(Repr("(I1\n1N.") == "None");                            // POP_MARK
    CHECK(Repr("I5\n2t.") == "error pickle.no_mark byte 4");
    CHECK(Repr("(I5\n2t.") == "(5, 5)");  // DUP
    CHECK(Repr("c__builtin__\nset\n((lI1\naI2\natR.") == "{1, 2}");  // Python 2 names, set(list) folded
    CHECK(Repr("cexceptions\nValueError\n(S'bad'\ntR.") == "ValueError('bad')");
    CHECK(Repr("(I1\nI2\nidemoapp.tasks\nThing\n.") == "demoapp.tasks.Thing(1, 2)");  // INST
    CHECK(Repr("(cdemoapp.tasks\nThing\nI3\no.") == "demoapp.tasks.Thing(3)");         // OBJ
}

TEST_CASE("protocol 1 and 2 binary opcodes") {
    using namespace std::string_literals;
    CHECK(Repr("K\x07.") == "7");
    CHECK(Repr("M\x01\x02.") == "513");
    CHECK(Repr("J\xff\xff\xff\xff.") == "-1");
    CHECK(Repr("G\x3f\xf8\x00\x00\x00\x00\x00\x00."s) == "1.5");
    CHECK(Repr("U\x02hi.") == "'hi'");                          // SHORT_BINSTRING
    CHECK(Repr("T\x01\x00\x00\x00x.") == "'x'");                 // BINSTRING
    CHECK(Repr("X\x02\x00\x00\x00\xc3\xa9.") == "'é'");          // BINUNICODE
    CHECK(Repr("]q\x00(K\x01h\x00" "e.") == "[1, [...]]");          // BINPUT, BINGET
    CHECK(Repr("]r\x00\x01\x00\x00j\x00\x01\x00\x00" "a.") == "[[...]]");  // LONG_BINPUT, LONG_BINGET
    CHECK(Repr("}(K\x01K\x02K\x03K\x04u.") == "{1: 2, 3: 4}");  // SETITEMS
    CHECK(Repr("}K\x01K\x02s.") == "{1: 2}");                    // SETITEM
    CHECK(Repr("\x80\x02\x88\x89N\x87.") == "(True, False, None)");
    CHECK(Repr("\x80\x02K\x01\x85.") == "(1,)");
    CHECK(Repr("\x80\x02K\x01K\x02\x86.") == "(1, 2)");
    CHECK(Repr("\x80\x02)."s) == "()");
    CHECK(Repr("\x80\x02\x8a\x00."s) == "0");                    // LONG1 of no bytes
    CHECK(Repr("\x80\x02\x8a\x01\xff.") == "-1");
    CHECK(Repr("\x80\x02\x8a\x02\x00\x80."s) == "-32768");
    CHECK(Repr("\x80\x02\x8b\x09\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x01."s) == "18446744073709551616");  // LONG4
    // NEWOBJ: cls.__new__(cls, *args), then BUILD with the state.
    CHECK(Repr("\x80\x02" "cdemoapp.tasks\nP\n)\x81}X\x01\x00\x00\x00" "aK\x01sb."s) == "demoapp.tasks.P(a=1)");
    CHECK(Repr("\x80\x02\x80\x06.") == "error pickle.bad_opcode byte 2");
}

TEST_CASE("protocol 3 to 5 opcodes") {
    using namespace std::string_literals;
    CHECK(Repr("\x80\x03" "C\x02\x00\xff.") == "b'\\x00\\xff'");                                 // SHORT_BINBYTES
    CHECK(Repr("\x80\x03" "B\x01\x00\x00\x00z.") == "b'z'");                                  // BINBYTES
    CHECK(Repr("\x80\x04\x95\x05\x00\x00\x00\x00\x00\x00\x00\x8c\x01" "a\x94.") == "'a'");      // FRAME, SHORT_BINUNICODE, MEMOIZE
    CHECK(Repr("\x80\x04\x8d\x01\x00\x00\x00\x00\x00\x00\x00" "b.") == "'b'");                  // BINUNICODE8
    CHECK(Repr("\x80\x04\x8e\x01\x00\x00\x00\x00\x00\x00\x00" "c.") == "b'c'");                 // BINBYTES8
    CHECK(Repr("\x80\x04\x8f\x94(K\x01K\x02\x90.") == "{1, 2}");                             // EMPTY_SET, ADDITEMS
    CHECK(Repr("\x80\x04\x8f.") == "set()");
    CHECK(Repr("\x80\x04(K\x03\x91.") == "frozenset({3})");                                  // FROZENSET
    CHECK(Repr("\x80\x04(\x91.") == "frozenset()");
    CHECK(Repr("\x80\x04\x8c\x08" "builtins\x94\x8c\x03int\x94\x93.") == "<class 'int'>");     // STACK_GLOBAL
    CHECK(Repr("\x80\x04\x8c\x01m\x8c\x01K\x93)}\x8c\x04sizeK\x03s\x92.") == "m.K(size=3)"); // NEWOBJ_EX
    CHECK(Repr("\x80\x05\x96\x02\x00\x00\x00\x00\x00\x00\x00hi.") == "bytearray(b'hi')");  // BYTEARRAY8
    CHECK(Repr("\x80\x05]\x94h\x00" "a.") == "[[...]]");
    CHECK(Repr("\x80\x05\x97.") == "error pickle.out_of_band byte 2");                       // NEXT_BUFFER
    CHECK(Repr("\x80\x05\x98.") == "error pickle.out_of_band byte 2");                       // READONLY_BUFFER
    CHECK(Repr("\x80\x05\x82\x01.") == "error pickle.unsupported byte 2");                   // EXT1
    CHECK(Repr("\x80\x05N.trailing bytes are ignored, as Python does") == "None");
}

TEST_CASE("broken and hostile pickles give a stable code and a byte offset") {
    using namespace std::string_literals;
    CHECK(Code("") == "pickle.no_stop");
    CHECK(Code("\x80\x05N") == "pickle.no_stop");
    CHECK(Code("\x80\x05\xff.") == "pickle.bad_opcode");
    CHECK(Code("\x80\x05h\x07.") == "pickle.bad_memo");
    CHECK(Code("\x80\x05g7\n.") == "pickle.bad_memo");
    CHECK(Code("\x80\x05pxyz\n.") == "pickle.bad_memo");
    CHECK(Code("\x80\x05\x94.") == "pickle.stack_underflow");
    CHECK(Code("\x80\x05" "a.") == "pickle.stack_underflow");
    CHECK(Code("\x80\x05(a.") == "pickle.stack_underflow");  // APPEND cannot reach below a MARK
    CHECK(Code("\x80\x05" "e.") == "pickle.no_mark");
    CHECK(Code("\x80\x05NN.") == "pickle.bad_value");
    CHECK(Code("\x80\x05(K\x01" "d.") == "pickle.bad_value");  // DICT with an odd count
    CHECK(Code("\x80\x05K\x01K\x02\x93.") == "pickle.bad_value");  // STACK_GLOBAL of ints
    CHECK(Code("\x80\x05NK\x01R.") == "pickle.bad_value");  // REDUCE with args that are not a tuple
    CHECK(Code("\x80\x05]Nb.") == "pickle.bad_value");     // BUILD on a list
    CHECK(Code("\x80\x05Q.") == "pickle.unsupported");
    CHECK(Code("\x80\x05Pid\n.") == "pickle.unsupported");
    CHECK(Code("I12x\n.") == "pickle.bad_value");
    CHECK(Code("Fnope\n.") == "pickle.bad_value");
    CHECK(Code("S'unterminated\n.") == "pickle.bad_value");
    CHECK(Code("I1") == "pickle.truncated");
    // Lengths far beyond the data are refused before anything is allocated.
    CHECK(Code("\x80\x05\x8d\xff\xff\xff\xff\xff\xff\xff\x7fx.") == "pickle.truncated");
    CHECK(Code("\x80\x05\x96\xff\xff\xff\xff\xff\xff\xff\xffx.") == "pickle.truncated");
    CHECK(Code("\x80\x05\x8b\xff\xff\xff\x7f.") == "pickle.truncated");
    CHECK(Code("\x80\x05X\xff\xff\xff\xff.") == "pickle.truncated");
    auto error = DecodePickle(AsBytes("\x80\x05\x80\x09."s)).error();
    CHECK(error.where == "byte 2");
    CHECK_THAT(error.message, Catch::Contains("protocol 9"));
}

TEST_CASE("deep nesting is refused, with or without MARKs, and never overflows the stack") {
    std::string marks = "\x80\x05";
    marks.append(5000, '(');
    CHECK(Code(marks) == "pickle.too_deep");
    // EMPTY_LIST ... APPEND nests without a MARK: 100,000 lists deep.
    std::string lists = "\x80\x05";
    lists.append(100000, ']');
    lists.append(99999, 'a');
    lists += '.';
    auto deep = DecodePickle(AsBytes(lists));
    REQUIRE_FALSE(deep);
    CHECK(deep.error().code == "pickle.too_deep");
    // 999 levels is what Python itself can still write: accepted.
    std::string ok = "\x80\x05";
    ok.append(999, ']');
    ok.append(998, 'a');
    ok += '.';
    CHECK(Code(ok) == "ok");
}

TEST_CASE("a pickle cut at any byte is an error with a position, never a crash") {
    int checked = 0;
    auto cut_everywhere = [&](const Bytes& bytes) {
        for (std::size_t cut = 0; cut < bytes.size(); ++cut) {
            auto value = DecodePickle(ByteView(bytes.data(), cut));
            REQUIRE_FALSE(value);
            CHECK_THAT(value.error().where, Catch::StartsWith("byte "));
            ++checked;
        }
    };
    for (const char* fixture : {"djq1-1.3.9", "djq2-latest"}) {
        for (const auto& field : test::FixtureFields(fixture)) {
            auto bytes = DecodeBase64(field.text);
            REQUIRE(bytes);
            if (bytes->size() <= 4000) cut_everywhere(bytes.value());  // the 100 KB text adds time, not cases
        }
    }
    for (const auto& vector : test::PickleVectors())
        if (vector.pickle.size() <= 2000) cut_everywhere(vector.pickle);
    CHECK(checked > 50000);
}

TEST_CASE("every single-byte corruption of a fixture pickle decodes or fails cleanly") {
    // Flipping each byte in turn reaches most error paths; ASan/UBSan builds check they are safe.
    int failed = 0, decoded = 0;
    for (const auto& field : test::FixtureFields("djq2-latest")) {
        auto bytes = DecodeBase64(field.text).value();
        if (bytes.size() > 600) continue;
        for (std::size_t i = 0; i < bytes.size(); ++i) {
            for (std::uint8_t flip : {0x01, 0x80, 0xff}) {
                Bytes broken = bytes;
                broken[i] ^= flip;
                auto value = DecodePickle(broken);
                if (value) {
                    (void)ReprPython(*value.value());
                    ++decoded;
                } else {
                    CHECK_THAT(value.error().where, Catch::StartsWith("byte "));
                    ++failed;
                }
            }
        }
    }
    CHECK(failed > 1000);
    CHECK(decoded > 100);
}

TEST_CASE("a pickle sharing one node at every level decodes in linear time and prints within its budget") {
    // x0 = []; x(n+1) = (xn, xn): 64 levels is 2^64 leaves to a naive printer.
    std::string pickle = "\x80\x05]\x94";  // memo 0
    for (int level = 0; level < 64; ++level) {
        const char previous = static_cast<char>(level);
        pickle += '0';  // POP the previous value: only the newest stays on the stack
        pickle += {'h', previous, 'h', previous, '\x86', '\x94'};  // (previous, previous), memo level + 1
    }
    pickle += ".";
    auto value = DecodePickle(AsBytes(pickle));
    REQUIRE(value);
    ReprOptions options;
    options.max_output = 1 << 20;
    bool exact = true;
    const std::string repr = ReprPython(*value.value(), options, &exact);
    CHECK(repr.size() < (1u << 20) + 100);
    CHECK_THAT(repr, Catch::EndsWith("…"));
    CHECK_FALSE(exact);  // finishing at all is the check: a naive printer would walk 2^64 leaves
}

TEST_CASE("django-picklefield text: base64 of a pickle") {
    auto value = DecodePickledField("gAWVCQAAAAAAAABdlChLAUsCZS4=");
    REQUIRE(value);
    CHECK(ReprPython(*value.value()) == "[1, 2]");
    CHECK(DecodePickledField("not base64!").error().code == "base64.bad_char");
    CHECK(DecodePickledField("gAWVCQAAAAAAAABdlChLAUsC").error().code == "pickle.no_stop");
}
