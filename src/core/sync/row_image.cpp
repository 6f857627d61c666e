#include "core/sync/row_image.h"

#include "core/decode/base64.h"
#include "core/decode/utf8.h"
#include "core/sched/timestamp.h"

namespace core {
namespace {

constexpr const char* kBytesKey = "bytes_b64";

// The exact bytes of a {"bytes_b64": ...} value; nullopt for anything else.
std::optional<std::string> InvalidTextBytes(const nlohmann::json& value) {
    if (!value.is_object() || value.size() != 1 || !value.contains(kBytesKey) || !value[kBytesKey].is_string()) return std::nullopt;
    auto bytes = DecodeBase64(value[kBytesKey].get_ref<const std::string&>());
    if (!bytes) return std::nullopt;
    return std::string(AsText(bytes.value()));
}

// Table names come from our own whitelist, column names are checked against the table's own
// (CheckColumns) before they are quoted into SQL: a changeset's names are never trusted.
std::string Quote(std::string_view name) { return "\"" + std::string(name) + "\""; }

Status CheckColumns(Db& db, std::string_view table, const RowImage& image) {
    auto stmt = db.Prepare("SELECT 1 FROM pragma_table_info(?1) WHERE name = ?2");
    if (!stmt) return stmt.error();
    for (const auto& [name, value] : image.items()) {
        stmt->Reset();
        stmt->Bind(1, table).Bind(2, name);
        auto found = stmt->Step();
        if (!found) return found.error();
        if (!found.value()) return MakeError("sync.bad_column", "\"" + name + "\" is not a column of " + std::string(table));
        if (!IsColumnValue(value))
            return MakeError("sync.bad_value", "the value of " + name + " must be null, a number or text", std::string(table));
    }
    return Ok{};
}

void BindJson(Stmt& stmt, int index, const nlohmann::json& value) {
    if (value.is_null()) stmt.Bind(index, std::nullopt);
    else if (value.is_boolean()) stmt.Bind(index, static_cast<std::int64_t>(value.get<bool>()));
    else if (value.is_number_integer()) stmt.Bind(index, value.get<std::int64_t>());
    else if (value.is_number()) stmt.Bind(index, value.get<double>());
    else if (value.is_string()) stmt.Bind(index, value.get_ref<const std::string&>());
    else if (auto bytes = InvalidTextBytes(value)) stmt.Bind(index, *bytes);
    else stmt.Bind(index, std::nullopt);  // unreachable: images are checked (CheckColumns) before binding
}

bool SameValue(const nlohmann::json& expected, const nlohmann::json& actual) {
    if (expected == actual) return true;
    if (!expected.is_string() || !actual.is_string()) return false;
    const auto& want = expected.get_ref<const std::string&>();
    const auto a = ParseDjangoDatetime(want), b = ParseDjangoDatetime(actual.get_ref<const std::string&>());
    return a && b && *a % 1000 == 0 && *a / 1000 == *b / 1000;
}

}  // namespace

nlohmann::json TextColumnValue(std::string_view text) {
    if (IsValidUtf8(text)) return std::string(text);
    return {{kBytesKey, EncodeBase64(AsBytes(text))}};
}

nlohmann::json WithExactText(const nlohmann::json& value) {
    if (value.is_string()) return TextColumnValue(value.get_ref<const std::string&>());
    if (!value.is_object() || InvalidTextBytes(value)) return value;
    nlohmann::json image = nlohmann::json::object();
    for (const auto& [column, column_value] : value.items()) image[column] = WithExactText(column_value);
    return image;
}

bool IsColumnValue(const nlohmann::json& value) {
    return value.is_null() || value.is_boolean() || value.is_number() || value.is_string() || InvalidTextBytes(value).has_value();
}

std::string ShowColumnValue(const nlohmann::json& value) {
    if (value.is_string()) return value.get<std::string>();
    if (auto bytes = InvalidTextBytes(value)) return EscapeInvalidUtf8(*bytes);
    return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

bool IsDjangoQTable(std::string_view table) {
    return table == "django_q_task" || table == "django_q_schedule" || table == "django_q_ormq";
}

Result<std::optional<RowImage>> ReadRow(Db& db, std::string_view table, const nlohmann::json& pk) {
    if (!IsDjangoQTable(table)) return MakeError("sync.bad_table", "not a Django Q table: " + std::string(table));
    auto stmt = db.Prepare("SELECT * FROM " + Quote(table) + " WHERE id = ?1");
    if (!stmt) return stmt.error();
    BindJson(stmt.value(), 1, pk);
    auto row = stmt->Step();
    if (!row) return row.error();
    if (!row.value()) return std::optional<RowImage>();
    RowImage image = nlohmann::json::object();
    for (int i = 0; i < stmt->ColumnCount(); ++i) {
        const std::string name = stmt->ColumnName(i);
        switch (stmt->Type(i)) {
            case ColumnType::Null: image[name] = nullptr; break;
            case ColumnType::Integer: image[name] = stmt->Int(i); break;
            case ColumnType::Real: image[name] = stmt->Real(i); break;
            default: image[name] = TextColumnValue(stmt->Text(i)); break;
        }
    }
    return std::optional<RowImage>(std::move(image));
}

Status InsertRow(Db& db, std::string_view table, const RowImage& image) {
    if (!IsDjangoQTable(table)) return MakeError("sync.bad_table", "not a Django Q table: " + std::string(table));
    if (!image.is_object() || image.empty()) return MakeError("sync.bad_image", "an empty row image", std::string(table));
    if (auto checked = CheckColumns(db, table, image); !checked) return checked;
    std::string columns, values;
    int index = 1;
    for (const auto& [name, value] : image.items()) {
        columns += (index > 1 ? ", " : "") + Quote(name);
        values += (index > 1 ? ", ?" : "?") + std::to_string(index);
        ++index;
    }
    auto stmt = db.Prepare("INSERT INTO " + Quote(table) + " (" + columns + ") VALUES (" + values + ")");
    if (!stmt) return stmt.error();
    index = 1;
    for (const auto& [name, value] : image.items()) BindJson(stmt.value(), index++, value);
    return stmt->Run();
}

Status UpdateRow(Db& db, std::string_view table, const RowImage& image) {
    if (!IsDjangoQTable(table)) return MakeError("sync.bad_table", "not a Django Q table: " + std::string(table));
    if (!image.is_object() || !image.contains(std::string(kPrimaryKey)))
        return MakeError("sync.bad_image", "a row image without an id", std::string(table));
    if (auto checked = CheckColumns(db, table, image); !checked) return checked;
    std::string assignments;
    int index = 2;
    for (const auto& [name, value] : image.items()) {
        if (name == kPrimaryKey) continue;
        if (!assignments.empty()) assignments += ", ";
        assignments += Quote(name) + " = ?" + std::to_string(index);
        ++index;
    }
    auto stmt = db.Prepare("UPDATE " + Quote(table) + " SET " + assignments + " WHERE id = ?1");
    if (!stmt) return stmt.error();
    BindJson(stmt.value(), 1, image[std::string(kPrimaryKey)]);
    index = 2;
    for (const auto& [name, value] : image.items())
        if (name != kPrimaryKey) BindJson(stmt.value(), index++, value);
    return stmt->Run();
}

Status DeleteRow(Db& db, std::string_view table, const nlohmann::json& pk) {
    if (!IsDjangoQTable(table)) return MakeError("sync.bad_table", "not a Django Q table: " + std::string(table));
    auto stmt = db.Prepare("DELETE FROM " + Quote(table) + " WHERE id = ?1");
    if (!stmt) return stmt.error();
    BindJson(stmt.value(), 1, pk);
    return stmt->Run();
}

bool SameRow(const RowImage& expected, const RowImage& actual) {
    if (!expected.is_object() || !actual.is_object()) return expected == actual;
    for (const auto& [name, value] : expected.items()) {
        const auto found = actual.find(name);
        if (found == actual.end() || !SameValue(value, *found)) return false;
    }
    return true;
}

RowImage ChangedColumns(const RowImage& before, const RowImage& after) {
    RowImage changed = RowImage::object();
    for (const auto& [column, value] : after.items()) {
        const auto found = before.find(column);
        if (found == before.end() || !SameValue(*found, value)) changed[column] = value;
    }
    return changed;
}

namespace {
// A value in a difference: text quoted, cut to 60 characters (never inside a UTF-8 sequence).
std::string Shown(const nlohmann::json& value) {
    std::string text = ShowColumnValue(value);
    if (text.size() > 60) {
        std::size_t cut = 60;
        while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
        text = text.substr(0, cut) + "…";
    }
    return value.is_string() || value.is_object() ? "\"" + text + "\"" : text;
}
}  // namespace

std::string DescribeDifferences(const RowImage& ours, const RowImage& theirs, std::string_view ours_label,
                                std::string_view theirs_label) {
    std::string differences;
    for (const auto& [column, value] : ours.items()) {
        const auto found = theirs.find(column);
        const nlohmann::json their_value = found == theirs.end() ? nlohmann::json() : *found;
        if (SameValue(value, their_value)) continue;
        if (!differences.empty()) differences += "; ";
        differences += column + ": " + std::string(ours_label) + " " + Shown(value) + ", " + std::string(theirs_label) + " " +
                       Shown(their_value);
    }
    return differences;
}

}  // namespace core
