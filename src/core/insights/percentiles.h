// Time taken percentiles by nearest rank (p50 is the value at rank ceil(0.50 n) of the n sorted),
// exact, and found in pieces small enough for a frame: the values are counted by band as they
// come (RankHistogram), then read a piece at a time (BandSelection), for all of a million tasks
// and for each func alike, without a copy of them.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <vector>

#include "core/sched/timestamp.h"

namespace core {

struct TimeTaken {
    UnixMicros p50 = 0, p95 = 0, max = 0;
};

// Counts values by magnitude as they come (1/8 of a power of two wide). A rank's value is then
// looked for only among those of its band: a pass over the values and a selection in a few of
// them, instead of nth_element over a copy of all (about 10 ms in one frame at a million).
class RankHistogram {
public:
    void Add(UnixMicros value);
    std::int64_t count() const { return m_count; }
    // The percentiles of the added values, which `parts` hold (no others).
    TimeTaken Percentiles(const std::vector<const std::vector<UnixMicros>*>& parts) const;

private:
    friend class BandSelection;
    std::array<std::int64_t, 512> m_bands{};
    std::int64_t m_count = 0;
    UnixMicros m_max = 0;
};

// RankHistogram::Percentiles a part at a time, so a step reads only some of the values: Feed
// every part that holds the added values (in any order and pieces, across steps), then Finish.
class BandSelection {
public:
    explicit BandSelection(const RankHistogram& histogram);
    void Feed(std::span<const UnixMicros> part);
    TimeTaken Finish();

private:
    struct Wanted {
        std::size_t band = 0;
        std::int64_t rank = 0;  // within the band, from 1
        std::vector<UnixMicros> values;  // the band's, as fed
    };
    Wanted m_p50, m_p95;
    std::int64_t m_count = 0;
    UnixMicros m_max = 0;
};

}  // namespace core
