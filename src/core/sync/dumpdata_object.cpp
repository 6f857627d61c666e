#include "core/sync/dumpdata_object.h"

#include <nlohmann/json.hpp>

namespace core {
namespace {

using Json = nlohmann::json;

// A cursor over the fixture for the plain shape. Every reader returns false on anything else, and
// the caller hands the object to the full parser.
class PlainReader {
public:
    PlainReader(std::string_view text, std::size_t pos) : m_text(text), m_pos(pos) {}
    std::size_t pos() const { return m_pos; }

    bool Skip(char expected) {
        SkipBlanks();
        if (m_pos >= m_text.size() || m_text[m_pos] != expected) return false;
        ++m_pos;
        return true;
    }
    bool Peek(char expected) {
        SkipBlanks();
        return m_pos < m_text.size() && m_text[m_pos] == expected;
    }

    // A string of printable ASCII without escapes: its characters are the fixture's own bytes.
    bool String(std::string_view& out) {
        if (!Skip('"')) return false;
        const std::size_t start = m_pos;
        for (; m_pos < m_text.size(); ++m_pos) {
            const auto byte = static_cast<unsigned char>(m_text[m_pos]);
            if (byte == '"') {
                out = m_text.substr(start, m_pos++ - start);
                return true;
            }
            if (byte == '\\' || byte < 0x20 || byte >= 0x80) return false;
        }
        return false;
    }

    bool Scalar(DumpdataValue& out) {
        SkipBlanks();
        if (m_pos >= m_text.size()) return false;
        const char first = m_text[m_pos];
        if (first == '"') {
            out.type = DumpdataValue::Type::String;
            return String(out.text);
        }
        if (first == '-' || (first >= '0' && first <= '9')) return Integer(out);
        for (const auto& [word, type, boolean] : kWords) {
            if (m_text.substr(m_pos, word.size()) != word) continue;
            m_pos += word.size();
            out.type = type;
            out.boolean = boolean;
            return true;
        }
        return false;  // an array or object
    }

private:
    struct Word {
        std::string_view text;
        DumpdataValue::Type type;
        bool boolean;
    };
    static constexpr Word kWords[] = {{"null", DumpdataValue::Type::Null, false},
                                      {"true", DumpdataValue::Type::Bool, true},
                                      {"false", DumpdataValue::Type::Bool, false}};

    void SkipBlanks() {
        while (m_pos < m_text.size() &&
               (m_text[m_pos] == ' ' || m_text[m_pos] == '\n' || m_text[m_pos] == '\r' || m_text[m_pos] == '\t'))
            ++m_pos;
    }

    // JSON integers up to 18 digits (no int64 overflow); fractions, exponents and leading zeros
    // go to the full parser.
    bool Integer(DumpdataValue& out) {
        const bool negative = m_text[m_pos] == '-';
        std::size_t i = m_pos + (negative ? 1 : 0);
        const std::size_t digits_start = i;
        while (i < m_text.size() && m_text[i] >= '0' && m_text[i] <= '9') ++i;
        const std::size_t digits = i - digits_start;
        if (digits == 0 || digits > 18 || (digits > 1 && m_text[digits_start] == '0')) return false;
        if (i < m_text.size() && (m_text[i] == '.' || m_text[i] == 'e' || m_text[i] == 'E')) return false;
        std::int64_t value = 0;
        for (std::size_t d = digits_start; d < i; ++d) value = value * 10 + (m_text[d] - '0');
        out.type = DumpdataValue::Type::Integer;
        out.integer = negative ? -value : value;
        m_pos = i;
        return true;
    }

    std::string_view m_text;
    std::size_t m_pos;
};

bool ReadPlainFields(PlainReader& reader, DumpdataObject& object) {
    if (!reader.Skip('{')) return false;
    object.has_fields = true;
    if (reader.Skip('}')) return true;
    do {
        std::string_view name;
        DumpdataValue value;
        if (!reader.String(name) || !reader.Skip(':') || !reader.Scalar(value)) return false;
        object.fields.emplace_back(name, value);
    } while (reader.Skip(','));
    return reader.Skip('}');
}

// A parsed tree's value as a DumpdataValue whose text the object owns.
DumpdataValue ValueOf(const Json& json, std::deque<std::string>& owned) {
    DumpdataValue value;
    if (json.is_null()) return value;
    if (json.is_boolean()) {
        value.type = DumpdataValue::Type::Bool;
        value.boolean = json.get<bool>();
    } else if (json.is_number_integer()) {
        value.type = DumpdataValue::Type::Integer;
        value.integer = json.get<std::int64_t>();
    } else if (json.is_string()) {
        value.type = DumpdataValue::Type::String;
        value.text = owned.emplace_back(json.get<std::string>());
    } else {
        value.type = DumpdataValue::Type::OtherJson;
        value.text = owned.emplace_back(json.dump());
    }
    return value;
}

// nlohmann's DOM parser, keeping the byte offset and message of a syntax error instead of throwing.
struct PositionedParser : nlohmann::detail::json_sax_dom_parser<Json> {
    explicit PositionedParser(Json& root) : json_sax_dom_parser(root, false) {}
    template <class Exception>
    bool parse_error(std::size_t position, const std::string&, const Exception& error) {
        error_byte = position > 0 ? position - 1 : 0;  // nlohmann counts characters read; ours is an offset
        error_message = error.what();
        return false;
    }
    std::size_t error_byte = 0;
    std::string error_message;
};

// nlohmann's message without its own position ("... parse error at line 1, column 5: syntax error
// while parsing ..." -> "syntax error while parsing ...").
std::string WithoutPosition(const std::string& message) {
    const auto colon = message.find(": ", message.find("parse error"));
    return colon == std::string::npos ? message : message.substr(colon + 2);
}

}  // namespace

std::string DescribeJson(const DumpdataValue& value) {
    switch (value.type) {
        case DumpdataValue::Type::Null: return "null";
        case DumpdataValue::Type::Bool: return value.boolean ? "true" : "false";
        case DumpdataValue::Type::Integer: return std::to_string(value.integer);
        case DumpdataValue::Type::String: return Json(std::string(value.text)).dump();
        case DumpdataValue::Type::OtherJson: return std::string(value.text);
    }
    return {};
}

const DumpdataValue* DumpdataObject::Field(std::string_view name) const {
    for (auto field = fields.rbegin(); field != fields.rend(); ++field)
        if (field->first == name) return &field->second;
    return nullptr;
}

void DumpdataObject::Clear() {
    model.reset();
    pk.reset();
    has_fields = false;
    fields.clear();
    owned.clear();
}

std::optional<std::size_t> ReadPlainObject(std::string_view text, std::size_t pos, DumpdataObject& object) {
    object.Clear();
    PlainReader reader(text, pos);
    if (!reader.Skip('{')) return std::nullopt;
    do {
        std::string_view key, model;
        if (!reader.String(key) || !reader.Skip(':')) return std::nullopt;
        if (key == "fields") {
            if (object.has_fields || !ReadPlainFields(reader, object)) return std::nullopt;
            continue;
        }
        DumpdataValue value;
        if (!reader.Scalar(value)) return std::nullopt;
        if (key == "model" && value.type == DumpdataValue::Type::String) object.model = std::string(value.text);
        else if (key == "pk" && (value.type == DumpdataValue::Type::String || value.type == DumpdataValue::Type::Integer)) object.pk = value;
        else if (key == "model" || key == "pk") return std::nullopt;
    } while (reader.Skip(','));
    if (!reader.Skip('}') || !object.model || !object.pk || !object.has_fields) return std::nullopt;
    return reader.pos();
}

std::optional<JsonSyntaxError> ReadAnyObject(std::string_view element, DumpdataObject& object) {
    object.Clear();
    Json json;
    PositionedParser parser(json);
    if (!Json::sax_parse(element.begin(), element.end(), &parser) || !parser.error_message.empty())
        return JsonSyntaxError{parser.error_byte, WithoutPosition(parser.error_message)};
    if (!json.is_object()) return std::nullopt;
    if (const auto model = json.find("model"); model != json.end() && model->is_string()) object.model = model->get<std::string>();
    if (const auto pk = json.find("pk"); pk != json.end()) object.pk = ValueOf(*pk, object.owned);
    if (const auto fields = json.find("fields"); fields != json.end() && fields->is_object()) {
        object.has_fields = true;
        for (const auto& [name, value] : fields->items())
            object.fields.emplace_back(object.owned.emplace_back(name), ValueOf(value, object.owned));
    }
    return std::nullopt;
}

}  // namespace core
