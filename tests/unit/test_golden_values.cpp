// Every task's args, kwargs and result in both fixtures, decoded and printed, against Python's
// repr() in golden-*.json. Builtin and standard-library values must match exactly; user classes
// (whose repr needs their code) must show their class path and state.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <cstdio>

#include "core/decode/pickle_reader.h"
#include "core/decode/py_repr.h"
#include "core/io/file.h"
#include "core/model/export.h"
#include "core/model/task.h"
#include "test_paths.h"

using namespace core;

namespace {

struct Tally {
    int stdlib_total = 0, stdlib_matched = 0, user_total = 0, user_readable = 0;
};

// The class name a golden user-class repr mentions: "Point(x=..." -> "Point", "<demoapp.tasks.Plain object" -> "Plain".
std::string GoldenClassName(const std::string& golden) {
    std::string text = golden;
    if (!text.empty() && text[0] == '<') text = text.substr(1);
    const auto end = text.find_first_of("(: >");
    text = text.substr(0, end);
    const auto dot = text.rfind('.');
    return dot == std::string::npos ? text : text.substr(dot + 1);
}

}  // namespace

TEST_CASE("golden: every task value decodes to Python's repr (100% for builtin and standard-library values)") {
    for (const char* name : {"djq1-1.3.9", "djq2-latest"}) {
        auto golden_bytes = ReadFile(test::FixturePath(std::string("golden-") + name + ".json"));
        REQUIRE(golden_bytes);
        const auto golden = nlohmann::json::parse(AsText(golden_bytes.value()));
        auto opened = OpenExportFile(test::FixturePath(std::string(name) + ".sqlite3"));
        REQUIRE(opened);

        Tally tally;
        for (const auto& task : golden["tasks"]) {
            auto row = FindTask(opened.value(), task["id"].get<std::string>());
            REQUIRE(row);
            REQUIRE(row->has_value());
            const TaskRow& stored = *row.value();
            for (const auto& [field, text] : {std::pair{"args", stored.args}, std::pair{"kwargs", stored.kwargs}, std::pair{"result", stored.result}}) {
                if (task[field].is_null()) {
                    CHECK_FALSE(text.has_value());
                    continue;
                }
                REQUIRE(text.has_value());
                auto value = DecodePickledField(*text);
                INFO(name << " task " << task["name"].get<std::string>() << " " << field);
                REQUIRE(value);
                const std::string ours = ReprPython(*value.value());
                const std::string expected = task[field].get<std::string>();
                if (HasUserClass(*value.value())) {
                    ++tally.user_total;
                    const bool readable = ours.find(GoldenClassName(expected)) != std::string::npos;
                    tally.user_readable += readable;
                    CHECK(readable);
                } else {
                    ++tally.stdlib_total;
                    tally.stdlib_matched += ours == expected;
                    CHECK(ours == expected);
                }
            }
        }
        std::printf("golden %s: builtin/stdlib values %d/%d match Python's repr exactly; user-class values %d/%d show their class\n",
                    name, tally.stdlib_matched, tally.stdlib_total, tally.user_readable, tally.user_total);
        CHECK(tally.stdlib_total > 150);
        CHECK(tally.user_total >= 5);
    }
}
