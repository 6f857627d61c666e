// Errors are values at the core boundary: every fallible core call returns Result<T>.
// An Error carries a stable code (for tests and scripts), a human message, and where the problem
// is (a byte offset, "line 3, column 7", a row id) so the UI can point at it.
#pragma once

#include <cassert>
#include <string>
#include <utility>
#include <variant>

namespace core {

struct Error {
    std::string code;     // stable, dotted: "open.not_sqlite", "pickle.truncated"
    std::string message;  // one sentence for a person
    std::string where;    // "byte 1234", "row 7f3a...", "" when it has no location

    // "message (where)" or just the message: how every front end prints an error.
    std::string Describe() const { return where.empty() ? message : message + " (" + where + ")"; }
};

template <class T>
class [[nodiscard]] Result {
public:
    Result(T value) : m_value(std::move(value)) {}
    Result(Error error) : m_value(std::move(error)) {}

    bool ok() const { return std::holds_alternative<T>(m_value); }
    explicit operator bool() const { return ok(); }

    T& value() & { assert(ok() && "Result::value() on an error"); return std::get<T>(m_value); }
    const T& value() const& { assert(ok() && "Result::value() on an error"); return std::get<T>(m_value); }
    // By value from a temporary: `for (auto& x : Make().value())` must not bind to a dying Result.
    T value() && { assert(ok() && "Result::value() on an error"); return std::get<T>(std::move(m_value)); }
    T& operator*() { return value(); }
    const T& operator*() const { return value(); }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }

    const Error& error() const { assert(!ok() && "Result::error() on a value"); return std::get<Error>(m_value); }

private:
    std::variant<T, Error> m_value;
};

// For calls that return nothing but can fail.
struct Ok {};
using Status = Result<Ok>;

inline Error MakeError(std::string code, std::string message, std::string where = {}) {
    return Error{std::move(code), std::move(message), std::move(where)};
}

}  // namespace core
