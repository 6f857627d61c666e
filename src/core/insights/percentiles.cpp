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

void RankHistogram::Add(UnixMicros value) {
    m_max = m_count == 0 ? value : std::max(m_max, value);
    ++m_bands[BandOf(value)];
    ++m_count;
}

TimeTaken RankHistogram::Percentiles(const std::vector<const std::vector<UnixMicros>*>& parts) const {
    BandSelection selection(*this);
    for (const auto* part : parts) selection.Feed(*part);
    return selection.Finish();
}

BandSelection::BandSelection(const RankHistogram& histogram) : m_count(histogram.m_count), m_max(histogram.m_max) {
    for (auto [percent, wanted] : {std::pair{50, &m_p50}, std::pair{95, &m_p95}}) {
        std::int64_t rank = RankOf(percent, m_count);
        std::size_t band = 0;
        for (; band + 1 < histogram.m_bands.size() && rank > histogram.m_bands[band]; ++band) rank -= histogram.m_bands[band];
        wanted->band = band;
        wanted->rank = rank;
        wanted->values.reserve(static_cast<std::size_t>(histogram.m_bands[band]));
    }
}

void BandSelection::Feed(std::span<const UnixMicros> part) {
    for (UnixMicros value : part) {
        const std::size_t band = BandOf(value);
        if (band == m_p50.band) m_p50.values.push_back(value);
        if (band == m_p95.band) m_p95.values.push_back(value);
    }
}

TimeTaken BandSelection::Finish() {
    if (m_count == 0) return {};
    const auto at_rank = [](Wanted& wanted) {
        const auto nth = wanted.values.begin() + (wanted.rank - 1);
        std::nth_element(wanted.values.begin(), nth, wanted.values.end());
        return *nth;
    };
    return {at_rank(m_p50), at_rank(m_p95), m_max};
}

}  // namespace core
