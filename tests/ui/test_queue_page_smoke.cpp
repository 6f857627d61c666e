// The Queued tasks pages drawn with the null backend over djq2-latest: the list with lock states,
// filters, search and signatures, a row's page with Clear lock and a changed call signed with the
// key, deletion after a confirmation, deep links; every edit undoable.
#include "null_imgui.h"

#include "core/model/queued.h"
#include "platform_null.h"
#include "ui/navigation/location.h"

using namespace test;

namespace {

constexpr char kFixtureKey[] = "fixture-secret-key-1-not-for-production";  // settings-djq2-latest.json

// The table's rows, each as its name (the task's name) and value (its cells, " | " between).
std::vector<std::pair<std::string, std::string>> Rows(const nlohmann::json& mirror) {
    std::vector<std::pair<std::string, std::string>> rows;
    for (const auto& item : mirror["items"])
        if (item["role"] == "row") rows.emplace_back(item["name"], item["value"]);
    return rows;
}

nlohmann::json Click(ui::App& app, const char* name) {
    app.mirror.RequestActivation(name);
    return Render(app);
}

// The export's queue as it was when the fixture was made: row 79's lock has expired, the others are held.
ui::App OpenQueue() {
    ui::App app = OpenFixture("djq2-latest.sqlite3");
    app.fixed_now = core::ParseDjangoDatetime("2026-11-24 01:30:00");
    Render(app, 1);
    return app;
}

nlohmann::json Filter(ui::App& app, core::QueueQuery query) {
    app.queue.query = std::move(query);
    app.queue.refilter = true;
    return Render(app);
}

std::string Results(std::size_t shown, std::size_t total) {
    return std::to_string(shown) + (shown == 1 ? " result (" : " results (") + std::to_string(total) + " total)";
}

core::QueuedView Row(ui::App& app, std::int64_t id) {
    return core::DescribeQueued(core::FindQueued(*app.current, id).value().value(), app.current->schema.variant, *app.fixed_now, kFixtureKey, "djqdemo");
}

}  // namespace

TEST_CASE("the Queued page lists every queued task with its lock in words, filters and searches") {
    NullImGui imgui;
    ui::App app = OpenQueue();
    auto mirror = Click(app, "Queued");
    CHECK(mirror["view"] == "queued");
    CHECK(mirror["error"].is_null());
    CHECK(ValueOf(mirror, "Results") == Results(10, 10));
    const auto rows = Rows(mirror);
    REQUIRE(rows.size() == 10);
    CHECK(rows[0].first == "queued-add");
    CHECK(rows[0].second ==
          "78 | djqdemo | queued-add | - | demoapp.tasks.add | taken: locked until 2026-11-24 01:35:55 UTC, then handed out again | "
          "06c6dc5407ee48f498935dfc853608f9");
    CHECK_THAT(rows[1].second, Catch::Contains("| available: lock 2026-11-24 01:25:35 UTC passed: the next dequeue takes it |"));
    std::vector<std::string> columns;
    for (const auto& item : mirror["items"])
        if (item["role"] == "column") columns.push_back(item["name"]);
    CHECK(columns == std::vector<std::string>{"ID", "Key", "Name", "Group", "Func", "Lock", "Task id"});

    CHECK(ValueOf(Filter(app, {"", "other", std::nullopt}), "Results") == Results(1, 10));
    CHECK(Rows(Render(app))[0].first == "queued-nested");
    CHECK(ui::LocationOf(app) == "#/queued?key=other");
    CHECK(ValueOf(Filter(app, {"", std::nullopt, core::LockState::Taken}), "Results") == Results(9, 10));
    CHECK(ValueOf(Filter(app, {"", std::nullopt, core::LockState::Available}), "Results") == Results(1, 10));
    CHECK(ValueOf(Filter(app, {"", std::nullopt, core::LockState::Null}), "Results") == Results(0, 10));
    CHECK(ValueOf(Filter(app, {"ADD", std::nullopt, std::nullopt}), "Results") == Results(6, 10));  // func, any case
    CHECK(ValueOf(Filter(app, {"queued add", std::nullopt, std::nullopt}), "Results") == Results(1, 10));  // every word
    CHECK(ValueOf(Filter(app, {"06c6dc54", std::nullopt, std::nullopt}), "Results") == Results(1, 10));  // task id

    // A deep link sets the filters.
    ui::GoToLocation(app, "#/queued?lock=available&q=bulk");
    mirror = Render(app);
    CHECK(ValueOf(mirror, "Search") == "bulk");
    CHECK(ValueOf(mirror, "Results") == Results(0, 10));  // "bulk" is a group, which the admin does not search
    ui::GoToLocation(app, "#/queued?lock=available");
    mirror = Render(app);
    CHECK(ValueOf(mirror, "Results") == Results(1, 10));
    CHECK(Rows(mirror)[0].first == "alabama-sad-fillet-mango");

    // With the key typed, each signature is checked with the cluster name (guessed from the queue).
    app.resubmit.settings.secret_key = kFixtureKey;
    mirror = Render(app);
    CHECK(ValueOf(mirror, "Cluster name") == "djqdemo");
    for (const auto& [name, cells] : Rows(mirror)) CHECK_THAT(cells, Catch::EndsWith("| valid (SHA-256)"));
    CHECK(ValueOf(mirror, "SECRET_KEY") == "set");  // never the key itself
    CHECK(app.mirror.ToJson().find(kFixtureKey) == std::string::npos);
}

TEST_CASE("a queued task's page: clear a stale lock, change the call and re-sign, delete, each undoable") {
    NullImGui imgui;
    ui::App app = OpenQueue();
    Click(app, "Queued");
    auto mirror = Click(app, "queued-add");
    CHECK(mirror["view"] == "queued-task");
    CHECK(ValueOf(mirror, "Lock state") == "taken: locked until 2026-11-24 01:35:55 UTC, then handed out again");
    CHECK(ValueOf(mirror, "Args") == "(40, 2)");
    CHECK(ValueOf(mirror, "Signature") == "type the SECRET_KEY to check it");
    CHECK(ItemNamed(mirror, "q_options") != nullptr);
    CHECK(ui::LocationOf(app) == "#/queued/78");

    // Clear lock: available now as django-q2's enqueue writes it (lock = now), never NULL.
    mirror = Click(app, "Clear lock");
    CHECK(Row(app, 78).row.lock == core::FormatDjangoDatetime(*app.fixed_now));
    CHECK_THAT(ValueOf(mirror, "Lock state"), Catch::StartsWith("available: lock "));
    CHECK(app.unsynced_edits == 1);
    ui::UndoLastEdit(app);
    CHECK(ValueOf(Render(app), "Lock state") == "taken: locked until 2026-11-24 01:35:55 UTC, then handed out again");

    // Without the key the call cannot be signed; with it, new args are pickled and signed.
    app.queue_entry.args = "40, 3";
    mirror = Click(app, "Save and re-sign");
    CHECK(app.unsynced_edits == 0);
    app.resubmit.settings.secret_key = kFixtureKey;
    Render(app);
    app.queue_entry.args = "40, [3";
    mirror = Render(app);
    bool args_error = false;
    for (const auto& item : mirror["items"]) args_error |= item["name"].get<std::string>().rfind("Args: ", 0) == 0;
    CHECK(args_error);
    CHECK(ItemNamed(mirror, "Save and re-sign") != nullptr);
    app.queue_entry.args = "40, 3";
    mirror = Click(app, "Save and re-sign");
    CHECK(app.notice == "Saved and re-signed queued task 78.");
    CHECK(Row(app, 78).args == "(40, 3)");
    CHECK(Row(app, 78).signature == core::SignatureCheck::Valid);
    CHECK(ValueOf(mirror, "Signature") == "valid (SHA-256)");
    Click(app, "Re-sign");
    CHECK(app.unsynced_edits == 2);

    mirror = Click(app, "Delete…");
    CHECK(ItemNamed(mirror, "Delete 1 queued task?") != nullptr);
    mirror = Click(app, "Delete 1 queued task");
    CHECK(mirror["view"] == "queued");
    CHECK(ValueOf(mirror, "Results") == Results(9, 9));
    for (int undo = 0; undo < 3; ++undo) ui::UndoLastEdit(app);
    CHECK(ValueOf(Render(app), "Results") == Results(10, 10));
    CHECK(Row(app, 78).args == "(40, 2)");
}

TEST_CASE("checked queued tasks are deleted after a confirmation") {
    NullImGui imgui;
    ui::App app = OpenQueue();
    Click(app, "Queued");
    Click(app, "Select queued task 83");
    auto mirror = Click(app, "Select queued task 84");
    CHECK(ValueOf(mirror, "Selected") == "2");
    mirror = Click(app, "Delete selected…");
    CHECK(ItemNamed(mirror, "Delete 2 queued tasks?") != nullptr);
    mirror = Click(app, "Cancel");
    CHECK(ValueOf(mirror, "Results") == Results(10, 10));
    Click(app, "Delete selected…");
    mirror = Click(app, "Delete 2 queued tasks");
    CHECK(ValueOf(mirror, "Results") == Results(8, 8));
    CHECK(app.notice == "Deleted 2 queued tasks.");
    CHECK(core::FindQueued(*app.current, 83).value() == std::nullopt);
    ui::UndoLastEdit(app);
    CHECK(ValueOf(Render(app), "Results") == Results(10, 10));
}
