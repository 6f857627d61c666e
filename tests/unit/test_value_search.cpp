// Search inside decoded args, kwargs and result (issue 5, item 2): filled in steps, and matching
// exactly the tasks whose decoded text holds every word, case-insensitively.
#include <catch2/catch.hpp>

#include <algorithm>

#include "core/model/task_query.h"
#include "core/model/task_search.h"
#include "core/model/value_search.h"
#include "test_fixtures.h"

using namespace core;

namespace {

std::string Lower(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return text;
}

}  // namespace

TEST_CASE("value search is filled in steps and finds words only the decoded values hold") {
    for (const char* fixture : {"djq1-1.3.9.sqlite3", "djq2-latest.sqlite3"}) {
        INFO(fixture);
        Export e = test::OpenFixtureCopy(fixture);
        auto status = ValueSearchStatus(e).value();
        CHECK(status.indexed == 0);
        CHECK(status.total > 70);
        int steps = 0;
        while (!status.done()) {
            status = IndexDecodedValues(e, status, 10).value();
            ++steps;
        }
        CHECK(steps == status.total / 10 + 1);  // the last step finds fewer than 10
        CHECK(status.indexed == status.total);
        CHECK(ValueSearchStatus(e)->done());

        // The index's matches against a plain substring test of each task's text (decoding itself is
        // checked against Python's reprs by the golden tests). Short words and wildcards take the
        // paths the trigram index cannot serve.
        std::vector<std::string> texts;
        auto all = e.db.Prepare("SELECT args, kwargs, result, name, func, coalesce(\"group\", '') FROM django_q_task");
        while (all->Step().value())
            texts.push_back(Lower(SearchableText(all->OptionalText(0), all->OptionalText(1), all->OptionalText(2)) + "\n" +
                                  std::string(all->Text(3)) + "\n" + std::string(all->Text(4)) + "\n" + std::string(all->Text(5))));
        for (const char* word : {"origin-ish", "TIMEZONE.UTC", "division by zero", "pl", "50%"}) {
            INFO(word);
            const std::int64_t expected = std::count_if(texts.begin(), texts.end(), [&](const std::string& text) {
                return text.find(Lower(word)) != std::string::npos;
            });
            std::int64_t found = 0, admin_found = 0;
            for (TaskKind kind : {TaskKind::Successful, TaskKind::Failed}) {
                TaskQuery query;
                query.kind = kind;
                query.search = std::string("\"") + word + "\"";
                query.search_values = true;
                found += CountTasks(e, query).value();
                query.search_values = false;
                admin_found += CountTasks(e, query).value();
            }
            CHECK(found == expected);
            if (std::string(word).size() > 3) {
                CHECK(expected > 0);
                CHECK(admin_found == 0);  // the admin's search cannot see them
            }
        }
    }
}

TEST_CASE("value search answered from the in-memory index finds the same tasks, in the same order, as SQL") {
    Export e = test::MakeDemoExport(DemoOptions{.tasks = 3000});
    auto status = ValueSearchStatus(e).value();
    status = IndexDecodedValues(e, status, 1000).value();  // part of the tasks: what a list shows meanwhile
    auto answer = [&](const char* search, TaskKind kind) {
        TaskQuery query;
        query.kind = kind;
        query.search = search;
        query.search_values = true;
        query.limit = 50;
        std::vector<std::string> ids;
        for (const auto& row : QueryTasks(e, query).value()) ids.push_back(row.id);
        return std::make_pair(CountTasks(e, query).value(), ids);
    };
    const char* searches[] = {"decimal", "DECIMAL eur", "shipped", "uploads 320", "no-such-value", "e"};
    std::vector<std::pair<std::int64_t, std::vector<std::string>>> by_sql;
    for (const char* search : searches)
        for (TaskKind kind : {TaskKind::Successful, TaskKind::Failed, TaskKind::All}) by_sql.push_back(answer(search, kind));
    REQUIRE(AttachTaskSearch(e));
    while (!LoadTaskSearch(e, 997).value()) {}
    std::size_t i = 0;
    for (const char* search : searches) {
        for (TaskKind kind : {TaskKind::Successful, TaskKind::Failed, TaskKind::All}) {
            INFO(search << " kind " << static_cast<int>(kind));
            CHECK(answer(search, kind) == by_sql[i++]);
        }
    }
    CHECK(by_sql[0].first > 0);
}
