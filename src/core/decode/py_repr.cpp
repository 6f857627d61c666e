// Sections: [helpers] [standard-library calls] [generic objects] [the printer] [pretty] [entry points]
#include "core/decode/py_repr.h"

#include <algorithm>
#include <cmath>
#include <optional>
#include <cstdio>
#include <unordered_set>

#include "core/decode/py_bigint.h"
#include "core/decode/py_format.h"

namespace core {
namespace {

constexpr int kMaxDepth = 500;  // deeper nesting prints "…" (a hostile pickle must not overflow the stack)

// ---- [helpers] --------------------------------------------------------------------------------------------
const std::vector<PyRef>& CallArgs(const PyValue& call) {
    static const std::vector<PyRef> kNone;
    return call.items.size() >= 2 && call.items[1] ? call.items[1]->items : kNone;
}

bool IsStr(const PyRef& value) { return value && value->kind == PyKind::Str; }
bool IsInt(const PyRef& value) { return value && value->kind == PyKind::Int; }
std::int64_t IntOf(const PyRef& value) { return IsInt(value) ? value->integer : 0; }

std::string GlobalName(const PyValue& global) { return global.text + "." + global.name; }

const char* kStandardModules[] = {"builtins", "__builtin__", "datetime", "decimal", "uuid", "collections", "copyreg",
                                  "copy_reg", "_codecs", "pytz", "fractions", "pathlib", "ipaddress", "re", "functools"};

bool IsStandardModule(const std::string& module) {
    const std::string root = module.substr(0, module.find('.'));
    return std::any_of(std::begin(kStandardModules), std::end(kStandardModules), [&](const char* m) { return root == m; });
}

class Printer {
public:
    explicit Printer(const ReprOptions& options) : m_options(options) {}
    std::string Repr(const PyValue& value);

private:
    std::string Items(const std::vector<PyRef>& items, std::size_t step, const char* separator);
    std::string Text(const PyValue& value);
    std::string CallRepr(const PyValue& call);
    std::optional<std::string> StandardCall(const PyValue& call, const PyValue& target);
    std::string ObjectRepr(const std::string& class_path, const PyValue& call, std::size_t skip_args);
    std::string Attributes(const PyValue& state);
    std::string TzRepr(const PyRef& tz);

    const ReprOptions& m_options;
    std::unordered_set<const PyValue*> m_visiting;
    int m_depth = 0;
};

// ---- [standard-library calls] -----------------------------------------------------------------------------
std::string TimeFields(int hour, int minute, int second, int microsecond) {
    std::string text = std::to_string(hour) + ", " + std::to_string(minute);
    if (microsecond) text += ", " + std::to_string(second) + ", " + std::to_string(microsecond);
    else if (second) text += ", " + std::to_string(second);
    return text;
}

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

std::string Printer::TzRepr(const PyRef& tz) {
    if (!tz || tz->kind == PyKind::None) return "";
    return ", tzinfo=" + Repr(*tz);
}

std::optional<std::string> Printer::StandardCall(const PyValue& call, const PyValue& target) {
    const auto& args = CallArgs(call);
    const std::string name = GlobalName(target);
    auto packed = [&](std::size_t size) -> const std::string* {
        return !args.empty() && args[0]->kind == PyKind::Bytes && args[0]->text.size() == size ? &args[0]->text : nullptr;
    };
    auto byte = [](const std::string& bytes, std::size_t i) { return static_cast<unsigned char>(bytes[i]); };

    if (name == "datetime.datetime") {
        if (const std::string* b = packed(10)) {
            const int us = (byte(*b, 7) << 16) | (byte(*b, 8) << 8) | byte(*b, 9);
            return "datetime.datetime(" + std::to_string((byte(*b, 0) << 8) | byte(*b, 1)) + ", " + std::to_string(byte(*b, 2) & 0x7F) +
                   ", " + std::to_string(byte(*b, 3)) + ", " + TimeFields(byte(*b, 4), byte(*b, 5), byte(*b, 6), us) +
                   TzRepr(args.size() > 1 ? args[1] : nullptr) + ")";
        }
    } else if (name == "datetime.date") {
        if (const std::string* b = packed(4))
            return "datetime.date(" + std::to_string((byte(*b, 0) << 8) | byte(*b, 1)) + ", " + std::to_string(byte(*b, 2)) + ", " +
                   std::to_string(byte(*b, 3)) + ")";
    } else if (name == "datetime.time") {
        if (const std::string* b = packed(6)) {
            const int us = (byte(*b, 3) << 16) | (byte(*b, 4) << 8) | byte(*b, 5);
            return "datetime.time(" + TimeFields(byte(*b, 0) & 0x7F, byte(*b, 1), byte(*b, 2), us) +
                   TzRepr(args.size() > 1 ? args[1] : nullptr) + ")";
        }
    } else if (name == "datetime.timedelta") {
        if (args.size() == 3 && IsInt(args[0]) && IsInt(args[1]) && IsInt(args[2]))
            return TimedeltaRepr(IntOf(args[0]), IntOf(args[1]), IntOf(args[2]));
    } else if (name == "datetime.timezone") {
        if (!args.empty() && args[0]->kind == PyKind::Call) {
            const auto& offset = CallArgs(*args[0]);
            const bool zero = offset.size() == 3 && IntOf(offset[0]) == 0 && IntOf(offset[1]) == 0 && IntOf(offset[2]) == 0;
            if (zero && args.size() == 1) return "datetime.timezone.utc";
            return "datetime.timezone(" + Repr(*args[0]) + (args.size() > 1 ? ", " + Repr(*args[1]) : "") + ")";
        }
    } else if (name == "pytz._UTC") {
        return "<UTC>";
    } else if (name == "decimal.Decimal") {
        if (args.size() == 1 && IsStr(args[0])) return "Decimal(" + StrRepr(args[0]->text) + ")";
    } else if (name == "uuid.UUID") {
        if (call.state && call.state->kind == PyKind::Dict) {
            const auto& items = call.state->items;
            for (std::size_t i = 0; i + 1 < items.size(); i += 2) {
                if (!IsStr(items[i]) || items[i]->text != "int") continue;
                const PyRef& value = items[i + 1];
                const std::string decimal = value->kind == PyKind::BigInt ? value->text : std::to_string(value->integer);
                const std::string hex = HexFromDecimal(decimal, 32);
                return "UUID('" + hex.substr(0, 8) + "-" + hex.substr(8, 4) + "-" + hex.substr(12, 4) + "-" + hex.substr(16, 4) + "-" +
                       hex.substr(20) + "')";
            }
        }
    } else if (name == "collections.OrderedDict") {
        if (call.set_items.empty()) return "OrderedDict()";
        std::string pairs;
        for (std::size_t i = 0; i + 1 < call.set_items.size(); i += 2)
            pairs += (i ? ", (" : "(") + Repr(*call.set_items[i]) + ", " + Repr(*call.set_items[i + 1]) + ")";
        return "OrderedDict([" + pairs + "])";
    } else if (name == "collections.Counter") {
        if (args.empty() || args[0]->kind != PyKind::Dict || args[0]->items.empty()) return "Counter()";
        // Counter prints most common first; ties keep insertion order (a stable sort).
        std::vector<std::size_t> order;
        const auto& items = args[0]->items;
        for (std::size_t i = 0; i + 1 < items.size(); i += 2) order.push_back(i);
        std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
            const auto count = [&](std::size_t i) { return items[i + 1]->kind == PyKind::Float ? items[i + 1]->real : static_cast<double>(IntOf(items[i + 1])); };
            return count(a) > count(b);
        });
        std::string body;
        for (std::size_t i : order) body += (body.empty() ? "" : ", ") + Repr(*items[i]) + ": " + Repr(*items[i + 1]);
        return "Counter({" + body + "})";
    } else if (name == "collections.deque") {
        std::string text = "deque([" + Items(call.appended, 1, ", ") + "]";
        if (args.size() > 1 && args[1]->kind != PyKind::None) text += ", maxlen=" + Repr(*args[1]);
        return text + ")";
    } else if (name == "collections.defaultdict") {
        std::string factory = args.empty() || args[0]->kind == PyKind::None ? "None" : Repr(*args[0]);
        if (!args.empty() && args[0]->kind == PyKind::Global && args[0]->text == "builtins") factory = "<class '" + args[0]->name + "'>";
        return "defaultdict(" + factory + ", {" + Items(call.set_items, 2, ", ") + "})";
    } else if (name == "builtins.complex") {
        if (args.size() == 2 && args[0]->kind == PyKind::Float && args[1]->kind == PyKind::Float) {
            const double re = args[0]->real, im = args[1]->real;
            std::string imag = FloatReprBare(im);
            if (re == 0.0 && !std::signbit(re)) return imag + "j";
            if (imag[0] != '-') imag = "+" + imag;
            return "(" + FloatReprBare(re) + imag + "j)";
        }
    } else if (name == "builtins.bytearray") {
        if (!args.empty() && args[0]->kind == PyKind::Bytes) return "bytearray(b" + BytesRepr(args[0]->text) + ")";
        if (args.empty()) return "bytearray(b'')";
    } else if (name == "builtins.set" || name == "builtins.frozenset") {
        const bool frozen = target.name == "frozenset";
        const std::vector<PyRef> none;
        const auto& items = !args.empty() && args[0]->kind == PyKind::List ? args[0]->items : none;
        if (items.empty()) return frozen ? "frozenset()" : "set()";
        return (frozen ? "frozenset({" : "{") + Items(items, 1, ", ") + (frozen ? "})" : "}");
    } else if (name == "_codecs.encode") {
        // Protocols 0-2 store bytes as _codecs.encode(<latin-1 text>, 'latin1').
        if (args.size() == 2 && IsStr(args[0])) {
            std::string bytes;
            for (std::size_t i = 0; i < args[0]->text.size(); ++i) {
                const auto lead = static_cast<unsigned char>(args[0]->text[i]);
                if (lead >= 0xC0 && i + 1 < args[0]->text.size()) {
                    bytes += static_cast<char>(((lead & 0x1F) << 6) | (static_cast<unsigned char>(args[0]->text[++i]) & 0x3F));
                } else {
                    bytes += static_cast<char>(lead);
                }
            }
            return "b" + BytesRepr(bytes);
        }
    }
    return std::nullopt;
}

// ---- [generic objects] ------------------------------------------------------------------------------------
std::string Printer::Attributes(const PyValue& state) {
    if (state.kind == PyKind::Dict) {
        std::string text;
        for (std::size_t i = 0; i + 1 < state.items.size(); i += 2) {
            const PyRef& key = state.items[i];
            if (IsStr(key) && key->text == "_state") continue;  // Django's ModelState: bookkeeping, not data
            text += (text.empty() ? "" : ", ") + (IsStr(key) ? key->text : Repr(*key)) + "=" + Repr(*state.items[i + 1]);
        }
        return text;
    }
    if (state.kind == PyKind::Tuple && state.items.size() == 2) {  // (instance dict, slots dict)
        std::string first = state.items[0]->kind == PyKind::None ? "" : Attributes(*state.items[0]);
        std::string second = Attributes(*state.items[1]);
        return first.empty() ? second : second.empty() ? first : first + ", " + second;
    }
    return "state=" + Repr(state);
}

std::string Printer::ObjectRepr(const std::string& class_path, const PyValue& call, std::size_t skip_args) {
    const auto& args = CallArgs(call);
    std::vector<std::string> parts;
    for (std::size_t i = skip_args; i < args.size(); ++i) parts.push_back(Repr(*args[i]));
    if (call.kwargs && call.kwargs->kind == PyKind::Dict) {
        const std::string kwargs = Attributes(*call.kwargs);
        if (!kwargs.empty()) parts.push_back(kwargs);
    }
    if (call.state && call.state->kind != PyKind::None) {
        const std::string attributes = Attributes(*call.state);
        if (!attributes.empty()) parts.push_back(attributes);
    }
    if (!call.appended.empty()) parts.push_back("items=[" + Items(call.appended, 1, ", ") + "]");
    if (!call.set_items.empty()) parts.push_back("items={" + Items(call.set_items, 2, ", ") + "}");
    std::string text = class_path + "(";
    for (std::size_t i = 0; i < parts.size(); ++i) text += (i ? ", " : "") + parts[i];
    return text + ")";
}

std::string Printer::CallRepr(const PyValue& call) {
    const PyValue* target = CallTarget(call);
    if (!target) return ObjectRepr(call.items.empty() || !call.items[0] ? "?" : Repr(*call.items[0]), call, 0);
    if (auto standard = StandardCall(call, *target)) return *standard;
    const auto& args = CallArgs(call);
    const std::string name = GlobalName(*target);
    if (name == "picklefield.fields._ObjectWrapper" && call.state && call.state->kind == PyKind::Tuple &&
        call.state->items.size() == 2 && call.state->items[1]->kind == PyKind::Dict) {
        // django-picklefield wraps some values on save and unwraps them on load: show the value.
        const auto& slots = call.state->items[1]->items;
        for (std::size_t i = 0; i + 1 < slots.size(); i += 2)
            if (IsStr(slots[i]) && slots[i]->text == "_obj") return Repr(*slots[i + 1]);
    }
    if (name == "builtins.getattr" && args.size() == 2 && args[0]->kind == PyKind::Global && IsStr(args[1]))
        return GlobalName(*args[0]) + "." + args[1]->text;  // an Enum member, pickled by name
    if (name == "copyreg._reconstructor" && !args.empty() && args[0]->kind == PyKind::Global)
        return ObjectRepr(GlobalName(*args[0]), call, args.size());
    if (name == "copyreg.__newobj__" && !args.empty() && args[0]->kind == PyKind::Global)
        return ObjectRepr(GlobalName(*args[0]), call, 1);
    if (name == "django.db.models.base.model_unpickle" && !args.empty() && args[0]->kind == PyKind::Tuple &&
        args[0]->items.size() == 2 && IsStr(args[0]->items[0]) && IsStr(args[0]->items[1]))
        return ObjectRepr(args[0]->items[0]->text + "." + args[0]->items[1]->text, call, 1);
    return ObjectRepr(name, call, 0);
}

// ---- [the printer] ----------------------------------------------------------------------------------------
std::string Printer::Items(const std::vector<PyRef>& items, std::size_t step, const char* separator) {
    std::string text;
    const std::size_t count = items.size() / step;
    const std::size_t shown = std::min(count, m_options.max_items);
    for (std::size_t n = 0; n < shown; ++n) {
        if (n) text += separator;
        text += Repr(*items[n * step]);
        if (step == 2) text += ": " + Repr(*items[n * step + 1]);
    }
    if (shown < count) text += std::string(shown ? separator : "") + "…(" + std::to_string(count - shown) + " more)";
    return text;
}

std::string Printer::Text(const PyValue& value) {
    const bool is_str = value.kind == PyKind::Str;
    std::string_view text = value.text;
    std::string more;
    if (text.size() > m_options.max_text) {
        std::size_t cut = m_options.max_text;
        while (is_str && cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;  // whole characters
        more = "…(" + std::to_string(text.size() - cut) + " more)";
        text = text.substr(0, cut);
    }
    std::string body = is_str ? StrRepr(text) : "b" + BytesRepr(text);
    if (value.kind == PyKind::ByteArray) body = "bytearray(" + body + ")";
    return body + more;
}

std::string Printer::Repr(const PyValue& value) {
    const bool container = value.kind == PyKind::List || value.kind == PyKind::Dict || value.kind == PyKind::Call ||
                           value.kind == PyKind::Tuple || value.kind == PyKind::Set || value.kind == PyKind::FrozenSet;
    if (container) {
        if (m_visiting.count(&value)) return value.kind == PyKind::List ? "[...]" : value.kind == PyKind::Dict ? "{...}" : "...";
        if (m_depth >= kMaxDepth) return "…";
    }
    struct Guard {
        Printer& printer;
        const PyValue* value;
        bool active;
        ~Guard() {
            if (!active) return;
            printer.m_visiting.erase(value);
            --printer.m_depth;
        }
    } guard{*this, &value, container};
    if (container) {
        m_visiting.insert(&value);
        ++m_depth;
    }

    switch (value.kind) {
        case PyKind::None: return "None";
        case PyKind::Bool: return value.boolean ? "True" : "False";
        case PyKind::Int: return std::to_string(value.integer);
        case PyKind::BigInt: return value.text;
        case PyKind::Float: return FloatRepr(value.real);
        case PyKind::Str:
        case PyKind::Bytes:
        case PyKind::ByteArray: return Text(value);
        case PyKind::Tuple:
            if (value.items.size() == 1) return "(" + Repr(*value.items[0]) + ",)";
            return "(" + Items(value.items, 1, ", ") + ")";
        case PyKind::List: return "[" + Items(value.items, 1, ", ") + "]";
        case PyKind::Dict: return "{" + Items(value.items, 2, ", ") + "}";
        case PyKind::Set: return value.items.empty() ? "set()" : "{" + Items(value.items, 1, ", ") + "}";
        case PyKind::FrozenSet: return value.items.empty() ? "frozenset()" : "frozenset({" + Items(value.items, 1, ", ") + "})";
        case PyKind::Global: return GlobalName(value);
        case PyKind::Call: return CallRepr(value);
    }
    return "?";
}

// ---- [pretty] ---------------------------------------------------------------------------------------------
// Splits a one-line repr over several lines: a bracketed group that does not fit in `width` at
// its indentation gets one item per line. Works on the text, so it agrees with Repr by construction.
class Indenter {
public:
    Indenter(const std::string& line, std::size_t width) : m_line(line), m_width(width), m_close(line.size(), 0) {
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
        return out;
    }

private:
    // Writes line[from, to) at indentation `level`, breaking the groups that do not fit.
    void Emit(std::size_t from, std::size_t to, std::size_t level, std::string& out) {
        std::size_t column = level * 4;
        for (std::size_t i = from; i < to; ++i) {
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
        for (std::size_t i = from; i <= to; ++i) {
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
    std::size_t m_width;
    std::vector<std::size_t> m_close;  // for each opening bracket, where it closes
};

bool ContainsUserClass(const PyValue& value, std::unordered_set<const PyValue*>& seen, int depth) {
    if (depth > kMaxDepth || !seen.insert(&value).second) return false;
    if (value.kind == PyKind::Global && !IsStandardModule(value.text)) return true;
    for (const auto* list : {&value.items, &value.appended, &value.set_items})
        for (const auto& item : *list)
            if (item && ContainsUserClass(*item, seen, depth + 1)) return true;
    for (const auto& item : {value.state, value.kwargs})
        if (item && ContainsUserClass(*item, seen, depth + 1)) return true;
    // Django models are named by strings, not globals.
    if (const PyValue* target = CallTarget(value); target && target->text == "django.db.models.base") return true;
    return false;
}

}  // namespace

// ---- [entry points] ---------------------------------------------------------------------------------------
std::string ReprPython(const PyValue& value, const ReprOptions& options) { return Printer(options).Repr(value); }

std::string PrettyPython(const PyValue& value, const ReprOptions& options, std::size_t width) {
    const std::string line = ReprPython(value, options);
    return Indenter(line, width).Run();
}

bool HasUserClass(const PyValue& value) {
    std::unordered_set<const PyValue*> seen;
    return ContainsUserClass(value, seen, 0);
}

}  // namespace core
