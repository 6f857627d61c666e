#!/usr/bin/env python3
"""Compacts the system's tz database (Debian tzdata's /usr/share/zoneinfo) into a C++ byte array for
the web build, which has no zoneinfo files. core/sched/tz_embedded.cpp reads the array.

Per name listed in tzdata.zi (zones and links) the TZif file's 64-bit data is read and cut down:
  - only transitions from 1970 on; the type in effect at 1970-01-01 becomes the initial type;
  - trailing transitions that the footer's POSIX TZ rule predicts are dropped (zic's "-b slim");
  - zones left identical are stored once, and every name points at one of them.

Blob layout (integers are LEB128 varints, signed ones zigzagged):
  "DJTZ" 1
  strings: count, then each as length + bytes (abbreviations and footers, referenced by index)
  zones: count, then each as
      footer string index
      type count, then per type: zigzag utc offset, is_dst byte, abbreviation string index
      transition count, then per transition: seconds since the previous one (since 1970 for the
      first), then the type index of every transition
  names: count, then each (sorted) as: bytes shared with the previous name, suffix length,
      suffix, zone index

Usage: embed_tzdata.py ZONEINFO_DIR OUTPUT_CPP
"""
import os
import re
import struct
import sys


def parse_tzif(data):
    """(transitions, type_of_transition, types[(utoff, isdst, abbr)], footer) from the v2+ block."""
    if data[:4] != b"TZif" or data[4] < ord("2"):
        raise ValueError("not a TZif v2+ file")

    def counts(at):
        return struct.unpack(">6l", data[at + 20:at + 44])

    isut, isstd, leap, timecnt, typecnt, charcnt = counts(0)
    at = 44 + timecnt * 5 + typecnt * 6 + charcnt + leap * 8 + isstd + isut
    isut, isstd, leap, timecnt, typecnt, charcnt = counts(at)
    at += 44
    times = list(struct.unpack(">%dq" % timecnt, data[at:at + 8 * timecnt]))
    at += 8 * timecnt
    indices = list(data[at:at + timecnt])
    at += timecnt
    raw_types = [struct.unpack(">lBB", data[at + 6 * i:at + 6 * i + 6]) for i in range(typecnt)]
    at += 6 * typecnt
    chars = data[at:at + charcnt]
    at += charcnt + leap * 12 + isstd + isut
    footer = data[at:].strip(b"\n").decode("ascii")
    types = [(off, dst, chars[idx:chars.index(b"\0", idx)].decode("ascii")) for off, dst, idx in raw_types]
    return times, indices, types, footer


# ---- POSIX TZ rules, just enough to find which transitions a footer predicts ----

NAME = r"(<[A-Za-z0-9+-]{3,}>|[A-Za-z]{3,})"
OFFSET = r"([+-]?\d{1,3}(?::\d{2}){0,2})"
DATE = r"(J\d{1,3}|\d{1,3}|M\d{1,2}\.\d\.\d)(?:/" + OFFSET + ")?"
RULE = re.compile("^" + NAME + OFFSET + "(?:" + NAME + OFFSET + "?(?:," + DATE + "," + DATE + ")?)?$")


def seconds(text):
    sign = -1 if text.startswith("-") else 1
    parts = [int(p) for p in text.lstrip("+-").split(":")] + [0, 0]
    return sign * (parts[0] * 3600 + parts[1] * 60 + parts[2])


def days_from_civil(y, m, d):
    y -= m <= 2
    era = y // 400
    yoe = y - era * 400
    doy = (153 * (m + (-3 if m > 2 else 9)) + 2) // 5 + d - 1
    doe = yoe * 365 + yoe // 4 - yoe // 100 + doy
    return era * 146097 + doe - 719468


def is_leap(y):
    return y % 4 == 0 and (y % 100 != 0 or y % 400 == 0)


def rule_day(date, year):
    """Days since 1970 of a rule's date in `year`."""
    if date[0] == "J":
        n = int(date[1:])
        return days_from_civil(year, 1, 1) + n - 1 + (1 if is_leap(year) and n >= 60 else 0)
    if date[0] == "M":
        m, w, d = (int(x) for x in date[1:].split("."))
        first = days_from_civil(year, m, 1)
        day = first + (d - (first + 4)) % 7 + (w - 1) * 7  # 1970-01-01 was a Thursday (4)
        next_month = days_from_civil(year + (m == 12), m % 12 + 1, 1)
        while day >= next_month:
            day -= 7
        return day
    return days_from_civil(year, 1, 1) + int(date)


class PosixRule:
    def __init__(self, text):
        m = RULE.match(text)
        if not m:
            raise ValueError("unsupported TZ string %r" % text)
        std, stdoff, dst, dstoff, start, start_t, end, end_t = m.groups()
        self.std = (-seconds(stdoff), 0, std.strip("<>"))
        self.dst = None
        if dst:
            if not start:
                raise ValueError("TZ string without rule %r" % text)
            off = -seconds(dstoff) if dstoff else self.std[0] + 3600
            self.dst = (off, 1, dst.strip("<>"))
            self.start = (start, seconds(start_t) if start_t else 7200)
            self.end = (end, seconds(end_t) if end_t else 7200)

    def events(self, year):
        """[(utc seconds, state)] of this year's DST start and end, by time; DST starts sort last."""
        s = rule_day(self.start[0], year) * 86400 + self.start[1] - self.std[0]
        e = rule_day(self.end[0], year) * 86400 + self.end[1] - self.dst[0]
        return sorted([(s, 1, self.dst), (e, 0, self.std)])

    def state(self, t):
        if not self.dst:
            return self.std
        year = 1970 + t // 31556952
        current = None
        for y in (year - 2, year - 1, year, year + 1):
            for when, _, st in self.events(y):
                if when <= t:
                    current = st
        return current

    def changes_between(self, lo, hi):
        """True if the rule's state changes at some instant in (lo, hi)."""
        if not self.dst:
            return False
        y0, y1 = 1970 + lo // 31556952 - 1, 1970 + hi // 31556952 + 1
        before = self.state(lo)
        for y in range(y0, y1 + 1):
            for when, _, st in self.events(y):
                if lo < when < hi and st != before:
                    return True
        return False


def compact(times, indices, types, footer):
    """(initial type, [(time, type)]) from 1970 on, without what the footer predicts."""
    initial = types[0]
    kept = []
    for t, i in zip(times, indices):
        if t < 0:
            initial = types[i]
        else:
            kept.append((t, types[i]))
    if not footer:
        return initial, kept
    try:
        rule = PosixRule(footer)
    except ValueError as e:
        print("embed_tzdata: %s; keeping every transition" % e, file=sys.stderr)
        return initial, kept
    # Walk back from the last transition while the footer agrees with the explicit data.
    # Anchors: the 1970 state (index 0) and each transition (index j + 1).
    anchors = [(0, initial)] + kept
    first = len(anchors) - 1
    if rule.state(anchors[first][0]) != anchors[first][1]:
        return initial, kept  # inconsistent footer: trust the transitions
    while first > 0:
        t, st = anchors[first - 1]
        if rule.state(t) != st or rule.changes_between(t, anchors[first][0]):
            break
        first -= 1
    if first == 0:
        return initial, []  # the footer alone describes 1970 on
    return initial, kept[:first]


def varint(n):
    out = bytearray()
    while True:
        byte = n & 0x7F
        n >>= 7
        if n:
            out.append(byte | 0x80)
        else:
            out.append(byte)
            return bytes(out)


def zigzag(n):
    return varint(n * 2 if n >= 0 else -n * 2 - 1)


def main(zoneinfo, output):
    names, version = [], ""
    with open(os.path.join(zoneinfo, "tzdata.zi")) as zi:
        for line in zi:
            fields = line.split()
            if fields[:2] == ["#", "version"] and len(fields) == 3:
                version = fields[2]
            if fields and fields[0] == "Z":
                names.append(fields[1])
            elif fields and fields[0] == "L":
                names.append(fields[2])
    # Debian trixie moved old aliases ("US/Eastern") to tzdata-legacy: list only files present.
    names = sorted(n for n in set(names) if os.path.isfile(os.path.join(zoneinfo, n)))
    names = sorted(set(names) | {"UTC"})  # LoadTimeZone("UTC") works even where the file is missing

    strings, zones, zone_of_name = {}, {}, {}

    def string_index(s):
        return strings.setdefault(s, len(strings))

    for name in names:
        path = os.path.join(zoneinfo, name)
        if os.path.isfile(path):
            with open(path, "rb") as f:
                parsed = parse_tzif(f.read())
        else:
            parsed = ([], [], [(0, 0, "UTC")], "UTC0")
        initial, kept = compact(*parsed)
        footer = parsed[3]
        zone_types = [initial]
        for _, st in kept:
            if st not in zone_types:
                zone_types.append(st)
        key = (footer, tuple(zone_types), tuple((t, zone_types.index(st)) for t, st in kept))
        zone_of_name[name] = zones.setdefault(key, len(zones))

    out = bytearray(b"DJTZ\x01")
    for footer, zone_types, _ in zones:
        string_index(footer)
        for _, _, abbr in zone_types:
            string_index(abbr)
    out += varint(len(strings))
    for s in strings:
        out += varint(len(s)) + s.encode("ascii")
    out += varint(len(zones))
    for footer, zone_types, transitions in zones:
        out += varint(string_index(footer)) + varint(len(zone_types))
        for off, dst, abbr in zone_types:
            out += zigzag(off) + bytes([dst]) + varint(string_index(abbr))
        out += varint(len(transitions))
        previous = 0
        for t, _ in transitions:
            out += varint(t - previous)
            previous = t
        out += bytes(i for _, i in transitions)
    out += varint(len(names))
    previous = ""
    for name in names:
        shared = len(os.path.commonprefix([previous, name]))
        out += varint(shared) + varint(len(name) - shared) + name[shared:].encode("ascii")
        out += varint(zone_of_name[name])
        previous = name

    rows = ",\n".join(",".join(str(b) for b in out[i:i + 24]) for i in range(0, len(out), 24))
    text = ("// Generated by cmake/embed_tzdata.py from %s: %d names, %d distinct zones.\n"
            "#include <cstddef>\n\nnamespace core {\n"
            "extern const unsigned char kEmbeddedTzdata[];\nextern const std::size_t kEmbeddedTzdataSize;\n"
            "extern const char kEmbeddedTzdataVersion[];\n"
            "const unsigned char kEmbeddedTzdata[] = {\n%s};\n"
            "const std::size_t kEmbeddedTzdataSize = %d;\n"
            "const char kEmbeddedTzdataVersion[] = \"%s\";\n}  // namespace core\n"
            % (zoneinfo, len(names), len(zones), rows, len(out), version))
    os.makedirs(os.path.dirname(output), exist_ok=True)
    # Rewrite only on change, so a re-configure does not rebuild the core.
    if not os.path.exists(output) or open(output).read() != text:
        with open(output, "w") as f:
            f.write(text)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
