// Cron lines as Django Q runs them: croniter's parser and its get_next (SEMANTICS.md §5). The
// admin validates a line with croniter.expand, and the scheduler evaluates it with
// croniter(cron, localtime()).get_next() in the server's time zone; both are reproduced here from
// croniter 6.2's source (cron_parse.cpp, cron_next.cpp), quirks included.
#pragma once

#include <array>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/sched/timestamp.h"
#include "core/result.h"
#include "core/sched/time_zone.h"

namespace core {

enum CronFieldIndex { kCronMinute = 0, kCronHour, kCronDayOfMonth, kCronMonth, kCronDayOfWeek };

// One field after croniter's expansion.
struct CronField {
    bool any = true;          // '*' anywhere in the field, '?', or every value listed (croniter's collapse)
    std::vector<int> values;  // ascending; day of week 0 = Sunday
};

struct CronExpr {
    std::string line;                          // as given, trimmed
    std::array<CronField, 5> fields;           // minute, hour, day of month, month, day of week
    bool last_day_of_month = false;            // 'L' in day of month
    std::map<int, std::set<int>> nth_weekday;  // '#' and 'L' in day of week: weekday -> {1..5, kCronLast}
    std::set<int> nearest_weekday;             // 'W' in day of month (croniter >= 6.2)
};

constexpr int kCronLast = -1;  // "the last" in CronExpr::nth_weekday

// The line as croniter.expand accepts it: 5 fields (or @hourly, @daily, @weekly, @monthly,
// @yearly, @annually, @midnight) of numbers, '*', ranges, steps, lists, month and day names, 'L'
// (day of month), 'L5' (the last Friday), 'mon#2', 'W', '?'. Error "cron.invalid" with `where`
// naming the field and column ("field 3 (day of month), column 7") and what is wrong.
// Rejected although croniter takes them: 6- and 7-field lines (seconds, year) and R/H (random
// and hashed values), which Django Q cannot store meaningfully.
Result<CronExpr> ParseCron(std::string_view line);

// The line in words: "at 09:00 on Monday through Friday", "every 5 minutes",
// "at 07:00 on day 1 through 7 of the month or on Monday".
std::string ExplainCron(const CronExpr& cron);

// croniter(cron, start_time=`after_utc` as an aware datetime in `zone`).get_next(): the first
// matching minute after `after_utc`, with croniter's DST rules (a time in a spring-forward gap
// runs at the end of the gap; a time in the repeated autumn hour runs in both of its instants).
// nullopt when nothing matches within 50 years (croniter raises CroniterBadDateError).
std::optional<UnixMicros> NextCronRun(const CronExpr& cron, const TimeZone& zone, UnixMicros after_utc);

}  // namespace core
