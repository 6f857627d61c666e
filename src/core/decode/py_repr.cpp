// Sections: [pieces] [leaves] [objects] [the printer loop] [user classes] [entry points]
// The printer turns each container into pieces (text and child nodes) and walks them with its own
// stack, so no input depth can overflow the machine stack, and it stops at a total output budget,
// so a pickle that shares one node a million times cannot make it run for ever.
#include "core/decode/py_repr.h"

#include <algorithm>
#include <string>
#include <unordered_set>

#include "core/decode/py_bigint.h"
#include "core/decode/py_format.h"
#include "core/decode/py_repr_pieces.h"

namespace core {
namespace repr_detail {

// ---- [pieces] ---------------------------------------------------------------------------------------------
Pieces& Pieces::Items(const std::vector<PyRef>& items, std::size_t step, std::size_t max_items) {
    const std::size_t count = items.size() / step;
    const std::size_t shown = std::min(count, max_items);
    for (std::size_t n = 0; n < shown; ++n) {
        if (n) *this << ", ";
        *this << *items[n * step];
        if (step == 2) *this << ": " << *items[n * step + 1];
    }
    if (shown < count) {
        *this << (shown ? ", " : "") + std::string("…(") + std::to_string(count - shown) + " more)";
        m_shortened = true;
    }
    return *this;
}

const std::vector<PyRef>& CallArgs(const PyValue& call) {
    static const std::vector<PyRef> kNone;
    return call.kind == PyKind::Call && call.items.size() >= 2 && call.items[1] && call.items[1]->kind == PyKind::Tuple ? call.items[1]->items : kNone;
}

std::string GlobalName(const PyValue& global) { return global.text + "." + global.name; }

}  // namespace repr_detail

namespace {

using repr_detail::CallArgs;
using repr_detail::GlobalName;
using repr_detail::Piece;
using repr_detail::Pieces;

constexpr std::size_t kMaxDepth = 1000;  // deeper nesting prints "…" (the reader refuses it anyway)

bool IsStr(const PyRef& value) { return value && value->kind == PyKind::Str; }

// ---- [leaves] ---------------------------------------------------------------------------------------------
constexpr const char* kBuiltinTypes[] = {"bool", "bytearray", "bytes", "classmethod", "complex", "dict", "enumerate", "filter",
                                         "float", "frozenset", "int", "list", "map", "memoryview", "object", "property", "range",
                                         "reversed", "set", "slice", "staticmethod", "str", "super", "tuple", "type", "zip"};
constexpr const char* kBuiltinFunctions[] = {"abs", "all", "any", "ascii", "bin", "callable", "chr", "compile", "delattr", "dir",
                                             "divmod", "eval", "exec", "format", "getattr", "globals", "hasattr", "hash", "hex", "id",
                                             "input", "isinstance", "issubclass", "iter", "len", "locals", "max", "min", "next", "oct",
                                             "open", "ord", "pow", "print", "repr", "round", "setattr", "sorted", "sum", "vars"};

bool InList(const std::string& name, const char* const* begin, const char* const* end) {
    return std::any_of(begin, end, [&](const char* item) { return name == item; });
}

// A class or function named by the pickle. Only builtins' own can be printed as Python does;
// anything else shows its dotted path (Python would print <class ...> or <function ... at 0x...>).
std::string GlobalRepr(const PyValue& global, bool& exact) {
    if (global.text == "builtins") {
        if (InList(global.name, std::begin(kBuiltinTypes), std::end(kBuiltinTypes))) return "<class '" + global.name + "'>";
        if (InList(global.name, std::begin(kBuiltinFunctions), std::end(kBuiltinFunctions))) return "<built-in function " + global.name + ">";
    }
    exact = false;
    return GlobalName(global);
}

// ---- [objects] --------------------------------------------------------------------------------------------
// A state's attributes as "name=value" parts: a dict of attributes, or (dict, slots) as
// __getstate__ gives for classes with __slots__; anything else is shown as "state=...".
// `shown` holds the names already given (a NEWOBJ_EX keyword argument is usually an attribute too).
void Attributes(const PyValue& state, std::vector<Pieces>& parts, std::unordered_set<std::string>& shown) {
    if (state.kind == PyKind::Dict) {
        for (std::size_t i = 0; i + 1 < state.items.size(); i += 2) {
            const PyRef& key = state.items[i];
            // Django's ModelState and version stamp: bookkeeping, not data.
            if (IsStr(key) && (key->text == "_state" || key->text == "_django_version")) continue;
            if (IsStr(key) && !shown.insert(key->text).second) continue;
            Pieces part;
            if (IsStr(key)) part << key->text;
            else part << *key;
            part << "=" << *state.items[i + 1];
            parts.push_back(std::move(part));
        }
        return;
    }
    if (state.kind == PyKind::Tuple && state.items.size() == 2 &&
        (state.items[0]->kind == PyKind::Dict || state.items[0]->kind == PyKind::None) && state.items[1]->kind == PyKind::Dict) {
        if (state.items[0]->kind == PyKind::Dict) Attributes(*state.items[0], parts, shown);
        Attributes(*state.items[1], parts, shown);
        return;
    }
    if (state.kind == PyKind::None) return;
    Pieces part;
    part << "state=" << state;
    parts.push_back(std::move(part));
}

// "path(arg, ..., attribute=value, ..., items=[...])": a user object in readable form.
Pieces ObjectPieces(Pieces path, const PyValue& call, std::size_t skip_args, const ReprOptions& options) {
    const auto& args = CallArgs(call);
    std::vector<Pieces> parts;
    for (std::size_t i = skip_args; i < args.size(); ++i) {
        Pieces part;
        part << *args[i];
        parts.push_back(std::move(part));
    }
    std::unordered_set<std::string> shown;
    if (call.kwargs) Attributes(*call.kwargs, parts, shown);
    if (call.state) Attributes(*call.state, parts, shown);
    if (!call.appended.empty()) {
        Pieces part;
        part << "items=[";
        part.Items(call.appended, 1, options.max_items);
        parts.push_back(std::move(part << "]"));
    }
    if (!call.set_items.empty()) {
        Pieces part;
        part << "items={";
        part.Items(call.set_items, 2, options.max_items);
        parts.push_back(std::move(part << "}"));
    }
    path << "(";
    for (std::size_t i = 0; i < parts.size(); ++i) {
        if (i) path << ", ";
        path << parts[i];
    }
    return std::move(path << ")");
}

Pieces Named(std::string text) {
    Pieces pieces;
    pieces << text;
    return pieces;
}

Pieces CallPieces(const PyValue& call, const ReprOptions& options, bool& exact) {
    const PyValue* target = CallTarget(call);
    const auto& args = CallArgs(call);
    if (!target) {
        const PyValue* callable = call.items.empty() ? nullptr : call.items[0].get();
        // zoneinfo.ZoneInfo pickles as getattr(ZoneInfo, '_unpickle')(key, 1).
        if (callable && callable->kind == PyKind::Call && CallTarget(*callable) && IsGlobal(*CallTarget(*callable), "builtins", "getattr")) {
            const auto& inner = CallArgs(*callable);
            if (inner.size() == 2 && IsGlobal(*inner[0], "zoneinfo", "ZoneInfo") && IsStr(inner[1]) && inner[1]->text == "_unpickle" &&
                args.size() == 2 && IsStr(args[0]))
                return Named("zoneinfo.ZoneInfo(key=" + StrRepr(args[0]->text) + ")");
        }
        exact = false;
        Pieces path;
        if (callable) path << *callable;
        else path << "?";
        return ObjectPieces(std::move(path), call, 0, options);
    }
    Pieces standard;
    if (repr_detail::StandardCall(call, *target, options, standard)) return standard;
    const std::string name = GlobalName(*target);
    if (name == "picklefield.fields._ObjectWrapper" && call.state && call.state->kind == PyKind::Tuple && call.state->items.size() == 2 &&
        call.state->items[1]->kind == PyKind::Dict) {
        // django-picklefield wraps some values on save and unwraps them on load: show the value.
        if (const PyValue* wrapped = DictItem(*call.state->items[1], "_obj")) {
            Pieces pieces;
            pieces << *wrapped;
            return pieces;
        }
    }
    exact = false;
    if (name == "builtins.getattr" && args.size() == 2 && args[0]->kind == PyKind::Global && IsStr(args[1]))
        return Named(GlobalName(*args[0]) + "." + args[1]->text);  // an Enum member, pickled by name
    if (name == "copyreg._reconstructor" && args.size() == 3 && args[0]->kind == PyKind::Global) {
        // Protocols 0-1: base.__new__(cls, state) then base.__init__; a tuple or list base (a
        // namedtuple, a list subclass) shows its items as arguments.
        Pieces pieces = Named(GlobalName(*args[0]));
        const PyValue& base_state = *args[2];
        if (base_state.kind == PyKind::Tuple || base_state.kind == PyKind::List) {
            pieces << "(";
            pieces.Items(base_state.items, 1, options.max_items);
            Pieces rest = ObjectPieces({}, call, args.size(), options);  // "(attributes...)"
            auto& parts = rest.parts();
            const bool has_rest = parts.size() > 1 || (parts.size() == 1 && parts[0].text != "()");
            if (has_rest) {
                if (!base_state.items.empty()) pieces << ", ";
                parts.front().text.erase(0, 1);  // drop its "("
                for (auto& part : parts) part.node ? (pieces << *part.node) : (pieces << part.text);
                return pieces;
            }
            return std::move(pieces << ")");
        }
        return ObjectPieces(std::move(pieces), call, base_state.kind == PyKind::None ? 3 : 2, options);
    }
    if (name == "copyreg.__newobj__" && !args.empty() && args[0]->kind == PyKind::Global)
        return ObjectPieces(Named(GlobalName(*args[0])), call, 1, options);
    if (name == "django.db.models.base.model_unpickle" && !args.empty() && args[0]->kind == PyKind::Tuple && args[0]->items.size() == 2 &&
        IsStr(args[0]->items[0]) && IsStr(args[0]->items[1]))
        return ObjectPieces(Named(args[0]->items[0]->text + "." + args[0]->items[1]->text), call, 1, options);
    return ObjectPieces(Named(name), call, 0, options);
}

// ---- [the printer loop] -----------------------------------------------------------------------------------
class Printer {
public:
    explicit Printer(const ReprOptions& options) : m_options(options) {}

    std::string Run(const PyValue& root, bool& exact) {
        Visit(root);
        while (!m_stack.empty()) {
            if (m_out.size() > m_options.max_output) {
                m_out += "…";
                m_exact = false;
                break;
            }
            Frame& frame = m_stack.back();
            if (frame.next == frame.pieces.size()) {
                m_visiting.erase(frame.owner);
                m_stack.pop_back();
                continue;
            }
            Piece& piece = frame.pieces[frame.next++];
            if (piece.node) Visit(*piece.node);  // may grow m_stack: `frame` is not used after this
            else m_out += piece.text;
        }
        exact = m_exact;
        return std::move(m_out);
    }

private:
    struct Frame {
        const PyValue* owner;
        std::vector<Piece> pieces;
        std::size_t next = 0;
    };

    void Visit(const PyValue& value) {
        switch (value.kind) {
            case PyKind::None: m_out += "None"; return;
            case PyKind::Bool: m_out += value.boolean ? "True" : "False"; return;
            case PyKind::Int: m_out += std::to_string(value.integer); return;
            case PyKind::BigInt:
                if (IsUnprintableInt(value)) {  // Python itself refuses to print it
                    m_out += "<int of " + std::to_string((value.text.size() - (value.text[0] == '-' ? 3 : 2)) * 4) + " bits: too large to print>";
                    m_exact = false;
                    return;
                }
                m_out += value.text;
                return;
            case PyKind::Float: m_out += FloatRepr(value.real); return;
            case PyKind::Str:
            case PyKind::Bytes:
            case PyKind::ByteArray: Text(value); return;
            case PyKind::Global: m_out += GlobalRepr(value, m_exact); return;
            default: break;
        }
        if (m_visiting.count(&value)) {  // a container that holds itself: Python's markers
            m_out += value.kind == PyKind::List ? "[...]" : value.kind == PyKind::Dict ? "{...}" : value.kind == PyKind::Tuple ? "(...)" : "...";
            return;
        }
        if (m_stack.size() >= kMaxDepth) {
            m_out += "…";
            m_exact = false;
            return;
        }
        Pieces pieces;
        switch (value.kind) {
            case PyKind::Tuple:
                pieces << "(";
                pieces.Items(value.items, 1, m_options.max_items);
                pieces << (value.items.size() == 1 ? ",)" : ")");
                break;
            case PyKind::List: pieces << "["; pieces.Items(value.items, 1, m_options.max_items); pieces << "]"; break;
            case PyKind::Dict: pieces << "{"; pieces.Items(value.items, 2, m_options.max_items); pieces << "}"; break;
            case PyKind::Set:
            case PyKind::FrozenSet: {
                const bool frozen = value.kind == PyKind::FrozenSet;
                if (value.items.empty()) {
                    pieces << (frozen ? "frozenset()" : "set()");
                    break;
                }
                pieces << (frozen ? "frozenset({" : "{");
                pieces.Items(value.items, 1, m_options.max_items);
                pieces << (frozen ? "})" : "}");
                break;
            }
            default: pieces = CallPieces(value, m_options, m_exact); break;
        }
        if (pieces.shortened()) m_exact = false;
        m_visiting.insert(&value);
        m_stack.push_back({&value, std::move(pieces.parts())});
    }

    void Text(const PyValue& value) {
        const bool is_str = value.kind == PyKind::Str;
        std::string_view text = value.text;
        std::string more;
        if (text.size() > m_options.max_text) {
            std::size_t cut = m_options.max_text;
            while (is_str && cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;  // whole characters
            more = "…(" + std::to_string(text.size() - cut) + " more)";
            text = text.substr(0, cut);
            m_exact = false;
        }
        if (is_str) m_out += StrRepr(text);
        else if (value.kind == PyKind::Bytes) m_out += "b" + BytesRepr(text);
        else m_out += "bytearray(b" + BytesRepr(text, true) + ")";
        m_out += more;
    }

    const ReprOptions& m_options;
    std::string m_out;
    std::vector<Frame> m_stack;
    std::unordered_set<const PyValue*> m_visiting;  // containers being printed: a repeat is a cycle
    bool m_exact = true;
};

// ---- [user classes] ---------------------------------------------------------------------------------------
// Modules whose values are builtin or standard library (pytz included: Django ships with it).
constexpr const char* kStandardModules[] = {"builtins", "__builtin__", "datetime", "decimal", "uuid", "collections", "copyreg", "copy_reg",
                                            "_codecs", "pytz", "fractions", "pathlib", "ipaddress", "re", "functools", "zoneinfo",
                                            "picklefield"};

bool IsStandardModule(const std::string& module) {
    const std::string root = module.substr(0, module.find('.'));
    return InList(root, std::begin(kStandardModules), std::end(kStandardModules));
}

}  // namespace

// ---- [entry points] ---------------------------------------------------------------------------------------
std::string ReprPython(const PyValue& value, const ReprOptions& options, bool* exact) {
    bool is_exact = true;
    std::string text = Printer(options).Run(value, is_exact);
    if (exact) *exact = is_exact;
    return text;
}

bool HasUserClass(const PyValue& value) {
    std::unordered_set<const PyValue*> seen;
    std::vector<const PyValue*> pending = {&value};
    while (!pending.empty()) {
        const PyValue* node = pending.back();
        pending.pop_back();
        if (!node || !seen.insert(node).second) continue;
        if (node->kind == PyKind::Global && !IsStandardModule(node->text)) return true;
        // Django models are named by strings, not globals.
        if (const PyValue* target = CallTarget(*node); target && target->text == "django.db.models.base") return true;
        for (const auto* list : {&node->items, &node->appended, &node->set_items})
            for (const auto& item : *list) pending.push_back(item.get());
        pending.push_back(node->state.get());
        pending.push_back(node->kwargs.get());
    }
    return false;
}

}  // namespace core
