// When schedules run, per scheduler (core/sched/schedule_runs.h), against the goldens the real
// django-q 1.3.9 and django-q2 computed for every schedule of the fixtures.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <map>
#include <string>
#include <vector>

#include "core/db/db.h"
#include "core/sched/schedule_runs.h"
#include "test_pickle_vectors.h"

#include "test_zones.h"

using namespace core;

namespace {

using test::At;
using test::Zone;

std::vector<std::string> Texts(const std::vector<UnixMicros>& runs) {
    std::vector<std::string> out;
    for (UnixMicros at : runs) out.push_back(FormatDjangoDatetime(at));
    return out;
}

ScheduleTiming Timing(const char* type, const char* next_run, int repeats = -1, std::optional<int> minutes = std::nullopt, const char* cron = "") {
    ScheduleTiming timing;
    timing.type = type;
    timing.next_run = At(next_run);
    timing.repeats = repeats;
    timing.minutes = minutes;
    timing.cron = cron;
    return timing;
}

using Strings = std::vector<std::string>;
constexpr auto kQ1 = SchedulerVariant::DjangoQ1;
constexpr auto kQ2 = SchedulerVariant::DjangoQ2;
constexpr UnixMicros kHour = 3'600'000'000LL;

}  // namespace

TEST_CASE("golden: every schedule's next five runs after next_run match Django Q's, to the microsecond") {
    for (const std::string fixture : {"djq1-1.3.9", "djq2-latest"}) {
        const auto golden = nlohmann::json::parse(test::ReadText(test::FixturePath("golden-" + fixture + ".json")));
        const TimeZone zone = Zone(golden["time_zone"].get<std::string>().c_str());
        const SchedulerVariant variant = fixture == "djq2-latest" ? kQ2 : kQ1;
        std::map<std::int64_t, const nlohmann::json*> expected;
        for (const auto& schedule : golden["schedules"]) expected[schedule["id"].get<std::int64_t>()] = &schedule;

        auto db = Db::OpenFile(test::FixturePath(fixture + ".sqlite3"));
        REQUIRE(db);
        auto stmt = db->Prepare("SELECT id, schedule_type, minutes, cron, repeats, next_run FROM django_q_schedule ORDER BY id");
        REQUIRE(stmt);
        int compared = 0;
        while (stmt->Step().value()) {
            const std::int64_t id = stmt->Int(0);
            ScheduleTiming timing;
            timing.type = std::string(stmt->Text(1));
            if (!stmt->IsNull(2)) timing.minutes = static_cast<int>(stmt->Int(2));
            timing.cron = stmt->OptionalText(3).value_or("");
            timing.repeats = static_cast<int>(stmt->Int(4));
            if (!stmt->IsNull(5)) timing.next_run = ParseDjangoDatetime(stmt->Text(5));
            INFO(fixture << " schedule " << id << " (" << timing.type << " " << timing.cron << ")");
            REQUIRE(expected.count(id));
            Strings want;
            for (const auto& text : (*expected[id])["next_runs_after_next_run"]) {
                const auto at = ParseDjangoDatetime(text.get<std::string>());
                REQUIRE(at);
                want.push_back(FormatDjangoDatetime(*at));
            }
            auto runs = RunsAfterNextRun(timing, variant, zone, 5);
            REQUIRE(runs);
            CHECK(Texts(runs.value()) == want);
            ++compared;
        }
        CHECK(compared == static_cast<int>(expected.size()));
        CHECK(compared == (fixture == "djq2-latest" ? 20 : 18));
    }
}

TEST_CASE("regression: django-q2 keeps the local time across DST for monthly, django-q 1.3 keeps UTC") {
    const TimeZone amsterdam = Zone("Europe/Amsterdam");
    const ScheduleTiming monthly = Timing("M", "2027-01-31 09:00:00");
    CHECK(Texts(RunsAfterNextRun(monthly, kQ2, amsterdam, 3).value()) == Strings{"2027-02-28 09:00:00", "2027-03-28 08:00:00", "2027-04-28 08:00:00"});
    CHECK(Texts(RunsAfterNextRun(monthly, kQ1, amsterdam, 3).value()) == Strings{"2027-02-28 09:00:00", "2027-03-28 09:00:00", "2027-04-28 09:00:00"});
    // q2's correction compares wall clocks an exact day apart: a 02:30 daily run becomes 01:30 on
    // the day of the change and stays there (the golden 'daily-over-dst').
    CHECK(Texts(RunsAfterNextRun(Timing("D", "2027-03-27 01:30:00"), kQ2, amsterdam, 2).value()) ==
          Strings{"2027-03-28 00:30:00", "2027-03-28 23:30:00"});
    // Hourly and yearly are never corrected; 29 February becomes 28 February for good.
    CHECK(Texts(RunsAfterNextRun(Timing("Y", "2028-02-29 12:00:00"), kQ2, amsterdam, 2).value()) == Strings{"2029-02-28 12:00:00", "2030-02-28 12:00:00"});
    CHECK(Texts(RunsAfterNextRun(Timing("I", "2026-11-24 00:00:00", -1, 0), kQ2, amsterdam, 1).value()) == Strings{"2026-11-24 00:01:00"});
}

TEST_CASE("schedule types: q2 adds Biweekly and Bimonthly, validation names the field") {
    CHECK(ScheduleTypes(kQ1) == Strings{"O", "I", "H", "D", "W", "M", "Q", "Y", "C"});
    CHECK(ScheduleTypes(kQ2) == Strings{"O", "I", "H", "D", "W", "BW", "M", "BM", "Q", "Y", "C"});
    CHECK(ScheduleTypeLabel("BM") == "Bimonthly");
    CHECK(ScheduleTypeLabel("C") == "Cron");
    CHECK(ScheduleTypeLabel("ZZ") == "ZZ");
    CHECK(SchedulerVariantFor(Variant::DjangoQ1) == kQ1);

    const auto where = [](const ScheduleTiming& timing, SchedulerVariant variant) {
        auto status = ValidateTiming(timing, variant);
        if (status) return std::string("ok");
        CHECK(status.error().code == "schedule.invalid");
        return status.error().where;
    };
    CHECK(where(Timing("BW", "2026-11-24 00:00:00"), kQ1) == "schedule_type");
    CHECK(where(Timing("BW", "2026-11-24 00:00:00"), kQ2) == "ok");
    CHECK(where(Timing("X", "2026-11-24 00:00:00"), kQ2) == "schedule_type");
    CHECK(where(Timing("I", "2026-11-24 00:00:00"), kQ2) == "minutes");
    CHECK(where(Timing("I", "2026-11-24 00:00:00", -1, 0), kQ2) == "minutes");
    CHECK(where(Timing("I", "2026-11-24 00:00:00", -1, 15), kQ2) == "ok");
    CHECK(where(Timing("C", "2026-11-24 00:00:00"), kQ2) == "cron");
    CHECK(where(Timing("C", "2026-11-24 00:00:00", -1, std::nullopt, "0 9 * * 8"), kQ2) == "cron");
    CHECK(where(Timing("C", "2026-11-24 00:00:00", -1, std::nullopt, "0 9 * * 1-5"), kQ2) == "ok");

    auto bad_cron = RunsAfterNextRun(Timing("C", "2026-11-24 00:00:00", -1, std::nullopt, "0 9 * *"), kQ2, TimeZone::Utc(), 5);
    REQUIRE_FALSE(bad_cron);
    CHECK(bad_cron.error().where == "cron");
    CHECK_FALSE(RunsAfterNextRun(Timing("BM", "2026-11-24 00:00:00"), kQ1, TimeZone::Utc(), 5));
}

TEST_CASE("upcoming runs: repeats counts the runs left, 0 pauses, ONCE runs once") {
    const TimeZone utc = TimeZone::Utc();
    const UnixMicros now = At("2026-11-24 12:00:00");
    for (const auto variant : {kQ1, kQ2}) {
        CHECK(Texts(UpcomingRuns(Timing("D", "2026-11-25 01:00:00", 2), variant, utc, now, 10, false).value()) ==
              Strings{"2026-11-25 01:00:00", "2026-11-26 01:00:00"});
        CHECK(UpcomingRuns(Timing("D", "2026-11-25 01:00:00", 0), variant, utc, now, 10, false)->empty());
        CHECK(UpcomingRuns(Timing("H", "2026-11-25 01:00:00", -1), variant, utc, now, 10, false)->size() == 10);
        CHECK(UpcomingRuns(Timing("H", "2026-11-25 01:00:00", -7), variant, utc, now, 10, false)->size() == 10);  // q1: counts down, forever
        CHECK(Texts(UpcomingRuns(Timing("O", "2026-11-25 01:00:00", -1), variant, utc, now, 10, false).value()) == Strings{"2026-11-25 01:00:00"});
        CHECK(UpcomingRuns(Timing("O", "2026-11-25 01:00:00", 0), variant, utc, now, 10, false)->empty());
        ScheduleTiming no_next_run = Timing("H", "2026-11-25 01:00:00");
        no_next_run.next_run.reset();
        CHECK(UpcomingRuns(no_next_run, variant, utc, now, 10, false)->empty());
    }
}

TEST_CASE("upcoming runs: a past next_run runs on the next pass, then catch_up decides") {
    const TimeZone utc = TimeZone::Utc();
    const UnixMicros now = At("2026-11-24 12:00:00");
    const ScheduleTiming late = Timing("H", "2026-11-24 08:30:00");
    // catch_up=False: one run now, then straight to the first hour step after it.
    CHECK(Texts(UpcomingRuns(late, kQ2, utc, now, 3, false).value()) == Strings{"2026-11-24 12:00:00", "2026-11-24 12:30:00", "2026-11-24 13:30:00"});
    // catch_up=True: the three missed steps (09:30, 10:30, 11:30) run one per pass, right away.
    CHECK(Texts(UpcomingRuns(late, kQ1, utc, now, 5, true).value()) ==
          Strings{"2026-11-24 12:00:00", "2026-11-24 12:00:00", "2026-11-24 12:00:00", "2026-11-24 12:00:00", "2026-11-24 12:30:00"});
    // Cron is always evaluated from the time of the run: no catching up.
    const ScheduleTiming cron = Timing("C", "2026-11-20 09:00:00", -1, std::nullopt, "0 9 * * *");
    CHECK(Texts(UpcomingRuns(cron, kQ2, utc, now, 2, true).value()) == Strings{"2026-11-24 12:00:00", "2026-11-25 09:00:00"});
    // A run in the future is at next_run; the next cron match follows it.
    CHECK(Texts(UpcomingRuns(Timing("C", "2026-11-25 09:00:00", 2, std::nullopt, "0 9 * * *"), kQ2, utc, now, 5, false).value()) ==
          Strings{"2026-11-25 09:00:00", "2026-11-26 09:00:00"});
}

TEST_CASE("repeats in words, per scheduler") {
    const TimeZone amsterdam = Zone("Europe/Amsterdam");
    const UnixMicros now = At("2026-11-24 12:00:00");
    CHECK(ExplainRepeats(Timing("D", "2026-11-25 08:00:00", 3), kQ2, amsterdam, now) ==
          "runs 3 more times, the last at 2026-11-27 09:00 (Europe/Amsterdam)");
    CHECK(ExplainRepeats(Timing("D", "2026-11-25 08:00:00", 1), kQ2, amsterdam, now) == "runs once more, at 2026-11-25 09:00 (Europe/Amsterdam)");
    CHECK(ExplainRepeats(Timing("D", "2026-11-25 08:00:00", -1), kQ2, amsterdam, now) == "forever (repeats -1)");
    CHECK(ExplainRepeats(Timing("D", "2026-11-25 08:00:00", -4), kQ2, amsterdam, now).find("sets it back to -1") != std::string::npos);
    CHECK(ExplainRepeats(Timing("D", "2026-11-25 08:00:00", -3), kQ1, amsterdam, now).find("it has run 2 times") != std::string::npos);
    CHECK(ExplainRepeats(Timing("D", "2026-11-25 08:00:00", 0), kQ1, amsterdam, now).rfind("paused (repeats 0)", 0) == 0);
    CHECK(ExplainRepeats(Timing("O", "2026-11-25 08:00:00", -1), kQ2, amsterdam, now).find("deleted") != std::string::npos);
    CHECK(ExplainRepeats(Timing("O", "2026-11-25 08:00:00", 1), kQ2, amsterdam, now).find("kept, with repeats 0") != std::string::npos);
    CHECK(ExplainTiming(Timing("C", "2026-11-25 08:00:00", -1, std::nullopt, "0 9 * * 1-5"), kQ2) ==
          "cron 0 9 * * 1-5: at 09:00 on Monday through Friday (server time)");
    CHECK(ExplainTiming(Timing("I", "2026-11-25 08:00:00", -1, 15), kQ1) == "every 15 minutes");
}

TEST_CASE("runs between: the due times of a past window, walked back from next_run") {
    const TimeZone amsterdam = Zone("Europe/Amsterdam");
    const ScheduleTiming daily = Timing("D", "2026-11-25 01:32:54.939365");
    for (const auto variant : {kQ1, kQ2})
        CHECK(Texts(RunsBetween(daily, variant, amsterdam, At("2026-11-21 00:00:00"), *daily.next_run, 100).value()) ==
              Strings{"2026-11-21 01:32:54.939365", "2026-11-22 01:32:54.939365", "2026-11-23 01:32:54.939365", "2026-11-24 01:32:54.939365"});
    CHECK(Texts(RunsBetween(daily, kQ2, amsterdam, At("2026-11-01 00:00:00"), *daily.next_run, 2).value()) ==
          Strings{"2026-11-23 01:32:54.939365", "2026-11-24 01:32:54.939365"});
    const ScheduleTiming every_5 = Timing("C", "2026-11-24 01:40:00", -1, std::nullopt, "*/5 * * * *");
    CHECK(RunsBetween(every_5, kQ2, amsterdam, At("2026-11-24 01:00:00"), At("2026-11-24 01:40:00"), 100)->size() == 8);
    CHECK(Texts(RunsBetween(every_5, kQ2, amsterdam, At("2026-01-01 00:00:00"), At("2026-11-24 01:40:00"), 2).value()) ==
          Strings{"2026-11-24 01:30:00", "2026-11-24 01:35:00"});
    const ScheduleTiming quarterly = Timing("Q", "2027-02-28 06:00:00");
    CHECK(Texts(RunsBetween(quarterly, kQ1, amsterdam, At("2026-06-01 00:00:00"), *quarterly.next_run, 10).value()) ==
          Strings{"2026-08-28 06:00:00", "2026-11-28 06:00:00"});
    CHECK(RunsBetween(Timing("I", "2026-11-24 12:00:00", -1, 1), kQ2, amsterdam, At("2026-11-24 11:00:00"), At("2026-11-24 12:00:00"))->size() == 60);
    CHECK(RunsBetween(Timing("M", "2026-11-24 12:00:00"), kQ2, amsterdam, At("2026-11-24 12:00:00") - kHour, At("2026-11-24 12:00:00"))->empty());
}

TEST_CASE("repeats in a list's words, beside the number") {
    CHECK(core::RepeatsInWords("D", -1) == "-1 (forever)");
    CHECK(core::RepeatsInWords("D", 0) == "0 (paused)");
    CHECK(core::RepeatsInWords("D", 1) == "1 (1 more run)");
    CHECK(core::RepeatsInWords("C", 24) == "24 (24 more runs)");
    CHECK(core::RepeatsInWords("O", -1) == "-1 (once, then deleted)");
    CHECK(core::RepeatsInWords("O", 1) == "1 (once, then kept)");
    CHECK(core::RepeatsInWords("O", 0) == "0 (paused)");
}
