// One object of a dumpdata fixture (`{"model": …, "pk": …, "fields": {…}}`), as the import binds
// it. A fixture is mostly objects of one plain shape, so the common case is read in place, without
// a JSON tree; anything else (escapes, non-ASCII text, nested values, bad JSON) is left to a full
// JSON parser, which gives the same values or the syntax error's position.
#pragma once

#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace core {

// A JSON value as a dumpdata field holds it. Compound and fractional values, which only a pickled
// field accepts (loaddata pickles them), keep their JSON text.
struct DumpdataValue {
    enum class Type : std::uint8_t { Null, Bool, Integer, String, OtherJson };
    Type type = Type::Null;
    bool boolean = false;
    std::int64_t integer = 0;
    std::string_view text;  // a String's characters, or an OtherJson's JSON text
};

// The value as JSON text, for messages ("is 12, but must be text").
std::string DescribeJson(const DumpdataValue& value);

struct DumpdataObject {
    std::optional<std::string> model;  // unset when absent or not text
    std::optional<DumpdataValue> pk;
    bool has_fields = false;           // "fields" is an object
    std::vector<std::pair<std::string_view, DumpdataValue>> fields;
    std::deque<std::string> owned;     // text the views point into when it is not the fixture's own bytes

    // The field's value (the last one when a name repeats, as JSON parsers keep), or null.
    const DumpdataValue* Field(std::string_view name) const;
    void Clear();
};

// Reads the object starting at `pos` in place when it has the plain shape: a "model" string, a
// "pk" string or integer, "fields" of scalars, strings of printable ASCII without escapes. Returns
// the offset just after it, or nothing (with `object` in an unspecified state) for any other text.
std::optional<std::size_t> ReadPlainObject(std::string_view text, std::size_t pos, DumpdataObject& object);

// Reads the JSON text of one list element with a full parser. Errors are the offset (within
// `element`) and message of a syntax error.
struct JsonSyntaxError {
    std::size_t offset;
    std::string message;
};
std::optional<JsonSyntaxError> ReadAnyObject(std::string_view element, DumpdataObject& object);

}  // namespace core
