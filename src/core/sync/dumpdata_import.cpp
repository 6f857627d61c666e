#include "core/sync/dumpdata_import.h"

#include <nlohmann/json.hpp>

#include "core/decode/base64.h"
#include "core/decode/pickle_writer.h"
#include "core/model/timestamp.h"
#include "core/schema/schema.h"

namespace core {
namespace {

using Json = nlohmann::json;

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

enum class Kind { Text, OptionalText, Bool, Integer, OptionalInteger, Datetime, OptionalDatetime, Pickled };

struct Field {
    const char* name;
    Kind kind;
};

// Columns in insert order (after the primary key), per model; `q2_only` fields are absent in q1.
constexpr Field kTaskFields[] = {{"name", Kind::Text}, {"func", Kind::Text}, {"hook", Kind::OptionalText},
                                 {"args", Kind::Pickled}, {"kwargs", Kind::Pickled},
                                 {"result", Kind::Pickled}, {"started", Kind::Datetime},
                                 {"stopped", Kind::Datetime}, {"success", Kind::Bool}, {"group", Kind::OptionalText},
                                 {"attempt_count", Kind::OptionalInteger}, {"cluster", Kind::OptionalText}};
constexpr Field kScheduleFields[] = {{"name", Kind::OptionalText}, {"func", Kind::Text}, {"hook", Kind::OptionalText},
                                     {"args", Kind::OptionalText}, {"kwargs", Kind::OptionalText},
                                     {"schedule_type", Kind::Text}, {"minutes", Kind::OptionalInteger},
                                     {"repeats", Kind::Integer}, {"next_run", Kind::OptionalDatetime},
                                     {"cron", Kind::OptionalText}, {"task", Kind::OptionalText},
                                     {"cluster", Kind::OptionalText}, {"intended_date_kwarg", Kind::OptionalText}};
constexpr Field kOrmqFields[] = {{"key", Kind::Text}, {"payload", Kind::Text}, {"lock", Kind::OptionalDatetime}};

struct Model {
    const char* name;
    const char* table;
    std::span<const Field> fields;
    bool text_pk;
};
constexpr Model kModels[] = {{"django_q.task", "django_q_task", kTaskFields, true},
                             {"django_q.schedule", "django_q_schedule", kScheduleFields, false},
                             {"django_q.ormq", "django_q_ormq", kOrmqFields, false}};

const Model* FindModel(std::string_view name) {
    for (const auto& model : kModels)
        if (name == model.name) return &model;
    return nullptr;
}

bool IsQ2Only(const Model& model, std::string_view field) {
    return (std::string_view(model.table) == "django_q_task" && field == "cluster") || field == "intended_date_kwarg";
}

std::string Where(std::size_t index, const Json& object) {
    std::string where = "object " + std::to_string(index + 1);
    if (object.is_object() && object.contains("model") && object["model"].is_string())
        where += " (" + object["model"].get<std::string>();
    else
        return where;
    if (object.contains("pk")) where += ", pk " + object["pk"].dump();
    return where + ")";
}

std::string KindName(Kind kind) {
    switch (kind) {
        case Kind::Text: return "text";
        case Kind::OptionalText: return "text or null";
        case Kind::Bool: return "true or false";
        case Kind::Integer: return "a whole number";
        case Kind::OptionalInteger: return "a whole number or null";
        case Kind::Datetime: return "a date and time";
        case Kind::OptionalDatetime: return "a date and time or null";
        case Kind::Pickled: return "a pickled value";
    }
    return "?";
}

// What loaddata's PickledObjectField.to_python makes of a JSON value: dumpdata writes a pickle as
// base64 text, but "protected" values (numbers, and datetimes as ISO text) as themselves.
PyRef PythonValueOf(const Json& value) {
    if (value.is_null()) return PyNone();
    if (value.is_boolean()) return PyBool(value.get<bool>());
    if (value.is_number_integer()) return PyInt(value.get<std::int64_t>());
    if (value.is_number()) return PyFloat(value.get<double>());
    if (value.is_string()) return PyStr(value.get<std::string>());
    std::vector<PyRef> items;
    if (value.is_array()) {
        for (const auto& item : value) items.push_back(PythonValueOf(item));
        return PyList(std::move(items));
    }
    std::vector<std::pair<PyRef, PyRef>> pairs;
    for (const auto& [key, item] : value.items()) pairs.emplace_back(PyStr(key), PythonValueOf(item));
    return PyDict(std::move(pairs));
}

// Whether dumpdata wrote this text as a base64 pickle: it decodes and is framed like one (PROTO
// first, STOP last). Cheaper than decoding the whole pickle, which import does not need.
bool LooksLikePickledText(const std::string& text) {
    if (text.size() < 4 || text.compare(0, 2, "gA") != 0) return false;  // base64 of 0x80 (PROTO)
    auto bytes = DecodeBase64(text);
    return bytes && bytes->size() >= 3 && bytes->front() == 0x80 && bytes->back() == '.';
}

// The column text for a pickled field: the base64 pickle dumpdata wrote, kept as it is, or the
// pickle of the value loaddata would store.
Result<std::string> PickledFieldText(const Json& value) {
    if (value.is_string() && LooksLikePickledText(value.get_ref<const std::string&>())) return value.get<std::string>();
    return EncodePickledField(*PythonValueOf(value));
}

// Binds one field's value at `index`, or explains why it cannot.
std::optional<std::string> BindField(Stmt& stmt, int index, Kind kind, const Json* value) {
    const bool optional = kind == Kind::OptionalText || kind == Kind::OptionalInteger || kind == Kind::OptionalDatetime ||
                          kind == Kind::Pickled;
    if (!value || value->is_null()) {
        if (!optional) return "is missing or null, but must be " + KindName(kind);
        stmt.Bind(index, std::nullopt);
        return std::nullopt;
    }
    switch (kind) {
        case Kind::Pickled: {
            auto text = PickledFieldText(*value);
            if (!text) return "cannot be pickled: " + text.error().message;
            stmt.Bind(index, text.value());
            return std::nullopt;
        }
        case Kind::Text:
        case Kind::OptionalText:
            if (!value->is_string()) break;
            stmt.Bind(index, value->get_ref<const std::string&>());
            return std::nullopt;
        case Kind::Bool:
            if (!value->is_boolean()) break;
            stmt.Bind(index, static_cast<std::int64_t>(value->get<bool>()));
            return std::nullopt;
        case Kind::Integer:
        case Kind::OptionalInteger:
            if (!value->is_number_integer()) break;
            stmt.Bind(index, value->get<std::int64_t>());
            return std::nullopt;
        case Kind::Datetime:
        case Kind::OptionalDatetime: {
            if (!value->is_string()) break;
            const auto micros = ParseDjangoDatetime(value->get_ref<const std::string&>());
            if (!micros) return "is " + value->dump() + ", not a UTC date and time like \"2026-11-24T01:34:22.756Z\"";
            stmt.Bind(index, FormatDjangoDatetime(*micros));
            return std::nullopt;
        }
    }
    return "is " + value->dump().substr(0, 60) + ", but must be " + KindName(kind);
}

std::string InsertSql(const Model& model, Variant variant) {
    std::string columns = "id", values = "?1";
    int index = 2;
    for (const Field& field : model.fields) {
        if (variant == Variant::DjangoQ1 && IsQ2Only(model, field.name)) continue;
        columns += std::string(", \"") + field.name + "\"";
        values += ", ?" + std::to_string(index++);
    }
    return std::string("INSERT INTO ") + model.table + " (" + columns + ") VALUES (" + values + ")";
}

Status InsertObject(Stmt& stmt, const Model& model, Variant variant, const Json& object, std::size_t index) {
    stmt.Reset();
    const Json& pk = object["pk"];
    if (model.text_pk ? !pk.is_string() : !pk.is_number_integer())
        return MakeError("dumpdata.bad_field", "the primary key must be " + std::string(model.text_pk ? "text" : "a whole number"),
                         Where(index, object));
    if (model.text_pk) stmt.Bind(1, pk.get_ref<const std::string&>()); else stmt.Bind(1, pk.get<std::int64_t>());

    const Json& fields = object["fields"];
    int column = 2;
    for (const Field& field : model.fields) {
        if (variant == Variant::DjangoQ1 && IsQ2Only(model, field.name)) continue;
        const auto found = fields.find(field.name);
        const Json* value = found == fields.end() ? nullptr : &*found;
        // django-q before 1.3 has no attempt_count; Django's default for the column is 0.
        Json zero = 0;
        if (!value && std::string_view(field.name) == "attempt_count") value = &zero;
        if (auto problem = BindField(stmt, column++, field.kind, value))
            return MakeError("dumpdata.bad_field", std::string("field \"") + field.name + "\" " + *problem, Where(index, object));
    }
    if (auto done = stmt.Run(); !done)
        return MakeError("dumpdata.bad_object", "the row does not fit Django Q's table: " + done.error().message, Where(index, object));
    return Ok{};
}

}  // namespace

bool LooksLikeJson(ByteView bytes) {
    for (std::uint8_t byte : bytes) {
        if (byte == ' ' || byte == '\n' || byte == '\r' || byte == '\t') continue;
        if (byte == 0xEF) continue;  // a UTF-8 byte order mark's first byte; the rest follow
        return byte == '[' || byte == '{';
    }
    return false;
}

Result<Db> ImportDumpdata(ByteView json) {
    Json root;
    PositionedParser parser(root);
    const std::string_view text = AsText(json);
    if (!Json::sax_parse(text.begin(), text.end(), &parser) || !parser.error_message.empty())
        return MakeError("dumpdata.syntax", "not valid JSON: " + parser.error_message, "byte " + std::to_string(parser.error_byte));
    if (!root.is_array())
        return MakeError("dumpdata.not_a_list", "JSON, but not a dumpdata fixture: dumpdata writes a list of objects", "byte 0");

    // First pass: check the objects' shape and learn the variant from the fields present.
    std::size_t django_q_objects = 0;
    Variant variant = Variant::DjangoQ1;
    for (std::size_t i = 0; i < root.size(); ++i) {
        const Json& object = root[i];
        if (!object.is_object() || !object.contains("model") || !object["model"].is_string() || !object.contains("fields") ||
            !object["fields"].is_object() || !object.contains("pk"))
            return MakeError("dumpdata.bad_object", "each object needs \"model\", \"pk\" and \"fields\"", Where(i, object));
        const std::string& model = object["model"].get_ref<const std::string&>();
        if (model.rfind("django_q.", 0) != 0) continue;
        if (!FindModel(model))
            return MakeError("dumpdata.unknown_model", "unknown Django Q model \"" + model + "\" (known: task, schedule, ormq)",
                             Where(i, object));
        ++django_q_objects;
        const Json& fields = object["fields"];
        if ((model == "django_q.task" && fields.contains("cluster")) || fields.contains("intended_date_kwarg"))
            variant = Variant::DjangoQ2;
    }
    if (django_q_objects == 0)
        return MakeError("dumpdata.no_django_q", "a dumpdata fixture without Django Q objects (run `manage.py dumpdata django_q`)");

    auto opened = Db::OpenMemory();
    if (!opened) return opened.error();
    Db db = std::move(opened.value());
    if (auto created = CreateDjangoQSchema(db, variant); !created) return created.error();
    auto inserted = InTransaction(db, [&]() -> Status {
        for (const Model& model : kModels) {
            auto stmt = db.Prepare(InsertSql(model, variant));
            if (!stmt) return stmt.error();
            for (std::size_t i = 0; i < root.size(); ++i) {
                if (root[i]["model"] != model.name) continue;
                if (auto done = InsertObject(stmt.value(), model, variant, root[i], i); !done) return done;
            }
        }
        return Ok{};
    });
    if (!inserted) return inserted.error();
    return db;
}

}  // namespace core
