#include "core/sync/row_image.h"

#include "core/model/timestamp.h"

namespace core {
namespace {

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
        if (!(value.is_null() || value.is_boolean() || value.is_number() || value.is_string()))
            return MakeError("sync.bad_value", "the value of " + name + " must be null, a number or text", std::string(table));
    }
    return Ok{};
}

void BindJson(Stmt& stmt, int index, const nlohmann::json& value) {
    if (value.is_null()) stmt.Bind(index, std::nullopt);
    else if (value.is_boolean()) stmt.Bind(index, static_cast<std::int64_t>(value.get<bool>()));
    else if (value.is_number_integer()) stmt.Bind(index, value.get<std::int64_t>());
    else if (value.is_number()) stmt.Bind(index, value.get<double>());
    else stmt.Bind(index, value.get_ref<const std::string&>());
}

bool SameValue(const nlohmann::json& expected, const nlohmann::json& actual) {
    if (expected == actual) return true;
    if (!expected.is_string() || !actual.is_string()) return false;
    const auto& want = expected.get_ref<const std::string&>();
    const auto a = ParseDjangoDatetime(want), b = ParseDjangoDatetime(actual.get_ref<const std::string&>());
    return a && b && *a % 1000 == 0 && *a / 1000 == *b / 1000;
}

}  // namespace

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
            default: image[name] = std::string(stmt->Text(i)); break;
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

std::string DescribeDifferences(const RowImage& ours, const RowImage& theirs, std::string_view ours_label,
                                std::string_view theirs_label) {
    std::string differences;
    for (const auto& [column, value] : ours.items()) {
        const auto found = theirs.find(column);
        const nlohmann::json their_value = found == theirs.end() ? nlohmann::json() : *found;
        if (SameValue(value, their_value)) continue;
        if (!differences.empty()) differences += "; ";
        differences += column + ": " + std::string(ours_label) + " " + value.dump().substr(0, 60) + ", " + std::string(theirs_label) +
                       " " + their_value.dump().substr(0, 60);
    }
    return differences;
}

}  // namespace core
