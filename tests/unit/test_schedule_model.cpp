// Scheduled tasks (issue 6): the list's rows and last runs, its search, filters and order, and the
// journalled edits (save, delete, pause/resume, run now) on the fixtures.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <fstream>
#include <regex>

#include "core/decode/pickle_reader.h"
#include "core/decode/py_repr.h"
#include "core/decode/signing.h"
#include "core/model/schedule_edits.h"
#include "core/model/schedule_query.h"
#include "core/model/schedule_run_now.h"
#include "core/sync/journal.h"
#include "test_fixtures.h"

using namespace core;

namespace {

constexpr char kFixtureKey[] = "fixture-secret-key-1-not-for-production";  // settings-*.json
const UnixMicros kNow = *ParseDjangoDatetime("2026-12-01 05:30:00.250000");

nlohmann::json Golden(const char* name) {
    std::ifstream in(test::FixturePath(name));
    return nlohmann::json::parse(in);
}

const ScheduleListRow& Named(const std::vector<ScheduleListRow>& rows, const std::string& name) {
    for (const auto& row : rows)
        if (row.name == name) return row;
    FAIL("no schedule named " << name);
    return rows.front();
}

std::vector<std::string> Names(const std::vector<const ScheduleListRow*>& rows) {
    std::vector<std::string> names;
    for (const auto* row : rows) names.push_back(row->name.value_or("#" + std::to_string(row->id)));
    return names;
}

std::int64_t Count(Export& e, const std::string& sql) {
    auto stmt = e.db.Prepare(sql);
    REQUIRE(stmt->Step().value());
    return stmt->Int(0);
}

}  // namespace

TEST_CASE("every schedule of both fixtures is listed with the admin's last run and success") {
    for (const auto& [fixture, golden] : {std::pair{"djq2-latest.sqlite3", "golden-djq2-latest.json"}, std::pair{"djq1-1.3.9.sqlite3", "golden-djq1-1.3.9.json"}}) {
        INFO(fixture);
        auto e = test::OpenFixtureCopy(fixture);
        auto rows = ReadSchedules(e);
        REQUIRE(rows);
        const auto expected = Golden(golden)["schedules"];
        REQUIRE(rows->size() == expected.size());
        for (std::size_t i = 0; i < expected.size(); ++i) {
            const auto& row = rows.value()[i];
            INFO("schedule " << row.id);
            CHECK(row.id == expected[i]["id"].get<std::int64_t>());
            CHECK(row.schedule_type == expected[i]["schedule_type"].get<std::string>());
            CHECK(row.repeats == expected[i]["repeats"].get<std::int64_t>());
            const auto& last = expected[i]["last_run_name"];
            CHECK(row.last_run_name == (last.is_null() ? std::nullopt : std::optional<std::string>(last.get<std::string>())));
            const auto& success = expected[i]["success"];
            CHECK(row.last_run_success == (success.is_null() ? std::nullopt : std::optional<bool>(success.get<bool>())));
        }
    }
}

TEST_CASE("the schedule list searches name and func, filters type, cluster, paused and overdue, and sorts") {
    auto e = test::OpenFixtureCopy("djq2-latest.sqlite3");
    auto rows = ReadSchedules(e).value();
    ScheduleQuery query;
    query.search = "CRON";
    CHECK(Names(FilterSchedules(rows, query, kNow)) ==
          std::vector<std::string>{"cron-every-5", "cron-weekdays-9", "cron-dst-0230", "cron-other-cluster", "cron-first-monday"});  // next run first
    query.search = "cron \"other\"";
    CHECK(Names(FilterSchedules(rows, query, kNow)) == std::vector<std::string>{"cron-other-cluster"});
    query = {};
    query.search = "tasks.add";  // func
    CHECK(Names(FilterSchedules(rows, query, kNow)) == std::vector<std::string>{"#21"});
    query = {};
    query.schedule_type = "C";
    query.cluster = "other";
    CHECK(Names(FilterSchedules(rows, query, kNow)) == std::vector<std::string>{"cron-other-cluster"});
    query = {};
    query.paused_only = true;
    CHECK(Names(FilterSchedules(rows, query, kNow)) == std::vector<std::string>{"once-keep", "paused"});
    query = {};
    query.overdue_only = true;  // at kNow every repeating schedule due before 2026-12-01 05:30 UTC is overdue
    const auto overdue = FilterSchedules(rows, query, kNow);
    for (const auto* row : overdue) CHECK((row->repeats != 0 && *row->next_run < "2026-12-01 05:30:00.250000"));
    const auto overdue_names = Names(overdue);
    CHECK(std::find(overdue_names.begin(), overdue_names.end(), "biweekly") == overdue_names.end());
    CHECK(std::find(overdue_names.begin(), overdue_names.end(), "every-15-min") != overdue_names.end());
    query = {};
    query.sort = ScheduleColumn::Id;
    query.descending = true;
    CHECK(FilterSchedules(rows, query, kNow).front()->id == 21);
    query.next_run = {"2027-01-01 00:00:00", "2028-01-01 00:00:00"};
    query.sort = ScheduleColumn::NextRun;
    query.descending = false;
    CHECK(Names(FilterSchedules(rows, query, kNow)) ==
          std::vector<std::string>{"monthly-31st", "daily-over-dst", "weekly-over-dst"});
}

TEST_CASE("a new schedule is saved, edited, paused, resumed and deleted, each step undoable") {
    auto e = test::OpenFixtureCopy("djq2-latest.sqlite3");
    ScheduleRow schedule;
    schedule.name = "nightly";
    schedule.func = "demoapp.tasks.echo";
    schedule.schedule_type = "C";
    schedule.cron = "0 3 * * *";
    schedule.repeats = 5;
    schedule.next_run = "2026-12-02 02:00:00";
    auto id = SaveSchedule(e, schedule);
    REQUIRE(id);
    CHECK(id.value() == 22);  // AUTOINCREMENT after the fixture's 21
    auto saved = FindSchedule(e, id.value()).value();
    REQUIRE(saved);
    CHECK(saved->cron == "0 3 * * *");
    CHECK(saved->cluster == std::nullopt);

    saved->repeats = 9;
    REQUIRE(SaveSchedule(e, *saved));
    REQUIRE(PauseSchedule(e, id.value()));
    CHECK(FindSchedule(e, id.value()).value()->repeats == 0);
    CHECK(RepeatsBeforePause(e, id.value()).value() == 9);
    REQUIRE(ResumeSchedule(e, id.value()));
    CHECK(FindSchedule(e, id.value()).value()->repeats == 9);
    CHECK(RepeatsBeforePause(e, 9).value() == -1);  // exported paused: resume means forever

    REQUIRE(DeleteSchedules(e, {id.value(), 2}).value() == 2);
    CHECK(Count(e, "SELECT count(*) FROM django_q_schedule") == 19);
    CHECK(UndoLastBatch(e.db).value() == "delete_schedules");
    CHECK(Count(e, "SELECT count(*) FROM django_q_schedule") == 21);
    CHECK(UndoLastBatch(e.db).value() == "resume_schedule");
    CHECK(UndoLastBatch(e.db).value() == "pause_schedule");
    CHECK(UndoLastBatch(e.db).value() == "save_schedule");
    CHECK(FindSchedule(e, id.value()).value()->repeats == 5);
    CHECK(UndoLastBatch(e.db).value() == "save_schedule");
    CHECK(!FindSchedule(e, id.value()).value());
    CHECK(!DeleteSchedules(e, {999}));
}

TEST_CASE("run now queues the task the scheduler would: kwargs text, intended date, group = name") {
    auto e = test::OpenFixtureCopy("djq2-latest.sqlite3");
    ResubmitSettings settings;
    settings.secret_key = kFixtureKey;
    settings.cluster_name = "djqdemo";
    const auto package = [&](std::int64_t schedule_id) {
        auto done = RunScheduleNow(e, schedule_id, settings, kNow);
        REQUIRE(done);
        CHECK(done->queued);
        auto stmt = e.db.Prepare("SELECT key, payload FROM django_q_ormq ORDER BY id DESC LIMIT 1");
        REQUIRE(stmt->Step().value());
        CHECK(stmt->Text(0) == "djqdemo");
        auto payload = ParseSignedPayload(stmt->Text(1));
        REQUIRE(payload);
        CHECK(VerifySignature(payload.value(), kFixtureKey, "djqdemo") == SignatureCheck::Valid);
        auto value = DecodePickle(payload->pickle);
        REQUIRE(value);
        return std::regex_replace(ReprPython(*value.value()), std::regex("^\\{'id': '[0-9a-f]{32}', 'name': '[a-z-]+'"), "{'id': ID, 'name': NAME");
    };
    // hourly-forever: kwargs "x=1, y='a'" (the k=v form)
    CHECK(package(4) == "{'id': ID, 'name': NAME, 'func': 'demoapp.tasks.echo', 'args': (), 'group': 'hourly-forever', 'cluster': None, "
                        "'kwargs': {'x': 1, 'y': 'a'}, 'started': datetime.datetime(2026, 12, 1, 5, 30, 0, 250000, tzinfo=datetime.timezone.utc)}");
    // daily-3: intended_date_kwarg "intended" receives the run's time
    CHECK(package(5) == "{'id': ID, 'name': NAME, 'func': 'demoapp.tasks.echo', 'args': (), 'group': 'daily-3', 'cluster': None, "
                        "'kwargs': {'intended': '2026-12-01T05:30:00.250000+00:00'}, 'started': datetime.datetime(2026, 12, 1, 5, 30, 0, 250000, tzinfo=datetime.timezone.utc)}");
    // every-15-min: args "1, 2, 'John'"; unnamed schedule 21: group is its id (an int)
    CHECK(package(3).find("'args': (1, 2, 'John'), 'group': 'every-15-min'") != std::string::npos);
    CHECK(package(21).find("'args': (2, 3), 'group': 21, 'cluster': None") != std::string::npos);
    CHECK(Count(e, "SELECT count(*) FROM django_q_ormq") == 14);
    CHECK(Count(e, "SELECT count(*) FROM django_q_schedule") == 20);  // the schedules stay as they are
}

TEST_CASE("run now without a key adds a ONCE copy due now, grouped like the schedule's own tasks") {
    auto e = test::OpenFixtureCopy("djq2-latest.sqlite3");
    ResubmitSettings settings;
    settings.way = ResubmitWay::OnceSchedule;
    auto done = RunScheduleNow(e, 21, settings, kNow);
    REQUIRE(done);
    CHECK(!done->queued);
    auto once = FindSchedule(e, done->schedule_id).value();
    REQUIRE(once);
    CHECK(once->schedule_type == "O");
    CHECK(once->repeats == -1);
    CHECK(once->name == "21");
    CHECK(once->args == "(2, 3)");
    CHECK(once->next_run == "2026-12-01 05:30:00.250000");
    CHECK(UndoLastBatch(e.db).value() == "run_schedule_now");
    settings.way = ResubmitWay::QueueEntry;
    CHECK(RunScheduleNow(e, 21, settings, kNow).error().code == "resubmit.no_key");
    CHECK(RunScheduleNow(e, 999, settings, kNow).error().code == "schedule.not_found");
}
