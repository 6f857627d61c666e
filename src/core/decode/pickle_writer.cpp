#include "core/decode/pickle_writer.h"

#include <cstring>
#include <unordered_map>

#include "core/decode/base64.h"
#include "core/decode/py_bigint.h"

namespace core {
namespace {

constexpr std::size_t kBatch = 1000;  // items per APPENDS/SETITEMS/ADDITEMS, as CPython batches them
constexpr int kMaxDepth = 1000;

class Writer {
public:
    Result<Bytes> Finish(const PyValue& root) {
        Save(root);
        if (m_too_deep) return MakeError("pickle.too_deep", "the value is nested deeper than 1000 levels");
        m_body.push_back('.');
        Bytes out = {0x80, 5};
        if (m_body.size() >= 4) {  // CPython frames anything of four bytes or more
            out.push_back(0x95);
            AppendUint(out, m_body.size(), 8);
        }
        out.insert(out.end(), m_body.begin(), m_body.end());
        return out;
    }

private:
    static void AppendUint(Bytes& out, std::uint64_t value, int width) {
        for (int i = 0; i < width; ++i) out.push_back(static_cast<std::uint8_t>(value >> (8 * i)));
    }
    void Op(std::uint8_t op) { m_body.push_back(op); }
    void Raw(std::string_view bytes) { m_body.insert(m_body.end(), bytes.begin(), bytes.end()); }
    void Memoize(const PyValue& value) {
        m_memo[&value] = m_next_memo++;
        Op(0x94);
    }
    // Module and class names are written as strings of their own, as CPython does. A module name is
    // one interned object in Python, so its second use is a memo fetch; class names are not shared.
    void SaveName(const std::string& text, bool is_module) {
        if (is_module) {
            if (const auto found = m_module_memo.find(text); found != m_module_memo.end()) {
                Fetch(found->second);
                return;
            }
            m_module_memo[text] = m_next_memo;
        }
        Sized(0x8c, 'X', 0x8d, text);
        ++m_next_memo;
        Op(0x94);
    }
    void Fetch(std::size_t index) {
        if (index < 256) {
            Op('h');
            AppendUint(m_body, index, 1);
        } else {
            Op('j');
            AppendUint(m_body, index, 4);
        }
    }
    // A value written before is fetched from the memo, so shared references stay shared.
    bool Recall(const PyValue& value) {
        const auto found = m_memo.find(&value);
        if (found == m_memo.end()) return false;
        Fetch(found->second);
        return true;
    }
    void Sized(std::uint8_t op1, std::uint8_t op4, std::uint8_t op8, std::string_view bytes) {
        if (bytes.size() < 256 && op1) {
            Op(op1);
            AppendUint(m_body, bytes.size(), 1);
        } else if (bytes.size() <= 0xFFFFFFFFu && op4) {
            Op(op4);
            AppendUint(m_body, bytes.size(), 4);
        } else {
            Op(op8);
            AppendUint(m_body, bytes.size(), 8);
        }
        Raw(bytes);
    }
    void Int(std::int64_t value) {
        if (value >= 0 && value < 256) {
            Op('K');
            AppendUint(m_body, static_cast<std::uint64_t>(value), 1);
        } else if (value >= 0 && value < 65536) {
            Op('M');
            AppendUint(m_body, static_cast<std::uint64_t>(value), 2);
        } else if (value >= INT32_MIN && value <= INT32_MAX) {
            Op('J');
            AppendUint(m_body, static_cast<std::uint32_t>(static_cast<std::int32_t>(value)), 4);
        } else {
            Long(LittleEndianFromDecimal(std::to_string(value)));
        }
    }
    void Long(const std::string& bytes) {
        if (bytes.size() < 256) {
            Op(0x8a);
            AppendUint(m_body, bytes.size(), 1);
        } else {
            Op(0x8b);
            AppendUint(m_body, bytes.size(), 4);
        }
        Raw(bytes);
    }
    // MARK item item ... op, in batches of kBatch (a single item uses `single_op` when given).
    void Batched(const std::vector<PyRef>& items, std::size_t step, std::uint8_t op, std::uint8_t single_op) {
        for (std::size_t start = 0; start < items.size(); start += kBatch * step) {
            const std::size_t end = std::min(items.size(), start + kBatch * step);
            if (end - start == step && single_op) {
                for (std::size_t i = start; i < end; ++i) Save(*items[i]);
                Op(single_op);
                continue;
            }
            Op('(');
            for (std::size_t i = start; i < end; ++i) Save(*items[i]);
            Op(op);
        }
    }

    void Save(const PyValue& value) {
        if (Recall(value)) return;
        if (m_depth >= kMaxDepth) {
            m_too_deep = true;
            return;
        }
        ++m_depth;
        SaveNew(value);
        --m_depth;
    }

    void SaveNew(const PyValue& value) {
        switch (value.kind) {
            case PyKind::None: Op('N'); return;
            case PyKind::Bool: Op(value.boolean ? 0x88 : 0x89); return;
            case PyKind::Int: Int(value.integer); return;
            case PyKind::BigInt: Long(LittleEndianFromDecimal(value.text)); return;
            case PyKind::Float: {
                std::uint64_t bits;
                std::memcpy(&bits, &value.real, sizeof bits);
                Op('G');
                for (int i = 7; i >= 0; --i) m_body.push_back(static_cast<std::uint8_t>(bits >> (8 * i)));
                return;
            }
            case PyKind::Str: Sized(0x8c, 'X', 0x8d, value.text); Memoize(value); return;
            case PyKind::Bytes: Sized('C', 'B', 0x8e, value.text); Memoize(value); return;
            case PyKind::ByteArray: Sized(0, 0, 0x96, value.text); Memoize(value); return;
            case PyKind::Tuple:
                if (value.items.empty()) { Op(')'); return; }
                if (value.items.size() <= 3) {
                    for (const auto& item : value.items) Save(*item);
                    Op(static_cast<std::uint8_t>(0x84 + value.items.size()));
                } else {
                    Op('(');
                    for (const auto& item : value.items) Save(*item);
                    Op('t');
                }
                Memoize(value);
                return;
            case PyKind::List: Op(']'); Memoize(value); Batched(value.items, 1, 'e', 'a'); return;
            case PyKind::Dict: Op('}'); Memoize(value); Batched(value.items, 2, 'u', 's'); return;
            case PyKind::Set: Op(0x8f); Memoize(value); Batched(value.items, 1, 0x90, 0); return;
            case PyKind::FrozenSet:
                Op('(');
                for (const auto& item : value.items) Save(*item);
                Op(0x91);
                Memoize(value);
                return;
            case PyKind::Global: {
                SaveName(value.text, true);
                SaveName(value.name, false);
                Op(0x93);
                Memoize(value);
                return;
            }
            case PyKind::Call: {
                const PyRef callable = value.items.size() > 0 ? value.items[0] : PyNone();
                const PyRef args = value.items.size() > 1 ? value.items[1] : PyTuple({});
                Save(*callable);
                Save(*args);
                if (value.kwargs) {
                    Save(*value.kwargs);
                    Op(0x92);  // NEWOBJ_EX
                } else {
                    Op(value.via_new ? 0x81 : 'R');  // NEWOBJ: cls.__new__ without __init__, as pickled
                }
                Memoize(value);
                if (!value.appended.empty()) Batched(value.appended, 1, 'e', 'a');
                if (!value.set_items.empty()) Batched(value.set_items, 2, 'u', 's');
                if (value.state) {
                    Save(*value.state);
                    Op('b');
                }
                return;
            }
        }
    }

    Bytes m_body;
    std::unordered_map<const PyValue*, std::size_t> m_memo;
    std::size_t m_next_memo = 0;
    std::unordered_map<std::string, std::size_t> m_module_memo;
    int m_depth = 0;
    bool m_too_deep = false;
};

}  // namespace

Result<Bytes> EncodePickle(const PyValue& value) { return Writer().Finish(value); }

Result<std::string> EncodePickledField(const PyValue& value) {
    auto bytes = EncodePickle(value);
    if (!bytes) return bytes.error();
    return EncodeBase64(bytes.value());
}

}  // namespace core
