#include "core/decode/py_literal.h"

#include <cmath>
#include <optional>
#include <set>

#include "core/decode/py_repr.h"

namespace core {
namespace {

// ast.literal_eval's parser refuses deeper nesting long before this; so does a cycle, which has no literal.
constexpr int kMaxDepth = 100;

struct Refusal {
    std::string path, reason;
};

std::string KindName(const PyValue& value) {
    switch (value.kind) {
        case PyKind::ByteArray: return "a bytearray";
        case PyKind::FrozenSet: return "a frozenset";
        case PyKind::Global: return "the reference " + value.text + "." + value.name;
        case PyKind::Call:
            if (const PyValue* target = CallTarget(value)) return "a " + target->text + "." + target->name;
            return "an object";
        default: return "this value";
    }
}

bool FiniteComplex(const PyValue& value) {
    if (!IsGlobal(*value.items[0], "builtins", "complex") || value.items.size() < 2 || !value.items[1]) return false;
    for (const auto& part : value.items[1]->items)
        if (!part || part->kind != PyKind::Float || !std::isfinite(part->real)) return false;
    return true;
}

// The first part without a literal, depth first; nullopt when the whole value has one.
std::optional<Refusal> Check(const PyValue& value, const std::string& path, int depth, std::set<const PyValue*>& open) {
    if (depth > kMaxDepth) return Refusal{path, "nested too deeply for a Python literal"};
    switch (value.kind) {
        case PyKind::None: case PyKind::Bool: case PyKind::Int: case PyKind::BigInt: case PyKind::Str: case PyKind::Bytes:
            return std::nullopt;
        case PyKind::Float:
            if (std::isfinite(value.real)) return std::nullopt;
            return Refusal{path, "inf and nan have no Python literal"};
        case PyKind::Call:
            if (FiniteComplex(value)) return std::nullopt;
            return Refusal{path, KindName(value) + " has no Python literal"};
        case PyKind::Set:
            if (value.items.empty()) return Refusal{path, "an empty set has no Python literal (set() is a call)"};
            break;
        case PyKind::Tuple: case PyKind::List: case PyKind::Dict: break;
        default: return Refusal{path, KindName(value) + " has no Python literal"};
    }
    if (!open.insert(&value).second) return Refusal{path, "a container that holds itself has no Python literal"};
    const bool dict = value.kind == PyKind::Dict;
    for (std::size_t i = 0; i < value.items.size(); ++i) {
        const PyValue& item = *value.items[i];
        std::string item_path;
        if (!dict) item_path = path + "[" + std::to_string(i) + "]";
        else if (i % 2 == 0) item_path = path + " key " + ReprPython(item, {20, 60});
        else item_path = path + "[" + ReprPython(*value.items[i - 1], {20, 60}) + "]";
        if (auto refusal = Check(item, item_path, depth + 1, open)) return refusal;
    }
    open.erase(&value);
    return std::nullopt;
}

}  // namespace

Result<std::string> PythonLiteral(const PyValue& value, std::string_view where) {
    std::set<const PyValue*> open;
    if (auto refusal = Check(value, std::string(where), 0, open)) {
        const std::string at = refusal->path.empty() ? "" : refusal->path + ": ";
        return MakeError("literal.none", at + refusal->reason);
    }
    return ReprPython(value);
}

}  // namespace core
