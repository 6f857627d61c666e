// TZif reading (RFC 8536) and the offset questions a TimeZone answers.
#include "core/sched/time_zone.h"

#include <algorithm>
#include <cstring>
#include <limits>

#include "core/sched/posix_tz_rule.h"
#include "core/sched/tz_database.h"

namespace core {

struct TimeZone::Rules {
    std::string name;
    std::vector<std::int64_t> times;    // transitions, UTC seconds, strictly ascending
    std::vector<std::uint8_t> type_of;  // the type each transition switches to
    std::vector<ZoneState> types;       // types[0] also holds before the first transition
    std::optional<PosixTzRule> footer;  // past the last transition, and everywhere if there is none
};

namespace {

constexpr std::int64_t kMicros = 1'000'000;
constexpr std::size_t kHeaderSize = 44;

std::int64_t FloorSeconds(UnixMicros t) { return t / kMicros - (t % kMicros < 0 ? 1 : 0); }

Error BadTzif(const std::string& message, std::size_t offset) {
    return MakeError("tz.bad_tzif", "TZif: " + message, "byte " + std::to_string(offset));
}

std::uint32_t Be32(const std::uint8_t* p) {
    return std::uint32_t{p[0]} << 24 | std::uint32_t{p[1]} << 16 | std::uint32_t{p[2]} << 8 | p[3];
}
std::int64_t Be64(const std::uint8_t* p) {
    return static_cast<std::int64_t>(std::uint64_t{Be32(p)} << 32 | Be32(p + 4));
}

struct Header {
    int version = 0;  // 1, or the digit of "2", "3", "4", ...
    std::uint32_t isut = 0, isstd = 0, leap = 0, time = 0, type = 0, chars = 0;
};

Result<Header> ReadHeader(ByteView tzif, std::size_t at) {
    if (tzif.size() - at < kHeaderSize) return BadTzif("the file ends inside a header", tzif.size());
    if (std::memcmp(tzif.data() + at, "TZif", 4) != 0) return BadTzif("no \"TZif\" magic", at);
    const std::uint8_t version = tzif[at + 4];
    if (version != 0 && (version < '2' || version > '9')) return BadTzif("unknown version", at + 4);
    const std::uint8_t* counts = tzif.data() + at + 20;
    Header header{version == 0 ? 1 : version - '0', Be32(counts),      Be32(counts + 4),  Be32(counts + 8),
                  Be32(counts + 12),                Be32(counts + 16), Be32(counts + 20)};
    if (header.isut != 0 && header.isut != header.type) return BadTzif("isutcnt is neither 0 nor typecnt", at + 20);
    if (header.isstd != 0 && header.isstd != header.type) return BadTzif("isstdcnt is neither 0 nor typecnt", at + 24);
    if (header.type == 0 || header.type > 256) return BadTzif("typecnt is not 1 to 256", at + 36);
    if (header.chars == 0) return BadTzif("charcnt is 0", at + 40);
    return header;
}

// Bytes of the data block after a header, with `time_size`-byte times (4 in v1, 8 in v2+).
std::uint64_t BlockSize(const Header& h, std::uint64_t time_size) {
    return h.time * (time_size + 1) + std::uint64_t{h.type} * 6 + h.chars + h.leap * (time_size + 4) + h.isstd + h.isut;
}

// Reads the data block at `at` into `rules`.
Status ReadBlock(ByteView tzif, std::size_t at, const Header& h, std::size_t time_size, TimeZone::Rules& rules) {
    if (tzif.size() - at < BlockSize(h, time_size)) return BadTzif("the file ends inside the data block", tzif.size());
    const std::uint8_t* base = tzif.data();
    const std::size_t indices_at = at + h.time * time_size;
    const std::size_t types_at = indices_at + h.time;
    const std::size_t chars_at = types_at + h.type * 6;
    rules.times.resize(h.time);
    rules.type_of.resize(h.time);
    for (std::size_t i = 0; i < h.time; ++i) {
        const std::uint8_t* p = base + at + i * time_size;
        rules.times[i] = time_size == 8 ? Be64(p) : static_cast<std::int32_t>(Be32(p));
        if (i > 0 && rules.times[i] <= rules.times[i - 1]) return BadTzif("transition times are not ascending", p - base);
        rules.type_of[i] = base[indices_at + i];
        if (rules.type_of[i] >= h.type) return BadTzif("transition type index out of range", indices_at + i);
    }
    rules.types.resize(h.type);
    const char* chars = reinterpret_cast<const char*>(base + chars_at);
    for (std::size_t i = 0; i < h.type; ++i) {
        const std::uint8_t* p = base + types_at + i * 6;
        const auto offset = static_cast<std::int32_t>(Be32(p));
        if (offset == std::numeric_limits<std::int32_t>::min()) return BadTzif("UT offset -2^31", p - base);
        if (p[4] > 1) return BadTzif("isdst is neither 0 nor 1", p - base + 4);
        if (p[5] >= h.chars) return BadTzif("designation index out of range", p - base + 5);
        const void* nul = std::memchr(chars + p[5], '\0', h.chars - p[5]);
        if (!nul) return BadTzif("designation without a terminating NUL", p - base + 5);
        rules.types[i] = {offset, p[4] == 1, std::string(chars + p[5], static_cast<const char*>(nul))};
    }
    return Ok{};
}

}  // namespace

TimeZone TimeZone::Utc() {
    auto rules = std::make_shared<Rules>();
    rules->name = "UTC";
    rules->types.push_back({0, false, "UTC"});
    return TimeZone(std::move(rules));
}

Result<TimeZone> TimeZone::FromTzif(std::string_view name, ByteView tzif) {
    auto rules = std::make_shared<Rules>();
    rules->name = std::string(name);
    auto first = ReadHeader(tzif, 0);
    if (!first) return first.error();
    if (first->version == 1) {  // 32-bit data and no footer
        Status read = ReadBlock(tzif, kHeaderSize, *first, 4, *rules);
        if (!read) return read.error();
        return TimeZone(std::move(rules));
    }
    const std::uint64_t v1_size = BlockSize(*first, 4);
    if (tzif.size() - kHeaderSize < v1_size) return BadTzif("the file ends inside the version 1 data", tzif.size());
    const std::size_t second_at = kHeaderSize + v1_size;
    auto second = ReadHeader(tzif, second_at);
    if (!second) return second.error();
    Status read = ReadBlock(tzif, second_at + kHeaderSize, *second, 8, *rules);
    if (!read) return read.error();

    const std::size_t footer_at = second_at + kHeaderSize + BlockSize(*second, 8);
    if (footer_at >= tzif.size()) return BadTzif("the footer is missing", tzif.size());
    if (tzif[footer_at] != '\n') return BadTzif("the footer does not start with a newline", footer_at);
    const std::string_view rest = AsText(tzif.subspan(footer_at + 1));
    const std::size_t end = rest.find('\n');
    if (end == std::string_view::npos) return BadTzif("the footer does not end with a newline", tzif.size());
    if (end > 0) {
        auto footer = ParsePosixTzRule(rest.substr(0, end), footer_at + 1);
        if (!footer) return MakeError("tz.bad_tzif", "TZif footer: " + footer.error().message, footer.error().where);
        rules->footer = std::move(footer).value();
    }
    return TimeZone(std::move(rules));
}

const std::string& TimeZone::Name() const { return m_rules->name; }

namespace {

const ZoneState& StateAtSeconds(const TimeZone::Rules& rules, std::int64_t seconds) {
    if (rules.times.empty() || seconds >= rules.times.back()) {
        if (rules.footer) return rules.footer->StateAt(seconds);
        return rules.types[rules.times.empty() ? 0 : rules.type_of.back()];
    }
    const auto after = std::upper_bound(rules.times.begin(), rules.times.end(), seconds);
    if (after == rules.times.begin()) return rules.types[0];
    return rules.types[rules.type_of[static_cast<std::size_t>(after - rules.times.begin()) - 1]];
}

bool OffsetChangesAt(const TimeZone::Rules& rules, std::int64_t seconds) {
    return StateAtSeconds(rules, seconds).utc_offset_seconds != StateAtSeconds(rules, seconds - 1).utc_offset_seconds;
}

}  // namespace

ZoneState TimeZone::StateAt(UnixMicros utc) const { return StateAtSeconds(*m_rules, FloorSeconds(utc)); }

UnixMicros TimeZone::ToLocal(UnixMicros utc) const { return utc + std::int64_t{OffsetSecondsAt(utc)} * kMicros; }

std::vector<UnixMicros> TimeZone::FromLocal(UnixMicros local) const {
    // Offsets stay within ±26 h, so every answer lies within two days of `local` read as UTC: try
    // each offset in force in that window.
    constexpr std::int64_t kWindow = 2 * 86400 * kMicros;
    std::vector<int> offsets{OffsetSecondsAt(local - kWindow)};
    for (auto t = NextTransitionAfter(local - kWindow); t && *t <= local + kWindow; t = NextTransitionAfter(*t))
        if (std::find(offsets.begin(), offsets.end(), OffsetSecondsAt(*t)) == offsets.end())
            offsets.push_back(OffsetSecondsAt(*t));
    std::vector<UnixMicros> instants;
    for (int offset : offsets) {
        const UnixMicros utc = local - std::int64_t{offset} * kMicros;
        if (OffsetSecondsAt(utc) == offset) instants.push_back(utc);
    }
    std::sort(instants.begin(), instants.end());
    instants.erase(std::unique(instants.begin(), instants.end()), instants.end());
    return instants;
}

std::optional<UnixMicros> TimeZone::NextTransitionAfter(UnixMicros utc) const {
    const Rules& rules = *m_rules;
    const std::int64_t seconds = FloorSeconds(utc);
    constexpr std::int64_t kLastSecond = std::numeric_limits<std::int64_t>::max() / kMicros;
    // Transitions that change only the abbreviation or the DST flag are skipped.
    for (auto it = std::upper_bound(rules.times.begin(), rules.times.end(), seconds); it != rules.times.end(); ++it) {
        if (*it > kLastSecond) return std::nullopt;
        if (OffsetChangesAt(rules, *it)) return *it * kMicros;
    }
    if (!rules.footer) return std::nullopt;
    std::int64_t from = rules.times.empty() ? seconds : std::max(seconds, rules.times.back());
    // A rule whose events never change the offset (permanent DST) gives up after a few years.
    for (int i = 0; i < 8; ++i) {
        auto event = rules.footer->NextEventAfter(from);
        if (!event || *event > kLastSecond) return std::nullopt;
        if (OffsetChangesAt(rules, *event)) return *event * kMicros;
        from = *event;
    }
    return std::nullopt;
}

bool IsTimeZoneName(std::string_view name) {
    if (name.empty() || name.size() > 255 || name.front() == '/' || name.back() == '/') return false;
    std::size_t component = 0;  // where the current path component starts
    for (std::size_t i = 0; i < name.size(); ++i) {
        const char c = name[i];
        const bool allowed = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' ||
                             c == '-' || c == '+' || c == '.' || c == '/';
        if (!allowed) return false;
        if (c == '/') {
            if (i == component) return false;  // "a//b"
            component = i + 1;
        } else if (c == '.' && i == component) {
            return false;  // ".", "..", ".hidden": never a zone, maybe a way out of the folder
        }
    }
    return true;
}

}  // namespace core
