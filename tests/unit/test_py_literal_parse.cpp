// ast.literal_eval over source text and Django Q's reading of Schedule.args and kwargs
// (py_literal_parse.h). Expected reprs are what CPython 3.11 prints for ast.literal_eval(text).
#include <catch2/catch.hpp>

#include <cmath>
#include <string>
#include <utility>

#include "core/decode/py_literal.h"
#include "core/decode/py_literal_parse.h"
#include "core/decode/py_repr.h"
#include "test_fixtures.h"

using namespace core;

namespace {

// Every form literal_eval accepts, and repr() of its value (generated with CPython 3.11).
const std::pair<const char*, const char*> kAccepted[] = {
    {R"py(None)py", R"py(None)py"},
    {R"py(True)py", R"py(True)py"},
    {R"py(False)py", R"py(False)py"},
    {R"py(0)py", R"py(0)py"},
    {R"py(42)py", R"py(42)py"},
    {R"py(-7)py", R"py(-7)py"},
    {R"py(+7)py", R"py(7)py"},
    {R"py(-0)py", R"py(0)py"},
    {R"py(1_000_000)py", R"py(1000000)py"},
    {R"py(0x_ff)py", R"py(255)py"},
    {R"py(0XFF)py", R"py(255)py"},
    {R"py(0o777)py", R"py(511)py"},
    {R"py(0O17)py", R"py(15)py"},
    {R"py(0b1010)py", R"py(10)py"},
    {R"py(0B1_0)py", R"py(2)py"},
    {R"py(00)py", R"py(0)py"},
    {R"py(0_0)py", R"py(0)py"},
    {R"py(9223372036854775807)py", R"py(9223372036854775807)py"},
    {R"py(-9223372036854775808)py", R"py(-9223372036854775808)py"},
    {R"py(9223372036854775808)py", R"py(9223372036854775808)py"},
    {R"py(-9223372036854775809)py", R"py(-9223372036854775809)py"},
    {R"py(123456789012345678901234567890)py", R"py(123456789012345678901234567890)py"},
    {R"py(0xffffffffffffffffffffffff)py", R"py(79228162514264337593543950335)py"},
    {R"py(-0x8000000000000000)py", R"py(-9223372036854775808)py"},
    {R"py(1.5)py", R"py(1.5)py"},
    {R"py(1_000.5)py", R"py(1000.5)py"},
    {R"py(.5)py", R"py(0.5)py"},
    {R"py(5.)py", R"py(5.0)py"},
    {R"py(1e3)py", R"py(1000.0)py"},
    {R"py(1E-3)py", R"py(0.001)py"},
    {R"py(1.5e+3)py", R"py(1500.0)py"},
    {R"py(01.5)py", R"py(1.5)py"},
    {R"py(1e400)py", R"py(inf)py"},
    {R"py(-1e400)py", R"py(-inf)py"},
    {R"py(1e-400)py", R"py(0.0)py"},
    {R"py(-0.0)py", R"py(-0.0)py"},
    {R"py(+0.5)py", R"py(0.5)py"},
    {R"py(1.5_5)py", R"py(1.55)py"},
    {R"py(1j)py", R"py(1j)py"},
    {R"py(1J)py", R"py(1j)py"},
    {R"py(2.5j)py", R"py(2.5j)py"},
    {R"py(09j)py", R"py(9j)py"},
    {R"py(1e3j)py", R"py(1000j)py"},
    {R"py(1+2j)py", R"py((1+2j))py"},
    {R"py(1-2j)py", R"py((1-2j))py"},
    {R"py(-1+2j)py", R"py((-1+2j))py"},
    {R"py(-1-2j)py", R"py((-1-2j))py"},
    {R"py(1.5+0.5j)py", R"py((1.5+0.5j))py"},
    {R"py(-1j)py", R"py((-0-1j))py"},
    {R"py(+1j)py", R"py(1j)py"},
    {R"py(1-0j)py", R"py((1+0j))py"},
    {R"py(-0.0+1j)py", R"py(1j)py"},
    {R"py(0+0j)py", R"py(0j)py"},
    {R"py(-(1))py", R"py(-1)py"},
    {R"py(-(1.5))py", R"py(-1.5)py"},
    {R"py((-1)+2j)py", R"py((-1+2j))py"},
    {R"py('a')py", R"py('a')py"},
    {R"py("a")py", R"py('a')py"},
    {R"py('it''s')py", R"py('its')py"},
    {R"py("it's")py", R"py("it's")py"},
    {R"py('''tri
ple''')py", R"py('tri\nple')py"},
    {R"py("""tri "quoted" 'x'""")py", R"py('tri "quoted" \'x\'')py"},
    {R"py('')py", R"py('')py"},
    {R"py("""""")py", R"py('')py"},
    {R"py('\n\t\r\\\'\"')py", R"py('\n\t\r\\\'"')py"},
    {R"py('\x41\x7f')py", R"py('A\x7f')py"},
    {R"py('\u00e9')py", R"py('é')py"},
    {R"py('\U0001F600')py", R"py('😀')py"},
    {R"py('\101\0\777')py", R"py('A\x00ǿ')py"},
    {R"py('\q\d')py", R"py('\\q\\d')py"},
    {R"py('a\
b')py", R"py('ab')py"},
    {R"py('\a\b\f\v')py", R"py('\x07\x08\x0c\x0b')py"},
    {R"py('\ud800')py", R"py('\ud800')py"},
    {R"py('é日本😀')py", R"py('é日本😀')py"},
    {R"py(r'\n\x')py", R"py('\\n\\x')py"},
    {R"py(R'\d')py", R"py('\\d')py"},
    {R"py(u'\u00e9')py", R"py('é')py"},
    {R"py(U'x')py", R"py('x')py"},
    {R"py(b'\x00\xff\n')py", R"py(b'\x00\xff\n')py"},
    {R"py(B'abc')py", R"py(b'abc')py"},
    {R"py(br'\n')py", R"py(b'\\n')py"},
    {R"py(rb'\x')py", R"py(b'\\x')py"},
    {R"py(Rb'x')py", R"py(b'x')py"},
    {R"py(bR'x')py", R"py(b'x')py"},
    {R"py(BR'\n')py", R"py(b'\\n')py"},
    {R"py(b'\u00e9\N{x}')py", R"py(b'\\u00e9\\N{x}')py"},
    {R"py(b'\777\101')py", R"py(b'\xffA')py"},
    {R"py(b'\q')py", R"py(b'\\q')py"},
    {R"py(r'a\
b')py", R"py('a\\\nb')py"},
    {R"py('a' 'b')py", R"py('ab')py"},
    {R"py('a' "b" '''c''')py", R"py('abc')py"},
    {R"py(u'a' r'\n')py", R"py('a\\n')py"},
    {R"py(b'a' b'b')py", R"py(b'ab')py"},
    {R"py(('a'
 'b'))py", R"py('ab')py"},
    {R"py('a' \
'b')py", R"py('ab')py"},
    {R"py(())py", R"py(())py"},
    {R"py((1,))py", R"py((1,))py"},
    {R"py((1, 2))py", R"py((1, 2))py"},
    {R"py(1,)py", R"py((1,))py"},
    {R"py(1, 2)py", R"py((1, 2))py"},
    {R"py(1, 2,)py", R"py((1, 2))py"},
    {R"py((((1))))py", R"py(1)py"},
    {R"py(((1,),))py", R"py(((1,),))py"},
    {R"py([])py", R"py([])py"},
    {R"py([1])py", R"py([1])py"},
    {R"py([1, 2,])py", R"py([1, 2])py"},
    {R"py([[[]]])py", R"py([[[]]])py"},
    {R"py({})py", R"py({})py"},
    {R"py({'a': 1})py", R"py({'a': 1})py"},
    {R"py({'a': 1, 'b': [2, {3: None}],})py", R"py({'a': 1, 'b': [2, {3: None}]})py"},
    {R"py({1})py", R"py({1})py"},
    {R"py({1, 2, 3})py", R"py({1, 2, 3})py"},
    {R"py(set())py", R"py(set())py"},
    {R"py(set( ))py", R"py(set())py"},
    {R"py({1: 'a', True: 'b', 1.0: 'c'})py", R"py({1: 'c'})py"},
    {R"py({1, True, 1.0, 1+0j})py", R"py({1})py"},
    {R"py({'a': 1, 'a': 2})py", R"py({'a': 2})py"},
    {R"py({0: 1, -0.0: 2, False: 3})py", R"py({0: 3})py"},
    {R"py({(1, 2): 'x', (1.0, 2): 'y'})py", R"py({(1, 2): 'y'})py"},
    {R"py({b'a': 1, 'a': 2})py", R"py({b'a': 1, 'a': 2})py"},
    {R"py([1, # one
 2]  # end)py", R"py([1, 2])py"},
    {R"py((1,

  2))py", R"py((1, 2))py"},
    {R"py([1, \
 2])py", R"py([1, 2])py"},
    {R"py(  [1])py", R"py([1])py"},
    {R"py(	1)py", R"py(1)py"},
    {R"py(
1)py", R"py(1)py"},
    {R"py(1
)py", R"py(1)py"},
    {R"py(1

)py", R"py(1)py"},
    {R"py(1  # c
  # d
)py", R"py(1)py"},
    {R"py(
1
)py", R"py(1)py"},
    {R"py('''a
b''')py", R"py('a\nb')py"},
    {R"py('''a
b''')py", R"py('a\nb')py"},
    {R"py({
 'k': [1, 2],
 'v': None
})py", R"py({'k': [1, 2], 'v': None})py"},
    {R"py({'nested': ({'a': (1, [2.5, -3j])},)})py", R"py({'nested': ({'a': (1, [2.5, (-0-3j)])},)})py"},
};

std::string Repr(std::string_view source) {
    auto value = ParsePythonLiteral(source);
    INFO(source);
    if (!value) FAIL(value.error().code << ": " << value.error().Describe());
    return ReprPython(*value.value());
}

// The error for `source`, which must be refused.
Error Refused(std::string_view source) {
    auto value = ParsePythonLiteral(source);
    INFO(source.substr(0, 200));
    REQUIRE_FALSE(value);
    return value.error();
}

std::string Args(std::string_view text) {
    auto value = ParseScheduleArgs(text);
    INFO(text);
    if (!value) FAIL(value.error().Describe());
    return ReprPython(*value.value());
}

std::string Kwargs(std::string_view text, SchedulerVariant variant) {
    auto value = ParseScheduleKwargs(text, variant);
    INFO(text);
    if (!value) FAIL(value.error().code << ": " << value.error().Describe());
    REQUIRE(value.value()->kind == PyKind::Dict);
    return ReprPython(*value.value());
}

Error KwargsError(std::string_view text, SchedulerVariant variant) {
    auto value = ParseScheduleKwargs(text, variant);
    INFO(text);
    REQUIRE_FALSE(value);
    return value.error();
}

struct Refusal {
    std::string source;
    const char* code;
    const char* where;
    const char* message;  // a part of the message
};

void CheckRefusals(const std::vector<Refusal>& cases, Result<PyRef> (*parse)(std::string_view)) {
    for (const Refusal& c : cases) {
        auto value = parse(c.source);
        INFO(c.source);
        REQUIRE_FALSE(value);
        const Error& error = value.error();
        INFO(error.code << ": " << error.Describe());
        CHECK(error.code == c.code);
        CHECK(error.where == c.where);
        CHECK(error.message.find(c.message) != std::string::npos);
    }
}

Result<PyRef> KwargsQ1(std::string_view text) { return ParseScheduleKwargs(text, SchedulerVariant::DjangoQ1); }
Result<PyRef> KwargsQ2(std::string_view text) { return ParseScheduleKwargs(text, SchedulerVariant::DjangoQ2); }

}  // namespace

TEST_CASE("literal parse: every accepted form gives Python's value") {
    for (const auto& [source, repr] : kAccepted) {
        INFO(source);
        CHECK(Repr(source) == repr);
    }
}

TEST_CASE("literal parse: value kinds") {
    auto big = ParsePythonLiteral("0x1_0000_0000_0000_0000");
    REQUIRE(big);
    CHECK(big.value()->kind == PyKind::BigInt);
    CHECK(big.value()->text == "18446744073709551616");
    auto min = ParsePythonLiteral("-9223372036854775808");
    REQUIRE(min);
    CHECK(min.value()->kind == PyKind::Int);
    auto inf = ParsePythonLiteral("1e400");
    REQUIRE(inf);
    CHECK(std::isinf(inf.value()->real));
    auto empty_set = ParsePythonLiteral("set()");
    REQUIRE(empty_set);
    CHECK(empty_set.value()->kind == PyKind::Set);
    CHECK(empty_set.value()->items.empty());
    auto ellipsis = ParsePythonLiteral("...");  // as a pickle holds it
    REQUIRE(ellipsis);
    CHECK(IsGlobal(*ellipsis.value(), "builtins", "Ellipsis"));
    auto bytes = ParsePythonLiteral("b'\\x00\\xff'");
    REQUIRE(bytes);
    CHECK(bytes.value()->kind == PyKind::Bytes);
    CHECK(bytes.value()->text == std::string("\0\xff", 2));
    auto text = ParsePythonLiteral("'\\u00e9\\U0001F600'");
    REQUIRE(text);
    CHECK(text.value()->text == "\xc3\xa9\xf0\x9f\x98\x80");
    // Sets keep source order (Python's own order comes from hashing); equal items go.
    CHECK(Repr("{3, 1, 2, 1.0}") == "{3, 1, 2}");
}

TEST_CASE("literal parse: round trip through PythonLiteral for canonical text") {
    for (const auto& [source, repr] : kAccepted) {
        const std::string canonical = repr;
        // inf and set() have no literal in PythonLiteral's sense; Python's own (-0-1j) reads back as -1j.
        if (canonical.find("inf") != std::string::npos || canonical.find("set()") != std::string::npos ||
            canonical.find("(-0") != std::string::npos)
            continue;
        INFO(canonical);
        auto value = ParsePythonLiteral(canonical);
        REQUIRE(value);
        auto literal = PythonLiteral(*value.value());
        REQUIRE(literal);
        CHECK(literal.value() == canonical);
    }
    for (const char* canonical :
         {"(1, 'two', [3.0, {'four': b'5'}], {6}, None, True, (-1-2j))", "{'a': (), 'b': [], 'c': {}}",
          "\"\\x00\\t\\n\\\\ 'q' \\u2028 \\U000e0001\"", "'both \\' and \"'", "b\"\\x80\\\\'\"", "1e+16", "1.5e-05",
          "123456789012345678901234567890",
          "-123456789012345678901234567890", "(1.5-2.5j)", "-0.0", "\"it's\""}) {
        INFO(canonical);
        auto value = ParsePythonLiteral(canonical);
        REQUIRE(value);
        auto literal = PythonLiteral(*value.value());
        REQUIRE(literal);
        CHECK(literal.value() == canonical);
    }
}

TEST_CASE("literal parse: what literal_eval refuses, and where") {
    CheckRefusals(
        {
            {"foo", "literal.not_literal", "line 1, column 1", "`foo` is a name, not a literal"},
            {"[1, foo]", "literal.not_literal", "line 1, column 5", "`foo` is a name"},
            {"{'when': datetime(2024, 1, 1)}", "literal.not_literal", "line 1, column 10", "`datetime(2024, 1, 1)` is a call"},
            {"datetime.datetime.now()", "literal.not_literal", "line 1, column 1", "is a call"},
            {"os.path", "literal.not_literal", "line 1, column 1", "`os.path` is an attribute"},
            {"a[0]", "literal.not_literal", "line 1, column 1", "is a subscript"},
            {"a[1:2, ::3]", "literal.not_literal", "line 1, column 1", "is a subscript"},
            {"lambda: 1", "literal.not_literal", "line 1, column 1", "is a lambda"},
            {"lambda a, *b, c=1, **d: 1", "literal.not_literal", "line 1, column 1", "is a lambda"},
            {"[x for x in y]", "literal.not_literal", "line 1, column 1", "a list comprehension"},
            {"(x for x in y if x)", "literal.not_literal", "line 1, column 1", "a generator expression"},
            {"{k: v for k, v in y}", "literal.not_literal", "line 1, column 1", "a dict comprehension"},
            {"{k for k in y for z in k}", "literal.not_literal", "line 1, column 1", "a set comprehension"},
            {"1 if x else 2", "literal.not_literal", "line 1, column 1", "a conditional expression"},
            {"1 < 2", "literal.not_literal", "line 1, column 1", "a comparison"},
            {"1 not in 2", "literal.not_literal", "line 1, column 1", "a comparison"},
            {"1 is not 2", "literal.not_literal", "line 1, column 1", "a comparison"},
            {"x and y", "literal.not_literal", "line 1, column 1", "a boolean operation"},
            {"(x := 1)", "literal.not_literal", "line 1, column 2", "an assignment expression"},
            {"(yield 1)", "literal.not_literal", "line 1, column 1", "a yield expression"},
            {"await x", "literal.not_literal", "line 1, column 1", "an await expression"},
            {"1 + 2", "literal.not_literal", "line 1, column 1", "`1 + 2` is an operation"},
            {"2 ** 8", "literal.not_literal", "line 1, column 1", "is an operation"},
            {"1j + 2j", "literal.not_literal", "line 1, column 1", "a real number plus or minus an imaginary one"},
            {"1 + -2j", "literal.not_literal", "line 1, column 5", "`-2j` is an operation"},
            {"1 + 2j + 3", "literal.not_literal", "line 1, column 1", "`1 + 2j` is an operation"},
            {"1 + 2j * 3", "literal.not_literal", "line 1, column 5", "`2j * 3` is an operation"},
            {"--1", "literal.not_literal", "line 1, column 2", "`-1` is an operation"},
            {"-'a'", "literal.not_literal", "line 1, column 2", "`'a'` is not a number"},
            {"-True", "literal.not_literal", "line 1, column 2", "`True` is not a number"},
            {"-x", "literal.not_literal", "line 1, column 2", "`x` is a name"},
            {"~1", "literal.not_literal", "line 1, column 1", "`~1` is an operation"},
            {"not 1", "literal.not_literal", "line 1, column 1", "is an operation"},
            {"f'{x}'", "literal.not_literal", "line 1, column 1", "an f-string"},
            {"'a' F'b'", "literal.not_literal", "line 1, column 1", "an f-string"},
            {"[*a]", "literal.not_literal", "line 1, column 2", "`*a` is a starred expression"},
            {"{**a}", "literal.not_literal", "line 1, column 2", "`**a` is a dict unpacking"},
            {"set([1])", "literal.not_literal", "line 1, column 1", "only an empty set() is allowed"},
            {"frozenset()", "literal.not_literal", "line 1, column 1", "is a call"},
            {"[1,\n  foo]", "literal.not_literal", "line 2, column 3", "`foo` is a name"},
            {"('é', foo)", "literal.not_literal", "line 1, column 7", "`foo`"},  // columns count characters
            {"1" + std::string(400, '0') + " + 1j", "literal.not_literal", "line 1, column 1", "too large to convert to float"},
            {"{[1]: 2}", "literal.unhashable", "line 1, column 2", "a list is unhashable"},
            {"{1: 2, (1, [2]): 3}", "literal.unhashable", "line 1, column 8", "cannot be a dict key"},
            {"{{1}}", "literal.unhashable", "line 1, column 2", "cannot be a set item: a set"},
            {"{1: 1, {}: 2}", "literal.unhashable", "line 1, column 8", "a dict is unhashable"},
            {"'\\N{BULLET}'", "literal.unsupported", "line 1, column 2", "\\N{...}"},
            {"['\\N{BULLET}', foo]", "literal.unsupported", "line 1, column 3", "\\N{...}"},  // the first refusal in literal_eval's order
            {"[foo, '\\N{BULLET}']", "literal.not_literal", "line 1, column 2", "`foo` is a name"},
            {"{[1], foo}", "literal.unhashable", "line 1, column 2", "a list is unhashable"},  // hashed before the next item is read
            {"{[1]: 1, foo: 2}", "literal.unhashable", "line 1, column 2", "a list is unhashable"},
            {"{foo: [1], [2]: 2}", "literal.not_literal", "line 1, column 2", "`foo` is a name"},
            {"-{}", "literal.not_literal", "line 1, column 2", "`{}` is not a number"},
        },
        ParsePythonLiteral);
}

TEST_CASE("literal parse: syntax errors, and where") {
    const char* syntax = "literal.syntax";
    CheckRefusals(
        {
            {"", syntax, "line 1, column 1", "holds no value"},
            {"   ", syntax, "line 1, column 4", "holds no value"},
            {"[1, 2", syntax, "line 1, column 1", "'[' was never closed"},
            {"{'a': [1, 2}", syntax, "line 1, column 12", "closing parenthesis '}' does not match opening parenthesis '['"},
            {"[1]]", syntax, "line 1, column 4", "unmatched ']'"},
            {"[1 2]", syntax, "line 1, column 4", "expected `,` or `]`, found `2`"},
            {"(1 2)", syntax, "line 1, column 4", "expected `,` or `)`, found `2`"},
            {"{'a' 1}", syntax, "line 1, column 6", "expected `,` or `}`, found `1`"},
            {"{'a': 1 'b': 2}", syntax, "line 1, column 9", "expected `,` or `}`, found a string"},
            {"1 2", syntax, "line 1, column 3", "expected the end of the text after the value, found `2`"},
            {"1\n2", syntax, "line 2, column 1", "found `2`"},
            {"1 +", syntax, "line 1, column 4", "expected a value, found the end of the text"},
            {"1 +\n2", syntax, "line 1, column 4", "expected a value, found the end of the line"},
            {"[1,\n 2,\n 'abc]", syntax, "line 3, column 2", "unterminated string literal"},
            {"'''abc", syntax, "line 1, column 1", "unterminated triple-quoted string literal"},
            {"'a\nb'", syntax, "line 1, column 1", "unterminated string literal"},
            {"r'\\'", syntax, "line 1, column 1", "unterminated string literal"},
            {"1 $ 2", syntax, "line 1, column 3", "invalid character '$' (U+0024)"},
            {"[1, 2€]", syntax, "line 1, column 6", "invalid character '€' (U+20AC)"},
            {"[1, €]", syntax, "line 1, column 5", "invalid character '€' (U+20AC)"},
            {"2a", syntax, "line 1, column 1", "invalid decimal literal"},
            {"0x1é", syntax, "line 1, column 1", "invalid hexadecimal literal"},
            {"\xc2\xa0" "1", syntax, "line 1, column 1", "invalid non-printable character U+00A0"},
            {"01", syntax, "line 1, column 1", "leading zeros in decimal integer literals are not permitted"},
            {"1__0", syntax, "line 1, column 1", "invalid decimal literal"},
            {"1_", syntax, "line 1, column 1", "invalid decimal literal"},
            {"1_.5", syntax, "line 1, column 1", "invalid decimal literal"},
            {"1e", syntax, "line 1, column 1", "invalid decimal literal"},
            {"12abc", syntax, "line 1, column 1", "invalid decimal literal"},
            {"0x", syntax, "line 1, column 1", "invalid hexadecimal literal"},
            {"0x1_", syntax, "line 1, column 1", "invalid hexadecimal literal"},
            {"0b102", syntax, "line 1, column 5", "invalid digit '2' in binary literal"},
            {"0o8", syntax, "line 1, column 3", "invalid digit '8' in octal literal"},
            {"'\\x4'", syntax, "line 1, column 2", "truncated \\xXX escape"},
            {"b'\\x4g'", syntax, "line 1, column 3", "invalid \\x escape"},
            {"'ab\\u12'", syntax, "line 1, column 4", "truncated \\uXXXX escape"},
            {"'\\U00110000'", syntax, "line 1, column 2", "illegal Unicode character"},
            {"'\\N'", syntax, "line 1, column 2", "malformed \\N character escape"},
            {"b'caf\xc3\xa9'", syntax, "line 1, column 6", "bytes can only contain ASCII literal characters"},
            {"b'a' 'b'", syntax, "line 1, column 6", "cannot mix bytes and nonbytes literals"},
            {"ub'x'", syntax, "line 1, column 3", "found a string"},
            {"\n 1", syntax, "line 2, column 2", "unexpected indent"},
            {"1\n  2", syntax, "line 2, column 3", "unexpected indent"},
            {"1 \\ 2", syntax, "line 1, column 3", "unexpected character after line continuation character"},
            {"*a, b", syntax, "line 1, column 1", "cannot use a starred expression here"},
            {"(*a)", syntax, "line 1, column 2", "cannot use a starred expression here"},
            {"x := 1", syntax, "line 1, column 3", "found `:=`"},
            {"f(a=1, 2)", syntax, "line 1, column 8", "positional argument follows keyword argument"},
            {"f(**a, 2)", syntax, "line 1, column 8", "positional argument follows keyword argument unpacking"},
            {"f(**a, *b)", syntax, "line 1, column 8", "iterable argument unpacking follows keyword argument unpacking"},
            {"f(1=2)", syntax, "line 1, column 3", "expression cannot contain assignment"},
            {"f(True=2)", syntax, "line 1, column 3", "cannot assign to True"},
            {"f(x for x in y, 1)", syntax, "line 1, column 3", "generator expression must be parenthesized"},
            {std::string("1\0", 2), syntax, "line 1, column 2", "NUL character"},
            {"'\xff'", syntax, "line 1, column 2", "not valid UTF-8"},
            {"'\xed\xa0\x80'", syntax, "line 1, column 2", "not valid UTF-8"},  // an encoded surrogate
            {std::string(201, '[') + std::string(201, ']'), syntax, "line 1, column 201", "too many nested parentheses"},
            {std::string(4301, '7'), syntax, "line 1, column 1", "exceeds Python's limit of 4300 digits"},
            {"[1,\r\n 2\r\n 3]", syntax, "line 3, column 2", "found `3`"},  // \r\n is one line end
            {"1 + [2 3]", syntax, "line 1, column 8", "expected `,` or `]`"},  // a syntax error anywhere wins over a refused node
            {"foo(1 2)", syntax, "line 1, column 7", "expected `,` or `)`"},
            {"'\\N{BULLET}' 'x\\x4'", syntax, "line 1, column 16", "truncated \\xXX escape"},  // it also wins over \N{...}
            {"-not 1", syntax, "line 1, column 2", "expected a value, found `not`"},
            {"1\n ", syntax, "line 2, column 1", "unexpected indent"},  // CPython 3.11 reads a last line of spaces so
            {"1 \\\n", syntax, "line 1, column 3", "the text ends right after a line continuation"},
        },
        ParsePythonLiteral);
    // 200 levels is Python's limit, not past it.
    CHECK(ParsePythonLiteral(std::string(200, '[') + std::string(200, ']')));
    CHECK(ParsePythonLiteral(std::string(4300, '7')));
    // Deep operator chains are bounded, not a stack overflow.
    CHECK(Refused(std::string(100000, '-') + "1").code == "literal.syntax");
    CHECK(Refused(std::string(100000, '~') + "1").code == "literal.syntax");
    std::string lambdas;
    for (int i = 0; i < 20000; ++i) lambdas += "lambda: ";
    CHECK(Refused(lambdas + "1").code == "literal.syntax");
    std::string chain = "1";
    for (int i = 0; i < 20000; ++i) chain += "+1";
    CHECK(Refused(chain).code == "literal.not_literal");
    std::string powers = "2";
    for (int i = 0; i < 20000; ++i) powers += "**2";
    CHECK(Refused(powers).code == "literal.syntax");
    CHECK(ParsePythonLiteral("0x" + std::string(3000, 'f')));                       // hex has no digit limit in Python...
    CHECK(Refused("0x" + std::string(4000, 'f')).code == "literal.unsupported");  // ...this reader stops past 4300 digits
}

TEST_CASE("schedule args: literal_eval, and a single value becomes a 1-tuple") {
    CHECK(Args("") == "()");
    CHECK(Args("1") == "(1,)");
    CHECK(Args("'custom'") == "('custom',)");
    CHECK(Args("1, 2, 'John'") == "(1, 2, 'John')");
    CHECK(Args("(2, 3)") == "(2, 3)");
    CHECK(Args("()") == "()");
    CHECK(Args("(1,)") == "(1,)");
    CHECK(Args("[1, 2]") == "([1, 2],)");
    CHECK(Args("{'a': 1}") == "({'a': 1},)");
    CHECK(Args("None") == "(None,)");
    CHECK(Args("  1, 2") == "(1, 2)");  // literal_eval strips leading spaces and tabs
    auto spaces = ParseScheduleArgs("   ");  // literal_eval('   ') is a SyntaxError: the scheduler would fail
    REQUIRE_FALSE(spaces);
    CHECK(spaces.error().code == "literal.syntax");
    auto name = ParseScheduleArgs("1, foo");
    REQUIRE_FALSE(name);
    CHECK(name.error().code == "literal.not_literal");
    CHECK(name.error().where == "line 1, column 4");
}

TEST_CASE("schedule kwargs, Django Q2: a dict literal or name=value pairs") {
    const auto q2 = SchedulerVariant::DjangoQ2;
    CHECK(Kwargs("", q2) == "{}");
    CHECK(Kwargs("   ", q2) == "{}");        // f(   ): no keywords
    CHECK(Kwargs("# nothing", q2) == "{}");  // a SyntaxError Django Q2 turns into {}
    CHECK(Kwargs("{}", q2) == "{}");
    CHECK(Kwargs("{'k': [1, 2], 'v': None}", q2) == "{'k': [1, 2], 'v': None}");
    CHECK(Kwargs("{'a-b': 1}", q2) == "{'a-b': 1}");  // any str key passes through **kwargs
    CHECK(Kwargs("x=1, y='a'", q2) == "{'x': 1, 'y': 'a'}");
    CHECK(Kwargs("x = 1,\n y = [1,\n 2],", q2) == "{'x': 1, 'y': [1, 2]}");
    CHECK(Kwargs("  x=1", q2) == "{'x': 1}");
    CHECK(Kwargs("x=1 # note\n", q2) == "{'x': 1}");
    CHECK(Kwargs("x=1, x=2", q2) == "{'x': 2}");  // ast.parse allows it; the dict comprehension keeps the last
    CHECK(Kwargs("match=1, _=2, café=3", q2) == "{'match': 1, '_': 2, 'café': 3}");
    CHECK(Kwargs("{'a': 1} # note", q2) == "{'a': 1}");
    CheckRefusals(
        {
            {"5", "kwargs.not_dict", "line 1, column 1", "must be a dict"},
            {"None", "kwargs.not_dict", "line 1, column 1", "must be a dict"},
            {"[('a', 1)]", "kwargs.not_dict", "line 1, column 1", "must be a dict"},
            {"{1: 'a'}", "kwargs.invalid", "line 1, column 1", "must be a str"},
            {"x=1, 2", "literal.syntax", "line 1, column 6", "positional argument follows keyword argument"},
            {"1, x=2", "kwargs.invalid", "line 1, column 1", "Django Q2 ignores it"},
            {"**{'a': 1}", "kwargs.invalid", "line 1, column 1", "cannot take `**`"},
            {"x=1, *[2]", "kwargs.invalid", "line 1, column 6", "`*` unpacking gives values without names"},
            {"x=foo", "literal.not_literal", "line 1, column 3", "`foo` is a name"},
            {"x=1, y=datetime(2024, 1, 1)", "literal.not_literal", "line 1, column 8", "is a call"},
            {"x=1 # note", "kwargs.invalid", "line 1, column 5", "hides the `)`"},
            {"foo", "literal.not_literal", "line 1, column 1", "`foo` is a name"},
            {"dict(a=1)", "literal.not_literal", "line 1, column 1", "is a call"},
            {"{'a': foo}", "literal.not_literal", "line 1, column 7", "`foo` is a name"},
            {"{[1]: 2}", "literal.unhashable", "line 1, column 2", "unhashable"},
            {"x=1)", "literal.syntax", "line 1, column 4", "unmatched ')'"},
            {"x=", "literal.syntax", "line 1, column 3", "expected a value"},
            {"if=1", "literal.syntax", "line 1, column 1", "expected a value"},
            {"True=1", "literal.syntax", "line 1, column 5", "expected the end of the text"},
        },
        KwargsQ2);
}

TEST_CASE("schedule kwargs, Django Q 1.x: the arguments of dict(...)") {
    const auto q1 = SchedulerVariant::DjangoQ1;
    CHECK(Kwargs("", q1) == "{}");
    CHECK(Kwargs("  ", q1) == "{}");
    CHECK(Kwargs("x=1, y='a'", q1) == "{'x': 1, 'y': 'a'}");
    CHECK(Kwargs("{'k': [1, 2], 'v': None}", q1) == "{'k': [1, 2], 'v': None}");
    CHECK(Kwargs("{'a': 1, 'b': 2}, a=3, c=4", q1) == "{'a': 3, 'b': 2, 'c': 4}");
    CHECK(Kwargs("[('a', 1), ['b', 2], ('a', 3)]", q1) == "{'a': 3, 'b': 2}");
    CHECK(Kwargs("set()", q1) == "{}");
    CHECK(Kwargs("**{'a': 1}, b=2", q1) == "{'a': 1, 'b': 2}");
    CHECK(Kwargs("\n  x=1,\n  y=2\n", q1) == "{'x': 1, 'y': 2}");
    CHECK(Kwargs("x=1 # note\n", q1) == "{'x': 1}");
    CheckRefusals(
        {
            {"x=1, x=2", "kwargs.invalid", "line 1, column 6", "keyword argument repeated: x"},
            {"a=1, **{'a': 2}", "kwargs.invalid", "line 1, column 6", "multiple values for keyword argument 'a'"},
            {"**{'a': 2}, a=1", "kwargs.invalid", "line 1, column 13", "multiple values for keyword argument 'a'"},
            {"{'a': 1}, {'b': 2}", "kwargs.invalid", "line 1, column 11", "at most one value without a name"},
            {"5", "kwargs.not_dict", "line 1, column 1", "a dict, or a list of (key, value) pairs"},
            {"[1, 2]", "kwargs.not_dict", "line 1, column 1", "(key, value) pair"},
            {"{1: 2}", "kwargs.invalid", "line 1, column 1", "must be a str"},
            {"**{1: 2}", "kwargs.invalid", "line 1, column 1", "must be a str"},
            {"**[1]", "kwargs.not_dict", "line 1, column 1", "`**` must be followed by a dict"},
            {"*[('a', 1)]", "kwargs.invalid", "line 1, column 1", "`*` unpacking"},
            {"x=foo", "literal.not_literal", "line 1, column 3", "`foo` is a name"},
            {"x=1 # note", "kwargs.invalid", "line 1, column 5", "hides the `)`"},
            {"x=1), (2", "literal.syntax", "line 1, column 4", "unmatched ')'"},
            {"x=1, 2", "literal.syntax", "line 1, column 6", "positional argument follows keyword argument"},
        },
        KwargsQ1);
}

TEST_CASE("schedule args and kwargs: every schedule in the fixtures parses") {
    for (const auto& [fixture, variant] : {std::pair{"djq1-1.3.9.sqlite3", SchedulerVariant::DjangoQ1},
                                           std::pair{"djq2-latest.sqlite3", SchedulerVariant::DjangoQ2}}) {
        auto e = test::OpenFixtureCopy(fixture);
        auto stmt = e.db.Prepare("SELECT id, args, kwargs FROM django_q_schedule ORDER BY id");
        REQUIRE(stmt);
        int with_args = 0, with_kwargs = 0;
        while (stmt->Step().value()) {
            INFO(fixture << " schedule " << stmt->Int(0));
            const std::string args = stmt->IsNull(1) ? "" : std::string(stmt->Text(1));
            const std::string kwargs = stmt->IsNull(2) ? "" : std::string(stmt->Text(2));
            auto parsed_args = ParseScheduleArgs(args);
            REQUIRE(parsed_args);
            CHECK(parsed_args.value()->kind == PyKind::Tuple);
            CHECK(PythonLiteral(*parsed_args.value()));
            auto parsed_kwargs = ParseScheduleKwargs(kwargs, variant);
            REQUIRE(parsed_kwargs);
            CHECK(parsed_kwargs.value()->kind == PyKind::Dict);
            // The other scheduler reads these the same way.
            const auto other = variant == SchedulerVariant::DjangoQ1 ? SchedulerVariant::DjangoQ2 : SchedulerVariant::DjangoQ1;
            CHECK(ParseScheduleKwargs(kwargs, other));
            with_args += !args.empty();
            with_kwargs += !kwargs.empty();
        }
        CHECK(with_args >= 4);
        CHECK(with_kwargs >= 2);
    }
}

TEST_CASE("IsPythonIdentifierNotKeyword: str.isidentifier() and not a keyword") {
    for (const char* yes : {"x", "_", "next_run", "a1", "café", "日本", "match", "case", "type", "_private", "ǅ", "x·y"})
        CHECK(IsPythonIdentifierNotKeyword(yes));
    for (const char* no : {"", "1a", "if", "None", "True", "lambda", "a-b", "a b", "€", "a€", "x\xff", "\xc2\xb2", "·x"})
        CHECK_FALSE(IsPythonIdentifierNotKeyword(no));
}
