#include "core/sync/dumpdata_import.h"

#include <nlohmann/json.hpp>

#include "core/decode/base64.h"
#include "core/decode/pickle_writer.h"
#include "core/sched/timestamp.h"
#include "core/schema/schema.h"
#include "core/sync/dumpdata_object.h"

namespace core {
namespace {

using Json = nlohmann::json;

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

std::string Where(std::size_t index, const DumpdataObject& object) {
    std::string where = "object " + std::to_string(index + 1);
    if (!object.model) return where;
    where += " (" + *object.model;
    if (object.pk) where += ", pk " + DescribeJson(*object.pk);
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

PyRef PythonValueOf(const DumpdataValue& value) {
    switch (value.type) {
        case DumpdataValue::Type::Null: return PyNone();
        case DumpdataValue::Type::Bool: return PyBool(value.boolean);
        case DumpdataValue::Type::Integer: return PyInt(value.integer);
        case DumpdataValue::Type::String: return PyStr(std::string(value.text));
        case DumpdataValue::Type::OtherJson: break;
    }
    return PythonValueOf(Json::parse(value.text));
}

// Whether dumpdata wrote this text as a base64 pickle: it decodes and is framed like one (PROTO
// first, STOP last). Cheaper than decoding the whole pickle, which import does not need.
bool LooksLikePickledText(std::string_view text) {
    if (!text.starts_with("gA") || !IsBase64(text)) return false;  // "gA": base64 of 0x80 (PROTO)
    const std::size_t unpadded = text.find_last_not_of('=') + 1;
    if (unpadded < 4) return false;  // fewer than three bytes
    // STOP is the last byte, which the last group of four characters holds.
    const auto last = DecodeBase64(text.substr((unpadded - 1) / 4 * 4));
    return last && last->back() == '.';
}

// Binds a pickled field: the base64 pickle dumpdata wrote, kept as it is, or the pickle of the
// value loaddata would store.
std::optional<std::string> BindPickled(Stmt& stmt, int index, const DumpdataValue& value) {
    if (value.type == DumpdataValue::Type::String && LooksLikePickledText(value.text)) {
        stmt.BindInPlace(index, value.text);
        return std::nullopt;
    }
    auto text = EncodePickledField(*PythonValueOf(value));
    if (!text) return "cannot be pickled: " + text.error().message;
    stmt.Bind(index, text.value());
    return std::nullopt;
}

// Binds one field's value at `index`, or explains why it cannot.
std::optional<std::string> BindField(Stmt& stmt, int index, Kind kind, const DumpdataValue* value) {
    using Type = DumpdataValue::Type;
    const bool optional = kind == Kind::OptionalText || kind == Kind::OptionalInteger || kind == Kind::OptionalDatetime ||
                          kind == Kind::Pickled;
    if (!value || value->type == Type::Null) {
        if (!optional) return "is missing or null, but must be " + KindName(kind);
        stmt.Bind(index, std::nullopt);
        return std::nullopt;
    }
    switch (kind) {
        case Kind::Pickled: return BindPickled(stmt, index, *value);
        case Kind::Text:
        case Kind::OptionalText:
            if (value->type != Type::String) break;
            stmt.BindInPlace(index, value->text);
            return std::nullopt;
        case Kind::Bool:
            if (value->type != Type::Bool) break;
            stmt.Bind(index, static_cast<std::int64_t>(value->boolean));
            return std::nullopt;
        case Kind::Integer:
        case Kind::OptionalInteger:
            if (value->type != Type::Integer) break;
            stmt.Bind(index, value->integer);
            return std::nullopt;
        case Kind::Datetime:
        case Kind::OptionalDatetime: {
            if (value->type != Type::String) break;
            const auto micros = ParseDjangoDatetime(value->text);
            if (!micros) return "is " + DescribeJson(*value) + ", not a UTC date and time like \"2026-11-24T01:34:22.756Z\"";
            stmt.Bind(index, FormatDjangoDatetime(*micros));
            return std::nullopt;
        }
    }
    return "is " + DescribeJson(*value).substr(0, 60) + ", but must be " + KindName(kind);
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

Status InsertObject(Stmt& stmt, const Model& model, Variant variant, const DumpdataObject& object, std::size_t index) {
    stmt.Reset();
    const DumpdataValue& pk = *object.pk;
    if (pk.type != (model.text_pk ? DumpdataValue::Type::String : DumpdataValue::Type::Integer))
        return MakeError("dumpdata.bad_field", "the primary key must be " + std::string(model.text_pk ? "text" : "a whole number"),
                         Where(index, object));
    // Texts are bound in place: the object's views outlive the insert.
    if (model.text_pk) stmt.BindInPlace(1, pk.text); else stmt.Bind(1, pk.integer);

    int column = 2;
    for (const Field& field : model.fields) {
        if (variant == Variant::DjangoQ1 && IsQ2Only(model, field.name)) continue;
        const DumpdataValue* value = object.Field(field.name);
        // django-q before 1.3 has no attempt_count; Django's default for the column is 0.
        constexpr DumpdataValue kZero{DumpdataValue::Type::Integer, false, 0, {}};
        if (!value && std::string_view(field.name) == "attempt_count") value = &kZero;
        if (auto problem = BindField(stmt, column++, field.kind, value))
            return MakeError("dumpdata.bad_field", std::string("field \"") + field.name + "\" " + *problem, Where(index, object));
    }
    if (auto done = stmt.Run(); !done)
        return MakeError("dumpdata.bad_object", "the row does not fit Django Q's table: " + done.error().message, Where(index, object));
    return Ok{};
}

// Line and column of a byte offset, for messages a person can find in an editor.
std::string LineAndColumn(std::string_view text, std::size_t offset) {
    std::size_t line = 1, column = 1;
    for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
        if (text[i] == '\n') {
            ++line;
            column = 1;
        } else {
            ++column;
        }
    }
    return "line " + std::to_string(line) + ", column " + std::to_string(column);
}

Error SyntaxError(std::string_view text, std::size_t offset, const std::string& what) {
    return MakeError("dumpdata.syntax", "not valid JSON at " + LineAndColumn(text, offset) + ": " + what, "byte " + std::to_string(offset));
}

}  // namespace

bool LooksLikeJson(ByteView bytes) {
    std::size_t i = 0;
    if (bytes.size() >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF) i = 3;  // UTF-8 byte order mark
    for (; i < bytes.size(); ++i) {
        const std::uint8_t byte = bytes[i];
        if (byte == ' ' || byte == '\n' || byte == '\r' || byte == '\t') continue;
        return byte == '[' || byte == '{';
    }
    return false;
}

struct DumpdataImport::State {
    ByteView json;
    std::shared_ptr<const void> owner;  // of the json's bytes, when the import keeps them
    std::size_t pos = 0;         // where the scan goes on
    std::size_t index = 0;       // objects seen
    std::size_t django_q_objects = 0;
    bool started = false, finished = false;
    std::optional<Variant> variant;
    std::vector<std::pair<DumpdataObject, std::size_t>> waiting;  // ormq objects seen before the variant was known
    DumpdataObject object;  // the one being read, kept for its buffers' capacity
    std::optional<Db> db;
    std::optional<Stmt> inserts[3];  // per model, prepared once the variant is known

    std::string_view Text() const { return AsText(json); }

    void SkipBlanks() {
        const auto text = Text();
        while (pos < text.size() && (text[pos] == ' ' || text[pos] == '\n' || text[pos] == '\r' || text[pos] == '\t')) ++pos;
    }

    // The byte range of the next list element starting at `pos`, found by matching brackets outside
    // strings; nlohmann then parses just that range.
    Result<std::size_t> ElementEnd() const {
        const auto text = Text();
        int depth = 0;
        bool in_string = false, escaped = false;
        for (std::size_t i = pos; i < text.size(); ++i) {
            const char c = text[i];
            if (in_string) {
                if (escaped) escaped = false;
                else if (c == '\\') escaped = true;
                else if (c == '"') in_string = false;
                continue;
            }
            if (c == '"') in_string = true;
            else if (c == '{' || c == '[') {
                // dumpdata nests three levels (list, object, fields) plus a JSONField's value: deeper
                // input is refused here, before a recursive reader could run out of stack.
                if (++depth > kMaxDumpdataDepth)
                    return SyntaxError(text, i, "nested deeper than " + std::to_string(kMaxDumpdataDepth) + " levels");
            }
            else if (c == '}' || c == ']') {
                if (--depth == 0) return i + 1;
                if (depth < 0) return SyntaxError(text, i, "unexpected '" + std::string(1, c) + "'");
            } else if (depth == 0 && (c == ',' )) {
                return i;  // a scalar element
            }
        }
        return SyntaxError(text, text.size(), "the file ends inside the list (cut short?)");
    }

    Status Begin(Variant chosen) {
        variant = chosen;
        auto opened = Db::OpenMemory();
        if (!opened) return opened.error();
        db.emplace(std::move(opened.value()));
        if (auto created = CreateDjangoQTables(*db, chosen); !created) return created;
        if (auto begun = db->Exec("BEGIN"); !begun) return begun;
        for (std::size_t m = 0; m < 3; ++m) {
            auto stmt = db->Prepare(InsertSql(kModels[m], chosen));
            if (!stmt) return stmt.error();
            inserts[m].emplace(std::move(stmt.value()));
        }
        for (auto& [object, at] : waiting)
            if (auto done = Insert(object, at); !done) return done;
        waiting.clear();
        return Ok{};
    }

    Status Insert(const DumpdataObject& object, std::size_t at) {
        for (std::size_t m = 0; m < 3; ++m)
            if (*object.model == kModels[m].name) return InsertObject(*inserts[m], kModels[m], *variant, object, at);
        return Ok{};
    }

    // Checks one read object, learns the variant from the first task or schedule, inserts it.
    Status Take(DumpdataObject& object, std::size_t at) {
        if (!object.model || !object.has_fields || !object.pk)
            return MakeError("dumpdata.bad_object", "each object needs \"model\", \"pk\" and \"fields\"", Where(at, object));
        const std::string& model = *object.model;
        if (model.rfind("django_q.", 0) != 0) return Ok{};  // another app's object in a full dumpdata
        if (!FindModel(model))
            return MakeError("dumpdata.unknown_model", "unknown Django Q model \"" + model + "\" (known: task, schedule, ormq)", Where(at, object));
        ++django_q_objects;
        if (!variant) {
            if (model == "django_q.ormq") {  // says nothing about the version: keep it for later
                waiting.emplace_back(std::move(object), at);
                return Ok{};
            }
            const bool q2 = object.Field(model == "django_q.task" ? "cluster" : "intended_date_kwarg") != nullptr;
            if (auto begun = Begin(q2 ? Variant::DjangoQ2 : Variant::DjangoQ1); !begun) return begun;
        }
        return Insert(object, at);
    }
};

DumpdataImport::DumpdataImport(ByteView json, std::shared_ptr<const void> owner) : m_state(std::make_unique<State>()) {
    m_state->json = json;
    m_state->owner = std::move(owner);
}
DumpdataImport::~DumpdataImport() = default;

double DumpdataImport::Progress() const {
    return m_state->json.empty() ? 1.0 : static_cast<double>(m_state->pos) / static_cast<double>(m_state->json.size());
}

Result<bool> DumpdataImport::Step(std::size_t max_objects) {
    State& s = *m_state;
    const auto text = s.Text();
    if (!s.started) {
        s.SkipBlanks();
        if (s.pos < text.size() && static_cast<unsigned char>(text[s.pos]) == 0xEF) s.pos += 3;  // UTF-8 byte order mark
        s.SkipBlanks();
        if (s.pos < text.size() && text[s.pos] == '{')
            return MakeError("dumpdata.not_a_list", "JSON, but not a dumpdata fixture: dumpdata writes a list of objects", "byte 0");
        if (s.pos >= text.size() || text[s.pos] != '[') return SyntaxError(text, s.pos, "expected a list of objects");
        ++s.pos;
        s.started = true;
    }
    for (std::size_t n = 0; n < max_objects && !s.finished; ++n) {
        s.SkipBlanks();
        if (s.pos >= text.size()) return SyntaxError(text, s.pos, "the file ends inside the list (cut short?)");
        if (text[s.pos] == ']') {
            ++s.pos;
            s.SkipBlanks();
            if (s.pos != text.size()) return SyntaxError(text, s.pos, "text after the end of the list");
            s.finished = true;
            break;
        }
        if (s.index > 0) {
            if (text[s.pos] != ',') return SyntaxError(text, s.pos, "expected ',' or ']' between objects");
            ++s.pos;
            s.SkipBlanks();
        }
        auto end = ReadPlainObject(text, s.pos, s.object);
        if (!end) {
            auto element_end = s.ElementEnd();
            if (!element_end) return element_end.error();
            if (auto bad = ReadAnyObject(text.substr(s.pos, element_end.value() - s.pos), s.object))
                return SyntaxError(text, s.pos + bad->offset, bad->message);
            end = element_end.value();
        }
        if (auto taken = s.Take(s.object, s.index); !taken) return taken.error();
        s.pos = end.value();
        ++s.index;
    }
    return s.finished;
}

Result<Db> DumpdataImport::Finish() {
    State& s = *m_state;
    if (!s.finished) return MakeError("dumpdata.unfinished", "the import has not read the whole fixture yet");
    if (s.django_q_objects == 0)
        return MakeError("dumpdata.no_django_q", "a dumpdata fixture without Django Q objects (run `manage.py dumpdata django_q`)");
    if (!s.variant)
        if (auto begun = s.Begin(Variant::DjangoQ2); !begun) return begun.error();  // only ormq rows: both versions agree
    for (auto& stmt : s.inserts) stmt.reset();
    if (auto indexed = CreateDjangoQIndexes(*s.db, *s.variant); !indexed) return indexed.error();
    if (auto committed = s.db->Exec("COMMIT"); !committed) return committed.error();
    return std::move(*s.db);
}

Result<Db> ImportDumpdata(ByteView json) {
    DumpdataImport job(json);
    while (true) {
        auto step = job.Step(SIZE_MAX);
        if (!step) return step.error();
        if (step.value()) return job.Finish();
    }
}

}  // namespace core
