#include "core/sync/fixture_export.h"

#include <nlohmann/json.hpp>

#include "core/sched/timestamp.h"

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

Status WriteFixture(Export& export_, const TextSink& sink) {
    // Each object is printed as Json::dump(2) of the whole list would print it.
    constexpr std::size_t kPieceBytes = std::size_t{1} << 20;
    std::string piece;
    bool first = true;
    const auto append = [&](const Json& object) -> Status {
        const std::string text = object.dump(2, ' ', false, Json::error_handler_t::replace);
        piece += first ? "[\n  " : ",\n  ";
        first = false;
        for (const char c : text) {
            piece += c;
            if (c == '\n') piece += "  ";
        }
        if (piece.size() < kPieceBytes) return Ok{};
        auto sent = sink(piece);
        piece.clear();
        return sent;
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
            if (auto sent = append(object); !sent) return sent;
            ++objects_written;
        }
    }
    piece += first ? "[]" : "\n]";
    return sink(piece);
}

Result<std::string> ExportFixture(Export& export_) {
    std::string text;
    auto written = WriteFixture(export_, [&text](std::string_view piece) -> Status {
        text += piece;
        return Ok{};
    });
    if (!written) return written.error();
    return text;
}

}  // namespace core
