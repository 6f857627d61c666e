// The Scheduled tasks pages drawn with the null backend over the fixtures: the list, a schedule's
// editor with its next runs in the server's zone, validation, create, run now and delete.
#include "null_imgui.h"

#include "core/model/schedule.h"
#include "core/model/settings_store.h"
#include "ui/app/time_display.h"
#include "ui/navigation/location.h"
#include "platform_null.h"

using namespace test;

namespace {

std::vector<nlohmann::json> Rows(const nlohmann::json& mirror) {
    std::vector<nlohmann::json> rows;
    for (const auto& item : mirror["items"])
        if (item["role"] == "row") rows.push_back(item);
    return rows;
}

nlohmann::json Click(ui::App& app, const char* name) {
    app.mirror.RequestActivation(name);
    return Render(app);
}

// The server's TIME_ZONE as a user sets it: kept in the working copy, read when the page draws.
void SetServerZone(ui::App& app, const char* zone) {
    REQUIRE(core::WriteSetting(app.current->db, "server_time_zone", zone));
    app.schedule_settings.loaded_for = 0;
}

std::size_t ScheduleCount(ui::App& app) { return core::ReadSchedules(*app.current).value().size(); }

}  // namespace

TEST_CASE("the Scheduled page lists every schedule with the admin's columns, next run first") {
    NullImGui imgui;
    for (const char* fixture : {"djq1-1.3.9.sqlite3", "djq2-latest.sqlite3"}) {
        INFO(fixture);
        ui::App app = OpenFixture(fixture);
        Render(app, 1);
        auto mirror = Click(app, "Scheduled");
        CHECK(mirror["view"] == "schedules");
        CHECK(mirror["error"].is_null());
        const std::size_t total = ScheduleCount(app);
        CHECK(ValueOf(mirror, "Results") == std::to_string(total) + " results (" + std::to_string(total) + " total)");
        const auto rows = Rows(mirror);
        REQUIRE(rows.size() >= 10);
        CHECK(rows[0]["name"] == "once-keep");  // the earliest next run
        CHECK_THAT(rows[0]["value"].get<std::string>(), Catch::Contains("| Once | 0 (paused) |"));
        CHECK_THAT(rows[0]["value"].get<std::string>(), Catch::EndsWith("| yes"));  // its last run succeeded
        std::vector<std::string> columns;
        for (const auto& item : mirror["items"])
            if (item["role"] == "column") columns.push_back(item["name"]);
        CHECK(columns == std::vector<std::string>{"ID", "Name", "Func", "Type", "Repeats", "Cluster", "Next run (UTC)", "Last run", "Success"});

        app.schedules.query.paused_only = true;
        app.schedules.refilter = true;
        mirror = Render(app);
        CHECK(ValueOf(mirror, "Results") == "2 results (" + std::to_string(total) + " total)");
    }
}

TEST_CASE("a schedule's page shows its next runs in the server's zone, DST included (django-q2)") {
    NullImGui imgui;
    ui::App app = OpenFixture("djq2-latest.sqlite3");
    app.fixed_now = core::ParseDjangoDatetime("2026-12-01 12:00:00");
    SetServerZone(app, "Europe/Amsterdam");
    ui::EditSchedule(app, 10);  // monthly-31st: next_run 2027-01-31 09:00 UTC
    auto mirror = Render(app);
    CHECK(mirror["view"] == "schedule");
    CHECK(ValueOf(mirror, "Next run") == "2027-01-31 10:00:00");
    CHECK(ValueOf(mirror, "Run 1") == "2027-01-31 10:00:00 CET   (2027-01-31 09:00:00 UTC)");
    CHECK(ValueOf(mirror, "Run 2") == "2027-02-28 10:00:00 CET   (2027-02-28 09:00:00 UTC)");  // clamped to February's end
    CHECK(ValueOf(mirror, "Run 3") == "2027-03-28 10:00:00 CEST   (2027-03-28 08:00:00 UTC)");  // the wall clock kept over DST
    CHECK(ItemNamed(mirror, "Pause") != nullptr);

    // Overdue with catch_up: every missed period runs, one per scheduler pass.
    ui::EditSchedule(app, 3);  // every-15-min, due 2026-11-24 01:44:49, 23 repeats left
    mirror = Render(app);
    CHECK(ValueOf(mirror, "Run 1") == "23 overdue runs, one per scheduler pass from the next (catch_up)");
    CHECK(ValueOf(mirror, "Run 2") == "(not shown)");  // the repeats are used up by then

    // Times shown in UTC instead (the top bar's zone): the same instants.
    ui::ChooseZone("UTC");
    ++app.schedule_generation;
    ui::EditSchedule(app, 10);
    mirror = Render(app);
    CHECK(ValueOf(mirror, "Run 3") == "2027-03-28 08:00:00 UTC");
    ui::ChooseZone("Asia/Kolkata");  // any IANA zone
    ++app.schedule_generation;
    ui::EditSchedule(app, 10);
    mirror = Render(app);
    CHECK(ValueOf(mirror, "Run 3") == "2027-03-28 13:30:00 IST   (2027-03-28 08:00:00 UTC)");
    ui::ChooseZone("server");
}

TEST_CASE("a new cron schedule is validated as typed, explained, previewed and created") {
    NullImGui imgui;
    ui::App app = OpenFixture("djq2-latest.sqlite3");
    SetServerZone(app, "Europe/Amsterdam");
    Render(app, 1);
    Click(app, "Scheduled");
    auto mirror = Click(app, "New schedule");
    CHECK(mirror["view"] == "schedule");
    CHECK(ItemNamed(mirror, "Func: required: the dotted path of the function to run") != nullptr);

    ui::ScheduleDraft& draft = app.schedule_editor.draft;
    draft.name = "weekday-report";
    draft.func = "demoapp.tasks.echo";
    draft.schedule_type = "C";
    draft.cron = "0 9 * * 1-8";
    draft.args = "'x', [1";
    draft.next_run = "2036-03-28 09:00";
    mirror = Render(app);
    bool cron_error = false, args_error = false;
    for (const auto& item : mirror["items"]) {
        const std::string name = item["name"];
        cron_error |= name.rfind("Cron: ", 0) == 0 && name.find("field 5 (day of week)") != std::string::npos;
        args_error |= name.rfind("Args: ", 0) == 0 && name.find("line 1, column") != std::string::npos;
    }
    CHECK(cron_error);
    CHECK(args_error);

    draft.cron = "0 9 * * 1-5";
    draft.args = "'x', [1]";
    mirror = Render(app);
    CHECK(ItemNamed(mirror, "at 09:00 on Monday through Friday") != nullptr);
    CHECK(ValueOf(mirror, "Run 1") == "2036-03-28 09:00:00 CET   (2036-03-28 08:00:00 UTC)");
    CHECK(ValueOf(mirror, "Run 2") == "2036-03-31 09:00:00 CEST   (2036-03-31 07:00:00 UTC)");  // Monday, after the change to summer time
    const std::size_t before = ScheduleCount(app);
    mirror = Click(app, "Create schedule");
    CHECK(ScheduleCount(app) == before + 1);
    auto created = core::FindSchedule(*app.current, app.schedule_editor.id).value();
    REQUIRE(created);
    CHECK(created->cron == "0 9 * * 1-5");
    CHECK(created->next_run == "2036-03-28 08:00:00");
    CHECK(created->args == "'x', [1]");
    CHECK(app.unsynced_edits == 1);
}

TEST_CASE("run now adds the scheduler's task, delete asks first, both are undoable") {
    NullImGui imgui;
    ui::App app = OpenFixture("djq2-latest.sqlite3");
    ui::EditSchedule(app, 4);  // hourly-forever
    Render(app);
    auto mirror = Click(app, "Run now…");
    CHECK(ItemNamed(mirror, "Run schedule 4 now?") != nullptr);
    Click(app, "As a ONCE schedule (no key needed)");
    const std::size_t before = ScheduleCount(app);
    Click(app, "Run now");
    CHECK(ScheduleCount(app) == before + 1);
    CHECK_THAT(app.notice, Catch::StartsWith("Added ONCE schedule"));

    mirror = Click(app, "Delete…");
    CHECK(ItemNamed(mirror, "Delete schedule 4?") != nullptr);
    Click(app, "Delete 1 schedule");
    CHECK(ScheduleCount(app) == before);
    CHECK(app.page == ui::Page::Schedules);
    CHECK(app.unsynced_edits == 2);
}

TEST_CASE("a schedule's tasks open in All tasks: its failures too, with a status column") {
    NullImGui imgui;
    ui::App app = OpenFixture("djq2-latest.sqlite3");
    ui::EditSchedule(app, 6);  // failing-daily: one failed task, no successes
    Render(app);
    auto mirror = Click(app, "Tasks of this schedule");
    CHECK(mirror["view"] == "all-tasks");
    CHECK(ValueOf(mirror, "All tasks") == "selected");
    CHECK(ValueOf(mirror, "Results") == "1 result (" + std::to_string(app.summary->successful + app.summary->failed) + " total)");
    const auto rows = Rows(mirror);
    REQUIRE(rows.size() == 1);
    CHECK_THAT(rows[0]["value"].get<std::string>(), Catch::Contains("| Failed |"));
    std::vector<std::string> columns;
    for (const auto& item : mirror["items"])
        if (item["role"] == "column") columns.push_back(item["name"]);
    CHECK(columns == std::vector<std::string>{"Name", "Group", "Func", "Cluster", "Status", "Stopped (UTC)", "Time taken", "Result"});
    // The link keeps the list and its filter.
    CHECK(ui::LocationOf(app) == "#/tasks?group=failing-daily");
    // Opened from All tasks, the task's page keeps that tab lit.
    auto failed = app.current->db.Prepare("SELECT id FROM django_q_task WHERE \"group\" = 'failing-daily'");
    REQUIRE(failed->Step().value());
    ui::OpenTask(app, std::string(failed->Text(0)));
    mirror = Render(app);
    CHECK(mirror["view"] == "task");
    CHECK(ValueOf(mirror, "All tasks") == "selected");
    CHECK(ValueOf(mirror, "Failed") != "selected");
}
