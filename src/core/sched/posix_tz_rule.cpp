#include "core/sched/posix_tz_rule.h"

#include <algorithm>
#include <array>

namespace core {
namespace {

// A parser over the TZ string that remembers where it is, for error positions.
class RuleParser {
public:
    RuleParser(std::string_view text, std::size_t base) : m_text(text), m_base(base) {}

    Result<PosixTzRule> Parse() {
        PosixTzRule rule;
        if (!Name(rule.standard.abbreviation)) return Fail("expected a zone abbreviation");
        std::size_t at = m_pos;
        auto standard = Offset(24);
        if (!standard) return Fail("expected a UTC offset after the abbreviation", at);
        rule.standard.utc_offset_seconds = -*standard;  // POSIX counts west of Greenwich
        if (AtEnd()) return rule;

        ZoneState daylight{rule.standard.utc_offset_seconds + 3600, true, {}};
        if (!Name(daylight.abbreviation)) return Fail("expected a DST abbreviation");
        if (!AtEnd() && Peek() != ',') {
            at = m_pos;
            auto offset = Offset(24);
            if (!offset) return Fail("expected a DST offset", at);
            daylight.utc_offset_seconds = -*offset;
        }
        rule.daylight = daylight;
        if (AtEnd()) {  // no rule: the US rule, as tzcode's localtime.c assumes
            rule.dst_start = {PosixTzDate::Kind::kMonthWeekDay, 0, 2, 3};
            rule.dst_end = {PosixTzDate::Kind::kMonthWeekDay, 0, 1, 11};
            return rule;
        }
        at = m_pos;
        if (!Eat(',') || !Date(rule.dst_start)) return Fail("expected \",\" and the DST start date", at);
        at = m_pos;
        if (!Eat(',') || !Date(rule.dst_end)) return Fail("expected \",\" and the DST end date", at);
        if (!AtEnd()) return Fail("unexpected text after the rule");
        return rule;
    }

private:
    bool AtEnd() const { return m_pos >= m_text.size(); }
    char Peek() const { return AtEnd() ? '\0' : m_text[m_pos]; }
    bool Eat(char c) {
        if (Peek() != c) return false;
        ++m_pos;
        return true;
    }
    static bool IsAlpha(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }
    static bool IsDigit(char c) { return c >= '0' && c <= '9'; }

    // The error points at `at`, or where parsing stopped.
    Error Fail(const char* what, std::size_t at = std::string_view::npos) const {
        const std::size_t where = m_base + (at == std::string_view::npos ? m_pos : at);
        return MakeError("tz.bad_rule", std::string("TZ rule: ") + what, "byte " + std::to_string(where));
    }

    // "CET" or "<+0330>": at least three letters, or quoted letters, digits and signs.
    bool Name(std::string& out) {
        const std::size_t start = m_pos;
        if (Eat('<')) {
            while (IsAlpha(Peek()) || IsDigit(Peek()) || Peek() == '+' || Peek() == '-') ++m_pos;
            if (m_pos - start - 1 < 3 || Peek() != '>') return m_pos = start, false;
            out.assign(m_text.substr(start + 1, m_pos - start - 1));
            ++m_pos;
            return true;
        }
        while (IsAlpha(Peek())) ++m_pos;
        if (m_pos - start < 3) return m_pos = start, false;
        out.assign(m_text.substr(start, m_pos - start));
        return true;
    }

    std::optional<int> Number(int max_digits, int max_value) {
        int value = 0, digits = 0;
        while (IsDigit(Peek()) && digits < max_digits) value = value * 10 + (m_text[m_pos++] - '0'), ++digits;
        if (digits == 0 || value > max_value) return std::nullopt;
        return value;
    }

    // [+-]hh[:mm[:ss]] in seconds, hours up to `max_hours`.
    std::optional<int> Offset(int max_hours) {
        int sign = 1;
        if (Eat('-')) sign = -1;
        else Eat('+');
        auto hours = Number(3, max_hours);
        if (!hours) return std::nullopt;
        int seconds = *hours * 3600;
        if (Eat(':')) {
            auto minutes = Number(2, 59);
            if (!minutes) return std::nullopt;
            seconds += *minutes * 60;
            if (Eat(':')) {
                auto secs = Number(2, 59);
                if (!secs) return std::nullopt;
                seconds += *secs;
            }
        }
        return sign * seconds;
    }

    bool Date(PosixTzDate& date) {
        if (Eat('J')) {
            auto n = Number(3, 365);
            if (!n || *n < 1) return false;
            date.kind = PosixTzDate::Kind::kJulian;
            date.day = *n;
        } else if (Eat('M')) {
            auto month = Number(2, 12);
            if (!month || *month < 1 || !Eat('.')) return false;
            auto week = Number(1, 5);
            if (!week || *week < 1 || !Eat('.')) return false;
            auto weekday = Number(1, 6);
            if (!weekday) return false;
            date.kind = PosixTzDate::Kind::kMonthWeekDay;
            date.month = *month, date.week = *week, date.day = *weekday;
        } else {
            auto n = Number(3, 365);
            if (!n) return false;
            date.kind = PosixTzDate::Kind::kZeroBased;
            date.day = *n;
        }
        date.time_seconds = 2 * 3600;
        if (Eat('/')) {
            auto time = Offset(167);  // RFC 8536 v3: -167..167 hours
            if (!time) return false;
            date.time_seconds = *time;
        }
        return true;
    }

    std::string_view m_text;
    std::size_t m_base;
    std::size_t m_pos = 0;
};

bool IsLeap(std::int64_t year) { return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0); }

std::int64_t FloorDiv(std::int64_t a, std::int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

struct Event {
    std::int64_t utc_seconds;
    bool starts_dst;
};

// The year's DST start and end in UTC, by time; at a tie the start sorts last, so a zone whose DST
// ends and restarts at the same instant ("EST5EDT,0/0,J365/25") stays in DST.
std::array<Event, 2> EventsOf(const PosixTzRule& rule, std::int64_t year) {
    std::array<Event, 2> events{
        Event{rule.dst_start.DayIn(year) * 86400 + rule.dst_start.time_seconds - rule.standard.utc_offset_seconds, true},
        Event{rule.dst_end.DayIn(year) * 86400 + rule.dst_end.time_seconds - rule.daylight->utc_offset_seconds, false}};
    if (events[1].utc_seconds < events[0].utc_seconds ||
        (events[1].utc_seconds == events[0].utc_seconds && events[0].starts_dst))
        std::swap(events[0], events[1]);
    return events;
}

std::int64_t YearOf(std::int64_t utc_seconds) { return CivilFromDays(FloorDiv(utc_seconds, 86400)).year; }

}  // namespace

std::int64_t PosixTzDate::DayIn(std::int64_t year) const {
    const std::int64_t january_first = DaysFromCivil(year, 1, 1);
    switch (kind) {
    case Kind::kJulian: return january_first + day - 1 + (IsLeap(year) && day >= 60 ? 1 : 0);
    case Kind::kZeroBased: return january_first + day;
    case Kind::kMonthWeekDay: break;
    }
    const auto m = static_cast<unsigned>(month);
    const std::int64_t first = DaysFromCivil(year, m, 1);
    const std::int64_t next_month = m == 12 ? DaysFromCivil(year + 1, 1, 1) : DaysFromCivil(year, m + 1, 1);
    const std::int64_t first_weekday = ((first + 4) % 7 + 7) % 7;  // 1970-01-01 was a Thursday
    std::int64_t result = first + (day - first_weekday + 7) % 7 + (week - 1) * 7;
    while (result >= next_month) result -= 7;  // week 5: the last one
    return result;
}

const ZoneState& PosixTzRule::StateAt(std::int64_t utc_seconds) const {
    if (!daylight) return standard;
    // Transition times may reach a week into the neighbouring years: look at four years.
    const std::int64_t year = YearOf(utc_seconds);
    const ZoneState* state = &standard;
    std::optional<std::int64_t> latest;
    for (std::int64_t y = year - 2; y <= year + 1; ++y)
        for (const Event& event : EventsOf(*this, y))
            if (event.utc_seconds <= utc_seconds && (!latest || event.utc_seconds >= *latest)) {
                latest = event.utc_seconds;
                state = event.starts_dst ? &*daylight : &standard;
            }
    return *state;
}

std::optional<std::int64_t> PosixTzRule::NextEventAfter(std::int64_t utc_seconds) const {
    if (!daylight) return std::nullopt;
    const std::int64_t year = YearOf(utc_seconds);
    std::optional<std::int64_t> next;
    for (std::int64_t y = year - 1; y <= year + 2; ++y)
        for (const Event& event : EventsOf(*this, y))
            if (event.utc_seconds > utc_seconds && (!next || event.utc_seconds < *next)) next = event.utc_seconds;
    return next;
}

Result<PosixTzRule> ParsePosixTzRule(std::string_view text, std::size_t base_offset) {
    return RuleParser(text, base_offset).Parse();
}

}  // namespace core
