// Python's repr() of value trees: the formatting rules one by one (expected strings are what
// CPython 3.11 prints), the readable form of user classes, caps, the pretty form and bounds.
#include <catch2/catch.hpp>

#include <cmath>
#include <limits>

#include "core/decode/pickle_reader.h"
#include "core/decode/py_format.h"
#include "core/decode/py_repr.h"

using namespace core;

namespace {

std::string R(const PyRef& value, const ReprOptions& options = {}) { return ReprPython(*value, options); }

}  // namespace

TEST_CASE("float repr: shortest round-trip digits, Python's exponent rules") {
    CHECK(FloatRepr(0.1) == "0.1");
    CHECK(FloatRepr(1.0) == "1.0");
    CHECK(FloatRepr(-0.0) == "-0.0");
    CHECK(FloatRepr(0.0) == "0.0");
    CHECK(FloatRepr(1e16) == "1e+16");
    CHECK(FloatRepr(1e15) == "1000000000000000.0");
    CHECK(FloatRepr(123456789012345678.0) == "1.2345678901234568e+17");
    CHECK(FloatRepr(1e-4) == "0.0001");
    CHECK(FloatRepr(1e-5) == "1e-05");
    CHECK(FloatRepr(1.5e-5) == "1.5e-05");
    CHECK(FloatRepr(1e300) == "1e+300");
    CHECK(FloatRepr(5e-324) == "5e-324");
    CHECK(FloatRepr(1.7976931348623157e308) == "1.7976931348623157e+308");
    CHECK(FloatRepr(2.0 / 3.0) == "0.6666666666666666");
    CHECK(FloatRepr(std::numeric_limits<double>::infinity()) == "inf");
    CHECK(FloatRepr(-std::numeric_limits<double>::infinity()) == "-inf");
    CHECK(FloatRepr(std::nan("")) == "nan");
    // Just above a power of two the interval below is half as wide: the correctly rounded 16 digits
    // miss, and Python's shortest string is their neighbour.
    CHECK(FloatRepr(7.120236347223045e-307) == "7.120236347223045e-307");
    CHECK(FloatRepr(std::ldexp(1.0, -1020)) == "8.900295434028806e-308");
    CHECK(FloatReprBare(2.0) == "2");
    CHECK(FloatReprBare(1e16) == "1e+16");
}

TEST_CASE("str repr: quote choice, escapes and str.isprintable") {
    CHECK(StrRepr("") == "''");
    CHECK(StrRepr("it's") == "\"it's\"");
    CHECK(StrRepr("say \"hi\"") == "'say \"hi\"'");
    CHECK(StrRepr("both ' and \"") == "'both \\' and \"'");
    CHECK(StrRepr("back\\slash") == "'back\\\\slash'");
    CHECK(StrRepr("\t\n\r\x01\x7f") == "'\\t\\n\\r\\x01\\x7f'");
    CHECK(StrRepr("é ü ß 日本語 😀") == "'é ü ß 日本語 😀'");
    CHECK(StrRepr("\xc2\xa0\xc2\xad") == "'\\xa0\\xad'");               // NBSP (Zs), soft hyphen (Cf)
    CHECK(StrRepr("\xe2\x80\xa8\xef\xbb\xbf") == "'\\u2028\\ufeff'");  // line separator, BOM
    CHECK(StrRepr("\xf3\xa0\x80\x81") == "'\\U000e0001'");             // language tag (Cf)
    CHECK(StrRepr("\xf1\x95\x8c\x97") == "'\\U00055317'");             // unassigned (Cn)
    CHECK(StrRepr("\xee\x80\x80") == "'\\ue000'");                     // private use (Co)
    CHECK(StrRepr("\xe1\x9a\x80") == "'\\u1680'");                     // Ogham space mark (Zs)
    CHECK(IsPrintable('a'));
    CHECK(IsPrintable(' '));
    CHECK_FALSE(IsPrintable(0x85));
    CHECK(IsPrintable(0x1F600));
    CHECK_FALSE(IsPrintable(0x110000));
}

TEST_CASE("bytes and bytearray repr") {
    CHECK(R(PyBytes("")) == "b''");
    CHECK(R(PyBytes("it's")) == "b\"it's\"");
    CHECK(R(PyBytes(std::string("\x00\xff\x80\n\t\\", 6))) == "b'\\x00\\xff\\x80\\n\\t\\\\'");
    CHECK(R(PyByteArray("")) == "bytearray(b'')");
    CHECK(R(PyByteArray("it's")) == "bytearray(b\"it\\'s\")");  // bytearray escapes ' even inside "..."
    CHECK(R(PyByteArray("\"'")) == "bytearray(b'\"\\'')");
}

TEST_CASE("numbers, containers and singletons") {
    CHECK(R(PyNone()) == "None");
    CHECK(R(PyBool(true)) == "True");
    CHECK(R(PyInt(-9223372036854775807 - 1)) == "-9223372036854775808");
    CHECK(R(PyBigInt("-000123456789012345678901234567890")) == "-123456789012345678901234567890");
    CHECK(PyBigInt("42")->kind == PyKind::Int);
    CHECK(PyBigInt("12x") == nullptr);
    CHECK(R(PyTuple({})) == "()");
    CHECK(R(PyTuple({PyInt(1)})) == "(1,)");
    CHECK(R(PyTuple({PyInt(1), PyStr("a")})) == "(1, 'a')");
    CHECK(R(PyList({})) == "[]");
    CHECK(R(PyDict({{PyStr("k"), PyList({PyInt(1)})}, {PyInt(2), PyNone()}})) == "{'k': [1], 2: None}");
    CHECK(R(PySet({})) == "set()");
    CHECK(R(PySet({PyInt(3), PyInt(1)})) == "{3, 1}");  // kept in pickled order
    CHECK(R(PyFrozenSet({})) == "frozenset()");
    CHECK(R(PyFrozenSet({PyStr("a")})) == "frozenset({'a'})");
    CHECK(R(PyComplex(1, 2)) == "(1+2j)");
    CHECK(R(PyComplex(0, 2)) == "2j");
    CHECK(R(PyComplex(-0.0, -1)) == "(-0-1j)");
    CHECK(R(PyComplex(0, 0)) == "0j");
    CHECK(R(PyComplex(1.5, -0.0)) == "(1.5-0j)");
    CHECK(R(PyComplex(1e16, 1e-5)) == "(1e+16+1e-05j)");
    CHECK(R(PyComplex(std::numeric_limits<double>::infinity(), std::nan(""))) == "(inf+nanj)");
    CHECK(R(PyGlobal("builtins", "int")) == "<class 'int'>");
    CHECK(R(PyGlobal("builtins", "len")) == "<built-in function len>");
}

TEST_CASE("standard-library values") {
    CHECK(R(PyDatetime(2024, 2, 29, 13, 45, 5, 120, false)) == "datetime.datetime(2024, 2, 29, 13, 45, 5, 120)");
    CHECK(R(PyDatetime(2024, 1, 1, 0, 0, 0, 0, false)) == "datetime.datetime(2024, 1, 1, 0, 0)");
    CHECK(R(PyDatetime(2024, 1, 1, 0, 0, 7, 0, false)) == "datetime.datetime(2024, 1, 1, 0, 0, 7)");
    CHECK(R(PyDatetimeUtc(2026, 11, 24, 1, 34, 22, 756000)) == "datetime.datetime(2026, 11, 24, 1, 34, 22, 756000, tzinfo=datetime.timezone.utc)");
    CHECK(R(PyDate(2024, 2, 29)) == "datetime.date(2024, 2, 29)");
    CHECK(R(PyTime(0, 0, 0, 0)) == "datetime.time(0, 0)");
    CHECK(R(PyTime(23, 59, 59, 999999)) == "datetime.time(23, 59, 59, 999999)");
    CHECK(R(PyTimedelta(0, 0, 0)) == "datetime.timedelta(0)");
    CHECK(R(PyTimedelta(1, 5, 0)) == "datetime.timedelta(days=1, seconds=5)");
    CHECK(R(PyTimedelta(0, -1, 0)) == "datetime.timedelta(days=-1, seconds=86399)");  // normalised as Python does
    CHECK(R(PyTimedelta(0, 0, 1)) == "datetime.timedelta(microseconds=1)");
    CHECK(R(PyTimezoneUtc()) == "datetime.timezone.utc");
    // pytz's UTC, as Django < 4 puts it on aware datetimes.
    auto pytz_utc = PyCall(PyGlobal("pytz", "_UTC"), {});
    auto with_pytz = PyCall(PyGlobal("datetime", "datetime"), {PyDatetime(2024, 5, 6, 7, 8, 9, 0, false)->items[1]->items[0], pytz_utc});
    CHECK(R(with_pytz) == "datetime.datetime(2024, 5, 6, 7, 8, 9, tzinfo=<UTC>)");
    auto amsterdam = PyCall(PyGlobal("pytz", "_p"), {PyStr("Europe/Amsterdam"), PyInt(3600), PyInt(0), PyStr("CET")});
    CHECK(R(amsterdam) == "<DstTzInfo 'Europe/Amsterdam' CET+1:00:00 STD>");
    auto new_york = PyCall(PyGlobal("pytz", "_p"), {PyStr("America/New_York"), PyInt(-14400), PyInt(3600), PyStr("EDT")});
    CHECK(R(new_york) == "<DstTzInfo 'America/New_York' EDT-1 day, 20:00:00 DST>");
    CHECK(R(PyDecimal("1.10")) == "Decimal('1.10')");
    CHECK(R(PyUuid("12345678-1234-5678-1234-567812345678")) == "UUID('12345678-1234-5678-1234-567812345678')");
    CHECK(R(PyUuid("00000000000000000000000000000000")) == "UUID('00000000-0000-0000-0000-000000000000')");
    CHECK(PyUuid("not a uuid") == nullptr);
    CHECK(R(PyOrderedDict({})) == "OrderedDict()");
    auto ordered = PyOrderedDict({{PyStr("b"), PyInt(1)}, {PyStr("a"), PyInt(2)}});
    CHECK(R(ordered) == "OrderedDict([('b', 1), ('a', 2)])");
    ReprOptions python312;
    python312.python_minor = 12;
    CHECK(R(ordered, python312) == "OrderedDict({'b': 1, 'a': 2})");
    auto counter = PyCall(PyGlobal("collections", "Counter"), {PyDict({{PyStr("a"), PyInt(1)}, {PyStr("b"), PyInt(5)}, {PyStr("c"), PyInt(1)}})});
    CHECK(R(counter) == "Counter({'b': 5, 'a': 1, 'c': 1})");  // most common first, ties in order
    auto deque = PyCall(PyGlobal("collections", "deque"), {PyTuple({}), PyInt(3)});
    deque->appended = {PyInt(1), PyInt(2)};
    CHECK(R(deque) == "deque([1, 2], maxlen=3)");
    auto defaultdict = PyCall(PyGlobal("collections", "defaultdict"), {PyGlobal("builtins", "list")});
    defaultdict->set_items = {PyStr("a"), PyList({})};
    CHECK(R(defaultdict) == "defaultdict(<class 'list'>, {'a': []})");
    CHECK(R(PyCall(PyGlobal("builtins", "OSError"), {PyInt(2), PyStr("No such file")})) == "FileNotFoundError(2, 'No such file')");
    CHECK(R(PyCall(PyGlobal("builtins", "ValueError"), {PyStr("x")})) == "ValueError('x')");
    CHECK(R(PyCall(PyGlobal("builtins", "range"), {PyInt(0), PyInt(5), PyInt(1)})) == "range(0, 5)");
    CHECK(R(PyCall(PyGlobal("fractions", "Fraction"), {PyStr("-7/2")})) == "Fraction(-7, 2)");
    CHECK(R(PyCall(PyGlobal("pathlib", "PosixPath"), {PyStr("/"), PyStr("etc"), PyStr("x")})) == "PosixPath('/etc/x')");
}

TEST_CASE("user classes: class path and state, never mistaken for exact") {
    bool exact = true;
    auto plain = PyObject("demoapp.tasks", "Plain", {}, PyDict({{PyStr("a"), PyList({PyInt(1), PyInt(2)})}, {PyStr("b"), PyDict({{PyStr("k"), PyNone()}})}}));
    CHECK(ReprPython(*plain, {}, &exact) == "demoapp.tasks.Plain(a=[1, 2], b={'k': None})");
    CHECK_FALSE(exact);
    CHECK(HasUserClass(*plain));
    CHECK_FALSE(HasUserClass(*PyDatetimeUtc(2024, 1, 1, 0, 0, 0, 0)));
    // An Enum member pickled by name (Python 3.12+ and the fixtures).
    auto member = PyCall(PyGlobal("builtins", "getattr"), {PyGlobal("demoapp.tasks", "Color"), PyStr("GREEN")});
    CHECK(R(member) == "demoapp.tasks.Color.GREEN");
    // A Django model instance: model_unpickle(('app', 'Model')) then BUILD with its __dict__;
    // _state is Django's bookkeeping and is left out.
    auto model = PyCall(PyGlobal("django.db.models.base", "model_unpickle"), {PyTuple({PyStr("demoapp"), PyStr("Widget")})});
    model->state = PyDict({{PyStr("_state"), PyObject("django.db.models.base", "ModelState", {}, PyDict({}))},
                           {PyStr("id"), PyInt(7)}, {PyStr("name"), PyStr("w")}});
    CHECK(R(model) == "demoapp.Widget(id=7, name='w')");
    CHECK(HasUserClass(*model));
    // State of a class with __slots__: (None, {slot: value}).
    auto slotted = PyObject("m", "S", {}, PyTuple({PyNone(), PyDict({{PyStr("x"), PyInt(1)}})}));
    CHECK(R(slotted) == "m.S(x=1)");
    // Any other state is shown as such.
    CHECK(R(PyObject("m", "T", {PyInt(1)}, PyList({PyInt(2)}))) == "m.T(1, state=[2])");
}

TEST_CASE("recursive containers print Python's markers") {
    auto list = PyList({PyInt(1)});
    list->items.push_back(list);
    CHECK(R(list) == "[1, [...]]");
    auto dict = PyDict({});
    dict->items = {PyStr("self"), dict};
    CHECK(R(dict) == "{'self': {...}}");
    auto inner = PyList({});
    auto tuple = PyTuple({inner});
    inner->items.push_back(tuple);
    CHECK(R(tuple) == "([(...)],)");
    // Break the cycles so the test does not leak.
    list->items.clear();
    dict->items.clear();
    inner->items.clear();
}

TEST_CASE("size caps count what they leave out") {
    std::vector<PyRef> items;
    for (int i = 0; i < 10; ++i) items.push_back(PyInt(i));
    ReprOptions options;
    options.max_items = 3;
    options.max_text = 5;
    bool exact = true;
    CHECK(ReprPython(*PyList(items), options, &exact) == "[0, 1, 2, …(7 more)]");
    CHECK_FALSE(exact);
    CHECK(R(PyStr("abcdefgh"), options) == "'abcde'…(3 more)");
    CHECK(R(PyStr("ééééé"), options) == "'éé'…(6 more)");  // cut on a character boundary (bytes counted)
    CHECK(R(PyBytes("abcdefgh"), options) == "b'abcde'…(3 more)");
    options.max_items = 0;
    CHECK(R(PyDict({{PyInt(1), PyInt(2)}}), options) == "{…(1 more)}");
    ReprOptions budget;
    budget.max_output = 10;
    const std::string cut = R(PyList(std::vector<PyRef>(100, PyStr("abc"))), budget);
    CHECK(cut.size() < 30);
    CHECK_THAT(cut, Catch::EndsWith("…"));
}

TEST_CASE("deep hand-built values print without recursion") {
    PyRef value = PyInt(0);
    for (int i = 0; i < 200000; ++i) value = PyList({value});
    const std::string text = R(value);
    CHECK_THAT(text, Catch::StartsWith("[[[["));
    CHECK_THAT(text, Catch::Contains("…"));  // past 1000 levels
    CHECK(PrettyPython(*value).size() > 1000);
}

TEST_CASE("pretty form: one item per line where a line would be too long") {
    auto value = PyDict({{PyStr("name"), PyStr("a fairly long value to push this over the width")},
                         {PyStr("items"), PyList({PyInt(1), PyInt(2), PyInt(3)})},
                         {PyStr("text"), PyStr("with, a comma and [brackets]")}});
    CHECK(PrettyPython(*value, {}, 40) ==
          "{\n"
          "    'name': 'a fairly long value to push this over the width',\n"
          "    'items': [1, 2, 3],\n"
          "    'text': 'with, a comma and [brackets]'\n"
          "}");
    CHECK(PrettyPython(*PyList({PyInt(1)})) == "[1]");
}
