// Sections: [limits and errors] [the machine: stack, marks, memo] [opcodes] [entry points]
#include "core/decode/pickle_reader.h"

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <unordered_map>

#include "core/decode/base64.h"
#include "core/decode/pickle_compat.h"
#include "core/decode/py_bigint.h"

namespace core {
namespace {

// ---- [limits and errors] ------------------------------------------------------------------------------
constexpr std::size_t kMaxStack = 100'000;  // items on the stack (bounds memory from MARK floods)
constexpr std::size_t kMaxDepth = 1000;     // nesting of containers built by the pickle

Error Fail(const char* code, const std::string& message, std::size_t at) {
    return MakeError(code, "broken pickle: " + message, "byte " + std::to_string(at));
}

// Every node a decode creates. The returned root shares ownership of the arena, and the arena
// empties each node's children before freeing them: a pickle can make cycles (a list holding
// itself), which reference counting alone would leak.
struct Arena {
    std::vector<PyRef> nodes;
    ~Arena() {
        for (auto& node : nodes) {
            node->items.clear();
            node->appended.clear();
            node->set_items.clear();
            node->kwargs.reset();
            node->state.reset();
        }
    }
};

// How deeply a decoded tree nests, counted without recursion and without walking a shared node
// twice (a pickle can share one node thousands of times and refer back to itself). A pickle only
// nests with MARK-less opcodes (EMPTY_LIST ... APPEND) beyond what a MARK count shows, so the tree
// itself is measured once it is complete.
std::size_t NestingDepth(const PyValue& root, std::size_t limit) {
    struct Frame {
        const PyValue* node;
        std::vector<const PyValue*> children;
        std::size_t next = 0;
        std::size_t height = 0;  // of the children done so far
    };
    std::unordered_map<const PyValue*, std::size_t> height;  // done nodes; SIZE_MAX while on the path
    std::vector<Frame> path;
    auto enter = [&](const PyValue* node) {
        Frame frame{node, {}};
        for (const auto* list : {&node->items, &node->appended, &node->set_items})
            for (const auto& child : *list) frame.children.push_back(child.get());
        frame.children.push_back(node->kwargs.get());
        frame.children.push_back(node->state.get());
        height[node] = SIZE_MAX;
        path.push_back(std::move(frame));
    };
    enter(&root);
    std::size_t result = 0;
    while (!path.empty()) {
        if (path.size() > limit) return path.size();
        Frame& frame = path.back();
        if (frame.next < frame.children.size()) {
            const PyValue* child = frame.children[frame.next++];
            if (!child) continue;
            const auto found = height.find(child);
            if (found == height.end()) enter(child);
            else if (found->second != SIZE_MAX) frame.height = std::max(frame.height, found->second);
            continue;
        }
        const std::size_t own = frame.height + 1;
        height[frame.node] = own;
        path.pop_back();
        if (path.empty()) result = own;
        else path.back().height = std::max(path.back().height, own);
    }
    return result;
}

// ---- [the machine] --------------------------------------------------------------------------------------
class Machine {
public:
    explicit Machine(ByteView bytes) : m_bytes(bytes) {}
    Result<PyRef> Run();

private:
    Status Step(std::uint8_t op, std::size_t at);

    // Reading operands. Each checks the remaining input first, so no length is trusted.
    bool Need(std::size_t count) const { return m_bytes.size() - m_pos >= count; }
    std::uint64_t ReadUint(int width) {
        std::uint64_t value = 0;
        for (int i = 0; i < width; ++i) value |= static_cast<std::uint64_t>(m_bytes[m_pos + i]) << (8 * i);
        m_pos += static_cast<std::size_t>(width);
        return value;
    }
    std::string ReadBytes(std::size_t count) {
        std::string out(reinterpret_cast<const char*>(m_bytes.data() + m_pos), count);
        m_pos += count;
        return out;
    }
    Result<std::string> Sized(int width, std::size_t at);  // a length of `width` bytes, then that many bytes
    Result<std::string> Line(std::size_t at);              // text up to '\n' (protocol 0)

    Status Push(PyRef value, std::size_t at) {
        if (m_stack.size() >= kMaxStack) return Fail("pickle.too_large", "more than 100000 values on the stack", at);
        m_arena->nodes.push_back(value);
        m_stack.push_back(std::move(value));
        return Ok{};
    }
    Result<PyRef> Pop(std::size_t at) {
        if (m_stack.size() <= Floor()) return Fail("pickle.stack_underflow", "an opcode needs a value the stack lacks", at);
        PyRef top = std::move(m_stack.back());
        m_stack.pop_back();
        return top;
    }
    Result<PyRef> Top(std::size_t at) {
        if (m_stack.size() <= Floor()) return Fail("pickle.stack_underflow", "an opcode needs a value the stack lacks", at);
        return m_stack.back();
    }
    std::size_t Floor() const { return m_marks.empty() ? 0 : m_marks.back(); }
    // Removes everything above the last MARK.
    Result<std::vector<PyRef>> PopMark(std::size_t at) {
        if (m_marks.empty()) return Fail("pickle.no_mark", "an opcode needs a MARK that was never set", at);
        const std::size_t mark = m_marks.back();
        m_marks.pop_back();
        std::vector<PyRef> items(std::make_move_iterator(m_stack.begin() + static_cast<std::ptrdiff_t>(mark)),
                                 std::make_move_iterator(m_stack.end()));
        m_stack.resize(mark);
        return items;
    }
    PyRef Container(PyKind kind, std::vector<PyRef> items) {
        auto value = std::make_shared<PyValue>();
        value->kind = kind;
        value->items = std::move(items);
        return value;
    }
    Status Memo(std::uint64_t index, std::size_t at) {
        auto top = Top(at);
        if (!top) return top.error();
        m_memo[index] = top.value();
        return Ok{};
    }
    Status Recall(std::uint64_t index, std::size_t at) {
        const auto found = m_memo.find(index);
        if (found == m_memo.end()) return Fail("pickle.bad_memo", "refers to memo " + std::to_string(index) + ", which was never stored", at);
        return Push(found->second, at);
    }
    // Adds key/value pairs to a dict, or records them on an object (OrderedDict and friends).
    Status SetItems(PyRef target, std::vector<PyRef> pairs, std::size_t at);
    Status AppendItems(PyRef target, std::vector<PyRef> items, std::size_t at);
    Status CallWith(PyRef callable, PyRef args, PyRef kwargs, std::size_t at, bool via_new = false);
    // find_class: older protocols name Python 2 modules, which Python 3 maps to its own.
    PyRef Named(std::string module, std::string name) const {
        if (m_proto < 3) FixImports(module, name);
        return PyGlobal(std::move(module), std::move(name));
    }
    Status Global(std::string module, std::string name, std::size_t at) { return Push(Named(std::move(module), std::move(name)), at); }
    // SHORT_BINSTRING, BINSTRING, STRING: Python 2 str, which pickle.loads decodes as ASCII; other
    // bytes (an error under Python's default encoding) are kept as bytes rather than refused.
    static PyRef Python2Str(std::string bytes) {
        for (char c : bytes)
            if (static_cast<unsigned char>(c) >= 0x80) return PyBytes(std::move(bytes));
        return PyStr(std::move(bytes));
    }

    ByteView m_bytes;
    std::size_t m_pos = 0;
    int m_proto = 0;  // set by PROTO; protocols 0 and 1 have none
    std::vector<PyRef> m_stack;
    std::vector<std::size_t> m_marks;
    std::unordered_map<std::uint64_t, PyRef> m_memo;
    bool m_stopped = false;
    std::shared_ptr<Arena> m_arena = std::make_shared<Arena>();
};

Result<std::string> Machine::Sized(int width, std::size_t at) {
    if (!Need(static_cast<std::size_t>(width))) return Fail("pickle.truncated", "ends inside a length", at);
    const std::uint64_t length = ReadUint(width);
    if (length > m_bytes.size() - m_pos) return Fail("pickle.truncated", "declares " + std::to_string(length) + " bytes but fewer remain", at);
    return ReadBytes(static_cast<std::size_t>(length));
}

Result<std::string> Machine::Line(std::size_t at) {
    const auto* start = m_bytes.data() + m_pos;
    const void* newline = std::memchr(start, '\n', m_bytes.size() - m_pos);
    if (!newline) return Fail("pickle.truncated", "ends inside a text line", at);
    const auto length = static_cast<std::size_t>(static_cast<const std::uint8_t*>(newline) - start);
    std::string line = ReadBytes(length);
    ++m_pos;
    return line;
}

Status Machine::SetItems(PyRef target, std::vector<PyRef> pairs, std::size_t at) {
    if (pairs.size() % 2) return Fail("pickle.bad_value", "SETITEMS with an odd number of values", at);
    auto& into = target->kind == PyKind::Dict ? target->items : target->kind == PyKind::Call ? target->set_items : target->items;
    if (target->kind != PyKind::Dict && target->kind != PyKind::Call) return Fail("pickle.bad_value", "sets items on a value that is not a dict", at);
    for (auto& value : pairs) into.push_back(std::move(value));
    return Ok{};
}

Status Machine::AppendItems(PyRef target, std::vector<PyRef> items, std::size_t at) {
    auto& into = target->kind == PyKind::List ? target->items : target->appended;
    if (target->kind != PyKind::List && target->kind != PyKind::Call) return Fail("pickle.bad_value", "appends to a value that is not a list", at);
    for (auto& value : items) into.push_back(std::move(value));
    return Ok{};
}

Status Machine::CallWith(PyRef callable, PyRef args, PyRef kwargs, std::size_t at, bool via_new) {
    if (args->kind != PyKind::Tuple) return Fail("pickle.bad_value", "calls with arguments that are not a tuple", at);
    auto call = std::make_shared<PyValue>();
    call->kind = PyKind::Call;
    call->items = {std::move(callable), std::move(args)};
    call->kwargs = std::move(kwargs);
    call->via_new = via_new;
    return Push(std::move(call), at);
}

// ---- [opcodes] ------------------------------------------------------------------------------------------
Status Machine::Step(std::uint8_t op, std::size_t at) {
    auto need = [&](std::size_t count) -> Status {
        if (Need(count)) return Ok{};
        return Fail("pickle.truncated", "ends inside an opcode's argument", at);
    };
    switch (op) {
        case 0x80: {  // PROTO
            if (auto ok = need(1); !ok) return ok;
            m_proto = static_cast<int>(ReadUint(1));
            if (m_proto > 5) return Fail("pickle.bad_opcode", "protocol " + std::to_string(m_proto) + " is newer than 5", at);
            return Ok{};
        }
        case 0x95:  // FRAME: a length hint only
            if (auto ok = need(8); !ok) return ok;
            m_pos += 8;
            return Ok{};
        case '.': m_stopped = true; return Ok{};  // STOP
        case '(':  // MARK
            if (m_marks.size() >= kMaxDepth) return Fail("pickle.too_deep", "nested deeper than 1000", at);
            m_marks.push_back(m_stack.size());
            return Ok{};
        case '0': { auto v = Pop(at); return v ? Status(Ok{}) : Status(v.error()); }  // POP
        case '1': { auto v = PopMark(at); return v ? Status(Ok{}) : Status(v.error()); }  // POP_MARK
        case '2': { auto v = Top(at); if (!v) return v.error(); return Push(v.value(), at); }  // DUP
        case 'N': return Push(PyNone(), at);
        case 0x88: return Push(PyBool(true), at);
        case 0x89: return Push(PyBool(false), at);
        case 'K': { if (auto ok = need(1); !ok) return ok; return Push(PyInt(static_cast<std::int64_t>(ReadUint(1))), at); }
        case 'M': { if (auto ok = need(2); !ok) return ok; return Push(PyInt(static_cast<std::int64_t>(ReadUint(2))), at); }
        case 'J': { if (auto ok = need(4); !ok) return ok; return Push(PyInt(static_cast<std::int32_t>(ReadUint(4))), at); }
        case 0x8a: case 0x8b: {  // LONG1, LONG4: little-endian two's complement
            const int width = op == 0x8a ? 1 : 4;
            auto bytes = Sized(width, at);
            if (!bytes) return bytes.error();
            return Push(IntFromLittleEndian(bytes.value()), at);
        }
        case 'I': case 'L': {  // INT, LONG (protocol 0): decimal text; "01"/"00" are True/False
            auto line = Line(at);
            if (!line) return line.error();
            std::string digits = line.value();
            if (op == 'I' && digits == "01") return Push(PyBool(true), at);
            if (op == 'I' && digits == "00") return Push(PyBool(false), at);
            if (!digits.empty() && digits.back() == 'L') digits.pop_back();
            auto value = IntFromDecimal(digits);
            if (!value) return Fail("pickle.bad_value", "\"" + digits.substr(0, 40) + "\" is not an integer", at);
            return Push(value, at);
        }
        case 'G': {  // BINFLOAT: big-endian IEEE 754
            if (auto ok = need(8); !ok) return ok;
            std::uint64_t bits = 0;
            for (int i = 0; i < 8; ++i) bits = (bits << 8) | m_bytes[m_pos + i];
            m_pos += 8;
            double value;
            std::memcpy(&value, &bits, sizeof value);
            return Push(PyFloat(value), at);
        }
        case 'F': {  // FLOAT (protocol 0)
            auto line = Line(at);
            if (!line) return line.error();
            char* end = nullptr;
            const double value = std::strtod(line->c_str(), &end);
            if (line->empty() || end != line->c_str() + line->size()) return Fail("pickle.bad_value", "not a float: " + line->substr(0, 40), at);
            return Push(PyFloat(value), at);
        }
        case 0x8c: case 'X': case 0x8d: {  // SHORT_BINUNICODE, BINUNICODE, BINUNICODE8
            auto text = Sized(op == 0x8c ? 1 : op == 'X' ? 4 : 8, at);
            if (!text) return text.error();
            return Push(PyStr(std::move(text.value())), at);
        }
        case 'V': {  // UNICODE (protocol 0): raw-unicode-escape
            auto line = Line(at);
            if (!line) return line.error();
            return Push(PyStr(DecodeRawUnicodeEscape(line.value())), at);
        }
        case 'C': case 'B': case 0x8e: {  // SHORT_BINBYTES, BINBYTES, BINBYTES8
            auto bytes = Sized(op == 'C' ? 1 : op == 0x8e ? 8 : 4, at);
            if (!bytes) return bytes.error();
            return Push(PyBytes(std::move(bytes.value())), at);
        }
        case 'U': case 'T': {  // SHORT_BINSTRING, BINSTRING: Python 2 str
            auto bytes = Sized(op == 'U' ? 1 : 4, at);
            if (!bytes) return bytes.error();
            return Push(Python2Str(std::move(bytes.value())), at);
        }
        case 0x96: {  // BYTEARRAY8
            auto bytes = Sized(8, at);
            if (!bytes) return bytes.error();
            auto value = PyBytes(std::move(bytes.value()));
            value->kind = PyKind::ByteArray;
            return Push(value, at);
        }
        case 'S': {  // STRING (protocol 0): a quoted Python 2 str literal
            auto line = Line(at);
            if (!line) return line.error();
            auto bytes = DecodeQuotedString(line.value());
            if (!bytes) return Fail("pickle.bad_value", "not a quoted string", at);
            return Push(Python2Str(std::move(*bytes)), at);
        }
        case ')': return Push(Container(PyKind::Tuple, {}), at);
        case ']': return Push(Container(PyKind::List, {}), at);
        case '}': return Push(Container(PyKind::Dict, {}), at);
        case 0x8f: return Push(Container(PyKind::Set, {}), at);
        case 0x85: case 0x86: case 0x87: {  // TUPLE1..3
            const std::size_t count = op - 0x84u;
            if (m_stack.size() < Floor() + count) return Fail("pickle.stack_underflow", "a tuple needs values the stack lacks", at);
            std::vector<PyRef> items(m_stack.end() - static_cast<std::ptrdiff_t>(count), m_stack.end());
            m_stack.resize(m_stack.size() - count);
            return Push(Container(PyKind::Tuple, std::move(items)), at);
        }
        case 't': case 'l': case 'd': case 0x91: {  // TUPLE, LIST, DICT, FROZENSET from the mark
            auto items = PopMark(at);
            if (!items) return items.error();
            if (op == 'd' && items->size() % 2) return Fail("pickle.bad_value", "DICT with an odd number of values", at);
            const PyKind kind = op == 't' ? PyKind::Tuple : op == 'l' ? PyKind::List : op == 'd' ? PyKind::Dict : PyKind::FrozenSet;
            return Push(Container(kind, std::move(items.value())), at);
        }
        case 'a': {  // APPEND
            auto value = Pop(at);
            if (!value) return value.error();
            auto list = Top(at);
            if (!list) return list.error();
            return AppendItems(list.value(), {value.value()}, at);
        }
        case 'e': {  // APPENDS
            auto items = PopMark(at);
            if (!items) return items.error();
            auto list = Top(at);
            if (!list) return list.error();
            return AppendItems(list.value(), std::move(items.value()), at);
        }
        case 's': {  // SETITEM
            auto value = Pop(at);
            if (!value) return value.error();
            auto key = Pop(at);
            if (!key) return key.error();
            auto dict = Top(at);
            if (!dict) return dict.error();
            return SetItems(dict.value(), {key.value(), value.value()}, at);
        }
        case 'u': {  // SETITEMS
            auto items = PopMark(at);
            if (!items) return items.error();
            auto dict = Top(at);
            if (!dict) return dict.error();
            return SetItems(dict.value(), std::move(items.value()), at);
        }
        case 0x90: {  // ADDITEMS
            auto items = PopMark(at);
            if (!items) return items.error();
            auto set = Top(at);
            if (!set) return set.error();
            if (set.value()->kind != PyKind::Set) return Fail("pickle.bad_value", "adds items to a value that is not a set", at);
            for (auto& item : items.value()) set.value()->items.push_back(std::move(item));
            return Ok{};
        }
        case 'p': {  // PUT (protocol 0)
            auto line = Line(at);
            if (!line) return line.error();
            std::uint64_t index = 0;
            const auto [end, ec] = std::from_chars(line->data(), line->data() + line->size(), index);
            if (ec != std::errc() || end != line->data() + line->size()) return Fail("pickle.bad_memo", "bad memo index", at);
            return Memo(index, at);
        }
        case 'q': { if (auto ok = need(1); !ok) return ok; return Memo(ReadUint(1), at); }
        case 'r': { if (auto ok = need(4); !ok) return ok; return Memo(ReadUint(4), at); }
        case 0x94: return Memo(m_memo.size(), at);  // MEMOIZE
        case 'g': {
            auto line = Line(at);
            if (!line) return line.error();
            std::uint64_t index = 0;
            const auto [end, ec] = std::from_chars(line->data(), line->data() + line->size(), index);
            if (ec != std::errc() || end != line->data() + line->size()) return Fail("pickle.bad_memo", "bad memo index", at);
            return Recall(index, at);
        }
        case 'h': { if (auto ok = need(1); !ok) return ok; return Recall(ReadUint(1), at); }
        case 'j': { if (auto ok = need(4); !ok) return ok; return Recall(ReadUint(4), at); }
        case 'c': {  // GLOBAL: "module\nname\n"
            auto module = Line(at);
            if (!module) return module.error();
            auto name = Line(at);
            if (!name) return name.error();
            return Global(std::move(module.value()), std::move(name.value()), at);
        }
        case 0x93: {  // STACK_GLOBAL
            auto name = Pop(at);
            if (!name) return name.error();
            auto module = Pop(at);
            if (!module) return module.error();
            if (module.value()->kind != PyKind::Str || name.value()->kind != PyKind::Str)
                return Fail("pickle.bad_value", "STACK_GLOBAL needs two strings", at);
            return Global(module.value()->text, name.value()->text, at);
        }
        case 'R': {  // REDUCE: callable(*args)
            auto args = Pop(at);
            if (!args) return args.error();
            auto callable = Pop(at);
            if (!callable) return callable.error();
            if (PyRef folded = FoldKnownCall(*callable.value(), *args.value())) return Push(std::move(folded), at);
            return CallWith(callable.value(), args.value(), nullptr, at);
        }
        case 0x81: {  // NEWOBJ: cls.__new__(cls, *args)
            auto args = Pop(at);
            if (!args) return args.error();
            auto cls = Pop(at);
            if (!cls) return cls.error();
            return CallWith(cls.value(), args.value(), nullptr, at, true);
        }
        case 0x92: {  // NEWOBJ_EX: cls.__new__(cls, *args, **kwargs)
            auto kwargs = Pop(at);
            if (!kwargs) return kwargs.error();
            auto args = Pop(at);
            if (!args) return args.error();
            auto cls = Pop(at);
            if (!cls) return cls.error();
            return CallWith(cls.value(), args.value(), kwargs.value(), at, true);
        }
        case 'o': {  // OBJ: MARK cls args... OBJ
            auto items = PopMark(at);
            if (!items) return items.error();
            if (items->empty()) return Fail("pickle.stack_underflow", "OBJ without a class", at);
            PyRef cls = items->front();
            items->erase(items->begin());
            return CallWith(cls, Container(PyKind::Tuple, std::move(items.value())), nullptr, at);
        }
        case 'i': {  // INST: MARK args... INST module\nname\n
            auto module = Line(at);
            if (!module) return module.error();
            auto name = Line(at);
            if (!name) return name.error();
            auto items = PopMark(at);
            if (!items) return items.error();
            return CallWith(Named(module.value(), name.value()), Container(PyKind::Tuple, std::move(items.value())), nullptr, at);
        }
        case 'b': {  // BUILD: obj.__setstate__(state)
            auto state = Pop(at);
            if (!state) return state.error();
            auto object = Top(at);
            if (!object) return object.error();
            if (object.value()->kind != PyKind::Call) {
                // BUILD on a plain container is legal but rare; keep the state on a wrapper-less value.
                return Fail("pickle.bad_value", "BUILD on a value that is not an object", at);
            }
            object.value()->state = state.value();
            return Ok{};
        }
        case 0x97: case 0x98: return Fail("pickle.out_of_band", "uses protocol-5 out-of-band buffers, which a stored pickle cannot have", at);
        case 'P': case 'Q': return Fail("pickle.unsupported", "uses persistent ids, which Django Q never writes", at);
        case 0x82: case 0x83: case 0x84: return Fail("pickle.unsupported", "uses the copyreg extension registry, which this reader does not know", at);
        default: {
            char hex[8];
            std::snprintf(hex, sizeof hex, "0x%02x", op);
            return Fail("pickle.bad_opcode", std::string("unknown opcode ") + hex, at);
        }
    }
}

Result<PyRef> Machine::Run() {
    while (!m_stopped) {
        if (m_pos >= m_bytes.size()) return Fail("pickle.no_stop", "ends without a STOP opcode", m_pos);
        const std::size_t at = m_pos;
        const std::uint8_t op = m_bytes[m_pos++];
        if (auto step = Step(op, at); !step) return step.error();
    }
    if (m_stack.size() != 1 || !m_marks.empty())
        return Fail("pickle.bad_value", "STOP leaves " + std::to_string(m_stack.size()) + " values instead of one", m_pos - 1);
    if (NestingDepth(*m_stack.back(), kMaxDepth) > kMaxDepth)
        return Fail("pickle.too_deep", "values nested deeper than 1000", m_pos - 1);
    return PyRef(m_arena, m_stack.back().get());  // owns the arena, points at the root
}

}  // namespace

// ---- [entry points] --------------------------------------------------------------------------------------
Result<PyRef> DecodePickle(ByteView bytes) { return Machine(bytes).Run(); }

Result<PyRef> DecodePickledField(std::string_view base64_text) {
    auto bytes = DecodeBase64(base64_text);
    if (!bytes) return bytes.error();
    return DecodePickle(bytes.value());
}

}  // namespace core
