// ExplainCron: a parsed line in words, from the expanded sets (so croniter's quirks show: "5-5"
// reads as every minute, because that is what croniter runs).
#include <string>
#include <vector>

#include "core/sched/cron.h"

namespace core {
namespace {

constexpr const char* kDayNames[] = {"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"};
constexpr const char* kMonthNames[] = {"January", "February", "March",     "April",   "May",      "June",
                                       "July",    "August",   "September", "October", "November", "December"};
constexpr const char* kOrdinals[] = {"", "first", "second", "third", "fourth", "fifth"};

std::string JoinWords(const std::vector<std::string>& words, const char* last_joiner = " and ") {
    std::string out;
    for (std::size_t i = 0; i < words.size(); ++i) {
        if (i > 0) out += i + 1 == words.size() ? last_joiner : ", ";
        out += words[i];
    }
    return out;
}

// Runs of three or more consecutive values become "a through b".
template <class Name>
std::string Compress(const std::vector<int>& values, Name name) {
    std::vector<std::string> parts;
    for (std::size_t i = 0; i < values.size();) {
        std::size_t j = i;
        while (j + 1 < values.size() && values[j + 1] == values[j] + 1) ++j;
        if (j - i >= 2) {
            parts.push_back(name(values[i]) + " through " + name(values[j]));
        } else {
            for (std::size_t k = i; k <= j; ++k) parts.push_back(name(values[k]));
        }
        i = j + 1;
    }
    return JoinWords(parts);
}

std::string TwoDigits(int value) { return (value < 10 ? "0" : "") + std::to_string(value); }
std::string Number(int value) { return std::to_string(value); }
std::string Ordinal(int n) {
    const char* suffix = n % 100 >= 11 && n % 100 <= 13 ? "th" : n % 10 == 1 ? "st" : n % 10 == 2 ? "nd" : n % 10 == 3 ? "rd" : "th";
    return std::to_string(n) + suffix;
}

// The step when `values` are 0, s, 2s, ... up to the field's end and s divides the cycle evenly.
int EvenStep(const std::vector<int>& values, int cycle) {
    if (values.size() < 2 || values.front() != 0) return 0;
    const int step = values[1];
    if (step <= 1 || cycle % step != 0 || static_cast<int>(values.size()) != cycle / step) return 0;
    for (std::size_t i = 0; i < values.size(); ++i)
        if (values[i] != static_cast<int>(i) * step) return 0;
    return step;
}

std::string HourSpan(const CronField& hours) {
    const auto& v = hours.values;
    if (v.back() - v.front() + 1 == static_cast<int>(v.size()))
        return "from " + TwoDigits(v.front()) + ":00 through " + TwoDigits(v.back()) + ":59";
    if (const int step = EvenStep(v, 24)) return "in every " + Ordinal(step) + " hour";
    return v.size() == 1 ? "during hour " + Number(v.front()) : "during hours " + Compress(v, Number);
}

std::string TimeWords(const CronField& minutes, const CronField& hours) {
    if (minutes.any) return hours.any ? "every minute" : "every minute " + HourSpan(hours);
    const auto& m = minutes.values;
    if (const int step = EvenStep(m, 60)) {
        const std::string every = "every " + std::to_string(step) + " minutes";
        return hours.any ? every : every + " " + HourSpan(hours);
    }
    if (m.size() == 1) {
        const std::string at = ":" + TwoDigits(m.front());
        if (hours.any) return "every hour at " + at;
        if (const int step = EvenStep(hours.values, 24)) return "every " + std::to_string(step) + " hours at " + at;
    }
    if (!hours.any && m.size() * hours.values.size() <= 6) {
        std::vector<std::string> times;
        for (int h : hours.values)
            for (int minute : m) times.push_back(TwoDigits(h) + ":" + TwoDigits(minute));
        return "at " + JoinWords(times);
    }
    const std::string at = m.size() == 1 ? "at minute " + Number(m.front()) : "at minutes " + Compress(m, Number);
    return at + (hours.any ? " of every hour" : " " + HourSpan(hours));
}

std::string DayOfMonthWords(const CronExpr& cron) {
    std::vector<std::string> parts;
    if (!cron.nearest_weekday.empty()) {
        for (int day : cron.nearest_weekday) parts.push_back("the weekday nearest day " + Number(day));
        return "on " + JoinWords(parts) + " of the month";
    }
    const auto& days = cron.fields[kCronDayOfMonth].values;
    if (static_cast<int>(days.size()) == 31) return "";
    if (!days.empty()) parts.push_back("day " + Compress(days, Number));
    if (cron.last_day_of_month) parts.push_back("the last day");
    return "on " + JoinWords(parts) + " of the month";
}

std::string DayOfWeekWords(const CronExpr& cron) {
    if (!cron.nth_weekday.empty()) {
        std::vector<std::string> parts;
        for (const auto& [weekday, nths] : cron.nth_weekday) {
            std::vector<std::string> which;
            for (int n : nths)
                if (n != kCronLast) which.push_back(kOrdinals[n]);
            if (nths.count(kCronLast)) which.push_back("last");
            parts.push_back("the " + JoinWords(which) + " " + kDayNames[weekday]);
        }
        return "on " + JoinWords(parts) + " of the month";
    }
    const auto& days = cron.fields[kCronDayOfWeek].values;
    if (days.size() == 7) return "";
    return "on " + Compress(days, [](int d) { return std::string(kDayNames[d]); });
}

}  // namespace

std::string ExplainCron(const CronExpr& cron) {
    std::string words = TimeWords(cron.fields[kCronMinute], cron.fields[kCronHour]);
    const bool by_month_day = !cron.fields[kCronDayOfMonth].any;
    const bool by_week_day = !cron.fields[kCronDayOfWeek].any || !cron.nth_weekday.empty();
    std::string days;
    if (by_month_day && by_week_day) {
        // croniter applies #N/L5 and W whichever day field its OR rule left open, so with one of
        // them the other field adds nothing.
        if (!cron.nth_weekday.empty() && cron.nearest_weekday.empty()) days = DayOfWeekWords(cron);
        else if (!cron.nearest_weekday.empty() && cron.nth_weekday.empty()) days = DayOfMonthWords(cron);
        else if (!cron.nearest_weekday.empty()) days = DayOfMonthWords(cron) + " when that is " + DayOfWeekWords(cron).substr(3);
        else {
            const std::string month_days = DayOfMonthWords(cron), week_days = DayOfWeekWords(cron);
            days = month_days.empty() || week_days.empty() ? "" : month_days + " or " + week_days;
        }
    } else if (by_month_day) {
        days = DayOfMonthWords(cron);
    } else if (by_week_day) {
        days = DayOfWeekWords(cron);
    }
    std::string months;
    if (!cron.fields[kCronMonth].any)
        months = "in " + Compress(cron.fields[kCronMonth].values, [](int m) { return std::string(kMonthNames[m - 1]); });
    if (!days.empty()) words += " " + days;
    else if (words.rfind("at ", 0) == 0 && !cron.fields[kCronHour].any) words += " every day";
    if (!months.empty()) words += " " + months;
    return words;
}

}  // namespace core
