#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "core/model/task_rows_file.h"
#include "test_fixtures.h"

using namespace core;

namespace {

std::string Written(Export& e, const TaskQuery& query, const std::vector<TaskFileColumn>& columns, RowsFormat format) {
    std::string out;
    REQUIRE(WriteTaskRows(e, query, columns, format, [&](std::string_view piece) -> Status {
        out += piece;
        return Ok{};
    }));
    return out;
}

}  // namespace

TEST_CASE("a task list as CSV: a header, then every matching task in the list's order, quoted where needed") {
    Export e = test::OpenFixtureCopy("djq2-latest.sqlite3");
    TaskQuery query;
    query.kind = TaskKind::Failed;
    query.limit = 1'000;
    const std::string csv = Written(e, query, {TaskFileColumn::Name, TaskFileColumn::Func, TaskFileColumn::Stopped, TaskFileColumn::Result}, RowsFormat::Csv);
    std::vector<std::string> lines;
    for (std::size_t at = 0; at < csv.size();) {
        // A quoted result may hold line breaks: split only where a line ends outside quotes.
        bool quoted = false;
        std::size_t end = at;
        for (; end + 1 < csv.size() && !(csv[end] == '\r' && csv[end + 1] == '\n' && !quoted); ++end)
            if (csv[end] == '"') quoted = !quoted;
        lines.push_back(csv.substr(at, end - at));
        at = end + 2;
    }
    REQUIRE(lines.size() == 9);  // the header and 8 failed tasks
    CHECK(lines[0] == "name,func,stopped,result");
    const auto rows = QueryTasks(e, query).value();
    for (std::size_t i = 0; i < rows.size(); ++i) CHECK(lines[i + 1].rfind(rows[i].name + "," + rows[i].func + "," + rows[i].stopped + ",", 0) == 0);
    // "bad value for field 'amount': -3 : Traceback…" has a comma: quoted.
    CHECK(csv.find(",\"bad value for field 'amount': -3 : Traceback") != std::string::npos);
}

TEST_CASE("a task list as JSON: an object per matching task with the chosen columns, NULL as null") {
    Export e = test::OpenFixtureCopy("djq2-latest.sqlite3");
    TaskQuery query;
    query.kind = TaskKind::All;
    query.func = "demoapp.tasks.fail";
    const auto json = nlohmann::json::parse(Written(e, query, {TaskFileColumn::Id, TaskFileColumn::Status, TaskFileColumn::Group, TaskFileColumn::TimeTaken},
                                                   RowsFormat::Json));
    REQUIRE(json.size() == 6);
    const auto ids = MatchingTaskIds(e, query).value();
    for (std::size_t i = 0; i < ids.size(); ++i) {
        CHECK(json[i]["id"] == ids[i]);
        CHECK(json[i]["status"] == "failed");
        CHECK(json[i].size() == 4);
    }
    query.func = "no.such.func";
    CHECK(nlohmann::json::parse(Written(e, query, {TaskFileColumn::Id}, RowsFormat::Json)).empty());
}
