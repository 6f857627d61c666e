#include "core/insights/failure_signature.h"

#include <optional>
#include <vector>

#include "core/decode/hash.h"

namespace core {
namespace {

constexpr std::string_view kTracebackStart = "Traceback (most recent call last):";

bool IsWordChar(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_'; }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsHex(char c) { return IsDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

std::string_view Trim(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\n' || text.front() == '\r')) text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\n' || text.back() == '\r')) text.remove_suffix(1);
    return text;
}

// A UUID written with hyphens (8-4-4-4-12 hex digits) starting at `at`: its length, else 0.
std::size_t UuidAt(std::string_view text, std::size_t at) {
    static constexpr int kGroups[] = {8, 4, 4, 4, 12};
    std::size_t i = at;
    for (int g = 0; g < 5; ++g) {
        if (g > 0) {
            if (i >= text.size() || text[i] != '-') return 0;
            ++i;
        }
        for (int k = 0; k < kGroups[g]; ++k, ++i)
            if (i >= text.size() || !IsHex(text[i])) return 0;
    }
    return i < text.size() && IsWordChar(text[i]) ? 0 : i - at;
}

struct Frame {
    std::string_view file, function;
    std::int64_t line = 0;
};

// `  File "PATH", line N, in NAME`, as traceback.format_exc writes a frame.
std::optional<Frame> ParseFrame(std::string_view line) {
    constexpr std::string_view kFile = "  File \"", kLine = "\", line ", kIn = ", in ";
    if (line.substr(0, kFile.size()) != kFile) return std::nullopt;
    line.remove_prefix(kFile.size());
    const auto path_end = line.find(kLine);
    if (path_end == std::string_view::npos) return std::nullopt;
    Frame frame;
    frame.file = line.substr(0, path_end);
    line.remove_prefix(path_end + kLine.size());
    std::size_t digits = 0;
    while (digits < line.size() && IsDigit(line[digits]) && digits < 12) frame.line = frame.line * 10 + (line[digits++] - '0');
    line.remove_prefix(digits);
    if (line.substr(0, kIn.size()) == kIn) frame.function = Trim(line.substr(kIn.size()));
    return frame;
}

std::vector<std::string_view> Lines(std::string_view text) {
    std::vector<std::string_view> lines;
    while (!text.empty()) {
        const auto end = text.find('\n');
        lines.push_back(text.substr(0, end));
        if (end == std::string_view::npos) break;
        text.remove_prefix(end + 1);
    }
    return lines;
}

// The class named before the ':' of the traceback's last line ("ValueError: math domain error"),
// when that is a dotted name.
std::string ExceptionType(std::string_view line) {
    const std::string_view name = Trim(line.substr(0, line.find(':')));
    if (name.empty()) return {};
    for (char c : name)
        if (!IsWordChar(c) && c != '.') return {};
    return std::string(name);
}

bool InDjangoQ(std::string_view file) {
    return file.find("/django_q/") != std::string_view::npos || file.find("\\django_q\\") != std::string_view::npos;
}

// The part of a frame's path a deploy keeps: after site-packages/ (or dist-packages/), else the
// package folder and the file ("demoapp/tasks.py"). A release directory per deploy
// (/srv/app/releases/20261124/...) or another virtualenv must not split a group.
std::string_view DeployedPath(std::string_view file) {
    for (std::string_view packages : {"site-packages/", "dist-packages/", "site-packages\\", "dist-packages\\"})
        if (auto at = file.rfind(packages); at != std::string_view::npos) return file.substr(at + packages.size());
    const auto last = file.find_last_of("/\\");
    if (last == std::string_view::npos || last == 0) return file;
    const auto before = file.find_last_of("/\\", last - 1);
    return before == std::string_view::npos ? file : file.substr(before + 1);
}

}  // namespace

std::string FailureSignature::Key() const {
    return exception_type + '\n' + message + '\n' + std::string(DeployedPath(file)) + '\n' + function;
}

std::string FailureSignature::LinkId() const { return HexOf(ByteView(Sha1(AsBytes(Key()))).first(6)); }

std::string FailureSignature::Place() const { return file.empty() ? "" : std::string(DeployedPath(file)) + " in " + function; }

std::string FailureSignature::Headline() const {
    if (exception_type.empty()) return message.empty() ? "(no message)" : message;
    return exception_type + (message.empty() ? "" : ": " + message);
}

std::string NormaliseFailureMessage(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    std::size_t i = 0;
    while (i < text.size()) {
        const char c = text[i];
        const bool after_word = i > 0 && IsWordChar(text[i - 1]);
        if ((c == '\'' || c == '"') && !after_word) {
            // A quoted value, closed on the same line; an apostrophe ("don't") is not a quote.
            const auto close = text.find_first_of(std::string_view(c == '\'' ? "'\n" : "\"\n"), i + 1);
            if (close != std::string_view::npos && text[close] == c) {
                out += c;
                out += "\xE2\x80\xA6";  // …
                out += c;
                i = close + 1;
                continue;
            }
        }
        if (!IsWordChar(c) && !(c == '-' || c == '+')) {
            out += c;
            ++i;
            continue;
        }
        if (after_word) {  // a '-' or '+' right after a word joins words ("x-ray"), it is no sign
            out += c;
            ++i;
            continue;
        }
        if (const std::size_t uuid = UuidAt(text, i)) {
            out += "<id>";
            i += uuid;
            continue;
        }
        // A sign belongs to the number it starts.
        std::size_t start = i;
        if (c == '-' || c == '+') {
            if (i + 1 >= text.size() || !IsDigit(text[i + 1])) {
                out += c;
                ++i;
                continue;
            }
            ++start;
        }
        std::size_t end = start;
        bool letters = false;
        while (end < text.size() && IsWordChar(text[end])) letters |= !IsDigit(text[end++]);
        const bool digits = std::string_view(text.data() + start, end - start).find_first_of("0123456789") != std::string_view::npos;
        if (!digits) {
            out.append(text.data() + i, end - i);
        } else if (letters) {
            out += "<id>";  // a word with digits in it: an id, a hash, an address (0x7f…)
        } else {
            // A number, with its fraction.
            if (end + 1 < text.size() && text[end] == '.' && IsDigit(text[end + 1]))
                for (++end; end < text.size() && IsDigit(text[end]);) ++end;
            out += 'N';
        }
        i = end;
    }
    return out;
}

FailureSignature SignatureOfFailure(std::string_view result) {
    FailureSignature signature;
    const auto first = result.find(kTracebackStart);
    if (first == std::string_view::npos) {
        signature.message = NormaliseFailureMessage(Trim(result));
        return signature;
    }
    // str(exception) is what precedes the first traceback; with chained exceptions the last
    // traceback is the one that ended the task.
    std::string_view message = result.substr(0, first);
    if (message.size() >= 3 && message.substr(message.size() - 3) == " : ") message.remove_suffix(3);
    signature.message = NormaliseFailureMessage(Trim(message));

    const auto lines = Lines(result.substr(result.rfind(kTracebackStart) + kTracebackStart.size()));
    std::optional<Frame> innermost, innermost_own;
    std::size_t after_frames = 0;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        if (auto frame = ParseFrame(lines[i])) {
            innermost = frame;
            if (!InDjangoQ(frame->file)) innermost_own = frame;
            after_frames = i + 1;
        }
    }
    // The exception's line: the first after the frames that is not indented (frame lines show
    // their source and ^^^ markers indented).
    for (std::size_t i = after_frames; i < lines.size(); ++i) {
        if (lines[i].empty() || lines[i].front() == ' ') continue;
        signature.exception_type = ExceptionType(lines[i]);
        break;
    }
    if (const auto& frame = innermost_own ? innermost_own : innermost) {
        signature.file = std::string(frame->file);
        signature.function = std::string(frame->function);
        signature.line = frame->line;
    }
    return signature;
}

}  // namespace core
