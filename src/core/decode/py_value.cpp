#include "core/decode/py_value.h"

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

PyRef PyDatetime(int year, int month, int day, int hour, int minute, int second, int microsecond, bool utc) {
    // CPython pickles a datetime as datetime(<10 packed bytes>[, tzinfo]).
    std::string packed = {static_cast<char>(year >> 8), static_cast<char>(year & 0xFF), static_cast<char>(month),
                          static_cast<char>(day), static_cast<char>(hour), static_cast<char>(minute),
                          static_cast<char>(second), static_cast<char>(microsecond >> 16),
                          static_cast<char>((microsecond >> 8) & 0xFF), static_cast<char>(microsecond & 0xFF)};
    std::vector<PyRef> args = {PyBytes(std::move(packed))};
    if (utc) args.push_back(PyCall(PyGlobal("datetime", "timezone"), {PyCall(PyGlobal("datetime", "timedelta"), {PyInt(0), PyInt(0), PyInt(0)})}));
    return PyCall(PyGlobal("datetime", "datetime"), std::move(args));
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
