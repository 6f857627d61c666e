#include "core/decode/py_value.h"

#include "core/decode/py_bigint.h"

namespace core {
namespace {

PyRef Make(PyKind kind) {
    auto value = std::make_shared<PyValue>();
    value->kind = kind;
    return value;
}

}  // namespace

PyValue::~PyValue() {
    std::vector<PyRef> pending;
    auto take = [&](PyValue& value) {
        for (auto* list : {&value.items, &value.appended, &value.set_items})
            for (auto& child : *list) pending.push_back(std::move(child));
        if (value.kwargs) pending.push_back(std::move(value.kwargs));
        if (value.state) pending.push_back(std::move(value.state));
    };
    take(*this);
    while (!pending.empty()) {
        PyRef child = std::move(pending.back());
        pending.pop_back();
        // Only a child this tree owns alone is taken apart here; a shared one lives on elsewhere.
        if (child && child.use_count() == 1) take(*child);
    }
}

PyRef PyNone() { return Make(PyKind::None); }
PyRef PyBool(bool value) { auto v = Make(PyKind::Bool); v->boolean = value; return v; }
PyRef PyInt(std::int64_t value) { auto v = Make(PyKind::Int); v->integer = value; return v; }
PyRef PyFloat(double value) { auto v = Make(PyKind::Float); v->real = value; return v; }
PyRef PyStr(std::string utf8) { auto v = Make(PyKind::Str); v->text = std::move(utf8); return v; }
PyRef PyBytes(std::string bytes) { auto v = Make(PyKind::Bytes); v->text = std::move(bytes); return v; }
PyRef PyBigInt(std::string_view decimal) { return IntFromDecimal(decimal); }
PyRef PyByteArray(std::string bytes) { auto v = Make(PyKind::ByteArray); v->text = std::move(bytes); return v; }
PyRef PySet(std::vector<PyRef> items) { auto v = Make(PyKind::Set); v->items = std::move(items); return v; }
PyRef PyFrozenSet(std::vector<PyRef> items) { auto v = Make(PyKind::FrozenSet); v->items = std::move(items); return v; }
PyRef PyTuple(std::vector<PyRef> items) { auto v = Make(PyKind::Tuple); v->items = std::move(items); return v; }
PyRef PyList(std::vector<PyRef> items) { auto v = Make(PyKind::List); v->items = std::move(items); return v; }
PyRef PyDict(std::vector<std::pair<PyRef, PyRef>> items) {
    auto v = Make(PyKind::Dict);
    for (auto& [key, value] : items) {
        v->items.push_back(std::move(key));
        v->items.push_back(std::move(value));
    }
    return v;
}
PyRef PyGlobal(std::string module, std::string name) {
    auto v = Make(PyKind::Global);
    v->text = std::move(module);
    v->name = std::move(name);
    return v;
}
PyRef PyCall(PyRef callable, std::vector<PyRef> args) {
    auto v = Make(PyKind::Call);
    v->items = {std::move(callable), PyTuple(std::move(args))};
    return v;
}

PyRef PyObject(std::string module, std::string name, std::vector<PyRef> args, PyRef state) {
    auto v = PyCall(PyGlobal(std::move(module), std::move(name)), std::move(args));
    v->via_new = true;
    v->state = std::move(state);
    return v;
}

PyRef PyComplex(double real, double imag) { return PyCall(PyGlobal("builtins", "complex"), {PyFloat(real), PyFloat(imag)}); }

namespace {
// CPython's datetime types pickle as type(<packed big-endian fields>[, tzinfo]).
char Byte(int value) { return static_cast<char>(value & 0xFF); }
std::string PackedTime(int hour, int minute, int second, int microsecond) {
    return {Byte(hour), Byte(minute), Byte(second), Byte(microsecond >> 16), Byte(microsecond >> 8), Byte(microsecond)};
}
}  // namespace

PyRef PyDatetime(int year, int month, int day, int hour, int minute, int second, int microsecond, bool utc) {
    std::string packed = {Byte(year >> 8), Byte(year), Byte(month), Byte(day)};
    packed += PackedTime(hour, minute, second, microsecond);
    std::vector<PyRef> args = {PyBytes(std::move(packed))};
    if (utc) args.push_back(PyTimezoneUtc());
    return PyCall(PyGlobal("datetime", "datetime"), std::move(args));
}

PyRef PyDatetimeUtc(int year, int month, int day, int hour, int minute, int second, int microsecond) {
    return PyDatetime(year, month, day, hour, minute, second, microsecond, true);
}

PyRef PyDate(int year, int month, int day) {
    return PyCall(PyGlobal("datetime", "date"), {PyBytes({Byte(year >> 8), Byte(year), Byte(month), Byte(day)})});
}

PyRef PyTime(int hour, int minute, int second, int microsecond) {
    return PyCall(PyGlobal("datetime", "time"), {PyBytes(PackedTime(hour, minute, second, microsecond))});
}

PyRef PyTimedelta(std::int64_t days, std::int64_t seconds, std::int64_t microseconds) {
    auto carry = [](std::int64_t& low, std::int64_t& high, std::int64_t base) {
        std::int64_t q = low / base, r = low % base;
        if (r < 0) { r += base; --q; }
        low = r;
        high += q;
    };
    carry(microseconds, seconds, 1'000'000);
    carry(seconds, days, 86'400);
    return PyCall(PyGlobal("datetime", "timedelta"), {PyInt(days), PyInt(seconds), PyInt(microseconds)});
}

PyRef PyTimezoneUtc() { return PyCall(PyGlobal("datetime", "timezone"), {PyTimedelta(0, 0, 0)}); }

PyRef PyDecimal(std::string text) { return PyCall(PyGlobal("decimal", "Decimal"), {PyStr(std::move(text))}); }

PyRef PyUuid(std::string_view hex) {
    std::string little_endian;  // the 128-bit int, least significant byte first, plus a 0 sign byte
    std::string digits;
    for (char c : hex) {
        if (c == '-') continue;
        const bool is_hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
        if (!is_hex) return nullptr;
        digits += c;
    }
    if (digits.size() != 32) return nullptr;
    auto nibble = [](char c) { return c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10; };
    for (std::size_t i = 32; i >= 2; i -= 2) little_endian += static_cast<char>(nibble(digits[i - 2]) * 16 + nibble(digits[i - 1]));
    little_endian += '\0';
    // UUID.__getstate__ is {'int': <value>}; it is rebuilt with __new__, not __init__.
    return PyObject("uuid", "UUID", {}, PyDict({{PyStr("int"), IntFromLittleEndian(little_endian)}}));
}

PyRef PyOrderedDict(std::vector<std::pair<PyRef, PyRef>> items) {
    auto v = PyCall(PyGlobal("collections", "OrderedDict"), {});
    for (auto& [key, value] : items) {
        v->set_items.push_back(std::move(key));
        v->set_items.push_back(std::move(value));
    }
    return v;
}

const PyValue* CallTarget(const PyValue& call) {
    if (call.kind != PyKind::Call || call.items.size() < 2 || !call.items[0] || call.items[0]->kind != PyKind::Global) return nullptr;
    return call.items[0].get();
}

bool IsGlobal(const PyValue& value, std::string_view module, std::string_view name) {
    return value.kind == PyKind::Global && value.text == module && value.name == name;
}

const PyValue* DictItem(const PyValue& dict, std::string_view key) {
    if (dict.kind != PyKind::Dict) return nullptr;
    for (std::size_t i = 0; i + 1 < dict.items.size(); i += 2)
        if (dict.items[i]->kind == PyKind::Str && dict.items[i]->text == key) return dict.items[i + 1].get();
    return nullptr;
}

}  // namespace core
