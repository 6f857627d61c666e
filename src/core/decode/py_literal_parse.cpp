// Sections: [text] [tokens] [syntax tree] [parser] [literal_eval] [equal keys] [entry points]
//           [schedule args and kwargs] [identifiers]
// ast.literal_eval parses the whole text before it looks at any node, so a syntax error anywhere
// wins over a refused node. This file works the same way: a tokenizer and a parser for a lenient
// superset of Python's expression grammar build a small tree, then Convert() applies
// literal_eval's rules (Lib/ast.py) to it. Some invalid Python passes the parser (`lambda x=1, y: 0`) and
// is then refused as "not a literal" instead of as a syntax error: only the wording differs.
#include "core/decode/py_literal_parse.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/decode/py_bigint.h"
#include "core/decode/py_format.h"

namespace core {
namespace {

constexpr int kMaxBrackets = 200;            // CPython's tokenizer MAXLEVEL: "too many nested parentheses"
constexpr int kMaxNesting = 600;             // prefix and ** operators (- - 1, 2**2**2...), to bound our stack
constexpr std::size_t kMaxIntDigits = 4300;  // sys.int_info.default_max_str_digits (3.11; backported to 3.8.14+)

constexpr const char* kKeywords[] = {"False", "None", "True", "and", "as", "assert", "async", "await", "break",
                                     "class", "continue", "def", "del", "elif", "else", "except", "finally", "for",
                                     "from", "global", "if", "import", "in", "is", "lambda", "nonlocal", "not",
                                     "or", "pass", "raise", "return", "try", "while", "with", "yield"};

bool IsKeyword(std::string_view word) {
    for (const char* keyword : kKeywords)
        if (word == keyword) return true;
    return false;
}

// ---- [text] -----------------------------------------------------------------------------------------------
// The source and how to name a place in it. Lines end at \n, \r\n or \r (Python's tokenizer reads
// all three as one newline); columns count characters, as a person sees them.
struct Text {
    std::string_view src;

    char At(std::size_t i) const { return i < src.size() ? src[i] : '\0'; }

    std::string Where(std::size_t offset) const {
        std::size_t line = 1, column = 1;
        for (std::size_t i = 0; i < offset && i < src.size(); ++i) {
            const char c = src[i];
            if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < offset && src[i + 1] == '\n') ++i;
                ++line;
                column = 1;
            } else if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) {
                ++column;
            }
        }
        return "line " + std::to_string(line) + ", column " + std::to_string(column);
    }

    // The code point at i (the text is valid UTF-8 by then) and its length in bytes.
    std::uint32_t CodePoint(std::size_t i, std::size_t& length) const {
        const auto b = [&](std::size_t k) { return static_cast<unsigned char>(At(i + k)); };
        const unsigned char lead = b(0);
        if (lead < 0x80) { length = 1; return lead; }
        if (lead < 0xE0) { length = 2; return ((lead & 0x1Fu) << 6) | (b(1) & 0x3Fu); }
        if (lead < 0xF0) { length = 3; return ((lead & 0x0Fu) << 12) | ((b(1) & 0x3Fu) << 6) | (b(2) & 0x3Fu); }
        length = 4;
        return ((lead & 0x07u) << 18) | ((b(1) & 0x3Fu) << 12) | ((b(2) & 0x3Fu) << 6) | (b(3) & 0x3Fu);
    }

    // A short quote of [begin, end) for a message: one line, at most 40 characters.
    std::string Snippet(std::size_t begin, std::size_t end) const {
        std::string out;
        std::size_t chars = 0;
        bool space = false;
        for (std::size_t i = begin; i < end && i < src.size(); ++i) {
            const char c = src[i];
            if (c == '\n' || c == '\r' || c == '\t' || c == ' ') {
                space = !out.empty();
                continue;
            }
            if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) {
                if (space) { out += ' '; ++chars; space = false; }
                if (++chars > 40) return out + "…";
            }
            out += c;
        }
        return out;
    }
};

Error SyntaxErrorAt(const Text& text, std::size_t at, std::string message) {
    return MakeError("literal.syntax", std::move(message), text.Where(at));
}

std::string Hex(std::uint32_t value, int width) {
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "%0*X", width, static_cast<unsigned>(value));
    return buffer;
}

// Strict UTF-8 (no overlong forms, no surrogates), and no NUL: Python refuses source with either.
std::optional<Error> CheckEncoding(const Text& text) {
    const std::string_view s = text.src;
    for (std::size_t i = 0; i < s.size();) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (c == 0) return SyntaxErrorAt(text, i, "the text contains a NUL character, which Python refuses in source code");
        if (c < 0x80) { ++i; continue; }
        std::size_t length = c >= 0xC2 && c <= 0xDF ? 2 : c >= 0xE0 && c <= 0xEF ? 3 : c >= 0xF0 && c <= 0xF4 ? 4 : 0;
        bool ok = length != 0 && i + length <= s.size();
        for (std::size_t k = 1; ok && k < length; ++k) ok = (static_cast<unsigned char>(s[i + k]) & 0xC0) == 0x80;
        if (ok) {
            const auto second = static_cast<unsigned char>(s[i + 1]);
            ok = !(c == 0xE0 && second < 0xA0) && !(c == 0xED && second >= 0xA0) && !(c == 0xF0 && second < 0x90) &&
                 !(c == 0xF4 && second >= 0x90);
        }
        if (!ok) return SyntaxErrorAt(text, i, "the text is not valid UTF-8");
        i += length;
    }
    return std::nullopt;
}

// ---- [tokens] ---------------------------------------------------------------------------------------------
enum class T { Name, Keyword, Number, String, Op, Newline, End };

struct Token {
    T kind = T::End;
    std::size_t begin = 0, end = 0;
    std::string_view text;  // the token's source
    PyRef number;           // Number: its value
    // String: what the prefix says, and the body between the quotes.
    bool raw = false, bytes = false, fstring = false;
    std::size_t body_begin = 0, body_end = 0;
};

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsAsciiNameChar(char c) { return IsDigit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
int DigitValue(char c) {
    return IsDigit(c) ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : 99;
}

// Digits of `base` (no sign, no underscores) as a decimal string: a few 10^9 limbs, most significant last.
std::string DecimalFromDigits(std::string_view digits, int base) {
    std::vector<std::uint32_t> limbs;
    for (char c : digits) {
        std::uint64_t carry = static_cast<std::uint64_t>(DigitValue(c));
        for (auto& limb : limbs) {
            const std::uint64_t current = static_cast<std::uint64_t>(limb) * static_cast<std::uint64_t>(base) + carry;
            limb = static_cast<std::uint32_t>(current % 1000000000u);
            carry = current / 1000000000u;
        }
        while (carry) {
            limbs.push_back(static_cast<std::uint32_t>(carry % 1000000000u));
            carry /= 1000000000u;
        }
    }
    if (limbs.empty()) return "0";
    std::string out = std::to_string(limbs.back());
    char buffer[16];
    for (std::size_t i = limbs.size() - 1; i-- > 0;) {
        std::snprintf(buffer, sizeof buffer, "%09u", static_cast<unsigned>(limbs[i]));
        out += buffer;
    }
    return out;
}

class Tokenizer {
public:
    // `wrapped`: the text sits inside a call's parentheses (Django Q's f(...) and dict(...)), so line
    // ends and indentation mean nothing and the text may not close more brackets than it opens.
    Tokenizer(const Text& text, std::size_t start, bool wrapped) : m_text(text), m_i(start), m_wrapped(wrapped) {}

    std::optional<Error> Run(std::vector<Token>& out);
    // Wrapped: the offset of a comment that runs to the end of the text (it would hide the `)`).
    std::optional<std::size_t> trailing_comment;

private:
    std::size_t Depth() const { return m_open.size() + (m_wrapped ? 1 : 0); }
    char At(std::size_t i) const { return m_text.At(i); }
    bool IsNewline(std::size_t i) const { return At(i) == '\n' || At(i) == '\r'; }
    std::size_t SkipNewline(std::size_t i) const { return i + (At(i) == '\r' && At(i + 1) == '\n' ? 2 : 1); }
    Error Fail(std::size_t at, std::string message) const { return SyntaxErrorAt(m_text, at, std::move(message)); }
    std::optional<Error> Number(Token& token);
    std::optional<Error> String(Token& token, std::size_t quote);
    std::optional<Error> Name(Token& token);
    std::optional<Error> Operator(Token& token);
    std::optional<Error> InvalidCharacter(std::size_t at) const;

    const Text& m_text;
    std::size_t m_i;
    bool m_wrapped;
    std::vector<std::pair<char, std::size_t>> m_open;  // open brackets and where
};

std::optional<Error> Tokenizer::Run(std::vector<Token>& out) {
    const std::size_t n = m_text.src.size();
    bool line_start = !m_wrapped;
    while (true) {
        if (line_start && Depth() == 0) {
            // A logical line starts: skip blank and comment-only lines; the first real one must not be indented.
            std::size_t column = 0, j = m_i;
            while (At(j) == ' ' || At(j) == '\t' || At(j) == '\f') {
                column = At(j) == '\f' ? 0 : column + 1;
                ++j;
            }
            if (j >= n) {
                // CPython 3.11 reads a last line of only spaces as an indent of nothing.
                if (column > 0 && !out.empty()) return Fail(m_i, "unexpected indent");
                m_i = j;
                break;
            }
            if (At(j) == '#' || IsNewline(j)) {
                while (j < n && !IsNewline(j)) ++j;
                m_i = j < n ? SkipNewline(j) : j;
                continue;
            }
            if (column > 0) return Fail(j, "unexpected indent");
            m_i = j;
            line_start = false;
        }
        while (At(m_i) == ' ' || At(m_i) == '\t' || At(m_i) == '\f') ++m_i;
        if (m_i >= n) break;
        const char c = At(m_i);
        if (c == '#') {
            const std::size_t comment = m_i;
            while (m_i < n && !IsNewline(m_i)) ++m_i;
            if (m_i >= n && m_wrapped) trailing_comment = comment;
            continue;
        }
        if (IsNewline(m_i)) {
            if (Depth() == 0) {
                if (!out.empty() && out.back().kind != T::Newline) {
                    Token token;
                    token.kind = T::Newline;
                    token.begin = m_i;
                    token.end = m_i + 1;
                    out.push_back(token);
                }
                line_start = true;
            }
            m_i = SkipNewline(m_i);
            continue;
        }
        if (c == '\\') {
            if (IsNewline(m_i + 1)) {
                if (!m_wrapped && SkipNewline(m_i + 1) >= n) return Fail(m_i, "the text ends right after a line continuation");
                m_i = SkipNewline(m_i + 1);
                continue;
            }
            if (m_i + 1 >= n) return Fail(m_i, "the text ends right after a line continuation character `\\`");
            return Fail(m_i, "unexpected character after line continuation character `\\`");
        }
        Token token;
        token.begin = m_i;
        std::optional<Error> error;
        if (IsDigit(c) || (c == '.' && IsDigit(At(m_i + 1)))) error = Number(token);
        else if (c == '\'' || c == '"') error = String(token, m_i);
        else if (IsAsciiNameChar(c) || static_cast<unsigned char>(c) >= 0x80) error = Name(token);
        else error = Operator(token);
        if (error) return error;
        token.end = m_i;
        token.text = m_text.src.substr(token.begin, token.end - token.begin);
        out.push_back(std::move(token));
    }
    if (!m_open.empty()) return Fail(m_open.back().second, std::string("'") + m_open.back().first + "' was never closed");
    Token end;
    end.kind = T::End;
    end.begin = end.end = n;
    out.push_back(end);
    return std::nullopt;
}

std::optional<Error> Tokenizer::InvalidCharacter(std::size_t at) const {
    std::size_t length = 1;
    const std::uint32_t cp = m_text.CodePoint(at, length);
    if (!IsPrintable(cp)) return Fail(at, "invalid non-printable character U+" + Hex(cp, 4));
    return Fail(at, "invalid character '" + std::string(m_text.src.substr(at, length)) + "' (U+" + Hex(cp, 4) + ")");
}

// Python's number grammar: digits with single underscores between them, 0x/0o/0b, floats with a
// fraction and/or exponent, a j suffix for imaginary numbers.
std::optional<Error> Tokenizer::Number(Token& token) {
    token.kind = T::Number;
    const std::size_t begin = m_i;
    // digit ('_'? digit)*, starting at a digit
    const auto decimal_run = [&]() -> bool {
        while (true) {
            while (IsDigit(At(m_i))) ++m_i;
            if (At(m_i) != '_') return true;
            if (!IsDigit(At(m_i + 1))) return false;
            ++m_i;
        }
    };
    const auto ends_well = [&]() { return !IsAsciiNameChar(At(m_i)) && static_cast<unsigned char>(At(m_i)) < 0x80; };
    // A letter right after the digits spoils the number; another non-ASCII character is invalid on its own.
    const auto bad_end = [&](const std::string& kind) -> std::optional<Error> {
        std::size_t length = 1;
        if (static_cast<unsigned char>(At(m_i)) >= 0x80 && !IsXidContinue(m_text.CodePoint(m_i, length))) return InvalidCharacter(m_i);
        return Fail(begin, "invalid " + kind + " literal");
    };
    const char second = At(m_i + 1);
    if (At(m_i) == '0' && std::string_view("xXoObB").find(second) != std::string_view::npos && second != '\0') {
        const int base = second == 'x' || second == 'X' ? 16 : second == 'o' || second == 'O' ? 8 : 2;
        const char* kind = base == 16 ? "hexadecimal" : base == 8 ? "octal" : "binary";
        m_i += 2;
        std::string digits;
        while (true) {
            if (At(m_i) == '_') ++m_i;
            if (DigitValue(At(m_i)) >= base) {
                if (IsDigit(At(m_i))) return Fail(m_i, std::string("invalid digit '") + At(m_i) + "' in " + kind + " literal");
                return Fail(begin, std::string("invalid ") + kind + " literal");
            }
            while (DigitValue(At(m_i)) < base) digits += At(m_i++);
            if (At(m_i) != '_') break;
        }
        if (IsDigit(At(m_i))) return Fail(m_i, std::string("invalid digit '") + At(m_i) + "' in " + kind + " literal");
        if (!ends_well()) return bad_end(kind);
        const std::size_t first = std::min(digits.find_first_not_of('0'), digits.size());
        const double bits = static_cast<double>(digits.size() - first) * (base == 16 ? 4 : base == 8 ? 3 : 1);
        if (bits > static_cast<double>(kMaxIntDigits) * 3.3219280948873623)
            return MakeError("literal.unsupported", "this integer has more than 4300 decimal digits, too many to read here",
                             m_text.Where(begin));
        token.number = IntFromDecimal(DecimalFromDigits(std::string_view(digits).substr(first), base));
        return std::nullopt;
    }
    bool is_float = false;
    if (At(m_i) != '.' && !decimal_run()) return Fail(begin, "invalid decimal literal");
    if (At(m_i) == '.') {
        is_float = true;
        ++m_i;
        if (IsDigit(At(m_i)) && !decimal_run()) return Fail(begin, "invalid decimal literal");
    }
    if (At(m_i) == 'e' || At(m_i) == 'E') {
        std::size_t j = m_i + 1;
        if (At(j) == '+' || At(j) == '-') ++j;
        if (!IsDigit(At(j))) return Fail(begin, "invalid decimal literal");
        m_i = j;
        if (!decimal_run()) return Fail(begin, "invalid decimal literal");
        is_float = true;
    }
    const bool imaginary = At(m_i) == 'j' || At(m_i) == 'J';
    const std::size_t digits_end = m_i;
    if (imaginary) ++m_i;
    if (!ends_well()) return bad_end("decimal");
    std::string clean;
    for (std::size_t k = begin; k < digits_end; ++k)
        if (At(k) != '_') clean += At(k);
    if (imaginary || is_float) {
        const double value = std::strtod(clean.c_str(), nullptr);  // inf past the largest double, as Python
        token.number = imaginary ? PyComplex(0.0, value) : PyFloat(value);
        return std::nullopt;
    }
    const std::size_t first = std::min(clean.find_first_not_of('0'), clean.size());
    if (first > 0 && first < clean.size())
        return Fail(begin, "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers");
    if (clean.size() - first > kMaxIntDigits)
        return Fail(begin, "an integer of " + std::to_string(clean.size() - first) +
                               " digits exceeds Python's limit of 4300 digits for integer string conversion");
    token.number = IntFromDecimal(clean);
    return std::nullopt;
}

std::optional<Error> Tokenizer::String(Token& token, std::size_t quote) {
    token.kind = T::String;
    const std::size_t n = m_text.src.size();
    const char q = At(quote);
    const bool triple = At(quote + 1) == q && At(quote + 2) == q;
    token.body_begin = quote + (triple ? 3 : 1);
    std::size_t j = token.body_begin;
    while (true) {
        if (j >= n) {
            return Fail(token.begin, std::string(triple ? "unterminated triple-quoted string literal" : "unterminated string literal") +
                                         " (the text ends inside it)");
        }
        const char c = At(j);
        if (c == '\\') {
            j = j + 1 < n ? (IsNewline(j + 1) ? SkipNewline(j + 1) : j + 2) : j + 1;
            continue;
        }
        if (!triple && IsNewline(j)) return Fail(token.begin, "unterminated string literal (it reaches the end of the line)");
        if (c == q && (!triple || (At(j + 1) == q && At(j + 2) == q))) {
            token.body_end = j;
            m_i = j + (triple ? 3 : 1);
            return std::nullopt;
        }
        ++j;
    }
}

std::optional<Error> Tokenizer::Name(Token& token) {
    // Python takes every non-ASCII character into the name, then checks it against XID_Start/XID_Continue.
    const std::size_t begin = m_i;
    const std::size_t n = m_text.src.size();
    while (m_i < n && (IsAsciiNameChar(At(m_i)) || static_cast<unsigned char>(At(m_i)) >= 0x80)) {
        std::size_t length = 1;
        const std::uint32_t cp = m_text.CodePoint(m_i, length);
        if (m_i == begin ? !IsXidStart(cp) : !IsXidContinue(cp)) return InvalidCharacter(m_i);
        m_i += length;
    }
    const std::string_view name = m_text.src.substr(begin, m_i - begin);
    if (name.size() <= 2 && (At(m_i) == '\'' || At(m_i) == '"')) {
        std::string prefix;
        for (char c : name) prefix += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
        for (const char* valid : {"r", "u", "b", "br", "rb", "f", "fr", "rf"}) {
            if (prefix != valid) continue;
            token.raw = prefix.find('r') != std::string::npos;
            token.bytes = prefix.find('b') != std::string::npos;
            token.fstring = prefix.find('f') != std::string::npos;
            return String(token, m_i);
        }
    }
    token.kind = IsKeyword(name) ? T::Keyword : T::Name;
    return std::nullopt;
}

std::optional<Error> Tokenizer::Operator(Token& token) {
    static constexpr const char* kOperators[] = {
        "**=", "//=", ">>=", "<<=", "...", "!=", "%=", "&=", "**", "*=", "+=", "-=", "->", "//", "/=", ":=", "<<",
        "<=",  "==",  ">=",  ">>",  "@=",  "^=", "|=", "(",  ")",  "[",  "]",  "{",  "}",  ",",  ":",  ";",  ".",
        "+",   "-",   "*",   "/",   "%",   "@",  "&",  "|",  "^",  "~",  "<",  ">",  "="};
    token.kind = T::Op;
    const std::string_view rest = m_text.src.substr(m_i);
    for (const char* op : kOperators) {
        const std::string_view candidate(op);
        if (rest.substr(0, candidate.size()) != candidate) continue;
        const char c = candidate[0];
        if (candidate.size() == 1 && (c == '(' || c == '[' || c == '{')) {
            if (static_cast<int>(Depth()) >= kMaxBrackets) return Fail(m_i, "too many nested parentheses (Python allows 200)");
            m_open.emplace_back(c, m_i);
        } else if (candidate.size() == 1 && (c == ')' || c == ']' || c == '}')) {
            if (m_open.empty()) return Fail(m_i, std::string("unmatched '") + c + "'");
            const char opener = m_open.back().first;
            if ((opener == '(') != (c == ')') || (opener == '[') != (c == ']')) {
                return Fail(m_i, std::string("closing parenthesis '") + c + "' does not match opening parenthesis '" + opener +
                                     "' on " + m_text.Where(m_open.back().second));
            }
            m_open.pop_back();
        }
        m_i += candidate.size();
        return std::nullopt;
    }
    return InvalidCharacter(m_i);
}

// ---- [syntax tree] ----------------------------------------------------------------------------------------
// Only what literal_eval tells apart has a kind of its own; everything else is Other, which it refuses.
enum class N { Constant, Name, Tuple, List, Set, Dict, UnaryOp, BinOp, Call, Starred, FString, Other };

struct Node {
    N kind = N::Other;
    std::size_t begin = 0, end = 0;
    PyRef value;             // Constant
    char op = 0;             // UnaryOp: '-', '+', '~', '!' (not); BinOp: '+', '-', or '*' for any other operator
    std::vector<int> kids;   // Tuple/List/Set: items; Dict: key, value, ...; UnaryOp: operand; BinOp: left, right;
                             // Call: the callee, then each argument's value
    const char* what = "";   // Other: what it is, for a message ("a lambda")
    std::optional<Error> unsupported;  // Constant: a valid literal this reader cannot evaluate (\N{...})
};

struct Arg {
    enum Kind { Positional, Star, Keyword, DoubleStar } kind = Positional;
    int node = -1;
    std::size_t begin = 0;
    std::string_view name;  // Keyword
};

// ---- [parser] ---------------------------------------------------------------------------------------------
// Recursive descent over tokens, precedence climbing for operators. Every function returns a node
// index, or -1 once `error` is set. Binding powers, low to high: or 1, and 2, not 3, comparisons 4,
// | 5, ^ 6, & 7, shifts 8, + - 9, * / // % @ 10, unary + - ~ 11, ** 12.
class Parser {
public:
    Parser(const Text& text, const std::vector<Token>& tokens) : m_text(text), m_tokens(tokens) {}

    std::vector<Node> nodes;
    std::optional<Error> error;

    // Eval mode's top level: a value or an unparenthesized tuple, then nothing but line ends.
    int Top();
    // Call arguments up to `)` (not consumed), or up to the end of the text when `to_end`.
    bool Arguments(std::vector<Arg>& args, bool to_end);
    const Token& Peek(std::size_t ahead = 0) const {
        return m_tokens[std::min(m_pos + ahead, m_tokens.size() - 1)];
    }

private:
    struct Depth {
        explicit Depth(int& depth) : m_depth(++depth) {}
        ~Depth() { --m_depth; }
        int& m_depth;
    };

    const Token& Next() { return m_tokens[m_pos < m_tokens.size() - 1 ? m_pos++ : m_pos]; }
    bool AtOp(std::string_view op, std::size_t ahead = 0) const {
        return Peek(ahead).kind == T::Op && Peek(ahead).text == op;
    }
    bool AtKeyword(std::string_view word, std::size_t ahead = 0) const {
        return Peek(ahead).kind == T::Keyword && Peek(ahead).text == word;
    }
    int Fail(std::size_t at, std::string message) {
        if (!error) error = SyntaxErrorAt(m_text, at, std::move(message));
        return -1;
    }
    int Unexpected(std::string_view expected) {
        const Token& token = Peek();
        std::string found;
        switch (token.kind) {
            case T::String: found = "a string"; break;
            case T::Newline: found = "the end of the line"; break;
            case T::End: found = "the end of the text"; break;
            default: found = "`" + m_text.Snippet(token.begin, token.end) + "`";
        }
        return Fail(token.begin, "expected " + std::string(expected) + ", found " + found);
    }
    // The same for functions that return whether they succeeded.
    bool Failed(std::size_t at, std::string message) {
        Fail(at, std::move(message));
        return false;
    }
    bool Missing(std::string_view expected) {
        Unexpected(expected);
        return false;
    }
    bool Expect(std::string_view op, std::string_view expected) {
        if (AtOp(op)) {
            Next();
            return true;
        }
        Unexpected(expected);
        return false;
    }
    int Add(N kind, std::size_t begin, std::size_t end, std::vector<int> kids = {}, const char* what = "") {
        Node node;
        node.kind = kind;
        node.begin = begin;
        node.end = end;
        node.kids = std::move(kids);
        node.what = what;
        nodes.push_back(std::move(node));
        return static_cast<int>(nodes.size() - 1);
    }
    std::size_t EndOf(int node) const { return nodes[static_cast<std::size_t>(node)].end; }
    std::size_t BeginOf(int node) const { return nodes[static_cast<std::size_t>(node)].begin; }
    std::size_t PrevEnd() const { return m_pos > 0 ? m_tokens[m_pos - 1].end : 0; }

    int Expression(bool named_ok = true);
    int Binary(int min_power);
    int InfixPower(std::size_t& length) const;
    int Primary();
    int Atom();
    int Strings();
    bool DecodeString(const Token& token, std::string& out, std::optional<Error>& unsupported);
    int Element();
    int Parenthesized();
    int Bracketed();
    int Braced();
    bool DictEntry(std::vector<int>& kids);
    bool Comprehension();
    int Lambda();
    int Yield(std::size_t begin);
    bool Subscript();

    const Text& m_text;
    const std::vector<Token>& m_tokens;
    std::size_t m_pos = 0;
    int m_depth = 0;
};

int Parser::Top() {
    if (Peek().kind == T::End) return Fail(Peek().begin, "the text holds no value");
    const std::size_t begin = Peek().begin;
    std::vector<int> items;
    bool tuple = false;
    while (true) {
        if (AtOp("*")) return Fail(Peek().begin, "cannot use a starred expression here");
        const int item = Expression(false);
        if (item < 0) return -1;
        items.push_back(item);
        if (!AtOp(",")) break;
        Next();
        tuple = true;
        if (Peek().kind == T::Newline || Peek().kind == T::End) break;
    }
    const std::size_t end = PrevEnd();
    while (Peek().kind == T::Newline) Next();
    if (Peek().kind != T::End) return Unexpected("the end of the text after the value");
    return tuple ? Add(N::Tuple, begin, end, std::move(items)) : items[0];
}

int Parser::Expression(bool named_ok) {
    Depth depth(m_depth);
    if (m_depth > kMaxNesting) return Fail(Peek().begin, "the text is nested too deeply to parse");
    if (AtKeyword("lambda")) return Lambda();
    const int left = Binary(1);
    if (left < 0) return -1;
    if (AtKeyword("if")) {
        Next();
        if (Binary(1) < 0) return -1;
        if (!AtKeyword("else")) return Unexpected("`else`");
        Next();
        const int other = Expression();
        if (other < 0) return -1;
        return Add(N::Other, BeginOf(left), EndOf(other), {}, "a conditional expression");
    }
    if (AtOp(":=")) {
        if (!named_ok || nodes[static_cast<std::size_t>(left)].kind != N::Name) return Unexpected("an operator or `,`");
        Next();
        const int value = Expression();
        if (value < 0) return -1;
        return Add(N::Other, BeginOf(left), EndOf(value), {}, "an assignment expression");
    }
    return left;
}

// The binding power of the infix operator at the cursor (0: none) and how many tokens it takes.
int Parser::InfixPower(std::size_t& length) const {
    length = 1;
    const Token& token = Peek();
    if (token.kind == T::Keyword) {
        if (token.text == "or") return 1;
        if (token.text == "and") return 2;
        if (token.text == "in") return 4;
        if (token.text == "is") {
            if (AtKeyword("not", 1)) length = 2;
            return 4;
        }
        if (token.text == "not" && AtKeyword("in", 1)) {
            length = 2;
            return 4;
        }
        return 0;
    }
    if (token.kind != T::Op) return 0;
    const std::string_view op = token.text;
    if (op == "==" || op == "!=" || op == "<" || op == ">" || op == "<=" || op == ">=") return 4;
    if (op == "|") return 5;
    if (op == "^") return 6;
    if (op == "&") return 7;
    if (op == "<<" || op == ">>") return 8;
    if (op == "+" || op == "-") return 9;
    if (op == "*" || op == "/" || op == "//" || op == "%" || op == "@") return 10;
    return 0;
}

int Parser::Binary(int min_power) {
    Depth depth(m_depth);
    if (m_depth > kMaxNesting) return Fail(Peek().begin, "the text is nested too deeply to parse");
    const Token& token = Peek();
    const std::size_t begin = token.begin;
    int left;
    if ((AtKeyword("not") && min_power <= 3) || AtOp("-") || AtOp("+") || AtOp("~")) {
        const char op = token.kind == T::Keyword ? '!' : token.text[0];
        Next();
        const int operand = Binary(op == '!' ? 3 : 11);
        if (operand < 0) return -1;
        left = Add(N::UnaryOp, begin, EndOf(operand), {operand});
        nodes.back().op = op;
    } else if (AtKeyword("await")) {
        Next();
        const int operand = Binary(11);
        if (operand < 0) return -1;
        left = Add(N::Other, begin, EndOf(operand), {}, "an await expression");
    } else {
        left = Primary();
        if (left < 0) return -1;
        if (AtOp("**")) {
            Next();
            const int right = Binary(11);
            if (right < 0) return -1;
            left = Add(N::BinOp, begin, EndOf(right), {left, right});
            nodes.back().op = '*';
        }
    }
    while (true) {
        std::size_t length = 1;
        const int power = InfixPower(length);
        if (power == 0 || power < min_power) break;
        const Token& op = Peek();
        const char sign = op.kind == T::Op && (op.text == "+" || op.text == "-") ? op.text[0] : '*';
        for (std::size_t k = 0; k < length; ++k) Next();
        const int right = Binary(power + 1);
        if (right < 0) return -1;
        if (power <= 2) left = Add(N::Other, begin, EndOf(right), {}, "a boolean operation");
        else if (power == 4) left = Add(N::Other, begin, EndOf(right), {}, "a comparison");
        else {
            left = Add(N::BinOp, begin, EndOf(right), {left, right});
            nodes.back().op = sign;
        }
    }
    return left;
}

int Parser::Primary() {
    int value = Atom();
    while (value >= 0) {
        const std::size_t begin = BeginOf(value);
        if (AtOp(".")) {
            Next();
            if (Peek().kind != T::Name) return Unexpected("a name after `.`");
            value = Add(N::Other, begin, Next().end, {}, "an attribute");
        } else if (AtOp("(")) {
            Next();
            std::vector<Arg> args;
            if (!Arguments(args, false) || !Expect(")", "`,` or `)`")) return -1;
            std::vector<int> kids{value};
            for (const Arg& arg : args) kids.push_back(arg.node);
            value = Add(N::Call, begin, PrevEnd(), std::move(kids));
        } else if (AtOp("[")) {
            Next();
            if (!Subscript()) return -1;
            value = Add(N::Other, begin, PrevEnd(), {}, "a subscript");
        } else {
            break;
        }
    }
    return value;
}

int Parser::Atom() {
    const Token& token = Peek();
    switch (token.kind) {
        case T::Name:
            Next();
            return Add(N::Name, token.begin, token.end);
        case T::Number: {
            Next();
            const int node = Add(N::Constant, token.begin, token.end);
            nodes.back().value = token.number;
            return node;
        }
        case T::String: return Strings();
        case T::Keyword:
            if (token.text == "True" || token.text == "False" || token.text == "None") {
                Next();
                const int node = Add(N::Constant, token.begin, token.end);
                nodes.back().value = token.text == "None" ? PyNone() : PyBool(token.text == "True");
                return node;
            }
            return Unexpected("a value");
        case T::Op:
            if (token.text == "(") return Parenthesized();
            if (token.text == "[") return Bracketed();
            if (token.text == "{") return Braced();
            if (token.text == "...") {
                Next();
                const int node = Add(N::Constant, token.begin, token.end);
                nodes.back().value = PyGlobal("builtins", "Ellipsis");
                return node;
            }
            return Unexpected("a value");
        default: return Unexpected("a value");
    }
}

// Adjacent string tokens are one constant; bytes and str may not mix; any f-string makes it an f-string.
int Parser::Strings() {
    const std::size_t begin = Peek().begin;
    const bool bytes = Peek().bytes;
    bool fstring = false;
    std::string value;
    std::optional<Error> unsupported;
    while (Peek().kind == T::String) {
        const Token& token = Next();
        if (token.bytes != bytes) return Fail(token.begin, "cannot mix bytes and nonbytes literals");
        fstring = fstring || token.fstring;
        if (!token.fstring && !DecodeString(token, value, unsupported)) return -1;
    }
    if (fstring) return Add(N::FString, begin, PrevEnd(), {}, "an f-string");
    const int node = Add(N::Constant, begin, PrevEnd());
    nodes.back().value = bytes ? PyBytes(std::move(value)) : PyStr(std::move(value));
    nodes.back().unsupported = std::move(unsupported);
    return node;
}

// The value of a string token's body, appended to `out` (UTF-8 for str, raw bytes for bytes).
// A \N{...} escape sets `unsupported` and is skipped: a syntax error later in the text still wins.
bool Parser::DecodeString(const Token& token, std::string& out, std::optional<Error>& unsupported) {
    const auto at = [&](std::size_t i) { return m_text.At(i); };
    const std::size_t end = token.body_end;
    for (std::size_t i = token.body_begin; i < end; ++i) {
        const char c = at(i);
        if (c == '\r') {  // every newline in source is \n
            out += '\n';
            if (at(i + 1) == '\n') ++i;
            continue;
        }
        if (token.bytes && static_cast<unsigned char>(c) >= 0x80) {
            Fail(i, "bytes can only contain ASCII literal characters");
            return false;
        }
        if (c != '\\' || token.raw) {
            out += c;
            continue;
        }
        const std::size_t escape = i++;
        const char e = at(i);
        const auto hex = [&](std::size_t digits, std::uint32_t& value) {
            value = 0;
            for (std::size_t k = 1; k <= digits; ++k) {
                if (i + k >= end || DigitValue(at(i + k)) >= 16) return false;
                value = value * 16 + static_cast<std::uint32_t>(DigitValue(at(i + k)));
            }
            i += digits;
            return true;
        };
        if (const auto simple = SimpleEscape(e)) {
            out += *simple;
            continue;
        }
        switch (e) {
            case '\n': break;  // a line continuation inside the string
            case '\r': if (at(i + 1) == '\n') ++i; break;
            case '0': case '1': case '2': case '3': case '4': case '5': case '6': case '7': {
                std::uint32_t value = static_cast<std::uint32_t>(e - '0');
                for (int k = 0; k < 2 && i + 1 < end && at(i + 1) >= '0' && at(i + 1) <= '7'; ++k)
                    value = value * 8 + static_cast<std::uint32_t>(at(++i) - '0');
                if (token.bytes) out += static_cast<char>(value & 0xFF);  // \777 is b'\xff', as CPython keeps the low byte
                else AppendUtf8(out, value);
                break;
            }
            case 'x': {
                std::uint32_t value = 0;
                if (!hex(2, value)) {
                    Fail(escape, token.bytes ? "invalid \\x escape: it needs two hex digits"
                                             : "truncated \\xXX escape: it needs two hex digits");
                    return false;
                }
                if (token.bytes) out += static_cast<char>(value);
                else AppendUtf8(out, value);
                break;
            }
            case 'u': case 'U': case 'N':
                if (token.bytes) {  // not escapes in bytes: kept as written
                    out += '\\';
                    out += e;
                    break;
                }
                if (e == 'N') {
                    const std::size_t close = at(i + 1) == '{' ? m_text.src.substr(0, end).find('}', i) : std::string_view::npos;
                    if (close == std::string_view::npos || close == i + 2) {
                        Fail(escape, "malformed \\N character escape");
                        return false;
                    }
                    if (!unsupported) {
                        unsupported = MakeError("literal.unsupported",
                                                "\\N{...} escapes are not supported here (no Unicode name table): write the "
                                                "character itself, or \\u or \\U with its code",
                                                m_text.Where(escape));
                    }
                    i = close;
                } else {
                    std::uint32_t value = 0;
                    if (!hex(e == 'u' ? 4 : 8, value)) {
                        Fail(escape, e == 'u' ? "truncated \\uXXXX escape: it needs four hex digits"
                                              : "truncated \\UXXXXXXXX escape: it needs eight hex digits");
                        return false;
                    }
                    if (value > 0x10FFFF) {
                        Fail(escape, "illegal Unicode character: \\U" + Hex(value, 8) + " is past U+10FFFF");
                        return false;
                    }
                    AppendUtf8(out, value);  // a lone surrogate is kept, encoded as surrogatepass would
                }
                break;
            default:  // an unknown escape keeps its backslash (Python warns, and accepts it)
                out += '\\';
                --i;
                break;
        }
    }
    return true;
}

int Parser::Element() {
    if (!AtOp("*")) return Expression();
    const std::size_t begin = Next().begin;
    const int value = Binary(5);
    if (value < 0) return -1;
    return Add(N::Starred, begin, EndOf(value), {value}, "a starred expression");
}

int Parser::Parenthesized() {
    const std::size_t begin = Next().begin;
    if (AtOp(")")) return Add(N::Tuple, begin, Next().end);
    if (AtKeyword("yield")) {
        const int value = Yield(begin);
        if (value < 0 || !Expect(")", "`)`")) return -1;
        nodes[static_cast<std::size_t>(value)].end = PrevEnd();
        return value;
    }
    const int first = Element();
    if (first < 0) return -1;
    if (AtKeyword("for") || AtKeyword("async")) {
        if (!Comprehension() || !Expect(")", "`)`")) return -1;
        return Add(N::Other, begin, PrevEnd(), {}, "a generator expression");
    }
    if (AtOp(")")) {
        if (nodes[static_cast<std::size_t>(first)].kind == N::Starred)
            return Fail(BeginOf(first), "cannot use a starred expression here");
        Next();
        return first;  // parentheses make no node of their own
    }
    if (!AtOp(",")) return Unexpected("`,` or `)`");
    std::vector<int> items{first};
    while (AtOp(",")) {
        Next();
        if (AtOp(")")) break;
        const int item = Element();
        if (item < 0) return -1;
        items.push_back(item);
    }
    if (!Expect(")", "`,` or `)`")) return -1;
    return Add(N::Tuple, begin, PrevEnd(), std::move(items));
}

int Parser::Bracketed() {
    const std::size_t begin = Next().begin;
    std::vector<int> items;
    if (!AtOp("]")) {
        const int first = Element();
        if (first < 0) return -1;
        if (AtKeyword("for") || AtKeyword("async")) {
            if (!Comprehension() || !Expect("]", "`]`")) return -1;
            return Add(N::Other, begin, PrevEnd(), {}, "a list comprehension");
        }
        items.push_back(first);
        while (AtOp(",")) {
            Next();
            if (AtOp("]")) break;
            const int item = Element();
            if (item < 0) return -1;
            items.push_back(item);
        }
    }
    if (!Expect("]", "`,` or `]`")) return -1;
    return Add(N::List, begin, PrevEnd(), std::move(items));
}

// key: value, or **mapping (a key node that literal_eval refuses, as its None key is).
bool Parser::DictEntry(std::vector<int>& kids) {
    if (AtOp("**")) {
        const std::size_t begin = Next().begin;
        const int value = Binary(5);
        if (value < 0) return false;
        kids.push_back(Add(N::Other, begin, EndOf(value), {}, "a dict unpacking"));
        kids.push_back(value);
        return true;
    }
    const int key = Expression();
    if (key < 0) return false;
    if (!Expect(":", "`:`")) return false;
    const int value = Expression();
    if (value < 0) return false;
    kids.push_back(key);
    kids.push_back(value);
    return true;
}

int Parser::Braced() {
    const std::size_t begin = Next().begin;
    std::vector<int> kids;
    if (AtOp("}")) return Add(N::Dict, begin, Next().end);
    N kind = N::Dict;
    if (AtOp("**")) {
        if (!DictEntry(kids)) return -1;
    } else {
        const int first = Element();
        if (first < 0) return -1;
        if (AtOp(":")) {
            if (nodes[static_cast<std::size_t>(first)].kind == N::Starred)
                return Fail(BeginOf(first), "cannot use a starred expression as a dict key");
            Next();
            const int value = Expression();
            if (value < 0) return -1;
            kids = {first, value};
        } else {
            kind = N::Set;
            kids = {first};
        }
        if (AtKeyword("for") || AtKeyword("async")) {
            if (!Comprehension() || !Expect("}", "`}`")) return -1;
            return Add(N::Other, begin, PrevEnd(), {}, kind == N::Set ? "a set comprehension" : "a dict comprehension");
        }
    }
    while (AtOp(",")) {
        Next();
        if (AtOp("}")) break;
        if (kind == N::Dict) {
            if (!DictEntry(kids)) return -1;
        } else {
            const int item = Element();
            if (item < 0) return -1;
            kids.push_back(item);
        }
    }
    if (!Expect("}", "`,` or `}`")) return -1;
    return Add(kind, begin, PrevEnd(), std::move(kids));
}

// for targets in iterable [if condition]... [for ...]: parsed to be skipped (literal_eval refuses it).
bool Parser::Comprehension() {
    while (AtKeyword("for") || AtKeyword("async")) {
        if (AtKeyword("async")) Next();
        if (!AtKeyword("for")) return Missing("`for`");
        Next();
        while (true) {
            if (AtOp("*")) Next();
            if (Binary(5) < 0) return false;
            if (!AtOp(",")) break;
            Next();
            if (AtKeyword("in")) break;
        }
        if (!AtKeyword("in")) return Missing("`in`");
        Next();
        if (Binary(1) < 0) return false;
        while (AtKeyword("if")) {
            Next();
            if (Binary(1) < 0) return false;
        }
    }
    return true;
}

int Parser::Lambda() {
    const std::size_t begin = Next().begin;
    while (!AtOp(":")) {
        if (Peek().kind == T::Name) {
            Next();
            if (AtOp("=")) {
                Next();
                if (Expression() < 0) return -1;
            }
        } else if (AtOp(",") || AtOp("*") || AtOp("**") || AtOp("/")) {
            Next();
        } else {
            return Unexpected("a parameter or `:`");
        }
    }
    Next();
    const int body = Expression();
    if (body < 0) return -1;
    return Add(N::Other, begin, EndOf(body), {}, "a lambda");
}

int Parser::Yield(std::size_t begin) {
    Next();
    if (AtKeyword("from")) {
        Next();
        if (Expression() < 0) return -1;
    } else if (!AtOp(")")) {
        while (true) {
            if (Element() < 0) return -1;
            if (!AtOp(",")) break;
            Next();
            if (AtOp(")")) break;
        }
    }
    return Add(N::Other, begin, PrevEnd(), {}, "a yield expression");
}

// [slice, ...] after a value, up to and including `]`; a slice is [a]:[b][:[c]] or an element.
bool Parser::Subscript() {
    while (true) {
        if (!AtOp(":") && Element() < 0) return false;
        for (int part = 0; part < 2 && AtOp(":"); ++part) {
            Next();
            if (!AtOp(":") && !AtOp(",") && !AtOp("]") && Expression() < 0) return false;
        }
        if (!AtOp(",")) break;
        Next();
        if (AtOp("]")) break;
    }
    return Expect("]", "`,` or `]`");
}

bool Parser::Arguments(std::vector<Arg>& args, bool to_end) {
    bool keywords = false, double_star = false;
    const auto at_close = [&] { return to_end ? Peek().kind == T::End : AtOp(")"); };
    while (!at_close()) {
        Arg arg;
        arg.begin = Peek().begin;
        if (AtOp("*") || AtOp("**")) {
            arg.kind = Next().text == "*" ? Arg::Star : Arg::DoubleStar;
            if (arg.kind == Arg::Star && double_star)
                return Failed(arg.begin, "iterable argument unpacking follows keyword argument unpacking");
            double_star = double_star || arg.kind == Arg::DoubleStar;
            arg.node = Expression();
        } else if (Peek().kind == T::Name && AtOp("=", 1)) {
            arg.kind = Arg::Keyword;
            arg.name = Next().text;
            Next();
            keywords = true;
            arg.node = Expression();
        } else {
            if (double_star) return Failed(arg.begin, "positional argument follows keyword argument unpacking");
            if (keywords) return Failed(arg.begin, "positional argument follows keyword argument");
            arg.node = Expression();
            if (arg.node >= 0 && AtOp("=")) {
                const Node& node = nodes[static_cast<std::size_t>(arg.node)];
                if (node.kind == N::Constant && (node.value->kind == PyKind::Bool || node.value->kind == PyKind::None))
                    return Failed(arg.begin, "cannot assign to " + m_text.Snippet(node.begin, node.end));
                return Failed(arg.begin, "expression cannot contain assignment, perhaps you meant \"==\"?");
            }
            if (arg.node >= 0 && (AtKeyword("for") || AtKeyword("async"))) {
                if (!Comprehension()) return false;
                if (!args.empty() || AtOp(",")) return Failed(arg.begin, "generator expression must be parenthesized");
                arg.node = Add(N::Other, arg.begin, PrevEnd(), {}, "a generator expression");
            }
        }
        if (arg.node < 0) return false;
        args.push_back(arg);
        if (!AtOp(",")) break;
        Next();
    }
    if (!at_close()) return Missing(to_end ? "`,` or the end of the text" : "`,` or `)`");
    return true;
}

// ---- [literal_eval] ---------------------------------------------------------------------------------------
bool IsComplex(const PyValue& value) {
    return value.kind == PyKind::Call && value.items.size() >= 2 && IsGlobal(*value.items[0], "builtins", "complex");
}
double ComplexPart(const PyValue& value, std::size_t part) { return value.items[1]->items[part]->real; }

PyRef Negate(const PyValue& value) {
    switch (value.kind) {
        case PyKind::Int:
            if (value.integer == INT64_MIN) return PyBigInt("9223372036854775808");
            return PyInt(-value.integer);
        case PyKind::BigInt:
            return PyBigInt(value.text[0] == '-' ? value.text.substr(1) : "-" + value.text);
        case PyKind::Float: return PyFloat(-value.real);
        default: return PyComplex(-ComplexPart(value, 0), -ComplexPart(value, 1));
    }
}

class Evaluator {
public:
    Evaluator(const Text& text, const std::vector<Node>& nodes) : m_text(text), m_nodes(nodes) {}
    Result<PyRef> Convert(int index);

private:
    const Node& At(int index) const { return m_nodes[static_cast<std::size_t>(index)]; }
    Error Refuse(const Node& node, std::string detail = {}) const;
    Result<PyRef> Number(int index);
    Result<PyRef> SignedNumber(int index);
    Result<PyRef> Complex(const Node& node);
    Result<PyRef> Container(const Node& node);

    const Text& m_text;
    const std::vector<Node>& m_nodes;
};

Error Evaluator::Refuse(const Node& node, std::string detail) const {
    const std::string quote = "`" + m_text.Snippet(node.begin, node.end) + "`";
    std::string message;
    switch (node.kind) {
        case N::Name: message = quote + " is a name, not a literal"; break;
        case N::Call: message = quote + " is a call, not a literal"; break;
        case N::UnaryOp: case N::BinOp: message = quote + " is an operation, not a literal"; break;
        // Values, where only a number may stand (after a sign, around + or - with an imaginary number).
        case N::Constant: case N::Tuple: case N::List: case N::Set: case N::Dict: message = quote + " is not a number"; break;
        default: message = quote + " is " + node.what + ", not a literal"; break;
    }
    if (!detail.empty()) message += " (" + detail + ")";
    return MakeError("literal.not_literal", message, m_text.Where(node.begin));
}

Result<PyRef> Evaluator::Number(int index) {
    const Node& node = At(index);
    if (node.kind == N::Constant) {
        const PyKind kind = node.value->kind;
        if (kind == PyKind::Int || kind == PyKind::BigInt || kind == PyKind::Float || IsComplex(*node.value)) return node.value;
        return Refuse(node, "only a number can take a sign or be part of a complex number");
    }
    if (node.kind == N::Tuple || node.kind == N::List || node.kind == N::Set || node.kind == N::Dict)
        return Refuse(node, "only a number can take a sign or be part of a complex number");
    if (node.kind == N::UnaryOp && (node.op == '-' || node.op == '+'))
        return Refuse(node, "a sign applies to a number, not to another sign");
    return Refuse(node);
}

Result<PyRef> Evaluator::SignedNumber(int index) {
    const Node& node = At(index);
    if (node.kind != N::UnaryOp || (node.op != '-' && node.op != '+')) return Number(index);
    auto operand = Number(node.kids[0]);
    if (!operand || node.op == '+') return operand;
    return Negate(*operand.value());
}

// literal_eval's only arithmetic: a real number (signed) plus or minus an imaginary one.
Result<PyRef> Evaluator::Complex(const Node& node) {
    auto left = SignedNumber(node.kids[0]);
    if (!left) return left;
    auto right = Number(node.kids[1]);
    if (!right) return right;
    const PyValue& real = *left.value();
    if (IsComplex(real) || !IsComplex(*right.value()))
        return Refuse(node, "the only arithmetic allowed is a real number plus or minus an imaginary one, like 1+2j");
    double value = real.kind == PyKind::Float ? real.real
                   : real.kind == PyKind::Int ? static_cast<double>(real.integer)
                                              : std::strtod(real.text.c_str(), nullptr);
    if (std::isinf(value) && real.kind == PyKind::BigInt) return Refuse(At(node.kids[0]), "int too large to convert to float");
    // CPython 3.13 and earlier make the real number complex(x, 0.0) first, so 1-0j is (1+0j).
    const double re = node.op == '+' ? value + ComplexPart(*right.value(), 0) : value - ComplexPart(*right.value(), 0);
    const double im = node.op == '+' ? 0.0 + ComplexPart(*right.value(), 1) : 0.0 - ComplexPart(*right.value(), 1);
    return PyComplex(re, im);
}

std::optional<std::string> HashKey(const PyValue& value, std::string& unhashable);

Result<PyRef> Evaluator::Container(const Node& node) {
    if (node.kind == N::Tuple || node.kind == N::List) {
        std::vector<PyRef> items;
        for (int kid : node.kids) {
            auto item = Convert(kid);
            if (!item) return item;
            items.push_back(std::move(item).value());
        }
        return node.kind == N::Tuple ? PyTuple(std::move(items)) : PyList(std::move(items));
    }
    // A set or dict hashes each key as it is added, before the next item is converted (so a
    // TypeError there comes first), keeps the first of equal keys where it was, and for a dict the
    // last value.
    const bool dict = node.kind == N::Dict;
    const std::size_t step = dict ? 2 : 1;
    std::unordered_map<std::string, std::size_t> seen;
    std::vector<PyRef> kept;
    for (std::size_t i = 0; i < node.kids.size(); i += step) {
        auto key = Convert(node.kids[i]);
        if (!key) return key;
        PyRef value;
        if (dict) {
            auto converted = Convert(node.kids[i + 1]);
            if (!converted) return converted;
            value = std::move(converted).value();
        }
        std::string unhashable;
        const auto hash = HashKey(*key.value(), unhashable);
        if (!hash) {
            const Node& key_node = At(node.kids[i]);
            return MakeError("literal.unhashable",
                             "`" + m_text.Snippet(key_node.begin, key_node.end) + "` cannot be " + (dict ? "a dict key" : "a set item") +
                                 ": a " + unhashable + " is unhashable",
                             m_text.Where(key_node.begin));
        }
        const auto [where, inserted] = seen.emplace(*hash, kept.size());
        if (inserted) {
            kept.push_back(std::move(key).value());
            if (dict) kept.push_back(std::move(value));
        } else if (dict) {
            kept[where->second + 1] = std::move(value);
        }
    }
    auto value = dict ? PyDict({}) : PySet({});
    value->items = std::move(kept);
    return value;
}

Result<PyRef> Evaluator::Convert(int index) {
    const Node& node = At(index);
    switch (node.kind) {
        case N::Constant:
            if (node.unsupported) return *node.unsupported;
            return node.value;
        case N::Tuple: case N::List: case N::Set: case N::Dict: return Container(node);
        case N::Call: {
            const Node& callee = At(node.kids[0]);
            if (callee.kind == N::Name && m_text.src.substr(callee.begin, callee.end - callee.begin) == "set") {
                if (node.kids.size() == 1) return PySet({});
                return Refuse(node, "only an empty set() is allowed");
            }
            return Refuse(node);
        }
        case N::BinOp:
            if (node.op == '+' || node.op == '-') return Complex(node);
            return Refuse(node);
        default: return SignedNumber(index);
    }
}

// ---- [equal keys] -----------------------------------------------------------------------------------------
// A string that is the same exactly when Python's == holds between hashable values: numbers compare
// across int, float, complex and bool (1 == 1.0 == True == 1+0j); str never equals bytes.
std::string NumberKey(double value) {
    value += 0.0;  // -0.0 == 0.0
    if (std::isfinite(value) && value == std::floor(value)) {
        char buffer[400];
        std::snprintf(buffer, sizeof buffer, "%.0f", value);  // the exact integer
        return std::string("n") + buffer + ";";
    }
    return "f" + FloatRepr(value) + ";";
}

std::optional<std::string> HashKey(const PyValue& value, std::string& unhashable) {
    switch (value.kind) {
        case PyKind::None: return std::string("N;");
        case PyKind::Bool: return std::string(value.boolean ? "n1;" : "n0;");
        case PyKind::Int: return "n" + std::to_string(value.integer) + ";";
        case PyKind::BigInt: return "n" + value.text + ";";
        case PyKind::Float: return NumberKey(value.real);
        case PyKind::Str: return "s" + std::to_string(value.text.size()) + ":" + value.text;
        case PyKind::Bytes: return "b" + std::to_string(value.text.size()) + ":" + value.text;
        case PyKind::Global: return "g" + value.text + "." + value.name + ";";
        case PyKind::Call:
            if (ComplexPart(value, 1) == 0.0) return NumberKey(ComplexPart(value, 0));
            return "c" + FloatRepr(ComplexPart(value, 0) + 0.0) + "," + FloatRepr(ComplexPart(value, 1) + 0.0) + ";";
        case PyKind::Tuple: {
            std::string key = "t" + std::to_string(value.items.size()) + "(";
            for (const auto& item : value.items) {
                auto part = HashKey(*item, unhashable);
                if (!part) return std::nullopt;
                key += *part;
            }
            return key + ")";
        }
        case PyKind::List: unhashable = "list"; return std::nullopt;
        case PyKind::Dict: unhashable = "dict"; return std::nullopt;
        default: unhashable = "set"; return std::nullopt;
    }
}

// ---- [entry points] ---------------------------------------------------------------------------------------
// Tokens of `text` from `start`; an error, or nothing.
std::optional<Error> Tokenize(const Text& text, std::size_t start, bool wrapped, std::vector<Token>& tokens,
                              std::optional<std::size_t>* trailing_comment = nullptr) {
    if (auto error = CheckEncoding(text)) return error;
    Tokenizer tokenizer(text, start, wrapped);
    if (auto error = tokenizer.Run(tokens)) return error;
    if (trailing_comment) *trailing_comment = tokenizer.trailing_comment;
    return std::nullopt;
}

Result<PyRef> LiteralEval(const Text& text) {
    std::size_t start = 0;  // literal_eval strips leading spaces and tabs (not newlines)
    while (start < text.src.size() && (text.src[start] == ' ' || text.src[start] == '\t')) ++start;
    std::vector<Token> tokens;
    if (auto error = Tokenize(text, start, false, tokens)) return *error;
    Parser parser(text, tokens);
    const int root = parser.Top();
    if (root < 0) return *parser.error;
    return Evaluator(text, parser.nodes).Convert(root);
}

}  // namespace

Result<PyRef> ParsePythonLiteral(std::string_view source) { return LiteralEval(Text{source}); }

// ---- [schedule args and kwargs] ---------------------------------------------------------------------------
Result<PyRef> ParseScheduleArgs(std::string_view text) {
    if (text.empty()) return PyTuple({});  // `if s.args:` skips an empty value
    auto value = ParsePythonLiteral(text);
    if (!value || value.value()->kind == PyKind::Tuple) return value;
    return PyTuple({std::move(value).value()});
}

namespace {

Error KwargsError(const Text& text, const char* code, std::size_t at, std::string message) {
    return MakeError(code, std::move(message), text.Where(at));
}

// The first non-str key of a Dict value, as an error at `at`.
std::optional<Error> CheckStrKeys(const Text& text, const PyValue& dict, std::size_t at) {
    for (std::size_t i = 0; i < dict.items.size(); i += 2) {
        if (dict.items[i]->kind == PyKind::Str) continue;
        return KwargsError(text, "kwargs.invalid", at,
                           "every kwargs key must be a str (Python refuses other keys as keyword arguments)");
    }
    return std::nullopt;
}

// Sets key = value in a Dict node, keeping the position of an earlier equal key.
void SetKey(PyValue& dict, const std::string& key, PyRef value) {
    for (std::size_t i = 0; i < dict.items.size(); i += 2) {
        if (dict.items[i]->kind == PyKind::Str && dict.items[i]->text == key) {
            dict.items[i + 1] = std::move(value);
            return;
        }
    }
    dict.items.push_back(PyStr(key));
    dict.items.push_back(std::move(value));
}

Error TrailingComment(const Text& text, std::size_t at, SchedulerVariant variant) {
    return KwargsError(text, "kwargs.invalid", at,
                       std::string("a comment at the very end hides the `)` that ") +
                           (variant == SchedulerVariant::DjangoQ1 ? "Django Q" : "Django Q2") +
                           " puts after keyword arguments, so it would drop them all: end the text with a new line, or "
                           "remove the comment");
}

// Django Q2: literal_eval(text) when that parses, else the keywords of ast.parse(f"f({text})").
Result<PyRef> KwargsQ2(const Text& text) {
    auto literal = LiteralEval(text);
    if (literal) {
        const PyValue& value = *literal.value();
        if (value.kind != PyKind::Dict) {
            return KwargsError(text, "kwargs.not_dict", 0,
                               "kwargs must be a dict or name=value pairs; Django Q2 would fail on this value when the "
                               "schedule runs");
        }
        if (auto error = CheckStrKeys(text, value, 0)) return *error;
        return literal;
    }
    const std::string& code = literal.error().code;
    if (code != "literal.syntax" && code != "literal.not_literal") return literal;  // TypeError and the like stop Django Q2

    std::vector<Token> tokens;
    std::optional<std::size_t> comment;
    if (Tokenize(text, 0, true, tokens, &comment)) return literal;
    if (tokens.size() == 1) return PyDict({});  // only spaces or a comment: no keywords
    // Text that starts like keyword arguments is read as such; so is text that is no Python
    // expression but parses as arguments. For anything else the literal's own error says more
    // (Django Q2 would quietly run the task without kwargs).
    const bool starts_like_keywords = (tokens[0].kind == T::Name && tokens[1].kind == T::Op && tokens[1].text == "=") ||
                                      (tokens[0].kind == T::Op && tokens[0].text == "**");
    if (comment) {
        if (starts_like_keywords) return TrailingComment(text, *comment, SchedulerVariant::DjangoQ2);
        return literal;
    }
    Parser parser(text, tokens);
    std::vector<Arg> args;
    const bool parsed = parser.Arguments(args, true);
    if (!starts_like_keywords && (!parsed || code != "literal.syntax")) return literal;
    if (!parsed) return *parser.error;
    Evaluator evaluator(text, parser.nodes);
    auto dict = PyDict({});
    for (const Arg& arg : args) {
        if (arg.kind == Arg::Positional)
            return KwargsError(text, "kwargs.invalid", arg.begin,
                               "a value without a name: Django Q2 ignores it (write name=value)");
        if (arg.kind == Arg::Star)
            return KwargsError(text, "kwargs.invalid", arg.begin,
                               "`*` unpacking gives values without names: Django Q2 ignores them (write name=value)");
        if (arg.kind == Arg::DoubleStar)
            return KwargsError(text, "kwargs.invalid", arg.begin,
                               "Django Q2 cannot take `**` here (it would fail on the None key it makes): write name=value, "
                               "or the whole text as one dict literal");
        auto value = evaluator.Convert(arg.node);
        if (!value) return value;
        SetKey(*dict, std::string(arg.name), std::move(value).value());  // {kwarg.arg: ...}: the last wins
    }
    return dict;
}

// Django Q 1.x: eval("dict(" + text + ")"), with literals only.
Result<PyRef> KwargsQ1(const Text& text) {
    std::vector<Token> tokens;
    std::optional<std::size_t> comment;
    if (auto error = Tokenize(text, 0, true, tokens, &comment)) return *error;
    if (tokens.size() == 1) return PyDict({});  // only spaces or a comment: dict() or a dropped SyntaxError, {} either way
    if (comment) return TrailingComment(text, *comment, SchedulerVariant::DjangoQ1);
    Parser parser(text, tokens);
    std::vector<Arg> args;
    if (!parser.Arguments(args, true)) return *parser.error;
    Evaluator evaluator(text, parser.nodes);
    auto dict = PyDict({});
    // A repeated name is a syntax error (so found before anything runs); a name that a ** mapping
    // repeats is a TypeError when dict() is called.
    std::vector<std::string> named;
    for (const Arg& arg : args) {
        if (arg.kind == Arg::Star)
            return KwargsError(text, "kwargs.invalid", arg.begin, "`*` unpacking is not supported here: write the values out");
        if (arg.kind != Arg::Keyword) continue;
        if (std::find(named.begin(), named.end(), arg.name) != named.end())
            return KwargsError(text, "kwargs.invalid", arg.begin,
                               "keyword argument repeated: " + std::string(arg.name) +
                                   " (a syntax error, so Django Q would drop all kwargs)");
        named.emplace_back(arg.name);
    }
    named.clear();
    bool positional = false;
    for (const Arg& arg : args) {
        auto value = evaluator.Convert(arg.node);
        if (!value) return value;
        const PyValue& v = *value.value();
        if (arg.kind == Arg::Keyword) {
            if (std::find(named.begin(), named.end(), arg.name) != named.end())
                return KwargsError(text, "kwargs.invalid", arg.begin,
                                   "dict() got multiple values for keyword argument '" + std::string(arg.name) + "'");
            named.emplace_back(arg.name);
            SetKey(*dict, std::string(arg.name), std::move(value).value());
            continue;
        }
        if (arg.kind == Arg::Positional) {
            if (positional)
                return KwargsError(text, "kwargs.invalid", arg.begin, "dict() takes at most one value without a name");
            positional = true;
            if (v.kind == PyKind::Dict) {
                if (auto error = CheckStrKeys(text, v, arg.begin)) return *error;
                dict->items = v.items;
                continue;
            }
            if (v.kind != PyKind::List && v.kind != PyKind::Tuple && v.kind != PyKind::Set)
                return KwargsError(text, "kwargs.not_dict", arg.begin,
                                   "kwargs must be name=value pairs, a dict, or a list of (key, value) pairs");
            for (const auto& pair : v.items) {
                if ((pair->kind != PyKind::Tuple && pair->kind != PyKind::List) || pair->items.size() != 2)
                    return KwargsError(text, "kwargs.not_dict", arg.begin, "each item of the list must be a (key, value) pair");
                if (pair->items[0]->kind != PyKind::Str)
                    return KwargsError(text, "kwargs.invalid", arg.begin,
                                       "every kwargs key must be a str (Python refuses other keys as keyword arguments)");
                SetKey(*dict, pair->items[0]->text, pair->items[1]);
            }
            continue;
        }
        // **mapping: its keys join the keyword arguments, and may not repeat one.
        if (v.kind != PyKind::Dict)
            return KwargsError(text, "kwargs.not_dict", arg.begin, "`**` must be followed by a dict");
        if (auto error = CheckStrKeys(text, v, arg.begin)) return *error;
        for (std::size_t i = 0; i < v.items.size(); i += 2) {
            if (std::find(named.begin(), named.end(), v.items[i]->text) != named.end())
                return KwargsError(text, "kwargs.invalid", arg.begin,
                                   "dict() got multiple values for keyword argument '" + v.items[i]->text + "'");
            named.push_back(v.items[i]->text);
            SetKey(*dict, v.items[i]->text, v.items[i + 1]);
        }
    }
    return dict;
}

}  // namespace

Result<PyRef> ParseScheduleKwargs(std::string_view text, SchedulerVariant variant) {
    if (text.empty()) return PyDict({});  // `if s.kwargs:` skips an empty value
    const Text source{text};
    return variant == SchedulerVariant::DjangoQ1 ? KwargsQ1(source) : KwargsQ2(source);
}

// ---- [identifiers] ----------------------------------------------------------------------------------------
bool IsPythonIdentifierNotKeyword(std::string_view text) {
    const Text source{text};
    if (text.empty() || CheckEncoding(source)) return false;
    for (std::size_t i = 0; i < text.size();) {
        std::size_t length = 1;
        const std::uint32_t cp = source.CodePoint(i, length);
        if (i == 0 ? !IsXidStart(cp) : !IsXidContinue(cp)) return false;
        i += length;
    }
    return !IsKeyword(text);
}

}  // namespace core
