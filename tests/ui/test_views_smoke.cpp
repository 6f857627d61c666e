// Renders every screen for a few frames with ImGui's null backend (no window, no GPU) over the
// demo and each fixture, and checks what the mirror says the screen shows.
#include "null_imgui.h"
#include "../unit/test_fixtures.h"

#include "core/db/paged_file.h"
#include "core/demo/demo.h"
#include "core/model/schedule_edits.h"
#include "core/model/task_edits.h"
#include "core/sync/fixture_export.h"
#include "platform_null.h"
#include "ui/app/time_display.h"
#include "ui/navigation/location.h"

using namespace test;

TEST_CASE("overview shows the variant and the four counts of each fixture") {
    NullImGui imgui;
    struct Expected { const char* file; const char* variant; const char* counts[4]; };
    for (const Expected& e : {Expected{"djq1-1.3.9.sqlite3", "django-q 1.3", {"72", "7", "18", "10"}},
                              Expected{"djq2-latest.sqlite3", "django-q2", {"69", "8", "20", "10"}}}) {
        INFO(e.file);
        ui::App app = OpenFixture(e.file);
        const auto mirror = Render(app);
        CHECK(mirror["view"] == "overview");
        CHECK(mirror["source"] == e.file);
        CHECK(mirror["error"].is_null());
        CHECK(ValueOf(mirror, "Django Q version") == e.variant);
        CHECK(ValueOf(mirror, "Successful tasks") == e.counts[0]);
        CHECK(ValueOf(mirror, "Failed tasks") == e.counts[1]);
        CHECK(ValueOf(mirror, "Scheduled tasks") == e.counts[2]);
        CHECK(ValueOf(mirror, "Queued tasks") == e.counts[3]);
        // Every count card is on screen and has a size (tests click by these rectangles).
        for (const char* name : {"Successful tasks", "Failed tasks", "Scheduled tasks", "Queued tasks"}) {
            const auto* card = ItemNamed(mirror, name);
            REQUIRE(card);
            const auto& rect = (*card)["rect"];
            CHECK(rect[2].get<double>() > 100);
            CHECK(rect[0].get<double>() + rect[2].get<double>() <= 1280);
        }
    }
}

TEST_CASE("the demo database is what the app shows first") {
    NullImGui imgui;
    ui::App app;
    ui::OpenDemo(app);
    const auto mirror = Render(app);
    CHECK(mirror["source"] == "demo database");
    CHECK(ValueOf(mirror, "Django Q version") == "django-q2");
    CHECK(std::stoi(ValueOf(mirror, "Successful tasks")) + std::stoi(ValueOf(mirror, "Failed tasks")) == 2000);
}

TEST_CASE("a file that is not a Django Q database shows an error and keeps the open one") {
    NullImGui imgui;
    ui::App app = OpenFixture("djq2-latest.sqlite3");
    const std::string text = "just some notes";
    ui::OpenBytes(app, "notes.txt", core::AsBytes(text));
    auto mirror = Render(app);
    REQUIRE_FALSE(mirror["error"].is_null());
    CHECK(mirror["error"]["code"] == "open.not_sqlite");
    CHECK_THAT(mirror["error"]["message"].get<std::string>(), Catch::Contains("notes.txt") && Catch::Contains("not a SQLite database"));
    CHECK(mirror["source"] == "djq2-latest.sqlite3");

    // JSON that is not a dumpdata fixture is told apart from a broken database.
    const std::string json = "{\"not\": \"a fixture\"}";
    ui::OpenBytes(app, "settings.json", core::AsBytes(json));
    mirror = Render(app);
    CHECK(mirror["error"]["code"] == "dumpdata.not_a_list");
    CHECK(mirror["source"] == "djq2-latest.sqlite3");
    CHECK(ValueOf(mirror, "Failed tasks") == "8");

    // A SQLite file without Django Q tables is refused the same way.
    auto other = core::Db::OpenMemory();
    REQUIRE(other->Exec("CREATE TABLE shop_order (id integer)"));
    ui::OpenBytes(app, "shop.sqlite3", other->Serialize().value());
    mirror = Render(app);
    CHECK(mirror["error"]["code"] == "schema.no_django_q");
    CHECK(ValueOf(mirror, "Failed tasks") == "8");

    // Dismiss clears the error (through the mirror's activation, as a screen reader would click it).
    app.mirror.RequestActivation("Dismiss");
    mirror = Render(app);
    CHECK(mirror["error"].is_null());
}

TEST_CASE("Open… asks the platform for its file picker, or shows the path prompt without one") {
    NullImGui imgui;
    ui::App app;
    ui::OpenDemo(app);
    test::null_platform = {};
    app.mirror.RequestActivation("Open…");
    Render(app);
    CHECK(test::null_platform.open_requests == 1);

    test::null_platform.has_file_picker = false;
    app.mirror.RequestActivation("Open…");
    auto mirror = Render(app);
    CHECK(test::null_platform.open_requests == 1);
    CHECK(ItemNamed(mirror, "Cancel") != nullptr);
}

TEST_CASE("Export… offers the changeset, the working copy and a loaddata fixture as downloads") {
    NullImGui imgui;
    ui::App app = OpenFixture("djq2-latest.sqlite3");
    test::null_platform = {};
    ExportEverything(app);
    REQUIRE(test::null_platform.downloads.size() == 3);
    CHECK(test::null_platform.downloads[0].first == "djq2-latest-changes.json");
    CHECK(test::null_platform.downloads[1].first == "djq2-latest-working-copy.sqlite3");
    CHECK(core::HasSqliteHeader(test::null_platform.downloads[1].second));
    CHECK(test::null_platform.downloads[2].first == "djq2-latest-fixture.json");
    const auto fixture = nlohmann::json::parse(core::AsText(test::null_platform.downloads[2].second));
    CHECK(fixture.size() == 107);
    CHECK_THAT(app.notice, Catch::Contains("djq2-latest-fixture.json"));
}

namespace {

// A 20,000-task export just opened (not the demo): its first part is handed to the platform to keep.
ui::App OpenExportBeingKept() {
    test::null_platform = {};
    auto demo = core::MakeDemoDatabase(core::DemoOptions{.tasks = 20'000});
    REQUIRE(demo);
    ui::App app;
    ui::OpenBytes(app, "demo-20000.sqlite3", demo->Serialize().value());
    return app;
}

}  // namespace

TEST_CASE("a new export is kept in parts over frames, never whole in one, and an edit meanwhile is in what is kept") {
    NullImGui imgui;
    ui::App app = OpenExportBeingKept();
    const long long chunks = (app.current->db.paged()->size() + core::PagedFile::kChunkSize - 1) / core::PagedFile::kChunkSize;
    REQUIRE(chunks > 100);
    CHECK_FALSE(test::null_platform.saved_complete);  // the open handed only a first part
    CHECK(test::null_platform.kept_chunks < chunks);

    auto stmt = app.current->db.Prepare("SELECT id FROM django_q_task WHERE success = 0 LIMIT 3");
    std::vector<std::string> ids;
    while (stmt->Step().value()) ids.emplace_back(stmt->Text(0));
    REQUIRE(core::DeleteTasks(*app.current, ids));
    ui::AfterChange(app);
    for (int frame = 0; frame < 10'000 && ui::IsBusy(app); ++frame) Render(app, 1);
    CHECK(test::null_platform.saved_complete);
    CHECK(test::null_platform.saved_edits == 3);
    CHECK(test::null_platform.saved.second == app.current->db.Serialize().value());
}

TEST_CASE("the demo opened while a new export is still being kept drops the parts handed so far") {
    NullImGui imgui;
    ui::App app = OpenExportBeingKept();
    REQUIRE_FALSE(test::null_platform.saved_complete);
    ui::OpenDemo(app);
    CHECK(test::null_platform.dropped_keeps == 1);
    CHECK(app.is_demo);
    for (int frame = 0; frame < 10'000 && ui::IsBusy(app); ++frame) Render(app, 1);
    CHECK_FALSE(test::null_platform.saved_complete);  // nothing of the demo is kept
}

TEST_CASE("after an edit the top bar counts unsynced edits and Undo reverts it") {
    NullImGui imgui;
    ui::App app = OpenFixture("djq2-latest.sqlite3");
    auto mirror = Render(app);
    REQUIRE(ItemNamed(mirror, "Undo") != nullptr);  // in its place, disabled, saying why
    CHECK(ValueOf(mirror, "Undo") == "disabled: Nothing to undo: no unsynced edits");

    // An edit as a page would make it (the pages arrive with their issues).
    auto stmt = app.current->db.Prepare("SELECT id FROM django_q_task WHERE success = 0 LIMIT 2");
    std::vector<std::string> ids;
    while (stmt->Step().value()) ids.emplace_back(stmt->Text(0));
    REQUIRE(core::DeleteTasks(*app.current, ids));
    ui::AfterChange(app);
    mirror = Render(app);
    CHECK(ItemNamed(mirror, "2 unsynced edits") != nullptr);

    CHECK(test::null_platform.saved.first == "djq2-latest.sqlite3");  // saved after the edit
    CHECK(test::null_platform.saved_edits == 2);

    app.mirror.RequestActivation("Undo");
    mirror = Render(app);
    CHECK(ValueOf(mirror, "Undo") == "disabled: Nothing to undo: no unsynced edits");
    CHECK(ValueOf(mirror, "Failed tasks") == "8");
    CHECK(app.notice == "Undid delete tasks.");
}

TEST_CASE("a working copy saved by an earlier visit is offered, and restoring asks the platform for it") {
    NullImGui imgui;
    ui::App app;
    ui::OpenDemo(app);
    test::null_platform = {};
    ui::OfferSavedCopy(app, {"djq2-latest.sqlite3", "24/11/2026, 09:00:00", 3});
    auto mirror = Render(app);
    CHECK(ItemNamed(mirror, "Your working copy of djq2-latest.sqlite3 from 24/11/2026, 09:00:00 is saved in this browser, with 3 unsynced edits.") != nullptr);
    app.mirror.RequestActivation("Restore it");
    mirror = Render(app);
    CHECK(test::null_platform.restore_requests == 1);
    CHECK(ItemNamed(mirror, "Restore it") == nullptr);
    CHECK(test::null_platform.saved.first.empty());  // the demo itself is never saved
}

TEST_CASE("opening a newer export carries unsynced edits over and lists the clashes") {
    NullImGui imgui;
    ui::App app = OpenFixture("djq2-latest.sqlite3");
    auto stmt = app.current->db.Prepare("SELECT id FROM django_q_task WHERE success = 0 LIMIT 1");
    REQUIRE(stmt->Step().value());
    REQUIRE(core::DeleteTasks(*app.current, {std::string(stmt->Text(0))}));
    auto schedule = core::ReadRow(app.current->db, "django_q_schedule", 2).value();
    (*schedule)["repeats"] = 5;
    REQUIRE(core::Journalled(app.current->db, "save_schedule", [&](core::EditBatch& b) { return b.Update("django_q_schedule", *schedule); }));
    ui::AfterChange(app);

    // The server's newer export changed schedule 2 too.
    auto newer = core::OpenExportFile(test::FixturePath("djq2-latest.sqlite3"));
    auto copy = core::Db::OpenBytes(newer->db.Serialize().value());
    REQUIRE(copy->Exec("UPDATE django_q_schedule SET repeats = 9 WHERE id = 2"));
    ui::OpenBytes(app, "djq2-latest.sqlite3", copy->Serialize().value());
    auto mirror = Render(app);
    CHECK(ValueOf(mirror, "Failed tasks") == "7");  // the deletion was carried over
    CHECK(ItemNamed(mirror, "1 edit clashes with the newer export") != nullptr);
    CHECK(ItemNamed(mirror, "Your save_schedule (update django_q_schedule 2): repeats: yours 5, theirs 9. Keep mine sets these on their "
                            "row; its other columns stay as they are now.") != nullptr);
    CHECK_THAT(app.notice, Catch::Contains("1 re-applied") && Catch::Contains("1 in conflict"));
    CHECK(ItemNamed(mirror, "1 unsynced edit") != nullptr);

    app.mirror.RequestActivation("Keep mine");
    mirror = Render(app);
    CHECK(ItemNamed(mirror, "Keep mine") == nullptr);
    CHECK(ItemNamed(mirror, "2 unsynced edits") != nullptr);
    CHECK((*core::ReadRow(app.current->db, "django_q_schedule", 2).value())["repeats"] == 5);
}

TEST_CASE("another database never takes the unsynced edits: it is not opened, and they stay") {
    NullImGui imgui;
    ui::App app = OpenFixture("djq2-latest.sqlite3");
    auto stmt = app.current->db.Prepare("SELECT id FROM django_q_task WHERE success = 0 LIMIT 1");
    REQUIRE(stmt->Step().value());
    REQUIRE(core::DeleteTasks(*app.current, {std::string(stmt->Text(0))}));
    ui::AfterChange(app);
    auto other = core::ReadFile(test::FixturePath("djq1-1.3.9.sqlite3"));
    ui::OpenBytes(app, "djq1-1.3.9.sqlite3", other.value());
    REQUIRE(app.open_error);
    CHECK(app.open_error->error.code == "open.other_database");
    CHECK(app.current->source == "djq2-latest.sqlite3");
    CHECK(app.unsynced_edits == 1);
}

TEST_CASE("a large dumpdata JSON imports in steps with a progress bar, and the open export stays until it is in") {
    NullImGui imgui;
    ui::App app = OpenFixture("djq2-latest.sqlite3");
    core::DemoOptions options;
    options.tasks = 5000;
    auto demo_db = core::MakeDemoDatabase(options);
    const core::SchemaInfo schema = core::DetectSchema(demo_db.value()).value();
    core::Export demo{std::move(demo_db.value()), schema, "demo"};
    const std::string fixture = core::ExportFixture(demo).value();

    ui::OpenBytes(app, "big.json", core::AsBytes(fixture));
    REQUIRE(ui::IsBusy(app));
    ui::Tick(app, 0.0, 0.0);  // one step per tick: what a slow machine would see frame by frame
    REQUIRE(app.importing);
    CHECK(app.importing->job->Progress() < 0.5);  // a step is a few hundred of the 5,037 objects
    auto mirror = Render(app, 1);
    CHECK(ValueOf(mirror, "Importing big.json") != "(not shown)");
    CHECK(mirror["source"] == "djq2-latest.sqlite3");  // still showing what was open
    // Frames (each ticks first, a step's worth) until done. The last step, building the index, takes
    // longer: the frame before it says so (on a fast machine, the frame above). (No ticks outside
    // frames here: one could pass that frame.)
    bool said_indexing = ValueOf(mirror, "Importing big.json") == "100%, indexing…";
    for (int frame = 0; ui::IsBusy(app) && frame < 10000; ++frame)
        said_indexing = ValueOf(Render(app, 1), "Importing big.json") == "100%, indexing…" || said_indexing;
    CHECK(said_indexing);
    mirror = Render(app);
    CHECK(mirror["source"] == "big.json");
    CHECK(std::stoi(ValueOf(mirror, "Successful tasks")) + std::stoi(ValueOf(mirror, "Failed tasks")) == 5000);
    CHECK(ValueOf(mirror, "Queued tasks") == "25");
}

TEST_CASE("Live: the switch asks the platform to poll, a 304 is said beside it, and a reload marks what it brought") {
    NullImGui imgui;
    const std::string url = "https://example.invalid/export.sqlite3";
    auto bytes = core::ReadFile(test::FixturePath("djq2-latest.sqlite3"));
    ui::App app;
    ui::OpenBytes(app, url, bytes.value());
    auto mirror = Render(app);
    REQUIRE(ItemNamed(mirror, "Live") != nullptr);
    app.mirror.RequestActivation("Live");
    mirror = Render(app);
    CHECK(test::null_platform.live_seconds == 30);
    CHECK(ValueOf(mirror, "Live period (s)") == "30");
    CHECK(app.quiet_moment);  // nothing typed, no dialog: a poll may run

    ui::SourceUnchanged(app);
    CHECK(app.notice.empty());  // no notice to dismiss every 30 s
    CHECK_THAT(app.live.status, Catch::Matches("checked \\d\\d:\\d\\d:\\d\\d UTC: unchanged"));

    // The newer export has one more failure, stopped after every task before.
    auto newer = core::Db::OpenBytes(bytes.value());
    REQUIRE(newer->Exec("UPDATE django_q_task SET success = 0, stopped = '2026-11-24 03:00:00', name = 'brand-new' WHERE name = 'london-colorado-saturn-violet'"));
    ui::OpenBytes(app, url, newer->Serialize().value());
    app.page = ui::Page::Overview;
    mirror = Render(app);
    CHECK(ItemNamed(mirror, "Since the last load: successful 69 → 68 (-1), failed 8 → 9 (+1). New tasks are marked in the lists.") != nullptr);
    CHECK(app.live.on);  // the same source: Live stays on
    app.page = ui::Page::Failed;
    mirror = Render(app, 4);
    REQUIRE(ItemNamed(mirror, "brand-new") != nullptr);
    for (const auto& item : mirror["items"])
        if (item["role"] == "row") CHECK((item["name"] == "brand-new") == item["value"].get<std::string>().ends_with(" | new since the last load"));

    // A dialog or menu open: no fetch now (the platform asks again a second later).
    app.mirror.RequestActivation("Export…");
    Render(app, 2);
    CHECK_FALSE(app.quiet_moment);

    ui::OpenBytes(app, "djq2-latest.sqlite3", bytes.value());  // a file of its own: Live stops
    CHECK_FALSE(app.live.on);
    CHECK(test::null_platform.live_seconds == 0);
}

// A control that moves between two frames takes a click meant for another: the Live status (every
// poll) and the unsynced count (every edit) change length, and must not re-wrap the bar.
TEST_CASE("the top bar keeps every control in place while the Live status and the unsynced count change and wraps to fit") {
    NullImGui imgui;
    auto bytes = core::ReadFile(test::FixturePath("djq2-latest.sqlite3"));
    for (const float width : {1280.0f, 900.0f, 700.0f}) {
        ImGui::GetIO().DisplaySize = ImVec2(width, 800.0f);
        ui::App app;
        ui::OpenBytes(app, "https://example.invalid/export.sqlite3", bytes.value());
        app.page = ui::Page::Failed;
        ui::SetLive(app, 1);
        auto place = [&](const char* name) {
            const auto mirror = Render(app);
            const nlohmann::json* item = ItemNamed(mirror, name);
            REQUIRE(item != nullptr);
            return (*item)["rect"].dump();
        };
        const std::string theme = place("Theme"), row = place("Select fail-zero");
        ui::SourceUnchanged(app);
        CHECK(place("Theme") == theme);
        CHECK(place("Select fail-zero") == row);
        for (const char* step : {"Select fail-value", "Delete selected…", "Delete 1 failed task"}) {
            app.mirror.RequestActivation(step);
            Render(app, 2);
        }
        REQUIRE(app.unsynced_edits == 1);
        CHECK(place("Theme") == theme);
        CHECK(place("Select fail-zero") == row);
        // And nothing on the bar runs off the window: it wraps instead.
        const auto mirror = Render(app);
        for (const char* name : {"Reload from server", "Live period (s)", "Compare…", "Export…", "Undo", "1 unsynced edit", "Theme"}) {
            const nlohmann::json* item = ItemNamed(mirror, name);
            REQUIRE(item != nullptr);
            CHECK((*item)["rect"][0].get<float>() + (*item)["rect"][2].get<float>() <= width);
        }
    }
}

TEST_CASE("a list that announced an index it makes next frame keeps frames coming without input") {
    NullImGui imgui;
    ui::App app = OpenFixture("djq2-latest.sqlite3");
    Render(app, 8);  // the in-memory index loaded
    REQUIRE_FALSE(ui::IsBusy(app));
    app.page = ui::Page::Failed;
    app.failed.announced_index = "djq_task_failed_name";  // as IndexReady leaves it after saying "Indexing …"
    CHECK(ui::IsBusy(app));
    app.page = ui::Page::Overview;  // gone from the list: nothing will make it, so no frames for it
    CHECK_FALSE(ui::IsBusy(app));
}

TEST_CASE("the unsynced edits link opens the Changes page: each action in words, its own Undo, and the exports explained") {
    NullImGui imgui;
    ui::App app = OpenFixture("djq2-latest.sqlite3");
    REQUIRE(core::DeleteTasks(*app.current, test::TaskIds(*app.current, 2, false)));
    REQUIRE(core::PauseSchedule(*app.current, 6));
    ui::AfterChange(app);
    Render(app);
    app.mirror.RequestActivation("3 unsynced edits");
    auto mirror = Render(app);
    CHECK(mirror["view"] == "changes");
    CHECK(ui::LocationOf(app) == "#/changes");
    const nlohmann::json* deletion = ItemNamed(mirror, "#1 Delete tasks");
    REQUIRE(deletion != nullptr);
    CHECK_THAT((*deletion)["value"].get<std::string>(), Catch::StartsWith("Deletes 2 tasks (first: "));
    CHECK(ValueOf(mirror, "#2 Pause a schedule") == "Changes 1 schedule (first: failing-daily).");
    for (const char* file : {"Changeset (JSON) for djq apply", "Working copy (SQLite)", "Fixture for loaddata (JSON)"})
        CHECK(ItemNamed(mirror, file) != nullptr);
    CHECK(ItemNamed(mirror, "Every Django Q row of this export as it is now, for manage.py loaddata on a test or fresh database. loaddata "
                            "adds and overwrites rows by id but never deletes: deletions reach a server only through the changeset.") != nullptr);

    // The older action alone: the pause stays.
    app.mirror.RequestActivation("Undo #1");
    mirror = Render(app);
    CHECK(app.notice == "Undid #1: Delete tasks.");
    CHECK(ItemNamed(mirror, "#1 Delete tasks") == nullptr);
    CHECK(ItemNamed(mirror, "#2 Pause a schedule") != nullptr);
    CHECK(ItemNamed(mirror, "1 unsynced edit") != nullptr);
    CHECK(app.summary->failed == 8);
}

TEST_CASE("CJK and emoji render from the fallback fonts once text needs them, and text stays intact") {
    NullImGui imgui;
    ui::App app = OpenFixture("djq2-latest.sqlite3");
    const std::string name = "Grüße, 世界 — ✓ 😀";
    auto rename = app.current->db.Prepare("UPDATE django_q_task SET name = ?1 WHERE name = 'fail-zero'");
    rename->Bind(1, name);
    REQUIRE(rename->Run());
    ui::AfterChange(app);
    ui::GoToLocation(app, "#/failed?q=" + std::string("%E4%B8%96%E7%95%8C"));  // 世界
    auto mirror = Render(app, 4);
    const nlohmann::json* row = ItemNamed(mirror, name);
    REQUIRE(row != nullptr);  // the name as stored: copy and hover give the real text
    CHECK(mirror["missing_glyphs"] == "");
    const ImFont* body = ui::Fonts().body;
    for (const ImWchar c : {ImWchar(0x00DF), ImWchar(0x4E16), ImWchar(0x754C), ImWchar(0x2014), ImWchar(0x2713), ImWchar(0x1F600)}) {
        INFO(c);
        CHECK(body->FindGlyphNoFallback(c) != nullptr);
    }
    CHECK(test::null_platform.fallback_font_requests <= 1);  // asked for once in this process

    // A character no font has is drawn as a box, and said in the mirror.
    REQUIRE(app.current->db.Exec("UPDATE django_q_task SET name = 'private \xF3\xB0\x80\x80' WHERE id = (SELECT id FROM django_q_task WHERE success = 0 LIMIT 1)"));
    ui::AfterChange(app);
    ui::GoToLocation(app, "#/failed?q=private");
    mirror = Render(app, 4);
    CHECK(mirror["missing_glyphs"] == "\xF3\xB0\x80\x80");
    CHECK(ui::Fonts().body->FallbackChar == 0x25A1);
}

TEST_CASE("the theme follows the system until the user picks one, and the pick is kept with the layout") {
    const auto window_light = [] { return ImGui::GetStyle().Colors[ImGuiCol_WindowBg].x > 0.8f; };
    {
        NullImGui imgui;
        test::null_platform = {};
        ui::RestoreLayout();  // as the platforms start: the layout (and theme) saved as they change
        ui::App app = OpenFixture("djq2-latest.sqlite3");
        auto mirror = Render(app);
        CHECK(ValueOf(mirror, "Theme") == "System");
        CHECK_FALSE(window_light());
        test::null_platform.prefers_dark = false;  // the system turned light
        Render(app);
        CHECK(window_light());
        CHECK(ui::theme::Colors().failure != 0xFF4F55E0u);  // the light theme's darker red

        ui::theme::Choose(ui::theme::Choice::Dark);
        mirror = Render(app);
        CHECK(ValueOf(mirror, "Theme") == "Dark");
        CHECK_FALSE(window_light());
        CHECK_THAT(test::null_platform.layout, Catch::Contains("theme=Dark"));
    }
    ui::theme::Choose(ui::theme::Choice::System);  // as a new visit starts, before its layout is read
    NullImGui imgui;
    ui::RestoreLayout();
    CHECK(ui::theme::CurrentChoice() == ui::theme::Choice::Dark);
    ui::theme::Choose(ui::theme::Choice::System);
    test::null_platform = {};
}

TEST_CASE("one clock and one zone: as of the export by default, every time column in the chosen zone") {
    NullImGui imgui;
    test::null_platform = {};
    ui::RestoreLayout();  // as the platforms start: preferences are saved as they change
    ui::App app = OpenFixture("djq2-latest.sqlite3");  // newest task stopped 2026-11-24 01:35:29 UTC
    auto mirror = Render(app);
    CHECK(ValueOf(mirror, "Clock") == "As of export: 2026-11-24 01:35 UTC");
    CHECK(ValueOf(mirror, "Times in") == "Server zone (UTC)");

    // As of the export, "Today" is the export's day: all 8 failures; cron-every-5 (01:40) is not overdue.
    ui::GoToLocation(app, "#/failed?stopped=today");
    mirror = Render(app);
    CHECK(ValueOf(mirror, "Results") == "8 results (8 total)");
    ui::GoToLocation(app, "#/schedules?q=cron-every-5");
    mirror = Render(app);
    CHECK_THAT(ValueOf(mirror, "cron-every-5"), !Catch::Contains("overdue"));

    // The wall clock (2026-12 or later): the same export's schedules are overdue, today holds nothing.
    ui::ChooseClock(ui::ClockChoice::Wall);
    ++app.generation;
    mirror = Render(app);
    CHECK_THAT(ValueOf(mirror, "cron-every-5"), Catch::Contains("(overdue)"));
    ui::GoToLocation(app, "#/failed?stopped=today");
    mirror = Render(app);
    CHECK(ValueOf(mirror, "Results") == "0 results (8 total)");
    ui::ChooseClock(ui::ClockChoice::Export);

    // Another zone: headers name it, cells and the overview show its wall clock.
    ui::ChooseZone("Asia/Kolkata");
    ui::GoToLocation(app, "#/failed?q=fail-zero");
    mirror = Render(app);
    CHECK(ItemNamed(mirror, "Stopped (Kolkata)") != nullptr);
    CHECK_THAT(ValueOf(mirror, "fail-zero"), Catch::Contains("| 2026-11-24 07:04:35 |"));  // 01:34:35 UTC + 5:30
    ui::GoToLocation(app, "#/");
    mirror = Render(app);
    CHECK(ValueOf(mirror, "Tasks until") == "2026-11-24 07:05:29 IST");
    CHECK_THAT(test::null_platform.layout, Catch::Contains("zone=Asia/Kolkata"));
    ui::ChooseZone("server");
}
