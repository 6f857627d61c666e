// Sections: [helpers] [datetime] [collections] [builtins] [other modules] [dispatch]
// CPython's repr() of the standard-library values a pickle builds with a call, from the shape in
// which CPython pickles each (see tests/data/pickle/python_vectors.json).
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string>

#include "core/decode/pickle_compat.h"
#include "core/decode/py_bigint.h"
#include "core/decode/py_format.h"
#include "core/decode/py_repr_pieces.h"

namespace core::repr_detail {
namespace {

// ---- [helpers] --------------------------------------------------------------------------------------------
bool IsStr(const PyRef& value) { return value && value->kind == PyKind::Str; }
bool IsInt(const PyRef& value) { return value && value->kind == PyKind::Int; }
bool IsNone(const PyRef& value) { return !value || value->kind == PyKind::None; }

std::string IntText(const PyValue& value) {
    return value.kind == PyKind::BigInt ? value.text : value.kind == PyKind::Bool ? (value.boolean ? "1" : "0") : std::to_string(value.integer);
}

// The packed bytes of a datetime type's state. Python 2 pickles give a str, which datetime reads
// as Latin-1.
const std::string* Packed(const std::vector<PyRef>& args, std::size_t size, std::string& scratch) {
    if (args.empty()) return nullptr;
    if (args[0]->kind == PyKind::Bytes && args[0]->text.size() == size) return &args[0]->text;
    if (IsStr(args[0]) && Latin1FromUtf8(args[0]->text, scratch) && scratch.size() == size) return &scratch;
    return nullptr;
}

int Byte(const std::string& bytes, std::size_t i) { return static_cast<unsigned char>(bytes[i]); }

std::string TimeFields(int hour, int minute, int second, int microsecond) {
    std::string text = std::to_string(hour) + ", " + std::to_string(minute);
    if (microsecond) text += ", " + std::to_string(second) + ", " + std::to_string(microsecond);
    else if (second) text += ", " + std::to_string(second);
    return text;
}

// ---- [datetime] -------------------------------------------------------------------------------------------
std::string TimedeltaRepr(std::int64_t days, std::int64_t seconds, std::int64_t microseconds) {
    std::string fields;
    auto add = [&](const char* name, std::int64_t value) {
        if (!value) return;
        fields += (fields.empty() ? "" : ", ") + std::string(name) + "=" + std::to_string(value);
    };
    add("days", days);
    add("seconds", seconds);
    add("microseconds", microseconds);
    return "datetime.timedelta(" + (fields.empty() ? "0" : fields) + ")";
}

// str(timedelta): "1 day, 2:03:04.000005", "-1 day, 23:00:00".
std::string TimedeltaStr(std::int64_t total_seconds) {
    std::int64_t days = total_seconds / 86400, rest = total_seconds % 86400;
    if (rest < 0) {
        rest += 86400;
        --days;
    }
    char clock[32];
    std::snprintf(clock, sizeof clock, "%d:%02d:%02d", static_cast<int>(rest / 3600), static_cast<int>(rest / 60 % 60), static_cast<int>(rest % 60));
    if (!days) return clock;
    return std::to_string(days) + (days == 1 || days == -1 ? " day, " : " days, ") + clock;
}

bool DatetimeCall(const std::string& name, const std::vector<PyRef>& args, Pieces& out) {
    std::string scratch;
    auto tz = [&](std::size_t index) {
        if (args.size() > index && !IsNone(args[index])) out << ", tzinfo=" << *args[index];
    };
    if (name == "datetime.datetime") {
        const std::string* b = Packed(args, 10, scratch);
        if (!b) return false;
        const int us = (Byte(*b, 7) << 16) | (Byte(*b, 8) << 8) | Byte(*b, 9);
        out << "datetime.datetime(" + std::to_string((Byte(*b, 0) << 8) | Byte(*b, 1)) + ", " + std::to_string(Byte(*b, 2) & 0x7F) + ", " +
                   std::to_string(Byte(*b, 3)) + ", " + TimeFields(Byte(*b, 4), Byte(*b, 5), Byte(*b, 6), us);
        tz(1);
        out << ")";
        return true;
    }
    if (name == "datetime.date") {
        const std::string* b = Packed(args, 4, scratch);
        if (!b) return false;
        out << "datetime.date(" + std::to_string((Byte(*b, 0) << 8) | Byte(*b, 1)) + ", " + std::to_string(Byte(*b, 2)) + ", " +
                   std::to_string(Byte(*b, 3)) + ")";
        return true;
    }
    if (name == "datetime.time") {
        const std::string* b = Packed(args, 6, scratch);
        if (!b) return false;
        const int us = (Byte(*b, 3) << 16) | (Byte(*b, 4) << 8) | Byte(*b, 5);
        out << "datetime.time(" + TimeFields(Byte(*b, 0) & 0x7F, Byte(*b, 1), Byte(*b, 2), us);
        tz(1);
        out << ")";
        return true;
    }
    if (name == "datetime.timedelta") {
        if (args.size() != 3 || !IsInt(args[0]) || !IsInt(args[1]) || !IsInt(args[2])) return false;
        out << TimedeltaRepr(args[0]->integer, args[1]->integer, args[2]->integer);
        return true;
    }
    if (name == "datetime.timezone") {
        if (args.empty() || args.size() > 2 || args[0]->kind != PyKind::Call) return false;
        const auto& offset = CallArgs(*args[0]);
        const bool zero = offset.size() == 3 && std::all_of(offset.begin(), offset.end(), [](const PyRef& v) { return IsInt(v) && v->integer == 0; });
        if (zero && args.size() == 1) {
            out << "datetime.timezone.utc";
            return true;
        }
        out << "datetime.timezone(" << *args[0];
        if (args.size() > 1) out << ", " << *args[1];
        out << ")";
        return true;
    }
    return false;
}

// pytz: UTC is its own class; other zones unpickle through pytz._p(zone, utcoffset, dst, tzname).
bool PytzCall(const std::string& name, const std::vector<PyRef>& args, Pieces& out) {
    if (name == "pytz._UTC" && args.empty()) {
        out << "<UTC>";
        return true;
    }
    if (name != "pytz._p" || args.empty() || !IsStr(args[0])) return false;
    if (args.size() == 1) {
        out << "<StaticTzInfo " + StrRepr(args[0]->text) + ">";
        return true;
    }
    if (args.size() != 4 || !IsInt(args[1]) || !IsInt(args[2]) || !IsStr(args[3])) return false;
    const std::int64_t offset = args[1]->integer;
    out << "<DstTzInfo " + StrRepr(args[0]->text) + " " + args[3]->text + (offset > 0 ? "+" : "") + TimedeltaStr(offset) +
               (args[2]->integer ? " DST>" : " STD>");
    return true;
}

// ---- [collections] ----------------------------------------------------------------------------------------
bool CollectionsCall(const std::string& name, const PyValue& call, const std::vector<PyRef>& args, const ReprOptions& options, Pieces& out) {
    if (name == "collections.OrderedDict") {
        if (!args.empty() || !call.appended.empty() || call.state) return false;
        if (call.set_items.empty()) {
            out << "OrderedDict()";
        } else if (options.python_minor >= 12) {
            out << "OrderedDict({";
            out.Items(call.set_items, 2, options.max_items);
            out << "})";
        } else {
            out << "OrderedDict([";
            const std::size_t count = call.set_items.size() / 2, shown = std::min(count, options.max_items);
            for (std::size_t n = 0; n < shown; ++n)
                out << (n ? ", (" : "(") << *call.set_items[2 * n] << ", " << *call.set_items[2 * n + 1] << ")";
            if (shown < count) {
                out << (shown ? ", " : "") + std::string("…(") + std::to_string(count - shown) + " more)";
                out.MarkShortened();
            }
            out << "])";
        }
        return true;
    }
    if (name == "collections.Counter") {
        if (args.size() > 1 || (args.size() == 1 && args[0]->kind != PyKind::Dict) || call.state || !call.set_items.empty()) return false;
        if (args.empty() || args[0]->items.empty()) {
            out << "Counter()";
            return true;
        }
        // Counter prints most common first (sorted(reverse=True) is stable, so ties keep their order).
        const auto& items = args[0]->items;
        auto count = [&](std::size_t i) {
            const PyValue& v = *items[i + 1];
            return v.kind == PyKind::Float ? v.real : v.kind == PyKind::BigInt ? std::strtod(v.text.c_str(), nullptr) : static_cast<double>(v.integer);
        };
        std::vector<PyRef> ordered;
        std::vector<std::size_t> order;
        for (std::size_t i = 0; i + 1 < items.size(); i += 2) order.push_back(i);
        std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return count(a) > count(b); });
        for (std::size_t i : order) {
            ordered.push_back(items[i]);
            ordered.push_back(items[i + 1]);
        }
        out << "Counter({";
        out.Items(ordered, 2, options.max_items);
        out << "})";
        return true;
    }
    if (name == "collections.deque") {
        if (args.size() > 2 || call.state || !call.set_items.empty()) return false;
        out << "deque([";
        out.Items(call.appended, 1, options.max_items);
        out << "]";
        if (args.size() > 1 && !IsNone(args[1])) out << ", maxlen=" << *args[1];
        out << ")";
        return true;
    }
    if (name == "collections.defaultdict") {
        if (args.size() > 1 || call.state || !call.appended.empty()) return false;
        out << "defaultdict(";
        if (args.empty()) out << "None";
        else out << *args[0];
        out << ", {";
        out.Items(call.set_items, 2, options.max_items);
        out << "})";
        return true;
    }
    return false;
}

// ---- [builtins] -------------------------------------------------------------------------------------------
constexpr const char* kBuiltinExceptions[] = {
    "ArithmeticError", "AssertionError", "AttributeError", "BaseException", "BaseExceptionGroup", "BlockingIOError",
    "BrokenPipeError", "BufferError", "BytesWarning", "ChildProcessError", "ConnectionAbortedError", "ConnectionError",
    "ConnectionRefusedError", "ConnectionResetError", "DeprecationWarning", "EOFError", "EncodingWarning", "EnvironmentError",
    "Exception", "ExceptionGroup", "FileExistsError", "FileNotFoundError", "FloatingPointError", "FutureWarning",
    "GeneratorExit", "IOError", "ImportError", "ImportWarning", "IndentationError", "IndexError", "InterruptedError",
    "IsADirectoryError", "KeyError", "KeyboardInterrupt", "LookupError", "MemoryError", "ModuleNotFoundError", "NameError",
    "NotADirectoryError", "NotImplementedError", "OSError", "OverflowError", "PendingDeprecationWarning", "PermissionError",
    "ProcessLookupError", "RecursionError", "ReferenceError", "ResourceWarning", "RuntimeError", "RuntimeWarning",
    "StopAsyncIteration", "StopIteration", "SyntaxError", "SyntaxWarning", "SystemError", "SystemExit", "TabError",
    "TimeoutError", "TypeError", "UnboundLocalError", "UnicodeDecodeError", "UnicodeEncodeError", "UnicodeError",
    "UnicodeTranslateError", "UnicodeWarning", "UserWarning", "ValueError", "Warning", "ZeroDivisionError"};

// OSError(errno, text) makes the subclass for that errno (PEP 3151): OSError(2, ...) is a
// FileNotFoundError. Linux errno values, as on the servers Django Q runs on.
std::string OsErrorSubclass(const std::string& name, const std::vector<PyRef>& args) {
    if ((name != "OSError" && name != "IOError" && name != "EnvironmentError") || args.size() < 2 || !IsInt(args[0])) return name;
    switch (args[0]->integer) {
        case 1: case 13: return "PermissionError";
        case 2: return "FileNotFoundError";
        case 3: return "ProcessLookupError";
        case 4: return "InterruptedError";
        case 10: return "ChildProcessError";
        case 11: case 114: case 115: return "BlockingIOError";
        case 17: return "FileExistsError";
        case 20: return "NotADirectoryError";
        case 21: return "IsADirectoryError";
        case 32: case 108: return "BrokenPipeError";
        case 103: return "ConnectionAbortedError";
        case 104: return "ConnectionResetError";
        case 110: return "TimeoutError";
        case 111: return "ConnectionRefusedError";
        default: return "OSError";
    }
}

bool BuiltinsCall(const PyValue& target, const PyValue& call, const std::vector<PyRef>& args, Pieces& out) {
    const std::string& name = target.name;
    if (name == "complex") {
        if (args.size() != 2 || args[0]->kind != PyKind::Float || args[1]->kind != PyKind::Float) return false;
        const double re = args[0]->real, im = args[1]->real;
        std::string imag = FloatReprBare(im);
        if (re == 0.0 && !std::signbit(re)) {
            out << imag + "j";
        } else {
            if (imag[0] != '-') imag = "+" + imag;
            out << "(" + FloatReprBare(re) + imag + "j)";
        }
        return true;
    }
    if (name == "range") {
        if (args.size() != 3 || !std::all_of(args.begin(), args.end(), [](const PyRef& v) { return v->kind == PyKind::Int || v->kind == PyKind::BigInt; }))
            return false;
        const bool step_one = args[2]->kind == PyKind::Int && args[2]->integer == 1;
        out << "range(" + IntText(*args[0]) + ", " + IntText(*args[1]) + (step_one ? "" : ", " + IntText(*args[2])) + ")";
        return true;
    }
    if (name == "slice") {
        if (args.size() != 3) return false;
        out << "slice(" << *args[0] << ", " << *args[1] << ", " << *args[2] << ")";
        return true;
    }
    // A builtin exception: Name(arg) or Name(arg1, arg2, ...); its __dict__ state does not show.
    if (std::any_of(std::begin(kBuiltinExceptions), std::end(kBuiltinExceptions), [&](const char* e) { return name == e; })) {
        if (!call.appended.empty() || !call.set_items.empty()) return false;
        out << OsErrorSubclass(name, args) << "(";
        for (std::size_t i = 0; i < args.size(); ++i) {
            if (i) out << ", ";
            out << *args[i];
        }
        out << ")";
        return true;
    }
    return false;
}

// ---- [other modules] --------------------------------------------------------------------------------------
bool OtherCall(const std::string& name, const PyValue& call, const std::vector<PyRef>& args, Pieces& out) {
    if (name == "decimal.Decimal") {
        if (args.size() != 1 || !IsStr(args[0])) return false;
        out << "Decimal(" + StrRepr(args[0]->text) + ")";
        return true;
    }
    if (name == "uuid.UUID") {
        // UUID.__getstate__: {'int': value} (plus 'is_safe' when known), rebuilt by __new__.
        if (!args.empty() || !call.state || call.state->kind != PyKind::Dict) return false;
        const PyValue* value = DictItem(*call.state, "int");
        if (!value || (value->kind != PyKind::Int && value->kind != PyKind::BigInt) || IntText(*value)[0] == '-') return false;
        const std::string hex = HexFromDecimal(IntText(*value), 32);
        if (hex.size() != 32) return false;
        out << "UUID('" + hex.substr(0, 8) + "-" + hex.substr(8, 4) + "-" + hex.substr(12, 4) + "-" + hex.substr(16, 4) + "-" + hex.substr(20) + "')";
        return true;
    }
    if (name == "fractions.Fraction") {
        // Python 3.11+ pickles (numerator, denominator); older versions the string "n/d".
        if (args.size() == 2 && (args[0]->kind == PyKind::Int || args[0]->kind == PyKind::BigInt) &&
            (args[1]->kind == PyKind::Int || args[1]->kind == PyKind::BigInt)) {
            out << "Fraction(" + IntText(*args[0]) + ", " + IntText(*args[1]) + ")";
            return true;
        }
        if (args.size() == 1 && IsStr(args[0])) {
            const std::string& text = args[0]->text;
            const auto slash = text.find('/');
            PyRef numerator = IntFromDecimal(text.substr(0, slash));
            PyRef denominator = slash == std::string::npos ? PyInt(1) : IntFromDecimal(text.substr(slash + 1));
            if (!numerator || !denominator) return false;
            out << "Fraction(" + IntText(*numerator) + ", " + IntText(*denominator) + ")";
            return true;
        }
        return false;
    }
    if (name == "pathlib.PosixPath" || name == "pathlib.PurePosixPath" || name == "pathlib.WindowsPath" || name == "pathlib.PureWindowsPath") {
        if (!std::all_of(args.begin(), args.end(), IsStr)) return false;
        const bool windows = name.find("Windows") != std::string::npos;
        std::string path;
        for (const auto& part : args) {
            if (!path.empty() && path.back() != '/' && path.back() != '\\') path += windows ? "\\" : "/";
            path += part->text;
        }
        if (path.empty()) path = ".";
        out << name.substr(8) + "(" + StrRepr(path) + ")";
        return true;
    }
    return false;
}

}  // namespace

// ---- [dispatch] -------------------------------------------------------------------------------------------
bool StandardCall(const PyValue& call, const PyValue& target, const ReprOptions& options, Pieces& out) {
    const auto& args = CallArgs(call);
    const std::string name = GlobalName(target);
    if (call.kwargs) return false;  // none of these pickles with NEWOBJ_EX
    if (target.text == "datetime") return DatetimeCall(name, args, out);
    if (target.text == "pytz") return PytzCall(name, args, out);
    if (target.text == "collections") return CollectionsCall(name, call, args, options, out);
    if (target.text == "builtins") return BuiltinsCall(target, call, args, out);
    return OtherCall(name, call, args, out);
}

}  // namespace core::repr_detail
