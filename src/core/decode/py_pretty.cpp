// PrettyPython: the one-line repr split over several lines. It works on the text, so it agrees
// with ReprPython by construction: a bracketed group that does not fit in `width` at its
// indentation gets one item per line. Indentation can make a deeply nested value's text many
// times longer than its repr, so the output is cut at the repr's own limit (max_output).
#include <string>
#include <vector>

#include "core/decode/py_repr.h"

namespace core {
namespace {

constexpr std::size_t kMaxLevels = 64;  // deeper groups stay on one line (and bound the recursion)

class Indenter {
public:
    Indenter(const std::string& line, std::size_t width, std::size_t limit)
        : m_line(line), m_width(width), m_limit(limit), m_close(line.size(), 0) {
        // Match brackets outside string literals.
        std::vector<std::size_t> open;
        char quote = 0;
        bool escaped = false;
        for (std::size_t i = 0; i < line.size(); ++i) {
            const char c = line[i];
            if (quote) {
                if (escaped) escaped = false;
                else if (c == '\\') escaped = true;
                else if (c == quote) quote = 0;
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '(' || c == '[' || c == '{') {
                open.push_back(i);
            } else if ((c == ')' || c == ']' || c == '}') && !open.empty()) {
                m_close[open.back()] = i;
                open.pop_back();
            }
        }
    }

    std::string Run() {
        std::string out;
        Emit(0, m_line.size(), 0, out);
        if (out.size() > m_limit) {
            std::size_t cut = m_limit;
            while (cut > 0 && (static_cast<unsigned char>(out[cut]) & 0xC0) == 0x80) --cut;  // not inside a UTF-8 character
            out.resize(cut);
            out += "\n… (cut: too long to show indented)";
        }
        return out;
    }

private:
    // Writes line[from, to) at indentation `level`, breaking the groups that do not fit.
    void Emit(std::size_t from, std::size_t to, std::size_t level, std::string& out) {
        if (level >= kMaxLevels) {
            out.append(m_line, from, to - from);
            return;
        }
        std::size_t column = level * 4;
        for (std::size_t i = from; i < to && out.size() <= m_limit; ++i) {
            const std::size_t close = m_close[i];
            if (close > i + 1 && column + (close - i + 1) > m_width) {
                out += m_line[i];
                Items(i + 1, close, level + 1, out);
                out += "\n" + std::string(level * 4, ' ') + m_line[close];
                column = level * 4 + 1;
                i = close;
                continue;
            }
            out += m_line[i];
            ++column;
        }
    }

    // One item per line: split [from, to) at commas that are not inside a nested group or string.
    void Items(std::size_t from, std::size_t to, std::size_t level, std::string& out) {
        std::size_t start = from;
        char quote = 0;
        bool escaped = false;
        for (std::size_t i = from; i <= to && out.size() <= m_limit; ++i) {
            if (i < to) {
                const char c = m_line[i];
                if (quote) {
                    if (escaped) escaped = false;
                    else if (c == '\\') escaped = true;
                    else if (c == quote) quote = 0;
                    continue;
                }
                if (c == '\'' || c == '"') { quote = c; continue; }
                if (m_close[i] > i) { i = m_close[i]; continue; }
                if (c != ',') continue;
            }
            out += "\n" + std::string(level * 4, ' ');
            Emit(start, i, level, out);
            if (i < to) out += ',';
            start = i + 2;  // skip ", "
            ++i;
        }
    }

    const std::string& m_line;
    std::size_t m_width, m_limit;
    std::vector<std::size_t> m_close;  // for each opening bracket, where it closes
};

}  // namespace

std::string PrettyPython(const PyValue& value, const ReprOptions& options, std::size_t width) {
    const std::string line = ReprPython(value, options);
    return Indenter(line, width, options.max_output).Run();
}

}  // namespace core
