// Issue 19 drawn with the null backend: the overview's figures are the core's, a bar, a func or a
// failure group opens the list of exactly its tasks, the health panel, the Funcs page, and a list
// exported as a file.
#include "null_imgui.h"
#include "../unit/test_fixtures.h"

#include "core/demo/demo.h"
#include "core/model/task_edits.h"
#include "platform_null.h"
#include "ui/app/time_display.h"
#include "ui/navigation/location.h"

using namespace test;

namespace {

std::int64_t SumOfBars(const nlohmann::json& mirror, const std::string& series) {
    std::int64_t sum = 0;
    for (const auto& item : mirror["items"])
        if (item["role"] == "bar" && item["name"].get<std::string>().rfind(series + " ", 0) == 0) sum += std::stoll(item["value"].get<std::string>());
    return sum;
}

const nlohmann::json* FirstBar(const nlohmann::json& mirror, const std::string& series) {
    for (const auto& item : mirror["items"])
        if (item["role"] == "bar" && item["name"].get<std::string>().rfind(series + " ", 0) == 0) return &item;
    return nullptr;
}

}  // namespace

TEST_CASE("dashboard: the fixtures' failure rate, time taken and bars are the core's figures") {
    NullImGui imgui;
    ui::ChooseZone("UTC");
    for (const char* fixture : {"djq1-1.3.9.sqlite3", "djq2-latest.sqlite3"}) {
        INFO(fixture);
        ui::App app = OpenFixture(fixture);
        const auto mirror = Render(app, 4);
        core::Export copy = OpenFixtureCopy(fixture);
        const auto expected = core::ComputeTaskInsights(copy, core::TimeZone::Utc(), std::nullopt).value();
        char rate[64];
        std::snprintf(rate, sizeof rate, "%.1f%% (%lld of %lld tasks)", 100.0 * expected.FailureRate(), static_cast<long long>(expected.failures),
                      static_cast<long long>(expected.tasks));
        CHECK(ValueOf(mirror, "Failure rate") == rate);
        CHECK(ValueOf(mirror, "Time taken") == "p50 " + core::SecondsText(expected.time_taken.p50) + " · p95 " +
                                                   core::SecondsText(expected.time_taken.p95) + " · max " + core::SecondsText(expected.time_taken.max));
        CHECK(SumOfBars(mirror, "Succeeded") == expected.tasks - expected.failures);
        CHECK(SumOfBars(mirror, "Failed") == expected.failures);
        CHECK(ItemNamed(mirror, "Failure groups (" + std::to_string(expected.failure_groups.size()) + ")"));
        CHECK(ItemNamed(mirror, expected.funcs.front().func));
    }
}

TEST_CASE("dashboard: a bar, a func and a failure group each open the list of exactly their tasks") {
    NullImGui imgui;
    ui::ChooseZone("UTC");
    ui::App app;
    ui::OpenDemo(app);
    auto mirror = Render(app, 4);
    const auto* bar = FirstBar(mirror, "Failed");
    REQUIRE(bar);
    const std::string failed_that_day = (*bar)["value"];
    CHECK(ValueOf(mirror, "Per") == "(not shown)");  // the bucket choice is radios, named by their labels
    CHECK(ValueOf(mirror, "Auto") == "selected");
    app.mirror.RequestActivation((*bar)["name"]);
    mirror = Render(app, 4);
    CHECK(mirror["view"] == "failed");
    const std::string results = ValueOf(mirror, "Results");
    CHECK(results.rfind(failed_that_day + (failed_that_day == "1" ? " result (" : " results ("), 0) == 0);
    CHECK(ValueOf(mirror, "Stopped filter") == "Custom range");

    // Per week: fewer, taller bars; the list of a week's successes matches its bar too.
    ShowList(app, ui::Page::Overview);
    app.mirror.RequestActivation("Week");
    mirror = Render(app, 3);
    CHECK(ValueOf(mirror, "Week") == "selected");
    bar = FirstBar(mirror, "Succeeded");
    REQUIRE(bar);
    const std::string succeeded_that_week = (*bar)["value"];
    app.mirror.RequestActivation((*bar)["name"]);
    mirror = Render(app, 4);
    CHECK(mirror["view"] == "successful");
    CHECK(ValueOf(mirror, "Results").rfind(succeeded_that_week + " results (", 0) == 0);

    // A func opens All tasks of that func alone; the largest failure group's headline, its tasks.
    core::Export copy = core::ExportOf(core::MakeDemoDatabase(core::DemoOptions{}), "demo").value();
    const auto expected = core::ComputeTaskInsights(copy, core::TimeZone::Utc(), std::nullopt).value();
    const core::FuncMetrics& busiest = expected.funcs.front();
    ShowList(app, ui::Page::Overview);
    Render(app, 2);
    app.mirror.RequestActivation(busiest.func);
    mirror = Render(app, 4);
    CHECK(mirror["view"] == "all-tasks");
    CHECK(ValueOf(mirror, "Only") == "tasks of func " + busiest.func);
    CHECK(ValueOf(mirror, "Results") == std::to_string(busiest.runs) + " results (2,000 total)");

    const core::FailureGroup& largest = expected.failure_groups.front();
    REQUIRE(largest.count > 1);
    ShowList(app, ui::Page::Overview);
    Render(app, 2);
    app.mirror.RequestActivation(largest.signature.exception_type + ": " + largest.signature.message);
    mirror = Render(app, 4);
    CHECK(mirror["view"] == "failed");
    const std::string failed = std::to_string(expected.failures);
    CHECK(ValueOf(mirror, "Results") == std::to_string(largest.count) + " results (" + failed + " total)");
    CHECK(ValueOf(mirror, "Only").find("the tasks of failure group") == 0);
    // Every row shown is one of the group's, newest first: the first is its example.
    const auto* first_row = [&]() -> const nlohmann::json* {
        for (const auto& item : mirror["items"])
            if (item["role"] == "row") return &item;
        return nullptr;
    }();
    REQUIRE(first_row);
    auto example = copy.db.Prepare("SELECT name FROM django_q_task WHERE id = ?1");
    example->Bind(1, largest.example_id);
    REQUIRE(example->Step().value());
    CHECK((*first_row)["name"] == std::string(example->Text(0)));
    // Cleared, the list is the whole Failed list again.
    app.mirror.RequestActivation("Show every task");
    mirror = Render(app, 4);
    CHECK(ValueOf(mirror, "Results") == failed + " results (" + failed + " total)");
}

TEST_CASE("dashboard: a failure group's list is a link that opens the same tasks in a new session, before its dashboard is read") {
    NullImGui imgui;
    ui::ChooseZone("UTC");
    core::Export copy = core::ExportOf(core::MakeDemoDatabase(core::DemoOptions{}), "demo").value();
    const auto expected = core::ComputeTaskInsights(copy, core::TimeZone::Utc(), std::nullopt).value();
    const core::FailureGroup& largest = expected.failure_groups.front();
    const std::string failed = std::to_string(expected.failures);
    const std::string link = "#/failed?failure_group=" + largest.signature.LinkId();

    ui::App clicked;
    ui::OpenDemo(clicked);
    Render(clicked, 4);
    clicked.mirror.RequestActivation(largest.signature.Headline());
    const auto shown = Render(clicked, 4);
    CHECK(ui::LocationOf(clicked) == link);

    // A new session goes straight to the link: the list waits for the failure groups, then shows them.
    ui::App linked;
    ui::OpenDemo(linked);
    ui::GoToLocation(linked, link);
    auto mirror = RenderSettled(linked, 50);
    CHECK(mirror["view"] == "failed");
    CHECK(ValueOf(mirror, "Only") == ValueOf(shown, "Only"));
    CHECK(ValueOf(mirror, "Results") == std::to_string(largest.count) + " results (" + failed + " total)");
    CHECK(ui::LocationOf(linked) == link);

    // A group this export does not have is said so, and shows no task.
    ui::GoToLocation(linked, "#/failed?failure_group=000000000000");
    mirror = RenderSettled(linked, 50);
    CHECK(ValueOf(mirror, "Only").find("failure group 000000000000, which demo") != std::string::npos);
    CHECK(ValueOf(mirror, "Results") == "0 results (" + failed + " total)");
    // Cleared, the link names no group.
    linked.mirror.RequestActivation("Show every task");
    mirror = Render(linked, 3);
    CHECK(ValueOf(mirror, "Results") == failed + " results (" + failed + " total)");
    CHECK(ui::LocationOf(linked) == "#/failed");
}

TEST_CASE("dashboard: an edit updates the figures (the scan reads again)") {
    NullImGui imgui;
    ui::App app = OpenFixture("djq2-latest.sqlite3");
    auto mirror = Render(app, 4);
    CHECK(ValueOf(mirror, "Failure rate") == "10.4% (8 of 77 tasks)");
    auto ids = TaskIds(*app.current, 2, false);
    REQUIRE(core::DeleteTasks(*app.current, ids));
    ui::AfterChange(app);
    mirror = Render(app, 4);
    CHECK(ValueOf(mirror, "Failure rate") == "8.0% (6 of 75 tasks)");
}

namespace {

std::vector<std::string> Links(const nlohmann::json& mirror) {
    std::vector<std::string> names;
    for (const auto& item : mirror["items"])
        if (item["role"] == "link") names.push_back(item["name"]);
    return names;
}

}  // namespace

TEST_CASE("Funcs page: every func, busiest first, sortable and searchable, each opening its tasks") {
    NullImGui imgui;
    ui::App app = OpenFixture("djq2-latest.sqlite3");
    ui::GoToLocation(app, "#/funcs");
    auto mirror = Render(app, 4);
    CHECK(mirror["view"] == "funcs");
    core::Export copy = OpenFixtureCopy("djq2-latest.sqlite3");
    const auto expected = core::ComputeTaskInsights(copy, core::TimeZone::Utc(), std::nullopt).value();
    std::vector<std::string> busiest;
    for (const auto& f : expected.funcs) busiest.push_back(f.func);
    CHECK(Links(mirror) == busiest);
    CHECK(ValueOf(mirror, "Results") == std::to_string(busiest.size()) + " results (" + std::to_string(busiest.size()) + " total)");

    // By p95, slowest first: the func the core finds slowest leads.
    app.funcs.sort_column = 6;
    mirror = Render(app, 2);
    const auto slowest = std::max_element(expected.funcs.begin(), expected.funcs.end(),
                                          [](const auto& a, const auto& b) { return a.time_taken.p95 < b.time_taken.p95; });
    CHECK(Links(mirror).front() == slowest->func);

    app.funcs.search = "TASKS.F";
    mirror = Render(app, 2);
    CHECK(Links(mirror) == std::vector<std::string>{"demoapp.tasks.fail"});
    CHECK(ValueOf(mirror, "Results") == "1 result (" + std::to_string(busiest.size()) + " total)");
    app.mirror.RequestActivation("demoapp.tasks.fail");
    mirror = Render(app, 4);
    CHECK(mirror["view"] == "all-tasks");
    CHECK(ValueOf(mirror, "Results") == "6 results (77 total)");
    CHECK(ui::LocationOf(app) == "#/tasks?func=demoapp.tasks.fail");
}

TEST_CASE("dashboard: the health panel lists what needs attention, and a row opens its schedule") {
    NullImGui imgui;
    ui::App app = OpenFixture("djq1-1.3.9.sqlite3");
    auto mirror = Render(app, 6);
    CHECK(ItemNamed(mirror, "Needs attention (1)"));
    CHECK(ItemNamed(mirror, "Overdue schedules (1)"));
    CHECK(ItemNamed(mirror, "Paused schedules (2), for your information"));
    app.mirror.RequestActivation("Schedule 18 cron-other-cluster");
    mirror = Render(app, 3);
    CHECK(mirror["view"] == "schedule");
    CHECK(app.schedule_editor.id == 18);

    ui::App healthy = OpenFixture("djq2-latest.sqlite3");
    mirror = Render(healthy, 6);
    CHECK(ItemNamed(mirror, "Nothing needs attention"));
}

TEST_CASE("Export rows… writes every task the list matches, in its order, with the shown columns") {
    NullImGui imgui;
    ui::App app = OpenFixture("djq2-latest.sqlite3");
    ui::GoToLocation(app, "#/failed?q=fail");
    auto mirror = Render(app, 4);
    CHECK(ValueOf(mirror, "Results") == "7 results (8 total)");
    test::null_platform.downloads.clear();
    app.mirror.RequestActivation("Export rows…");
    Render(app, 2);
    app.mirror.RequestActivation("CSV");
    mirror = Render(app, 2);
    REQUIRE(test::null_platform.downloads.size() == 1);
    const auto& [name, bytes] = test::null_platform.downloads.front();
    CHECK(name == "djq2-latest-failed-tasks.csv");
    const std::string csv(bytes.begin(), bytes.end());
    // The Failed list shows name, group, func, cluster, started, stopped and result.
    CHECK(csv.rfind("id,name,group,func,cluster,started,stopped,result\r\n", 0) == 0);
    const auto ids = core::MatchingTaskIds(*app.current, app.failed.query).value();
    REQUIRE(ids.size() == 7);
    std::size_t at = csv.find("\r\n") + 2;
    for (const std::string& id : ids) {
        CHECK(csv.compare(at, id.size() + 1, id + ",") == 0);
        // The next record starts after a line end outside quotes.
        bool quoted = false;
        while (at < csv.size() && !(csv[at] == '\r' && !quoted)) quoted ^= csv[at++] == '"';
        at += 2;
    }
    CHECK(at == csv.size());
    CHECK(app.notice.find("Exported djq2-latest-failed-tasks.csv") == 0);
}

TEST_CASE("Export rows… on Scheduled and Queued writes the rows the filters match, with the shown columns, as stored") {
    NullImGui imgui;
    ui::App app = OpenFixture("djq2-latest.sqlite3");
    const auto exported = [&](const char* format) {
        test::null_platform.downloads.clear();
        app.mirror.RequestActivation("Export rows…");
        Render(app, 2);
        app.mirror.RequestActivation(format);
        Render(app, 2);
        REQUIRE(test::null_platform.downloads.size() == 1);
        const auto& [name, bytes] = test::null_platform.downloads.front();
        return std::pair{name, std::string(bytes.begin(), bytes.end())};
    };

    // Scheduled, searched for "daily": the matching schedules in the list's order (next run first).
    ui::GoToLocation(app, "#/schedules?q=daily");
    auto mirror = Render(app, 3);
    CHECK(ValueOf(mirror, "Results") == "3 results (20 total)");
    auto [name, text] = exported("JSON");
    CHECK(name == "djq2-latest-schedules.json");
    const auto schedules = nlohmann::ordered_json::parse(text);  // in the file's column order
    REQUIRE(schedules.size() == 3);
    std::vector<std::string> names;
    for (const auto& row : app.schedules.shown) names.push_back(row->name.value_or(""));
    for (std::size_t i = 0; i < names.size(); ++i) CHECK(schedules[i]["name"] == names[i]);
    // Every shown column, values as stored: schedule 6's last run failed, and its next run is UTC text.
    const auto& failing = *std::find_if(schedules.begin(), schedules.end(), [](const auto& s) { return s["id"] == "6"; });
    CHECK(failing.dump() ==
          R"({"id":"6","name":"failing-daily","func":"demoapp.tasks.fail","schedule_type":"D","repeats":"-1","cluster":null,)"
          R"("next_run":"2026-11-25 01:29:49.303207","last_run":"sink-uncle-idaho-pizza","success":"failed"})");

    // Queued, as CSV: the lock column is the stored lock and its state.
    ui::GoToLocation(app, "#/queued?key=other");
    mirror = Render(app, 3);
    CHECK(ValueOf(mirror, "Results") == "1 result (10 total)");
    std::tie(name, text) = exported("CSV");
    CHECK(name == "djq2-latest-queued.csv");
    CHECK(text.rfind("id,key,name,group,func,lock,lock_state,task_id\r\n81,other,", 0) == 0);
    CHECK(text.find(",2026-11-24 01:35:35.754646,") != std::string::npos);
    CHECK(std::count(text.begin(), text.end(), '\n') == 2);
}

TEST_CASE("dashboard: with the key typed the panel checks signatures, and a long check links to the list of them all") {
    NullImGui imgui;
    ui::App app = OpenFixture("djq2-latest.sqlite3");
    app.resubmit.settings.secret_key = "fixture-secret-key-1-not-for-production";
    auto mirror = Render(app, 6);
    // Entry 81 goes to cluster "other", whose name salts the check; "djqdemo" signed it.
    CHECK(ItemNamed(mirror, "Queue entries the key does not verify (1)"));
    CHECK(ItemNamed(mirror, "Queued task 81 queued-nested"));

    // A week later every dated schedule is overdue: five are listed, the rest are the list's.
    app.fixed_now = core::ParseDjangoDatetime("2026-12-01 00:00:00").value();
    mirror = Render(app, 6);
    const std::string overdue = "#/schedules?overdue=1";
    const nlohmann::json* more = nullptr;
    for (const auto& item : mirror["items"])
        if (item["name"].get<std::string>().find(" more: the overdue schedules") != std::string::npos) more = &item;
    REQUIRE(more);
    const std::string more_name = (*more)["name"];
    app.mirror.RequestActivation(more_name);
    mirror = Render(app, 3);
    CHECK(mirror["view"] == "schedules");
    CHECK(ui::LocationOf(app).rfind(overdue, 0) == 0);
    const std::string shown = ValueOf(mirror, "Results");
    const std::string listed_later = more_name.substr(4, more_name.find(' ', 4) - 4);  // "and N more: …"
    CHECK(shown.rfind(std::to_string(std::stoi(listed_later) + 5) + " results", 0) == 0);
}

TEST_CASE("Export rows… on Funcs writes the funcs shown, in their order, with djq stats' names and values") {
    NullImGui imgui;
    ui::App app = OpenFixture("djq2-latest.sqlite3");
    ui::GoToLocation(app, "#/funcs");
    Render(app, 6);
    app.funcs.search = "tasks";
    Render(app, 2);
    test::null_platform.downloads.clear();
    app.mirror.RequestActivation("Export rows…");
    Render(app, 2);
    app.mirror.RequestActivation("JSON");
    Render(app, 2);
    REQUIRE(test::null_platform.downloads.size() == 1);
    CHECK(test::null_platform.downloads.front().first == "djq2-latest-funcs.json");
    const auto& bytes = test::null_platform.downloads.front().second;
    const auto funcs = nlohmann::json::parse(std::string(bytes.begin(), bytes.end()));
    core::Export copy = OpenFixtureCopy("djq2-latest.sqlite3");
    const auto expected = core::ComputeTaskInsights(copy, core::TimeZone::Utc(), std::nullopt).value();
    std::size_t matching = 0;
    for (const core::FuncMetrics& f : expected.funcs) matching += f.func.find("tasks") != std::string::npos;
    REQUIRE(funcs.size() == matching);
    const core::FuncMetrics& busiest = expected.funcs.front();  // busiest first, as the page sorts by default
    CHECK(funcs[0]["func"] == busiest.func);
    CHECK(funcs[0]["runs"] == std::to_string(busiest.runs));
    CHECK(funcs[0]["failures"] == std::to_string(busiest.failures));
    CHECK(std::stod(funcs[0]["time_taken_p95"].get<std::string>()) == Approx(static_cast<double>(busiest.time_taken.p95) / 1e6));
    CHECK(funcs[0]["last_stopped"] == core::FormatDjangoDatetime(*busiest.last_stopped));
}
