#include "core/sched/timestamp.h"

#include <charconv>
#include <chrono>
#include <algorithm>

namespace core {
namespace {

// Reads exactly `width` digits at `pos`.
std::optional<int> Digits(std::string_view text, std::size_t pos, std::size_t width) {
    if (pos + width > text.size()) return std::nullopt;
    int value = 0;
    for (std::size_t i = pos; i < pos + width; ++i) {
        if (text[i] < '0' || text[i] > '9') return std::nullopt;
        value = value * 10 + (text[i] - '0');
    }
    return value;
}

// Writes `value` (not negative) as `width` digits, zero-padded; returns the end.
char* PutDigits(char* out, std::int64_t value, int width) {
    for (int i = width - 1; i >= 0; --i, value /= 10) out[i] = static_cast<char>('0' + value % 10);
    return out + width;
}

}  // namespace

Civil CivilFromDays(std::int64_t days) {
    days += 719468;
    const std::int64_t era = (days >= 0 ? days : days - 146096) / 146097;
    const auto doe = static_cast<unsigned>(days - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    const unsigned day = doy - (153 * mp + 2) / 5 + 1;
    const unsigned month = mp < 10 ? mp + 3 : mp - 9;
    return {static_cast<std::int64_t>(yoe) + era * 400 + (month <= 2), month, day};
}

std::int64_t DaysFromCivil(std::int64_t year, unsigned month, unsigned day) {
    year -= month <= 2;
    const std::int64_t era = (year >= 0 ? year : year - 399) / 400;
    const auto yoe = static_cast<unsigned>(year - era * 400);
    const unsigned doy = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

UnixMicros NowUnixMicros() {
    using namespace std::chrono;
    return duration_cast<microseconds>(system_clock::now().time_since_epoch()).count();
}

std::string FormatDjangoDatetime(UnixMicros micros) {
    std::int64_t days = micros / kMicrosPerDay;
    std::int64_t rest = micros % kMicrosPerDay;
    if (rest < 0) {
        rest += kMicrosPerDay;
        --days;
    }
    const Civil date = CivilFromDays(days);
    const auto seconds = rest / 1'000'000;
    const auto fraction = rest % 1'000'000;
    // By hand, not snprintf: a JSON import formats three of these per task.
    char buffer[48];
    char* end = buffer;
    if (date.year >= 0 && date.year <= 9999) {
        end = PutDigits(end, date.year, 4);
    } else {  // outside Python's datetime: never in Django's data, but still readable
        const std::string year = std::to_string(date.year);
        end = std::copy(year.begin(), year.end(), end);
    }
    *end++ = '-';
    end = PutDigits(end, date.month, 2);
    *end++ = '-';
    end = PutDigits(end, date.day, 2);
    *end++ = ' ';
    end = PutDigits(end, seconds / 3600, 2);
    *end++ = ':';
    end = PutDigits(end, seconds / 60 % 60, 2);
    *end++ = ':';
    end = PutDigits(end, seconds % 60, 2);
    if (fraction != 0) {
        *end++ = '.';
        end = PutDigits(end, fraction, 6);
    }
    return std::string(buffer, end);
}

std::optional<UnixMicros> ParseDjangoDatetime(std::string_view text) {
    auto year = Digits(text, 0, 4), month = Digits(text, 5, 2), day = Digits(text, 8, 2);
    auto hour = Digits(text, 11, 2), minute = Digits(text, 14, 2), second = Digits(text, 17, 2);
    if (!year || !month || !day || !hour || !minute || !second) return std::nullopt;
    if (text[4] != '-' || text[7] != '-' || (text[10] != ' ' && text[10] != 'T') || text[13] != ':' || text[16] != ':')
        return std::nullopt;
    if (*month < 1 || *month > 12 || *day < 1 || *day > 31 || *hour > 23 || *minute > 59 || *second > 59) return std::nullopt;

    std::size_t pos = 19;
    std::int64_t fraction = 0;
    if (pos < text.size() && text[pos] == '.') {
        std::size_t digits = 0;
        for (++pos; pos < text.size() && text[pos] >= '0' && text[pos] <= '9'; ++pos, ++digits) {
            if (digits >= 6) return std::nullopt;
            fraction = fraction * 10 + (text[pos] - '0');
        }
        if (digits == 0) return std::nullopt;
        for (; digits < 6; ++digits) fraction *= 10;
    }
    const std::string_view zone = text.substr(pos);
    if (!zone.empty() && zone != "Z" && zone != "+00:00") return std::nullopt;

    const std::int64_t days = DaysFromCivil(*year, static_cast<unsigned>(*month), static_cast<unsigned>(*day));
    return ((days * 86400 + *hour * 3600 + *minute * 60 + *second) * 1'000'000) + fraction;
}

}  // namespace core
