// Internal to the repr printer (py_repr*.cpp): a node's repr is described as a list of pieces,
// literal text or a child node still to print, so the printer can walk any depth with its own
// stack instead of the machine's.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/decode/py_repr.h"
#include "core/decode/py_value.h"

namespace core::repr_detail {

struct Piece {
    std::string text;
    const PyValue* node = nullptr;  // print this node here (text is then empty)
};

class Pieces {
public:
    Pieces& operator<<(std::string_view text) {
        if (text.empty()) return *this;
        if (m_parts.empty() || m_parts.back().node) m_parts.push_back({});
        m_parts.back().text += text;
        return *this;
    }
    Pieces& operator<<(const PyValue& node) {
        m_parts.push_back({{}, &node});
        return *this;
    }
    Pieces& operator<<(const Pieces& other) {
        for (const auto& part : other.m_parts) part.node ? (*this << *part.node) : (*this << part.text);
        m_shortened |= other.m_shortened;
        return *this;
    }
    // items[0], items[step], ... separated by ", "; with step 2 each is "key: value". Past
    // `max_items` the rest is counted: ", …(N more)".
    Pieces& Items(const std::vector<PyRef>& items, std::size_t step, std::size_t max_items);
    bool empty() const { return m_parts.empty(); }
    std::vector<Piece>& parts() { return m_parts; }
    bool shortened() const { return m_shortened; }  // a cap left some items out
    void MarkShortened() { m_shortened = true; }

private:
    std::vector<Piece> m_parts;
    bool m_shortened = false;
};

// The exact repr of a standard-library or builtin call (datetime, Decimal, OrderedDict, complex,
// builtin exceptions...); false when `call` is not one this printer knows, or not in the shape
// CPython pickles it.
bool StandardCall(const PyValue& call, const PyValue& target, const ReprOptions& options, Pieces& out);
// The Call node's positional arguments (empty when malformed).
const std::vector<PyRef>& CallArgs(const PyValue& call);
std::string GlobalName(const PyValue& global);

}  // namespace core::repr_detail
