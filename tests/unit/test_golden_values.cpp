// Every task's args, kwargs and result in both fixture databases, decoded and printed, against
// Python's repr() in golden-*.json (made by the real Django Q). Builtin and standard-library values
// must match exactly; user classes (whose repr needs their code) must show their class path and
// state: tests/data/pickle/golden_user_forms.json holds the readable form expected for each.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <cstdio>
#include <map>

#include "core/decode/pickle_reader.h"
#include "core/decode/py_repr.h"
#include "test_pickle_vectors.h"

using namespace core;

namespace {

// "Point(x=..." -> "Point"; "<demoapp.tasks.Plain object at 0x7f...>" -> "Plain"; "<Color.GREEN: 2>" -> "Color".
std::string GoldenClassName(const std::string& golden) {
    std::string text = golden;
    while (!text.empty() && (text[0] == '<' || text[0] == '(' || text[0] == '[')) text.erase(0, 1);
    text = text.substr(0, text.find_first_of("(: >"));
    if (text.rfind("demoapp.tasks.", 0) == 0) text.erase(0, 14);
    return text.substr(0, text.find('.'));
}

}  // namespace

TEST_CASE("golden: every task value decodes to Python's repr (100% for builtin and standard-library values)") {
    const auto user_forms = nlohmann::json::parse(test::ReadText(test::TestDataPath("pickle/golden_user_forms.json")));
    for (const std::string fixture : {"djq1-1.3.9", "djq2-latest"}) {
        const auto golden = nlohmann::json::parse(test::ReadText(test::FixturePath("golden-" + fixture + ".json")));
        std::map<std::string, const nlohmann::json*> golden_tasks;
        for (const auto& task : golden["tasks"]) golden_tasks[task["id"]] = &task;

        int stdlib_total = 0, stdlib_exact = 0, user_total = 0, user_readable = 0, null_fields = 0;
        std::map<std::string, int> per_field_exact, per_field_total;
        const auto fields = test::FixtureFields(fixture);
        for (const auto& field : fields) {
            INFO(fixture << " task " << field.task_name << " (" << field.task_id << ") " << field.field);
            REQUIRE(golden_tasks.count(field.task_id));
            const auto& expected_json = (*golden_tasks[field.task_id])[field.field];
            REQUIRE(expected_json.is_string());
            const std::string expected = expected_json;
            auto value = DecodePickledField(field.text);
            REQUIRE(value);
            bool exact = false;
            const std::string ours = ReprPython(*value.value(), {}, &exact);
            ++per_field_total[field.field];
            if (HasUserClass(*value.value())) {
                ++user_total;
                // The class path, and the readable form with its state recorded for this value.
                const std::string key = fixture + " " + field.task_id + " " + field.field;
                const bool has_path = ours.find("demoapp.") != std::string::npos && ours.find(GoldenClassName(expected)) != std::string::npos;
                const bool known_form = user_forms.contains(key) && user_forms[key] == ours;
                CHECK(has_path);
                CHECK(known_form);
                CHECK_FALSE(exact);
                user_readable += has_path && known_form;
                if (!known_form) WARN("readable form of " << key << " (golden " << expected << "): " << ours);
            } else {
                ++stdlib_total;
                CHECK(ours == expected);
                CHECK(exact);
                stdlib_exact += ours == expected;
                per_field_exact[field.field] += ours == expected;
            }
        }
        // Fields the database holds as NULL must be null in the goldens too.
        for (const auto& [id, task] : golden_tasks)
            for (const char* name : {"args", "kwargs", "result"}) null_fields += (*task)[name].is_null();
        CHECK(golden_tasks.size() * 3 == fields.size() + static_cast<std::size_t>(null_fields));

        std::printf("golden %s: builtin/stdlib values %d/%d exactly Python's repr (args %d, kwargs %d, result %d); "
                    "user-class values %d/%d show class path and state\n",
                    fixture.c_str(), stdlib_exact, stdlib_total, per_field_exact["args"], per_field_exact["kwargs"], per_field_exact["result"],
                    user_readable, user_total);
        CHECK(stdlib_exact == stdlib_total);
        CHECK(stdlib_total > 150);
        CHECK(user_total >= 5);
    }
}

TEST_CASE("golden: the dumpdata JSON holds the database's values, pickled or (for some) written as themselves") {
    for (const std::string fixture : {"djq1-1.3.9", "djq2-latest"}) {
        std::map<std::string, std::string> stored;
        for (const auto& field : test::FixtureFields(fixture)) stored[field.task_id + " " + field.field] = field.text;
        const auto dump = nlohmann::json::parse(test::ReadText(test::FixturePath(fixture + ".json")));
        int same = 0, as_themselves = 0;
        for (const auto& object : dump) {
            if (object["model"] != "django_q.task") continue;
            for (const char* name : {"args", "kwargs", "result"}) {
                const auto& value = object["fields"][name];
                const std::string key = object["pk"].get<std::string>() + " " + name;
                INFO(fixture << " " << key);
                if (value.is_null()) {
                    CHECK(stored.count(key) == 0);
                } else if (value.is_string() && DecodePickledField(value.get<std::string>())) {
                    // The same text, except a model instance: the database holds it in picklefield's
                    // _ObjectWrapper, dumpdata pickles it bare. Both print the same.
                    if (stored[key] != value.get<std::string>())
                        CHECK(ReprPython(*DecodePickledField(stored[key]).value()) == ReprPython(*DecodePickledField(value.get<std::string>()).value()));
                    ++same;
                } else {
                    // e.g. a Decimal result dumped as "12345.678900", an int as 3: the database has the pickle.
                    REQUIRE(stored.count(key));
                    CHECK(DecodePickledField(stored[key]));
                    ++as_themselves;
                }
            }
        }
        std::printf("dumpdata %s: %d pickled fields as in the database, %d written as plain values\n", fixture.c_str(), same, as_themselves);
        CHECK(same > 200);
    }
}
