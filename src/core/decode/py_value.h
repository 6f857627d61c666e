// The value tree a pickle decodes to. Nothing is ever executed: a class or function the pickle
// names is a Global node, and a call it would make (REDUCE, NEWOBJ, INST, OBJ) is a Call node
// holding the callable, its arguments and whatever state BUILD, APPENDS or SETITEMS gave it.
// py_repr.h knows which standard-library calls mean datetime, Decimal, OrderedDict, ...
// complex has no node kind of its own: pickle stores it as builtins.complex(re, im), so it is
// that Call (PyComplex builds one). Nodes may be shared (memo), and a decoded tree may even hold
// cycles (a list containing itself); every walker here bounds depth and tracks what it visits.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace core {

enum class PyKind {
    None, Bool, Int, BigInt, Float, Str, Bytes, ByteArray,
    Tuple, List, Dict, Set, FrozenSet,
    Global,  // module + name
    Call,    // callable(*args, **kwargs) + state + appended items
};

struct PyValue;
using PyRef = std::shared_ptr<PyValue>;

struct PyValue {
    PyValue() = default;
    PyValue(const PyValue&) = default;
    PyValue& operator=(const PyValue&) = default;
    // Tears children down with a work list: a hostile pickle nests 100,000 lists, and recursive
    // destruction would overflow the stack.
    ~PyValue();

    PyKind kind = PyKind::None;
    bool boolean = false;
    std::int64_t integer = 0;  // Int
    double real = 0.0;         // Float
    // Str: UTF-8 text; Bytes/ByteArray: raw bytes; BigInt: decimal digits with a leading '-' when
    // negative; Global: the module.
    std::string text;
    std::string name;  // Global: the qualified name
    // Tuple/List/Set/FrozenSet: the elements; Dict: key, value, key, value, ...
    // Call: items[0] the callable, items[1] the positional arguments (a Tuple).
    std::vector<PyRef> items;
    bool via_new = false;         // Call made by cls.__new__(cls, *args) (NEWOBJ), not cls(*args) (REDUCE)
    PyRef kwargs;                 // Call from NEWOBJ_EX: a Dict, else null
    PyRef state;                  // Call: what BUILD set (usually a Dict of attributes), else null
    std::vector<PyRef> appended;  // Call: items APPENDS added (deque, list subclasses)
    std::vector<PyRef> set_items; // Call: key, value pairs SETITEMS added (OrderedDict, dict subclasses)
};

// Constructors for code that builds values (the demo generator, resubmit, tests).
PyRef PyNone();
PyRef PyBool(bool value);
PyRef PyInt(std::int64_t value);
PyRef PyFloat(double value);
PyRef PyStr(std::string utf8);
// An int of any size from decimal digits with an optional '-' (an Int when it fits 64 bits);
// null when the text is not an integer.
PyRef PyBigInt(std::string_view decimal);
PyRef PyBytes(std::string bytes);
PyRef PyByteArray(std::string bytes);
PyRef PyTuple(std::vector<PyRef> items);
PyRef PyList(std::vector<PyRef> items);
PyRef PyDict(std::vector<std::pair<PyRef, PyRef>> items);
PyRef PySet(std::vector<PyRef> items);  // in the order given (Python's own order is not knowable)
PyRef PyFrozenSet(std::vector<PyRef> items);
PyRef PyGlobal(std::string module, std::string name);
PyRef PyCall(PyRef callable, std::vector<PyRef> args);
// What NEWOBJ builds: cls.__new__(cls, *args), then BUILD with `state` (a Dict of attributes) when
// not null. This is how Python pickles dataclasses and plain objects.
PyRef PyObject(std::string module, std::string name, std::vector<PyRef> args, PyRef state);

// Standard-library values, pickled exactly as CPython 3.8+ pickles them.
PyRef PyComplex(double real, double imag);
// datetime.datetime(year, ..., microsecond, tzinfo=datetime.timezone.utc) when `utc`.
PyRef PyDatetime(int year, int month, int day, int hour, int minute, int second, int microsecond, bool utc);
PyRef PyDatetimeUtc(int year, int month, int day, int hour, int minute, int second, int microsecond);
PyRef PyDate(int year, int month, int day);
PyRef PyTime(int hour, int minute, int second, int microsecond);
// datetime.timedelta; the parts are normalised as Python does (0 <= seconds < 86400, 0 <= us < 10^6).
PyRef PyTimedelta(std::int64_t days, std::int64_t seconds, std::int64_t microseconds);
PyRef PyTimezoneUtc();  // datetime.timezone.utc
PyRef PyDecimal(std::string text);  // decimal.Decimal(text): the text as repr shows it, e.g. "1.10"
// uuid.UUID from 32 hex digits (dashes allowed); null when that is not what the text holds.
PyRef PyUuid(std::string_view hex);
PyRef PyOrderedDict(std::vector<std::pair<PyRef, PyRef>> items);

// The Call node's callable when it is a Global (else null); the Call's args tuple elements.
const PyValue* CallTarget(const PyValue& call);
bool IsGlobal(const PyValue& value, std::string_view module, std::string_view name);
// The value under a str key of a Dict node; null when absent or not a dict.
const PyValue* DictItem(const PyValue& dict, std::string_view key);

}  // namespace core
