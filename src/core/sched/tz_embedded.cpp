// The compact tz database cmake/embed_tzdata.py generates (its docstring gives the layout). A zone
// is decoded into a small TZif v2 file and read by TimeZone::FromTzif, so the embedded data goes
// through the same parser, checks and footer handling as the system's files.
#include <cassert>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

#include "core/sched/tz_database.h"

namespace core {

extern const unsigned char kEmbeddedTzdata[];
extern const std::size_t kEmbeddedTzdataSize;
extern const char kEmbeddedTzdataVersion[];

namespace {

// Reads the blob; any overrun sets `bad` and yields zeros, so callers check once at the end.
class BlobReader {
public:
    BlobReader() : m_data(kEmbeddedTzdata, kEmbeddedTzdataSize) {}

    bool Bad() const { return m_bad; }
    std::uint64_t Varint() {
        std::uint64_t value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            const std::uint8_t byte = Byte();
            value |= std::uint64_t{byte & 0x7Fu} << shift;
            if (!(byte & 0x80)) return value;
        }
        m_bad = true;
        return 0;
    }
    std::int64_t Zigzag() {
        const std::uint64_t v = Varint();
        return (v & 1) ? -static_cast<std::int64_t>(v >> 1) - 1 : static_cast<std::int64_t>(v >> 1);
    }
    std::uint8_t Byte() {
        if (m_pos >= m_data.size()) return m_bad = true, 0;
        return m_data[m_pos++];
    }
    std::string_view Text(std::uint64_t length) {
        if (length > m_data.size() - m_pos) return m_bad = true, std::string_view{};
        const std::string_view text = AsText(m_data.subspan(m_pos, length));
        m_pos += length;
        return text;
    }

private:
    ByteView m_data;
    std::size_t m_pos = 0;
    bool m_bad = false;
};

struct EmbeddedType {
    std::int64_t offset;
    std::uint8_t is_dst;
    std::uint64_t abbreviation;
};

struct EmbeddedZone {
    std::uint64_t footer = 0;
    std::vector<EmbeddedType> types;
    std::vector<std::int64_t> times;
    std::vector<std::uint8_t> type_of;
};

// Reads one zone; with keep == false only moves past it (for the zones before the one wanted).
EmbeddedZone ReadZone(BlobReader& in, bool keep = true) {
    EmbeddedZone zone;
    zone.footer = in.Varint();
    const std::uint64_t type_count = in.Varint();
    for (std::uint64_t i = 0; i < type_count && !in.Bad(); ++i) {
        const std::int64_t offset = in.Zigzag();
        const std::uint8_t is_dst = in.Byte();
        const std::uint64_t abbreviation = in.Varint();
        if (keep) zone.types.push_back({offset, is_dst, abbreviation});
    }
    const std::uint64_t count = in.Varint();
    std::int64_t time = 0;
    for (std::uint64_t i = 0; i < count && !in.Bad(); ++i) {
        time += static_cast<std::int64_t>(in.Varint());
        if (keep) zone.times.push_back(time);
    }
    if (keep) {
        for (std::uint64_t i = 0; i < count && !in.Bad(); ++i) zone.type_of.push_back(in.Byte());
    } else {
        in.Text(count);
    }
    return zone;
}

// The sections up to the zones: the string table.
std::vector<std::string_view> ReadStrings(BlobReader& in) {
    std::vector<std::string_view> strings;
    if (in.Text(5) != std::string_view("DJTZ\x01", 5)) return strings;
    const std::uint64_t count = in.Varint();
    for (std::uint64_t i = 0; i < count && !in.Bad(); ++i) strings.push_back(in.Text(in.Varint()));
    return strings;
}

// Calls visit(name, zone index) for every name, in order, until it returns false.
template <class Visit>
void ForEachName(BlobReader& in, Visit visit) {
    const std::uint64_t zone_count = in.Varint();
    for (std::uint64_t i = 0; i < zone_count && !in.Bad(); ++i) ReadZone(in, false);
    const std::uint64_t name_count = in.Varint();
    std::string name;
    for (std::uint64_t i = 0; i < name_count && !in.Bad(); ++i) {
        const std::uint64_t shared = in.Varint();
        const std::string_view suffix = in.Text(in.Varint());
        const std::uint64_t zone = in.Varint();
        if (shared > name.size() || zone >= zone_count) return;
        name.resize(shared);
        name += suffix;
        if (!visit(name, zone)) return;
    }
}

void AppendBe32(Bytes& out, std::uint32_t v) {
    for (int shift = 24; shift >= 0; shift -= 8) out.push_back(static_cast<std::uint8_t>(v >> shift));
}

void AppendBe64(Bytes& out, std::int64_t v) {
    AppendBe32(out, static_cast<std::uint32_t>(static_cast<std::uint64_t>(v) >> 32));
    AppendBe32(out, static_cast<std::uint32_t>(v));
}

void AppendHeader(Bytes& out, std::uint32_t times, std::uint32_t types, std::uint32_t chars) {
    const char magic[] = "TZif2";
    out.insert(out.end(), magic, magic + 5);
    out.insert(out.end(), 15, 0);
    for (std::uint32_t count : {0u, 0u, 0u, times, types, chars}) AppendBe32(out, count);
}

// A TZif v2 file: a minimal v1 block (one type, as RFC 8536 asks of v1 data), then the real data.
Bytes ToTzif(const EmbeddedZone& zone, const std::vector<std::string_view>& strings) {
    std::string chars;
    std::vector<std::size_t> designation;
    for (const EmbeddedType& type : zone.types) {
        const std::string_view abbreviation = strings[type.abbreviation];
        const std::size_t found = chars.find(std::string(abbreviation) + '\0');
        designation.push_back(found != std::string::npos ? found : chars.size());
        if (found == std::string::npos) (chars += abbreviation) += '\0';
    }
    Bytes out;
    AppendHeader(out, 0, 1, 1);
    out.insert(out.end(), 7, 0);  // one ttinfo (UT, "") and its NUL
    AppendHeader(out, static_cast<std::uint32_t>(zone.times.size()), static_cast<std::uint32_t>(zone.types.size()),
                 static_cast<std::uint32_t>(chars.size()));
    for (std::int64_t time : zone.times) AppendBe64(out, time);
    out.insert(out.end(), zone.type_of.begin(), zone.type_of.end());
    for (std::size_t i = 0; i < zone.types.size(); ++i) {
        AppendBe32(out, static_cast<std::uint32_t>(zone.types[i].offset));
        out.push_back(zone.types[i].is_dst);
        out.push_back(static_cast<std::uint8_t>(designation[i]));
    }
    out.insert(out.end(), chars.begin(), chars.end());
    const std::string_view footer = strings[zone.footer];
    out.push_back('\n');
    out.insert(out.end(), footer.begin(), footer.end());
    out.push_back('\n');
    return out;
}

Error Unknown(std::string_view name) {
    return MakeError("tz.unknown", "unknown time zone \"" + std::string(name) + "\"");
}

}  // namespace

Result<TimeZone> LoadEmbeddedTimeZone(std::string_view name) {
    BlobReader in;
    const std::vector<std::string_view> strings = ReadStrings(in);
    const BlobReader zones_start = in;
    std::optional<std::uint64_t> index;
    ForEachName(in, [&](const std::string& candidate, std::uint64_t zone) {
        if (candidate == name) index = zone;
        return !index && candidate < name;  // names are sorted
    });
    if (!index) return Unknown(name);
    in = zones_start;
    in.Varint();  // the zone count, checked by ForEachName
    for (std::uint64_t i = 0; i < *index; ++i) ReadZone(in, false);
    const EmbeddedZone zone = ReadZone(in);
    bool valid = !in.Bad() && zone.footer < strings.size();
    for (const EmbeddedType& type : zone.types) valid = valid && type.abbreviation < strings.size();
    assert(valid && "embedded tz data is corrupt");
    if (!valid) return MakeError("tz.bad_embedded", "the embedded time zone data is corrupt");
    return TimeZone::FromTzif(name, ToTzif(zone, strings));
}

std::vector<std::string> EmbeddedTimeZoneNames() {
    BlobReader in;
    ReadStrings(in);
    std::vector<std::string> names;
    ForEachName(in, [&](const std::string& name, std::uint64_t) {
        names.push_back(name);
        return true;
    });
    return names;
}

std::string EmbeddedTimeZoneVersion() { return kEmbeddedTzdataVersion; }

}  // namespace core
