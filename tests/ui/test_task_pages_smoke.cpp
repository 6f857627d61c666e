// The Successful and Failed pages and a task's detail, drawn with the null backend over the
// fixtures: what the mirror says each shows, and the actions a user takes on them.
#include "null_imgui.h"

#include <algorithm>

#include "core/demo/demo.h"
#include "core/model/task_query.h"
#include "core/model/task_search.h"
#include "core/open/open_export.h"
#include "platform_null.h"
#include "ui/navigation/location.h"
#include "ui/widgets/widgets.h"

using namespace test;

namespace {

std::vector<nlohmann::json> ItemsWithRole(const nlohmann::json& mirror, const std::string& role) {
    std::vector<nlohmann::json> items;
    for (const auto& item : mirror["items"])
        if (item["role"] == role) items.push_back(item);
    return items;
}

// Types `text` into a list's search field, as the field's edit does.
void Search(ui::TaskListView& view, const std::string& text) {
    view.search = view.query.search = text;
    ui::QueryChanged(view);
}

nlohmann::json ShowPage(ui::App& app, const char* tab) {
    Render(app, 1);
    app.mirror.RequestActivation(tab);
    return RenderSettled(app);
}

}  // namespace

TEST_CASE("the task lists show Django Q's columns, newest stopped first, with their counts") {
    NullImGui imgui;
    for (const char* fixture : {"djq1-1.3.9.sqlite3", "djq2-latest.sqlite3"}) {
        INFO(fixture);
        ui::App app = OpenFixture(fixture);
        auto mirror = ShowPage(app, "Successful");
        CHECK(mirror["view"] == "successful");
        CHECK(mirror["error"].is_null());
        core::TaskQuery query;
        const auto newest = core::QueryTasks(*app.current, query).value();
        const std::string count = std::to_string(core::CountTasks(*app.current, query).value());
        CHECK(ValueOf(mirror, "Results") == count + " results (" + count + " total)");
        const auto rows = ItemsWithRole(mirror, "row");
        REQUIRE(rows.size() >= 10);  // as many as fit, not all
        CHECK(rows.size() < newest.size());
        for (std::size_t i = 0; i < rows.size(); ++i) CHECK(rows[i]["name"] == newest[i].name);
        std::vector<std::string> columns;
        for (const auto& column : ItemsWithRole(mirror, "column")) columns.push_back(column["name"]);
        const bool q2 = app.current->schema.task_cluster;
        CHECK(columns == (q2 ? std::vector<std::string>{"Name", "Group", "Func", "Cluster", "Started (UTC)", "Stopped (UTC)", "Time taken"}
                             : std::vector<std::string>{"Name", "Group", "Func", "Started (UTC)", "Stopped (UTC)", "Time taken"}));
        CHECK(ItemNamed(mirror, "Stopped (UTC)")->at("value") == "descending");

        mirror = ShowPage(app, "Failed");
        CHECK(mirror["view"] == "failed");
        const auto failed = ItemsWithRole(mirror, "row");
        REQUIRE(failed.size() == 7 + (q2 ? 1 : 0));
        // The last cell is the short result: the error text, cut at 100 characters.
        CHECK_THAT(failed[0]["value"].get<std::string>(), Catch::Contains(" : Traceback (most recent call last):"));
        CHECK_THAT(failed[0]["value"].get<std::string>(), Catch::EndsWith("…"));
    }
}

TEST_CASE("no frame shows a list's count over an empty table, first visit or after a restart") {
    // A test (or a user's eye) that reads the count and then the rows must see both on one frame.
    const auto every_frame_whole = [](ui::App& app, const char* tab) {
        Render(app, 1);
        app.mirror.RequestActivation(tab);
        int counted = 0;
        for (int frame = 0; frame < 4; ++frame) {
            const auto mirror = Render(app, 1);
            if (ValueOf(mirror, "Results") == "(not shown)") continue;
            ++counted;
            INFO(tab << " frame " << frame);
            CHECK(!ItemsWithRole(mirror, "column").empty());
            CHECK(!ItemsWithRole(mirror, "row").empty());
        }
        CHECK(counted > 0);
    };
    test::null_platform = {};
    {
        NullImGui imgui;
        ui::RestoreLayout();
        ui::App app = OpenFixture("djq2-latest.sqlite3");
        every_frame_whole(app, "Successful");
        every_frame_whole(app, "Failed");
    }
    NullImGui imgui;  // a restart: the tables' settings (and their sort) come back from the layout
    ui::RestoreLayout();
    ui::App app = OpenFixture("djq2-latest.sqlite3");
    every_frame_whole(app, "Successful");
}

TEST_CASE("search and the group filter narrow the list and say N results (M total)") {
    NullImGui imgui;
    ui::App app = OpenFixture("djq2-latest.sqlite3");
    ShowPage(app, "Failed");
    Search(app.failed, "fail");
    auto mirror = Render(app);
    CHECK(ValueOf(mirror, "Results") == "7 results (8 total)");  // name, func or group contains "fail": not too-slow
    CHECK(ValueOf(mirror, "Search") == "fail");

    app.failed.query.group = "failures";
    ui::QueryChanged(app.failed);
    mirror = Render(app);
    CHECK(ValueOf(mirror, "Results") == "5 results (8 total)");
    for (const auto& row : ItemsWithRole(mirror, "row")) CHECK_THAT(row["name"].get<std::string>(), Catch::StartsWith("fail-"));
}

TEST_CASE("a task's detail shows every field, decoded values and the traceback") {
    NullImGui imgui;
    ui::App app = OpenFixture("djq2-latest.sqlite3");
    auto stmt = app.current->db.Prepare("SELECT id FROM django_q_task WHERE name = 'fail-zero'");
    REQUIRE(stmt->Step().value());
    ShowPage(app, "Failed");
    ui::OpenTask(app, std::string(stmt->Text(0)));
    auto mirror = Render(app);
    CHECK(mirror["view"] == "task");
    CHECK(mirror["error"].is_null());
    CHECK(ValueOf(mirror, "Name") == "fail-zero");
    CHECK(ValueOf(mirror, "Func") == "demoapp.tasks.fail");
    CHECK(ValueOf(mirror, "Group") == "failures");
    CHECK(ValueOf(mirror, "Cluster") == "djqdemo");
    const auto* result = ItemNamed(mirror, "result");
    REQUIRE(result);
    CHECK((*result)["role"] == "code");
    CHECK_THAT((*result)["value"].get<std::string>(), Catch::StartsWith("division by zero : Traceback (most recent call last):\n"));
    CHECK(ItemNamed(mirror, "args") != nullptr);

    // Copy puts the value on the platform's clipboard (ImGui's clipboard functions).
    app.mirror.RequestActivation("Copy Func");
    Render(app);
    CHECK(std::string(ImGui::GetClipboardText()) == "demoapp.tasks.fail");

    // The group link lists the other tasks of the group.
    app.mirror.RequestActivation("Other tasks of this group");
    mirror = Render(app);
    CHECK(mirror["view"] == "failed");
    CHECK(ValueOf(mirror, "Results") == "5 results (8 total)");

    // A task that is gone says so instead of failing.
    ui::OpenTask(app, "0123456789abcdef0123456789abcdef");
    mirror = Render(app);
    CHECK(ItemNamed(mirror, "No task 0123456789abcdef0123456789abcdef") != nullptr);
}

TEST_CASE("delete asks how many, is journalled, and Undo brings the tasks back") {
    NullImGui imgui;
    ui::App app = OpenFixture("djq2-latest.sqlite3");
    auto mirror = ShowPage(app, "Failed");
    app.mirror.RequestActivation("Select fail-zero");
    Render(app);
    app.mirror.RequestActivation("Select fail-key");
    mirror = Render(app);
    CHECK(ValueOf(mirror, "Selected") == "2");
    app.mirror.RequestActivation("Delete selected…");
    mirror = Render(app);
    CHECK(ItemNamed(mirror, "Delete 2 failed tasks?") != nullptr);
    app.mirror.RequestActivation("Delete 2 failed tasks");
    mirror = Render(app);
    CHECK(ValueOf(mirror, "Results") == "6 results (6 total)");
    CHECK(app.notice == "Deleted 2 failed tasks.");
    CHECK(ItemNamed(mirror, "2 unsynced edits") != nullptr);

    // "Select all N" with a filter acts on every match, across pages.
    app.failed.query.group = "failures";
    ui::QueryChanged(app.failed);
    Render(app);
    app.mirror.RequestActivation("Select all 3");
    mirror = Render(app);
    CHECK(ValueOf(mirror, "Selected") == "3");
    app.mirror.RequestActivation("Delete selected…");
    Render(app);
    app.mirror.RequestActivation("Cancel");
    mirror = Render(app);
    CHECK(ValueOf(mirror, "Results") == "3 results (6 total)");  // cancelled: nothing deleted
    app.mirror.RequestActivation("Delete selected…");
    Render(app);
    app.mirror.RequestActivation("Delete 3 failed tasks");
    mirror = Render(app);
    CHECK(ValueOf(mirror, "Results") == "0 results (3 total)");

    app.mirror.RequestActivation("Undo");
    mirror = Render(app);
    CHECK(ValueOf(mirror, "Results") == "3 results (6 total)");
}

TEST_CASE("deleting all N of a large list goes a step per frame under a progress bar, and is one undo") {
    NullImGui imgui;
    ui::App app;
    ui::OpenDemo(app);
    while (ui::IsBusy(app)) Render(app, 1);  // the search index loads first
    auto mirror = ShowPage(app, "Successful");
    const std::string all = ValueOf(mirror, "Results");  // "N results (N total)"
    const std::string count = all.substr(0, all.find(' '));
    app.mirror.RequestActivation(("Select all " + count).c_str());
    Render(app);
    app.mirror.RequestActivation("Delete selected…");
    Render(app);
    app.mirror.RequestActivation(("Delete " + count + " successful tasks").c_str());
    mirror = Render(app, 1);
    REQUIRE(ItemNamed(mirror, "Deleting " + count + " successful tasks…") != nullptr);  // not done in one frame
    CHECK_THAT(ValueOf(mirror, "Progress"), Catch::EndsWith(" of " + count));
    int frames = 1;
    while (ui::IsBusy(app)) Render(app, 1), ++frames;
    CHECK(frames > 1);
    mirror = Render(app);
    CHECK(ValueOf(mirror, "Results") == "0 results (0 total)");
    CHECK(app.notice == "Deleted " + count + " successful tasks.");
    app.mirror.RequestActivation("Undo");
    mirror = Render(app);
    CHECK(ValueOf(mirror, "Results") == all);
}

TEST_CASE("deep links: the page, search, filters and sort round-trip through the URL fragment") {
    NullImGui imgui;
    ui::App app = OpenFixture("djq2-latest.sqlite3");
    test::null_platform = {};
    Render(app);
    ui::GoToLocation(app, "#/failed?q=fail&group=failures&stopped=2026-11-24..2026-11-25&sort=name");
    auto mirror = Render(app);
    CHECK(mirror["view"] == "failed");
    CHECK(ValueOf(mirror, "Search") == "fail");
    CHECK(ValueOf(mirror, "Results") == "5 results (8 total)");
    CHECK(ItemNamed(mirror, "Name")->at("value") == "ascending");  // the headers show the link's sort
    const auto rows = ItemsWithRole(mirror, "row");
    REQUIRE(rows.size() == 5);
    CHECK(rows[0]["name"] == "fail-custom");  // by name, ascending
    CHECK(ui::LocationOf(app) == "#/failed?q=fail&group=failures&stopped=2026-11-24..2026-11-25&sort=name");
    // Arriving by a link rewrites the URL in place; moving to another page adds a history entry.
    REQUIRE_FALSE(test::null_platform.locations.empty());
    CHECK_FALSE(test::null_platform.locations.back().second);
    app.mirror.RequestActivation("Successful");
    Render(app);
    CHECK(test::null_platform.locations.back() == std::pair<std::string, bool>("#/successful", true));

    // A group with spaces or symbols survives the encoding; an empty group means "no group".
    ui::GoToLocation(app, ui::LocationOf(app) + "?group=");
    mirror = Render(app);
    CHECK(ValueOf(mirror, "Results") == "9 results (69 total)");
    CHECK(ui::LocationOf(app) == "#/successful?group=");
    app.successful.query.group = "a b&c=d/é";
    CHECK(ui::LocationOf(app) == "#/successful?group=a%20b%26c%3Dd%2F%C3%A9");
    ui::GoToLocation(app, ui::LocationOf(app));
    CHECK(app.successful.query.group == std::optional<std::string>("a b&c=d/é"));

    ui::GoToLocation(app, "#/task/1f7a43f516af427c8bec65aab91fe0f0");
    mirror = Render(app);
    CHECK(ValueOf(mirror, "Name") == "fail-zero");
    ui::GoToLocation(app, "#/no-such-page?x=1");
    CHECK(Render(app)["view"] == "overview");
}

TEST_CASE("resubmit: the dialog says why it cannot queue without a key, schedules without one, queues with one") {
    NullImGui imgui;
    ui::App app = OpenFixture("djq2-latest.sqlite3");
    test::null_platform = {};
    ShowPage(app, "Failed");
    app.mirror.RequestActivation("Select fail-zero");
    Render(app);
    app.mirror.RequestActivation("Resubmit selected…");
    auto mirror = Render(app);
    CHECK(ItemNamed(mirror, "Resubmit 1 task?") != nullptr);
    CHECK(ValueOf(mirror, "Cluster name") == "djqdemo");  // guessed from the export's queue
    CHECK(ItemNamed(mirror, "a queue entry is signed with the server's SECRET_KEY: type it, or resubmit as a schedule") != nullptr);

    app.mirror.RequestActivation("Queue, signed on the server by djq apply (no key here)");
    mirror = Render(app);
    CHECK(ItemNamed(mirror, "SECRET_KEY") == nullptr);  // no key asked for
    CHECK(ItemNamed(mirror, "Adds 1 queue entry (django_q_ormq, key djqdemo) to be signed on the server: djq apply --secret-key-env VAR "
                            "--cluster djqdemo signs them as it applies the changeset. Deletes the 1 task that failed, as the admin does. "
                            "Journalled: Undo reverts it, and the changeset carries it to the server.") != nullptr);

    app.mirror.RequestActivation("As a ONCE schedule (no key needed)");
    mirror = Render(app);
    const auto* consequence = ItemNamed(mirror, "Adds 1 ONCE schedule due now (deleted after it runs); the scheduler queues the task on the server. "
                                                "Deletes the 1 task that failed, as the admin does. Journalled: Undo reverts it, and the changeset carries it to the server.");
    CHECK(consequence != nullptr);
    app.mirror.RequestActivation("Resubmit 1 task");
    mirror = Render(app);
    CHECK(ValueOf(mirror, "Results") == "7 results (7 total)");
    CHECK(app.notice == "Resubmitted 1 task: 1 scheduled, 1 failure deleted.");
    CHECK(app.summary->schedules == 21);

    // With the key: a signed queue entry; the key itself is nowhere but in memory.
    const std::string key = "fixture-secret-key-1-not-for-production";
    app.mirror.RequestActivation("Select fail-key");
    Render(app);
    app.mirror.RequestActivation("Resubmit selected…");
    Render(app);
    app.mirror.RequestActivation("Queue now, signed with the server's SECRET_KEY");
    app.resubmit.settings.secret_key = key;  // typed into the password field
    mirror = Render(app);
    CHECK(ValueOf(mirror, "SECRET_KEY") == "set");
    app.mirror.RequestActivation("Resubmit 1 task");
    mirror = Render(app);
    CHECK(app.summary->queued == 11);
    CHECK(app.notice == "Resubmitted 1 task: 1 queued, 1 failure deleted.");

    // Issue 4, item 7: not in the saved working copy, the journal, any export, or the mirror.
    const auto contains_key = [&](std::string_view text) { return text.find(key) != std::string_view::npos; };
    CHECK_FALSE(test::null_platform.saved.second.empty());
    CHECK_FALSE(contains_key(core::AsText(test::null_platform.saved.second)));
    CHECK_FALSE(contains_key(mirror.dump()));
    ExportEverything(app);
    REQUIRE(test::null_platform.downloads.size() == 3);
    for (const auto& [name, bytes] : test::null_platform.downloads) {
        INFO(name);
        CHECK_FALSE(contains_key(core::AsText(bytes)));
    }
    CHECK(app.resubmit.settings.secret_key == key);  // still there for the next resubmit
}

TEST_CASE("the column chooser shows and hides columns, and the choice outlives the session") {
    std::vector<std::string> columns;
    const auto column_names = [&](const nlohmann::json& mirror) {
        columns.clear();
        for (const auto& column : ItemsWithRole(mirror, "column")) columns.push_back(column["name"]);
        return columns;
    };
    test::null_platform = {};
    {
        NullImGui imgui;
        ui::RestoreLayout();
        ui::App app = OpenFixture("djq2-latest.sqlite3");
        auto mirror = ShowPage(app, "Successful");
        CHECK(column_names(mirror) == std::vector<std::string>{"Name", "Group", "Func", "Cluster", "Started (UTC)", "Stopped (UTC)", "Time taken"});
        app.mirror.RequestActivation("Columns…");
        mirror = Render(app);
        CHECK(ItemNamed(mirror, "Attempts")->at("role") == "checkbox");
        app.mirror.RequestActivation("Attempts");
        Render(app);
        app.mirror.RequestActivation("Group");
        mirror = Render(app);
        CHECK(column_names(mirror) == std::vector<std::string>{"Name", "Func", "Cluster", "Started (UTC)", "Stopped (UTC)", "Time taken", "Attempts"});
    }
    CHECK_THAT(test::null_platform.layout, Catch::Contains("[Table]"));
    NullImGui imgui;  // a new visit: a fresh ImGui context, with the layout the platform kept
    ui::RestoreLayout();
    ui::App app = OpenFixture("djq2-latest.sqlite3");
    CHECK(column_names(ShowPage(app, "Successful")) ==
          std::vector<std::string>{"Name", "Func", "Cluster", "Started (UTC)", "Stopped (UTC)", "Time taken", "Attempts"});
}

TEST_CASE("search in decoded values: the index fills frame by frame, then the list finds what only the values hold") {
    NullImGui imgui;
    ui::App app = OpenFixture("djq2-latest.sqlite3");
    ShowPage(app, "Successful");
    Search(app.successful, "origin-ish");
    auto mirror = Render(app);
    CHECK(ValueOf(mirror, "Results") == "0 results (69 total)");
    app.mirror.RequestActivation("in args, kwargs and result");
    Render(app, 1);
    CHECK(ui::IsBusy(app));  // indexing keeps frames coming
    int ticks = 0;
    while (ui::IsBusy(app) && ticks < 1000) {
        ui::Tick(app, 0.0, 0.0);
        ++ticks;
    }
    CHECK(ticks >= 1);  // a few hundred tasks per step
    mirror = Render(app);
    CHECK(ValueOf(mirror, "Results") == "2 results (69 total)");  // the two echo tasks given a Point labelled origin-ish
}

TEST_CASE("the Successful page says whether save_limit has pruned tasks") {
    NullImGui imgui;
    ui::App app = OpenFixture("djq2-latest.sqlite3");
    auto mirror = ShowPage(app, "Successful");
    CHECK(ValueOf(mirror, "save_limit") == "250");
    CHECK(ItemNamed(mirror, "This export holds 69, under the limit: nothing was pruned yet.") != nullptr);
    app.successful.save_limit = "50";
    mirror = Render(app);
    bool pruned = false;
    for (const auto& item : mirror["items"])
        pruned |= item["name"].get<std::string>().rfind("This export holds 69: at the limit, so older successful tasks were pruned", 0) == 0;
    CHECK(pruned);
    app.successful.save_limit = "0";
    CHECK(ItemNamed(Render(app), "0 keeps every successful task.") != nullptr);
}

TEST_CASE("a delete confirmation lists the first five tasks by name and how many more") {
    NullImGui imgui;
    ui::App app = OpenFixture("djq2-latest.sqlite3");
    ShowPage(app, "Failed");
    app.mirror.RequestActivation("Select all 8");
    Render(app);
    app.mirror.RequestActivation("Delete selected…");
    auto mirror = Render(app);
    REQUIRE(ItemNamed(mirror, "Delete 8 failed tasks?") != nullptr);
    int listed = 0;
    for (const auto& item : mirror["items"])
        if (item["name"].get<std::string>().find(" (demoapp.tasks.") != std::string::npos ||
            item["name"].get<std::string>().find(" (math.sqrt)") != std::string::npos)
            ++listed;
    CHECK(listed == 5);
    CHECK(ItemNamed(mirror, "and 3 more") != nullptr);
    const bool names_a_failure = ItemNamed(mirror, "fail-zero (demoapp.tasks.fail)") || ItemNamed(mirror, "fail-key (demoapp.tasks.fail)");
    CHECK(names_a_failure);
    app.mirror.RequestActivation("Cancel");
    Render(app);
}

TEST_CASE("a task's page lights the tab of its own kind, and another task opens at its top") {
    NullImGui imgui;
    ui::App app = OpenFixture("djq2-latest.sqlite3");
    ShowPage(app, "Failed");
    auto stmt = app.current->db.Prepare("SELECT id FROM django_q_task WHERE success = 1 LIMIT 1");
    REQUIRE(stmt->Step().value());
    ui::OpenTask(app, std::string(stmt->Text(0)));  // a successful task, from a link on the Failed page
    auto mirror = Render(app);
    CHECK(ValueOf(mirror, "Successful") == "selected");
    CHECK(ValueOf(mirror, "Failed") != "selected");
    CHECK_FALSE(app.detail.scroll_to_top);  // applied on the frame it opened
}

TEST_CASE("a custom date that is not a date says so") {
    NullImGui imgui;
    ui::App app = OpenFixture("djq2-latest.sqlite3");
    ShowPage(app, "Failed");
    app.failed.started.custom = true;
    app.failed.started.from = "2026-13-99";
    app.failed.started.until = "2026-11-25";
    auto mirror = Render(app);
    CHECK(ItemNamed(mirror, "\"2026-13-99\" is not a date (YYYY-MM-DD or YYYY-MM-DD HH:MM, in UTC)") != nullptr);
    CHECK(ItemNamed(mirror, "\"2026-11-25\" is not a date (YYYY-MM-DD or YYYY-MM-DD HH:MM, UTC)") == nullptr);
}

TEST_CASE("an empty list says no tasks match and what to clear to see more") {
    NullImGui imgui;
    ui::App app = OpenFixture("djq2-latest.sqlite3");
    ShowPage(app, "Failed");
    app.failed.query.search = "no-such-task";
    app.failed.query.group = "failures";
    ui::QueryChanged(app.failed);
    auto mirror = Render(app, 4);
    CHECK(ValueOf(mirror, "Results") == "0 results (8 total)");
    CHECK(ItemNamed(mirror, "No tasks match. To see more, clear the search \"no-such-task\", the group filter, or tick \"in args, kwargs and result\".") != nullptr);
}

TEST_CASE("searching in decoded values is part of the list's link") {
    NullImGui imgui;
    ui::App app = OpenFixture("djq2-latest.sqlite3");
    ui::GoToLocation(app, "#/failed?q=zero&values=1");
    Render(app, 3);
    CHECK(app.failed.search_values);
    CHECK(app.index_values);  // the decoded values are being indexed for it
    CHECK(ui::LocationOf(app) == "#/failed?q=zero&values=1");
}

TEST_CASE("on a task list, arrows and Enter move its cursor and open the task, never a focused button") {
    NullImGui imgui;
    ui::App app = OpenFixture("djq2-latest.sqlite3");
    ui::GoToLocation(app, "#/failed");
    auto mirror = Render(app);
    ImGuiIO& io = ImGui::GetIO();
    io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;  // as both platforms set it
    const auto press = [&](ImGuiKey key) {
        io.AddKeyEvent(key, true);
        Render(app, 1);
        io.AddKeyEvent(key, false);
        return Render(app, 2);
    };
    const auto click = [&](const nlohmann::json& item) {
        const auto& rect = item["rect"];
        io.AddMousePosEvent(rect[0].get<float>() + rect[2].get<float>() / 2, rect[1].get<float>() + rect[3].get<float>() / 2);
        io.AddMouseButtonEvent(0, true);
        Render(app, 1);
        io.AddMouseButtonEvent(0, false);
        return Render(app, 2);
    };
    // A real click on Export… (ImGui's keyboard focus lands on it), then one beside its menu closes it.
    const nlohmann::json* button = ItemNamed(mirror, "Export…");
    REQUIRE(button != nullptr);
    mirror = click(*button);
    REQUIRE(ItemNamed(mirror, "Changeset (JSON) for djq apply") != nullptr);
    mirror = click(*ItemNamed(mirror, "Failed tasks"));
    REQUIRE(ItemNamed(mirror, "Changeset (JSON) for djq apply") == nullptr);

    press(ImGuiKey_DownArrow);
    mirror = press(ImGuiKey_Enter);
    CHECK(mirror["view"] == "task");
    CHECK(ItemNamed(mirror, "Changeset (JSON) for djq apply") == nullptr);
}

TEST_CASE("search in decoded values shows the matches decoded so far, with how far it got, then all of them") {
    NullImGui imgui;
    auto demo = core::MakeDemoDatabase(core::DemoOptions{.tasks = 6000});
    REQUIRE(demo);
    ui::App app;
    ui::OpenBytes(app, "demo-6000.sqlite3", demo->Serialize().value());
    ShowPage(app, "Successful");
    Search(app.successful, "decimal");  // charges' and invoices' amounts: only their values hold it
    auto mirror = Render(app);
    for (int i = 0; i < 1000 && ui::IsBusy(app); ++i) mirror = Render(app);  // the name index loads first
    REQUIRE(ValueOf(mirror, "Results").rfind("0 results (", 0) == 0);
    app.mirror.RequestActivation("in args, kwargs and result");
    auto results = [&] {  // "1,002 results (…)"
        std::string count = ValueOf(mirror, "Results");
        count.erase(std::remove(count.begin(), count.end(), ','), count.end());
        return std::stoll(count);
    };
    auto searching = [&] {
        for (const auto& item : mirror["items"])
            if (item["name"].get<std::string>().rfind("Searching values: ", 0) == 0) return true;
        return false;
    };
    int frames = 0;
    do mirror = Render(app);
    while (results() == 0 && ++frames < 100);
    CHECK(searching());  // results are on screen before the values are all decoded
    const long long first = results();
    CHECK(first > 0);
    while (ui::IsBusy(app) && frames++ < 10'000) mirror = Render(app);
    mirror = Render(app);
    CHECK_FALSE(searching());
    CHECK(results() > first);
    core::TaskQuery query;  // the same search straight from the core, over the complete index
    query.search = "decimal";
    query.search_values = true;
    CHECK(results() == core::CountTasks(*app.current, query).value());
}

TEST_CASE("while the search index loads, a list's first page and counts come from a scan of the table, later pages wait") {
    auto demo = core::MakeDemoDatabase(core::DemoOptions{.tasks = 3000});
    REQUIRE(demo);
    auto opened = core::ExportOf(std::move(demo).value(), "demo-3000");
    REQUIRE(opened);
    core::Export& e = opened.value();
    REQUIRE(core::AttachTaskSearch(e));  // attached, not loaded: lists are answered "soon"
    core::TaskQuery query;
    REQUIRE(core::AnsweredInMemory(e, query) == core::InMemory::Soon);
    const auto expected = core::QueryTasks(e, query).value();  // SQL's own sort
    const std::int64_t count = core::CountTasks(e, query).value();

    ui::TaskPages pages;
    pages.ScanUntilIndexed(query);
    int steps = 0;
    while (pages.scanning()) {
        CHECK(pages.Refresh(e, query));
        CHECK(pages.matching() == 0);  // nothing is said to match before the scan is done
        pages.StepScan(e, 500);
        ++steps;
    }
    CHECK(steps == 7);  // six ranges of 500, then the page
    CHECK(pages.rows_scanned() == 3000);
    REQUIRE(pages.Refresh(e, query));
    CHECK(pages.matching() == count);
    CHECK(pages.total() == count);
    for (std::int64_t i = 0; i < 100; ++i) CHECK(pages.Row(e, query, i)->row.id == expected[static_cast<std::size_t>(i)].id);
    CHECK(pages.Row(e, query, 128) == nullptr);  // past the first page: not sorted by SQL in one go
    CHECK(pages.waiting_for_index());

    while (!core::LoadTaskSearch(e, 1000).value()) {}
    pages.Indexed();
    REQUIRE(pages.Refresh(e, query));
    CHECK(pages.matching() == count);
    core::TaskQuery later = query;
    later.offset = 128;
    later.limit = 1;
    CHECK(pages.Row(e, query, 128)->row.id == core::QueryTasks(e, later).value().at(0).id);
}

TEST_CASE("from the first frame after an open, the overview and a list show the right numbers or say they are counting") {
    NullImGui imgui;
    auto demo = core::MakeDemoDatabase(core::DemoOptions{.tasks = 20'000});
    REQUIRE(demo);
    const auto bytes = demo->Serialize().value();
    for (const char* tab : {"Overview", "Successful"}) {
        INFO(tab);
        ui::App app;
        ui::OpenBytes(app, "demo-20000.sqlite3", bytes);
        CHECK_FALSE(app.summary->tasks_counted);  // the open itself reads no task: frames count them
        core::TaskQuery query;
        const auto expected = core::QueryTasks(app.current.value(), query).value();
        const std::string count = std::to_string(core::CountTasks(app.current.value(), query).value());
        app.mirror.RequestActivation(tab);
        bool shown_rows = false;
        for (int frame = 0; frame < 10'000 && (frame < 2 || ui::IsBusy(app)); ++frame) {
            const auto mirror = Render(app, 1);
            const std::string successful = ValueOf(mirror, "Successful tasks");
            if (successful != "counting" && successful != "(not shown)") CHECK(successful == count);
            const auto rows = ItemsWithRole(mirror, "row");
            if (rows.empty()) continue;
            shown_rows = true;
            const std::string shown = ui::GroupThousands(std::stoll(count));
            CHECK(ValueOf(mirror, "Results") == shown + " results (" + shown + " total)");
            for (std::size_t i = 0; i < rows.size() && i < expected.size(); ++i) CHECK(rows[i]["name"] == expected[i].name);
        }
        CHECK(shown_rows == (std::string(tab) == "Successful"));
        if (std::string(tab) == "Overview") CHECK(ValueOf(Render(app), "Successful tasks") == count);
    }
}
