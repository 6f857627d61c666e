// ParseCron: croniter 6.2's croniter._expand for 5-field lines, element by element, so that the
// lines it accepts, the lines it refuses and the sets it expands to are the same — including its
// quirks: "5-5" means the whole range, a full list collapses to '*' only when the other day field
// has a '*', day of week 7 is Sunday, and ranges that wrap ("fri-mon") are allowed.
#include <algorithm>
#include <cctype>

#include "core/sched/cron.h"

namespace core {
namespace {

constexpr const char* kFieldNames[] = {"minute", "hour", "day of month", "month", "day of week"};
constexpr int kLow[] = {0, 0, 1, 1, 0};
constexpr int kHigh[] = {59, 23, 31, 12, 6};
constexpr int kLenMeansAll[] = {60, 24, 31, 12, 7};
constexpr const char* kMonthAbbrevs[] = {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"};
constexpr const char* kDayAbbrevs[] = {"sun", "mon", "tue", "wed", "thu", "fri", "sat"};

// Where an element starts, for messages.
struct Place {
    int field = 0;
    std::size_t column = 1;  // 1-based, in the trimmed line
};

Error Invalid(const Place& place, std::string message) {
    return MakeError("cron.invalid", std::move(message),
                     "field " + std::to_string(place.field + 1) + " (" + kFieldNames[place.field] + "), column " + std::to_string(place.column));
}

bool AllDigits(std::string_view text) {
    return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Digits to a number, saturating: every bound croniter checks is far below the cap.
int DigitsValue(std::string_view digits) {
    long long value = 0;
    for (char c : digits) value = std::min<long long>(value * 10 + (c - '0'), 1'000'000'000LL);
    return static_cast<int>(value);
}

bool IsWordChars(std::string_view text) {
    return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; });
}

// croniter's ALPHACONV: month and day names, and 'l' in day of month (returned as kCronLast).
std::optional<int> NameValue(int field, std::string_view key) {
    if (field == kCronMonth)
        for (int i = 0; i < 12; ++i)
            if (key == kMonthAbbrevs[i]) return i + 1;
    if (field == kCronDayOfWeek)
        for (int i = 0; i < 7; ++i)
            if (key == kDayAbbrevs[i]) return i;
    if (field == kCronDayOfMonth && key == "l") return kCronLast;
    return std::nullopt;
}

Error UnknownName(const Place& place, std::string_view key) {
    std::string message = "'" + std::string(key) + "' is not a number";
    if (place.field == kCronMonth) message += " or a month name (jan-dec)";
    else if (place.field == kCronDayOfWeek) message += " or a day name (sun-sat)";
    else if (place.field == kCronDayOfMonth) message += " or L (the last day)";
    if (place.field == kCronDayOfWeek && key.size() >= 2 && key.back() == 'l' && AllDigits(key.substr(0, key.size() - 1)))
        message += "; croniter writes the last weekday of the month as L" + std::string(key.substr(0, key.size() - 1)) + ", with L first";
    return Invalid(place, message);
}

// croniter's value_alias for 5-field lines: only day of week 7 becomes 0 (Sunday).
int Alias(int field, int value) { return field == kCronDayOfWeek && value == 7 ? 0 : value; }

// croniter's special_dow_re: "L5" (the last Friday) or "X#N" (the Nth X), X a day name, a name
// range, or a word.
struct DowSpecial {
    std::string element;  // what is left to expand
    int nth = 0;          // 1..5 or kCronLast
};
std::optional<DowSpecial> MatchDowSpecial(std::string_view e) {
    if (e.size() >= 2 && e[0] == 'l' && AllDigits(e.substr(1))) return DowSpecial{std::string(e.substr(1)), kCronLast};
    const auto hash = e.find('#');
    if (hash == std::string_view::npos || !AllDigits(e.substr(hash + 1))) return std::nullopt;
    const std::string_view he = e.substr(0, hash);
    const auto is_name = [](std::string_view s, const char* const* names, int count) {
        for (int i = 0; i < count; ++i)
            if (s == names[i]) return true;
        return false;
    };
    const auto name_range = [&](const char* const* names, int count) {
        const auto dash = he.find('-');
        if (dash == std::string_view::npos) return is_name(he, names, count);
        return is_name(he.substr(0, dash), names, count) && is_name(he.substr(dash + 1), names, count);
    };
    if (!IsWordChars(he) && !name_range(kDayAbbrevs, 7) && !name_range(kMonthAbbrevs, 12)) return std::nullopt;
    return DowSpecial{std::string(he), DigitsValue(e.substr(hash + 1))};
}

// croniter's step_search_re: ^([^-]+)-([^-/]+)(/(\d+))?$
struct RangeParts {
    std::string low, high, step = "1";
};
std::optional<RangeParts> MatchRange(std::string_view t) {
    const auto dash = t.find('-');
    if (dash == std::string_view::npos || dash == 0) return std::nullopt;
    std::string_view rest = t.substr(dash + 1);
    const auto end = rest.find_first_of("-/");
    const std::string_view high = rest.substr(0, end);
    if (high.empty()) return std::nullopt;
    RangeParts parts{std::string(t.substr(0, dash)), std::string(high)};
    if (end == std::string_view::npos) return parts;
    if (rest[end] != '/' || !AllDigits(rest.substr(end + 1))) return std::nullopt;
    parts.step = std::string(rest.substr(end + 1));
    return parts;
}

// One field's expansion so far.
struct FieldSet {
    std::set<int> numbers;
    bool last = false, star = false;
    std::size_t Count() const { return numbers.size() + last + star; }
};

struct Expansion {
    CronExpr& cron;
    std::array<std::string, 5> raw;  // the fields as written (lower case), for the collapse rule
};

// A value from a range or a plain element, checked against the field's bounds as croniter does
// when it pops the expanded items back off its list.
Status AddNumber(const Place& place, FieldSet& set, int value) {
    if (value < kLow[place.field] || value > kHigh[place.field])
        return Invalid(place, std::to_string(value) + " is out of range for " + kFieldNames[place.field] + " (" + std::to_string(kLow[place.field]) +
                                  "-" + std::to_string(kHigh[place.field]) + ")");
    set.numbers.insert(value);
    return Ok{};
}

Status ExpandRange(const Place& place, const RangeParts& parts, int nth, FieldSet& set, CronExpr& cron) {
    const int field = place.field;
    std::string low_text = parts.low, high_text = parts.high;
    if (field == kCronDayOfMonth && high_text == "l") high_text = "31";
    for (std::string* band : {&low_text, &high_text}) {
        if (AllDigits(*band)) continue;
        const auto named = NameValue(field, *band);
        if (!named) return UnknownName(place, *band);
        if (*named == kCronLast) return Invalid(place, "'" + parts.low + "-" + parts.high + "' is not a range: L can only end one");
        *band = std::to_string(*named);
    }
    const int low = Alias(field, DigitsValue(low_text)), high = Alias(field, DigitsValue(high_text));
    const int step = DigitsValue(parts.step);
    if (std::max(low, high) > kHigh[field])
        return Invalid(place, "'" + parts.low + "-" + parts.high + "' goes past " + std::to_string(kHigh[field]) + ", the largest " +
                                  kFieldNames[field] + " value");
    if (step == 0) return Invalid(place, "a step must be at least 1");
    std::vector<int> items;
    if (low > high) {  // wraps around: "fri-mon", "22-2"; croniter keeps the step across the wrap
        for (int v = low; v <= kHigh[field]; v += step) items.push_back(v);
        int to_skip = 0;
        if (!items.empty()) {
            const int whole = kHigh[field] - kLow[field] + 1;
            const int already_skipped = kHigh[field] - items.back();
            const int curpos = items.back() - kLow[field];
            if (curpos + step > whole && already_skipped < step) to_skip = step - already_skipped;
        }
        for (int v = kLow[field] + to_skip; v <= high; v += step) items.push_back(v);
    } else if (low == high) {  // croniter: "jan-jan", "5-5" mean the whole cycle
        for (int v = kLow[field]; v <= kHigh[field]; v += step) items.push_back(v);
    } else {
        for (int v = low; v <= high; v += step) items.push_back(v);
    }
    for (int v : items) {
        if (auto added = AddNumber(place, set, v); !added) return added;
        if (field == kCronDayOfWeek && nth > 0) cron.nth_weekday[v].insert(nth);
    }
    return Ok{};
}

Status ExpandElement(const Place& place, std::string e, bool only_element, FieldSet& set, CronExpr& cron) {
    const int field = place.field;
    int nth = 0;
    if (field == kCronDayOfWeek) {
        if (auto special = MatchDowSpecial(e)) {
            if (special->nth != kCronLast && (special->nth < 1 || special->nth > 5))
                return Invalid(place, "'" + e + "': the N in #N (the Nth weekday of the month) must be 1 to 5");
            e = special->element;
            nth = special->nth;
        }
    }
    if (field == kCronDayOfMonth && e.size() >= 2 && (e.back() == 'w' || e.front() == 'w')) {
        const std::string_view digits = e.back() == 'w' ? std::string_view(e).substr(0, e.size() - 1) : std::string_view(e).substr(1);
        if (AllDigits(digits)) {
            const int day = DigitsValue(digits);
            if (day < 1 || day > 31) return Invalid(place, "'" + e + "': W (nearest weekday) takes a day from 1 to 31");
            if (!only_element) return Invalid(place, "W (nearest weekday) must be the only value in day of month, not in a list");
            cron.nearest_weekday.insert(day);
            set.numbers.insert(day);
            return Ok{};
        }
    }
    std::string t = e;
    if (e.size() > 2 && e[0] == '*' && e[1] == '/') t = std::to_string(kLow[field]) + "-" + std::to_string(kHigh[field]) + e.substr(1);
    auto range = MatchRange(t);
    if (!range) {
        const auto slash = e.rfind('/');
        t = e;
        if (slash != std::string::npos && slash > 0 && slash + 1 < e.size())
            t = e.substr(0, slash) + "-" + std::to_string(kHigh[field]) + e.substr(slash);
        range = MatchRange(t);
    }
    if (range) return ExpandRange(place, *range, nth, set, cron);

    if (!t.empty() && t[0] == '-') return Invalid(place, "'" + t + "': negative numbers are not allowed");
    if (t == "*") {
        set.star = true;
        return Ok{};
    }
    int value = 0;
    if (AllDigits(t)) {
        value = Alias(field, DigitsValue(t));
    } else {
        const auto named = NameValue(field, t);
        if (!named) return UnknownName(place, t);
        if (*named == kCronLast) {
            set.last = true;
            return Ok{};
        }
        value = *named;
    }
    if (auto added = AddNumber(place, set, value); !added) return added;
    if (field == kCronDayOfWeek && nth != 0) cron.nth_weekday[value].insert(nth);
    return Ok{};
}

// croniter's HashExpander: "H", "R", "H(0-29)/10"... as a whole field.
bool IsHashOrRandom(std::string_view expr) {
    if (expr.empty() || (expr[0] != 'h' && expr[0] != 'r')) return false;
    std::string_view rest = expr.substr(1);
    if (!rest.empty() && rest[0] == '(') {
        const auto close = rest.find(')');
        if (close == std::string_view::npos) return false;
        const std::string_view inner = rest.substr(1, close - 1);
        const auto dash = inner.find('-');
        if (dash == std::string_view::npos || !AllDigits(inner.substr(0, dash)) || !AllDigits(inner.substr(dash + 1))) return false;
        rest = rest.substr(close + 1);
    }
    return rest.empty() || (rest[0] == '/' && AllDigits(rest.substr(1)));
}

Status ExpandField(Expansion& x, int field, std::string_view expr, std::size_t column) {
    CronExpr& cron = x.cron;
    const Place at{field, column};
    if (IsHashOrRandom(expr)) return Invalid(at, "'" + std::string(expr) + "': H (hashed) and R (random) values are not supported");
    std::string text(expr);
    if (text.find('?') != std::string::npos) {
        if (text != "?") return Invalid(at, "'?' must stand alone in its field");
        if (field != kCronDayOfMonth && field != kCronDayOfWeek) return Invalid(at, "'?' is only allowed in day of month and day of week");
        text = "*";
    }
    std::vector<std::pair<std::string, std::size_t>> elements;  // text, column
    std::size_t start = 0;
    for (;;) {
        const auto comma = text.find(',', start);
        elements.emplace_back(text.substr(start, comma - start), column + start);
        if (comma == std::string::npos) break;
        start = comma + 1;
    }
    FieldSet set;
    for (const auto& [element, element_column] : elements)
        if (auto done = ExpandElement(Place{field, element_column}, element, elements.size() == 1, set, cron); !done) return done;

    CronField& out = cron.fields[field];
    out.values.assign(set.numbers.begin(), set.numbers.end());
    if (field == kCronDayOfMonth) cron.last_day_of_month = set.last;
    bool collapse = static_cast<int>(set.Count()) == kLenMeansAll[field];
    if (field == kCronDayOfMonth && x.raw[kCronDayOfWeek].find('*') == std::string::npos) collapse = false;
    if (field == kCronDayOfWeek && x.raw[kCronDayOfMonth].find('*') == std::string::npos) collapse = false;
    out.any = set.star || collapse;
    if (out.any) {
        out.values.clear();
        if (field == kCronDayOfMonth) cron.last_day_of_month = false;
    }
    if (field == kCronDayOfWeek && !cron.nth_weekday.empty() && !collapse) {
        const bool plain = std::any_of(set.numbers.begin(), set.numbers.end(), [&](int v) { return !cron.nth_weekday.count(v); });
        if (plain && set.Count() != 7) return Invalid(at, "day of week cannot mix plain days with #N or L days (croniter refuses it)");
    }
    return Ok{};
}

std::string Lower(std::string_view text) {
    std::string out(text);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'; }

}  // namespace

Result<CronExpr> ParseCron(std::string_view line) {
    while (!line.empty() && IsSpace(line.front())) line.remove_prefix(1);
    while (!line.empty() && IsSpace(line.back())) line.remove_suffix(1);
    CronExpr cron;
    cron.line = std::string(line);
    if (line.empty()) return MakeError("cron.invalid", "the cron line is empty: it needs 5 fields (minute hour day-of-month month day-of-week)");

    std::string text = Lower(line);
    static const std::pair<const char*, const char*> kAliases[] = {
        {"@midnight", "0 0 * * *"}, {"@hourly", "0 * * * *"}, {"@daily", "0 0 * * *"}, {"@weekly", "0 0 * * 0"},
        {"@monthly", "0 0 1 * *"},  {"@yearly", "0 0 1 1 *"}, {"@annually", "0 0 1 1 *"}};
    bool alias = false;
    for (const auto& [name, expansion] : kAliases)
        if (text == name) text = expansion, alias = true;

    std::vector<std::pair<std::string, std::size_t>> fields;  // text, 1-based column
    for (std::size_t i = 0; i < text.size();) {
        if (IsSpace(text[i])) {
            ++i;
            continue;
        }
        std::size_t end = i;
        while (end < text.size() && !IsSpace(text[end])) ++end;
        fields.emplace_back(text.substr(i, end - i), alias ? 1 : i + 1);
        i = end;
    }
    if (fields.size() != 5) {
        std::string message = "a cron line has 5 fields (minute hour day-of-month month day-of-week); this one has " + std::to_string(fields.size());
        if (fields.size() == 6 || fields.size() == 7) message += ": croniter's seconds and year fields are not supported";
        return MakeError("cron.invalid", message, "column 1");
    }
    Expansion expansion{cron, {}};
    for (int i = 0; i < 5; ++i) expansion.raw[i] = fields[i].first;
    for (int i = 0; i < 5; ++i)
        if (auto done = ExpandField(expansion, i, fields[i].first, fields[i].second); !done) return done.error();
    return cron;
}

}  // namespace core
