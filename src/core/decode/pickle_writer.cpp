// Sections: [output and framing] [memo] [scalars] [the walk] [objects] [entry points]
// Follows CPython's C pickler (Modules/_pickle.c) so that values come out byte for byte as Python
// writes them: opcode choice per protocol, MEMOIZE/BINPUT numbering, module names interned, batches
// of 1000, and frames cut where CPython cuts them.
#include "core/decode/pickle_writer.h"

#include <algorithm>
#include <cstring>
#include <vector>
#include <unordered_map>

#include "core/decode/base64.h"
#include "core/decode/pickle_compat.h"
#include "core/decode/py_bigint.h"

namespace core {
namespace {

constexpr std::size_t kBatch = 1000;             // items per APPENDS/SETITEMS/ADDITEMS
constexpr std::size_t kFrameTarget = 64 * 1024;  // a frame is closed at the first save after this size
constexpr std::size_t kFrameHeader = 9;          // FRAME + 8-byte length
constexpr std::size_t kFrameMin = 4;             // smaller frames get no header
constexpr int kMaxDepth = 1000;
constexpr std::size_t kNoFrame = SIZE_MAX;

class Writer {
public:
    explicit Writer(int protocol) : m_protocol(protocol), m_framing(protocol >= 4) {}

    Result<Bytes> Finish(const PyValue& root) {
        m_out = {0x80, static_cast<std::uint8_t>(m_protocol)};
        Run(root);
        if (m_too_deep) return MakeError("pickle.too_deep", "the value is nested deeper than 1000 levels");
        Op('.');
        CommitFrame();
        return std::move(m_out);
    }

private:
    // ---- [output and framing] ---------------------------------------------------------------------------
    void Write(const void* data, std::size_t size) {
        if (m_framing && m_frame_start == kNoFrame) {  // the first write after a commit opens a frame
            m_frame_start = m_out.size();
            m_out.resize(m_out.size() + kFrameHeader);
        }
        const auto* bytes = static_cast<const std::uint8_t*>(data);
        m_out.insert(m_out.end(), bytes, bytes + size);
    }
    void Op(std::uint8_t op) { Write(&op, 1); }
    void Uint(std::uint64_t value, int width) {
        std::uint8_t bytes[8];
        for (int i = 0; i < width; ++i) bytes[i] = static_cast<std::uint8_t>(value >> (8 * i));
        Write(bytes, static_cast<std::size_t>(width));
    }
    void CommitFrame() {
        if (m_frame_start == kNoFrame) return;
        const std::size_t length = m_out.size() - m_frame_start - kFrameHeader;
        if (length >= kFrameMin) {
            m_out[m_frame_start] = 0x95;
            for (int i = 0; i < 8; ++i) m_out[m_frame_start + 1 + static_cast<std::size_t>(i)] = static_cast<std::uint8_t>(length >> (8 * i));
        } else {
            m_out.erase(m_out.begin() + static_cast<std::ptrdiff_t>(m_frame_start), m_out.begin() + static_cast<std::ptrdiff_t>(m_frame_start + kFrameHeader));
        }
        m_frame_start = kNoFrame;
    }
    // An opcode, a little-endian length and a payload. A payload of 64 KiB or more goes outside any
    // frame, as CPython writes it (the frame before it is closed first).
    void Sized(std::uint8_t op, int width, std::string_view payload) {
        const bool large = payload.size() >= kFrameTarget;
        const bool framing = m_framing;
        if (large) {
            CommitFrame();
            m_framing = false;
        }
        Op(op);
        Uint(payload.size(), width);
        Write(payload.data(), payload.size());
        m_framing = framing;
    }
    // One of three opcodes by the payload's length: 1-byte, 4-byte or 8-byte length (0 = not available).
    void SizedBy(std::uint8_t op1, std::uint8_t op4, std::uint8_t op8, std::string_view payload) {
        if (op1 && payload.size() < 256) Sized(op1, 1, payload);
        else if (op4 && payload.size() <= 0xFFFFFFFFu) Sized(op4, 4, payload);
        else Sized(op8, 8, payload);
    }

    // ---- [memo] -----------------------------------------------------------------------------------------
    void Put() {
        const std::size_t index = m_next_memo++;
        if (m_protocol >= 4) {
            Op(0x94);  // MEMOIZE
        } else if (index < 256) {
            Op('q');
            Uint(index, 1);
        } else {
            Op('r');
            Uint(index, 4);
        }
    }
    void Memoize(const PyValue& value) {
        m_memo[&value] = m_next_memo;
        Put();
    }
    void Get(std::size_t index) {
        if (index < 256) {
            Op('h');
            Uint(index, 1);
        } else {
            Op('j');
            Uint(index, 4);
        }
    }
    // Python objects, not our nodes, are what CPython memoizes: a class is one object however many
    // Global nodes name it, and timezone.utc / pytz.utc are singletons.
    std::string IdentityKey(const PyValue& value) const {
        if (value.kind == PyKind::Global) return "g:" + value.text + "\n" + value.name;
        if (value.kind != PyKind::Call || value.kwargs || value.state || !value.appended.empty() || !value.set_items.empty()) return {};
        const PyValue* target = CallTarget(value);
        if (!target || value.items[1]->kind != PyKind::Tuple) return {};
        const auto& args = value.items[1]->items;
        if (IsGlobal(*target, "pytz", "_UTC") && args.empty()) return "pytz.utc";
        if (IsGlobal(*target, "datetime", "timezone") && args.size() == 1 && args[0]->kind == PyKind::Call && CallTarget(*args[0]) &&
            IsGlobal(*CallTarget(*args[0]), "datetime", "timedelta") && args[0]->items[1]->kind == PyKind::Tuple) {
            const auto& offset = args[0]->items[1]->items;
            bool zero = offset.size() == 3;
            for (const auto& part : offset) zero = zero && part->kind == PyKind::Int && part->integer == 0;
            if (zero) return "datetime.timezone.utc";
        }
        return {};
    }
    bool Recall(const PyValue& value) {
        if (const auto found = m_memo.find(&value); found != m_memo.end()) {
            Get(found->second);
            return true;
        }
        const std::string key = IdentityKey(value);
        if (key.empty()) return false;
        const auto found = m_identity_memo.find(key);
        if (found == m_identity_memo.end()) return false;
        Get(found->second);
        return true;
    }
    void RememberIdentity(const PyValue& value) {
        const auto found = m_memo.find(&value);
        if (found == m_memo.end()) return;
        if (std::string key = IdentityKey(value); !key.empty()) m_identity_memo.emplace(std::move(key), found->second);
    }

    // ---- [scalars] --------------------------------------------------------------------------------------
    void Int(std::int64_t value) {
        if (value >= 0 && value < 256) {
            Op('K');
            Uint(static_cast<std::uint64_t>(value), 1);
        } else if (value >= 0 && value < 65536) {
            Op('M');
            Uint(static_cast<std::uint64_t>(value), 2);
        } else if (value >= INT32_MIN && value <= INT32_MAX) {
            Op('J');
            Uint(static_cast<std::uint32_t>(static_cast<std::int32_t>(value)), 4);
        } else {
            Long(LittleEndianFromDecimal(std::to_string(value)));
        }
    }
    void Long(const std::string& bytes) {
        const bool short_form = bytes.size() < 256;
        Op(short_form ? 0x8a : 0x8b);  // LONG1, LONG4
        Uint(bytes.size(), short_form ? 1 : 4);
        Write(bytes.data(), bytes.size());
    }
    void Float(double value) {
        std::uint64_t bits;
        std::memcpy(&bits, &value, sizeof bits);
        std::uint8_t big_endian[8];
        for (int i = 0; i < 8; ++i) big_endian[i] = static_cast<std::uint8_t>(bits >> (8 * (7 - i)));
        Op('G');
        Write(big_endian, 8);
    }
    // bytes, then its memo slot. Protocols below 3 have no bytes opcodes: CPython writes
    // _codecs.encode(<latin-1 text>, 'latin1'), or bytes() for b''.
    void SaveBytes(std::string_view bytes) {
        if (m_protocol >= 3) {
            SizedBy('C', 'B', m_protocol >= 4 ? 0x8e : 0, bytes);
        } else if (bytes.empty()) {
            SaveGlobal("builtins", "bytes");
            Op(')');
            Op('R');
        } else {
            SaveGlobal("_codecs", "encode");
            std::string latin1;
            for (char c : bytes) AppendUtf8(latin1, static_cast<unsigned char>(c));
            SizedBy(0, 'X', 0, latin1);
            Put();
            // 'latin1' is one constant str in CPython's pickler: written once, then fetched.
            if (const auto found = m_identity_memo.find("s:latin1"); found != m_identity_memo.end()) {
                Get(found->second);
            } else {
                SizedBy(0, 'X', 0, "latin1");
                m_identity_memo.emplace("s:latin1", m_next_memo);
                Put();
            }
            Op(0x86);  // TUPLE2
            Put();
            Op('R');
        }
        Put();
    }
    // bytearray before protocol 5: bytearray.__reduce_ex__ gives (bytearray, (bytes,)), or
    // (bytearray, ()) when empty.
    void OldByteArray(const PyValue& value) {
        SaveGlobal("builtins", "bytearray");
        if (value.text.empty()) {
            Op(')');
        } else {
            SaveBytes(value.text);
            Op(0x85);  // TUPLE1
            Put();
        }
        Op('R');
    }

    // ---- [the walk] -------------------------------------------------------------------------------------
    // The value is walked with a stack of tasks, not recursion: a pickle may nest 1000 levels, and
    // the web build's stack is small. A node's save writes what it can at once and schedules the
    // rest (its children, then the opcodes that close it) in order.
    struct Task {
        enum Kind { kSave, kOp, kPut, kMemoize, kEndTuple, kDone } kind;
        const PyValue* node = nullptr;
        std::uint8_t op = 0;
    };
    using Plan = std::vector<Task>;

    static void Batched(Plan& plan, const std::vector<PyRef>& items, std::size_t step, std::uint8_t op, std::uint8_t single_op) {
        for (std::size_t start = 0; start < items.size(); start += kBatch * step) {
            const std::size_t end = std::min(items.size(), start + kBatch * step);
            const bool single = end - start == step && single_op;  // a batch of one: APPEND, SETITEM
            if (!single) plan.push_back({Task::kOp, nullptr, '('});
            for (std::size_t i = start; i < end; ++i) plan.push_back({Task::kSave, items[i].get()});
            plan.push_back({Task::kOp, nullptr, single ? single_op : op});
        }
    }

    void Run(const PyValue& root) {
        m_tasks.push_back({Task::kSave, &root});
        while (!m_tasks.empty() && !m_too_deep) {
            const Task task = m_tasks.back();
            m_tasks.pop_back();
            switch (task.kind) {
                case Task::kSave: Save(*task.node); break;
                case Task::kOp: Op(task.op); break;
                case Task::kPut: Put(); break;
                case Task::kMemoize: Memoize(*task.node); break;
                case Task::kEndTuple: EndTuple(*task.node); break;
                case Task::kDone:
                    RememberIdentity(*task.node);
                    --m_depth;
                    break;
            }
        }
    }

    void Save(const PyValue& value) {
        // CPython closes a frame of 64 KiB or more when the next object's save starts.
        if (m_framing && m_frame_start != kNoFrame && m_out.size() - m_frame_start - kFrameHeader >= kFrameTarget) CommitFrame();
        if (Recall(value)) return;
        if (m_depth >= kMaxDepth) {  // also ends a hand-built cycle that no memo entry closes
            m_too_deep = true;
            return;
        }
        ++m_depth;
        Plan plan = SaveNew(value);
        plan.push_back({Task::kDone, &value});
        m_tasks.insert(m_tasks.end(), plan.rbegin(), plan.rend());
    }

    // Writes what belongs before the node's children and returns what follows them.
    Plan SaveNew(const PyValue& value) {
        Plan plan;
        switch (value.kind) {
            case PyKind::None: Op('N'); break;
            case PyKind::Bool: Op(value.boolean ? 0x88 : 0x89); break;
            case PyKind::Int: Int(value.integer); break;
            case PyKind::BigInt: Long(LittleEndianFromDecimal(value.text)); break;
            case PyKind::Float: Float(value.real); break;
            case PyKind::Str:
                if (m_protocol >= 4) SizedBy(0x8c, 'X', 0x8d, value.text);
                else SizedBy(0, 'X', 0, value.text);
                Memoize(value);
                break;
            case PyKind::Bytes:
                SaveBytes(value.text);
                m_memo[&value] = m_next_memo - 1;  // SaveBytes' last memo slot is the bytes object's
                break;
            case PyKind::ByteArray:
                if (m_protocol >= 5) Sized(0x96, 8, value.text);
                else OldByteArray(value);
                Memoize(value);
                break;
            case PyKind::Tuple:
                if (value.items.empty()) {
                    Op(')');
                    break;
                }
                if (value.items.size() > 3) Op('(');
                for (const auto& item : value.items) plan.push_back({Task::kSave, item.get()});
                plan.push_back({Task::kEndTuple, &value});
                break;
            case PyKind::List:
                Op(']');
                Memoize(value);
                Batched(plan, value.items, 1, 'e', 'a');
                break;
            case PyKind::Dict:
                Op('}');
                Memoize(value);
                Batched(plan, value.items, 2, 'u', 's');
                break;
            case PyKind::Set:
            case PyKind::FrozenSet: {
                const bool frozen = value.kind == PyKind::FrozenSet;
                if (m_protocol < 4) {
                    // set([items]) by REDUCE (builtins.set or builtins.frozenset).
                    SaveGlobal("builtins", frozen ? "frozenset" : "set");
                    Op(']');
                    Put();
                    Batched(plan, value.items, 1, 'e', 'a');
                    plan.push_back({Task::kOp, nullptr, 0x85});
                    plan.push_back({Task::kPut});
                    plan.push_back({Task::kOp, nullptr, 'R'});
                    plan.push_back({Task::kMemoize, &value});
                } else if (frozen) {
                    Op('(');
                    for (const auto& item : value.items) plan.push_back({Task::kSave, item.get()});
                    plan.push_back({Task::kOp, nullptr, 0x91});
                    plan.push_back({Task::kMemoize, &value});
                } else {
                    Op(0x8f);
                    Memoize(value);
                    Batched(plan, value.items, 1, 0x90, 0);
                }
                break;
            }
            case PyKind::Global:
                SaveGlobal(value.text, value.name);
                // SaveGlobal memoized it under its name; the node maps to the same slot.
                m_memo[&value] = m_identity_memo["g:" + value.text + "\n" + value.name];
                break;
            case PyKind::Call: PlanCall(value, plan); break;
        }
        return plan;
    }

    // A tuple is memoized after its items. One reached again through its own items (via a list)
    // was written in there: drop this copy's items and fetch that one, as CPython does.
    void EndTuple(const PyValue& value) {
        if (const auto found = m_memo.find(&value); found != m_memo.end()) {
            if (value.items.size() <= 3) for (std::size_t i = 0; i < value.items.size(); ++i) Op('0');
            else Op('1');
            Get(found->second);
            return;
        }
        Op(value.items.size() <= 3 ? static_cast<std::uint8_t>(0x84 + value.items.size()) : 't');
        Memoize(value);
    }

    void SaveGlobal(std::string module, std::string name) {
        const std::string key = "g:" + module + "\n" + name;
        if (const auto found = m_identity_memo.find(key); found != m_identity_memo.end()) {
            Get(found->second);
            return;
        }
        if (m_protocol >= 4) {
            SaveName(module, true);
            SaveName(name, false);
            Op(0x93);  // STACK_GLOBAL
        } else {
            if (m_protocol < 3) ReverseImports(module, name);
            const std::string line = module + "\n" + name + "\n";
            Op('c');
            Write(line.data(), line.size());
        }
        m_identity_memo.emplace(key, m_next_memo);
        Put();
    }
    // A module name is one interned str in Python, so its second use is a memo fetch; class names
    // are not shared.
    void SaveName(const std::string& text, bool is_module) {
        if (is_module) {
            if (const auto found = m_module_memo.find(text); found != m_module_memo.end()) {
                Get(found->second);
                return;
            }
            m_module_memo[text] = m_next_memo;
        }
        SizedBy(0x8c, 'X', 0x8d, text);
        Put();
    }

    // ---- [objects] --------------------------------------------------------------------------------------
    // save_reduce: callable and arguments, REDUCE (or NEWOBJ / NEWOBJ_EX), memo, then the items
    // APPENDS and SETITEMS add and the state BUILD sets.
    void PlanCall(const PyValue& value, Plan& plan) {
        static const PyValue kNone;
        static const PyValue kEmptyTuple = [] {
            PyValue tuple;
            tuple.kind = PyKind::Tuple;
            return tuple;
        }();
        const PyValue* callable = !value.items.empty() && value.items[0] ? value.items[0].get() : &kNone;
        const PyValue* args = value.items.size() > 1 && value.items[1] ? value.items[1].get() : &kEmptyTuple;
        if (value.kwargs && m_protocol < 4) {
            // No NEWOBJ_EX before protocol 4: copyreg.__newobj_ex__(cls, args, kwargs) does the same.
            SaveGlobal("copyreg", "__newobj_ex__");
            plan.push_back({Task::kSave, callable});
            plan.push_back({Task::kSave, args});
            plan.push_back({Task::kSave, value.kwargs.get()});
            plan.push_back({Task::kOp, nullptr, 0x87});  // TUPLE3
            plan.push_back({Task::kPut});
            plan.push_back({Task::kOp, nullptr, 'R'});
        } else {
            plan.push_back({Task::kSave, callable});
            plan.push_back({Task::kSave, args});
            if (value.kwargs) {
                plan.push_back({Task::kSave, value.kwargs.get()});
                plan.push_back({Task::kOp, nullptr, 0x92});  // NEWOBJ_EX
            } else {
                // NEWOBJ: cls.__new__ without __init__, as pickled.
                plan.push_back({Task::kOp, nullptr, static_cast<std::uint8_t>(value.via_new ? 0x81 : 'R')});
            }
        }
        plan.push_back({Task::kMemoize, &value});
        Batched(plan, value.appended, 1, 'e', 'a');
        Batched(plan, value.set_items, 2, 'u', 's');
        if (value.state) {
            plan.push_back({Task::kSave, value.state.get()});
            plan.push_back({Task::kOp, nullptr, 'b'});
        }
    }

    int m_protocol;
    bool m_framing;
    Bytes m_out;
    std::size_t m_frame_start = kNoFrame;  // where the open frame's header is reserved
    std::unordered_map<const PyValue*, std::size_t> m_memo;
    std::unordered_map<std::string, std::size_t> m_identity_memo;  // classes and singletons by name
    std::unordered_map<std::string, std::size_t> m_module_memo;
    std::size_t m_next_memo = 0;
    std::vector<Task> m_tasks;  // what is left to write, the next task last
    int m_depth = 0;            // nodes being written (entered, not done)
    bool m_too_deep = false;
};

}  // namespace

// ---- [entry points] ---------------------------------------------------------------------------------------
Result<Bytes> EncodePickle(const PyValue& value, int protocol) {
    if (protocol < 2 || protocol > 5)
        return MakeError("pickle.bad_protocol", "pickle protocol " + std::to_string(protocol) + " is not written (2 to 5 are)");
    return Writer(protocol).Finish(value);
}

Result<std::string> EncodePickledField(const PyValue& value, int protocol) {
    auto bytes = EncodePickle(value, protocol);
    if (!bytes) return bytes.error();
    return EncodeBase64(bytes.value());
}

}  // namespace core
