#include "core/insights/percentiles.h"

#include <algorithm>
#include <bit>

namespace core {
namespace {

// Ascending with the value: negatives (a damaged stop before its start) first, 0-7 each alone,
// then eight bands per power of two.
std::size_t BandOf(UnixMicros value) {
    if (value < 0) return 0;
    if (value < 8) return 1 + static_cast<std::size_t>(value);
    const auto bits = static_cast<std::size_t>(std::bit_width(static_cast<std::uint64_t>(value)));  // 4..63
    return 9 + (bits - 4) * 8 + static_cast<std::size_t>((value >> (bits - 4)) & 7);
}

std::int64_t RankOf(std::int64_t percent, std::int64_t n) { return std::max<std::int64_t>(1, (percent * n + 99) / 100); }  // ceil

}  // namespace

TimeTaken NearestRanks(std::vector<UnixMicros>& values) {
    TimeTaken taken;
    if (values.empty()) return taken;
    const auto n = static_cast<std::int64_t>(values.size());
    // Each rank is looked for only above the one before: p95 among what p50 left above it.
    auto from = values.begin();
    for (auto [percent, out] : {std::pair{50, &taken.p50}, std::pair{95, &taken.p95}}) {
        const auto nth = values.begin() + (RankOf(percent, n) - 1);
        std::nth_element(from, nth, values.end());
        *out = *nth;
        from = nth;
    }
    taken.max = *std::max_element(from, values.end());
    return taken;
}

void RankHistogram::Add(UnixMicros value) {
    m_max = m_count == 0 ? value : std::max(m_max, value);
    ++m_bands[BandOf(value)];
    ++m_count;
}

UnixMicros RankHistogram::ValueAtRank(std::int64_t rank, const std::vector<const std::vector<UnixMicros>*>& parts) const {
    std::size_t band = 0;
    for (; band + 1 < m_bands.size() && rank > m_bands[band]; ++band) rank -= m_bands[band];
    std::vector<UnixMicros> in_band;
    in_band.reserve(static_cast<std::size_t>(m_bands[band]));
    for (const auto* part : parts)
        for (UnixMicros value : *part)
            if (BandOf(value) == band) in_band.push_back(value);
    const auto nth = in_band.begin() + (rank - 1);
    std::nth_element(in_band.begin(), nth, in_band.end());
    return *nth;
}

TimeTaken RankHistogram::Percentiles(const std::vector<const std::vector<UnixMicros>*>& parts) const {
    if (m_count == 0) return {};
    return {ValueAtRank(RankOf(50, m_count), parts), ValueAtRank(RankOf(95, m_count), parts), m_max};
}

}  // namespace core
