#include "core/sync/fixture_export.h"

#include <nlohmann/json.hpp>

#include "core/model/timestamp.h"

namespace core {
namespace {

using Json = nlohmann::json;

struct ModelTable {
    const char* model;
    const char* table;
};
constexpr ModelTable kTables[] = {{"django_q.task", "django_q_task"}, {"django_q.schedule", "django_q_schedule"},
                                  {"django_q.ormq", "django_q_ormq"}};

bool IsDatetimeColumn(std::string_view column) {
    return column == "started" || column == "stopped" || column == "next_run" || column == "lock";
}

// "2026-11-24 01:34:22.519804" -> "2026-11-24T01:34:22.519804Z", as Django's serializer spells UTC.
Json DatetimeJson(std::string_view stored) {
    const auto micros = ParseDjangoDatetime(stored);
    if (!micros) return Json(std::string(stored));
    std::string text = FormatDjangoDatetime(*micros);
    text[10] = 'T';
    return text + "Z";
}

Json ColumnJson(const Stmt& stmt, int column, const std::string& name) {
    switch (stmt.Type(column)) {
        case ColumnType::Null: return nullptr;
        case ColumnType::Integer: return name == "success" ? Json(stmt.Int(column) != 0) : Json(stmt.Int(column));
        case ColumnType::Real: return stmt.Real(column);
        default: return IsDatetimeColumn(name) ? DatetimeJson(stmt.Text(column)) : Json(std::string(stmt.Text(column)));
    }
}

}  // namespace

Result<std::string> ExportFixture(Export& export_) {
    // Written object by object (as Json::dump(2) of the whole list would print it), so memory holds
    // the text and one object, not a tree of every row as well.
    std::string out;
    const auto append = [&out](const Json& object) {
        const std::string text = object.dump(2, ' ', false, Json::error_handler_t::replace);
        out += out.empty() ? "[\n  " : ",\n  ";
        for (const char c : text) {
            out += c;
            if (c == '\n') out += "  ";
        }
    };
    std::int64_t objects_written = 0;
    for (const ModelTable& entry : kTables) {
        if (std::string_view(entry.table) == "django_q_ormq" && !export_.schema.has_ormq) continue;
        auto stmt = export_.db.Prepare(std::string("SELECT * FROM ") + entry.table + " ORDER BY id");
        if (!stmt) return stmt.error();
        while (true) {
            auto row = stmt->Step();
            if (!row) return row.error();
            if (!row.value()) break;
            Json object = {{"model", entry.model}, {"pk", nullptr}, {"fields", Json::object()}};
            for (int i = 0; i < stmt->ColumnCount(); ++i) {
                const std::string name = stmt->ColumnName(i);
                if (name == "id") object["pk"] = ColumnJson(stmt.value(), i, name);
                else object["fields"][name] = ColumnJson(stmt.value(), i, name);
            }
            if (object["pk"].is_null())  // SQLite allows a NULL text id; loaddata does not
                return MakeError("fixture.no_pk", std::string("a row of ") + entry.table + " has no id: loaddata would refuse the fixture",
                                 std::string(entry.table) + " row after " + std::to_string(objects_written));
            append(object);
            ++objects_written;
        }
    }
    return out.empty() ? std::string("[]") : out + "\n]";
}

}  // namespace core
