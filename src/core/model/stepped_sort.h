// A merge sort that runs a bounded number of element moves per call, so a million items can be
// sorted across frames without one long stall: sorted chunks first, then merge passes that stop
// and resume anywhere (inside a merge too). Stable.
#pragma once

#include <algorithm>
#include <cstddef>
#include <utility>
#include <vector>

namespace core {

template <class T>
class SteppedSort {
public:
    explicit SteppedSort(std::vector<T> items) : m_items(std::move(items)) {}

    // Does about `budget` element moves; true once the items are sorted. `less` must be the same
    // order on every call (it is passed each time so it may refer to an object that moved).
    template <class Less>
    bool Step(std::size_t budget, const Less& less) {
        const std::size_t n = m_items.size();
        while (budget > 0 && !done()) {
            if (m_width == 0) {  // the chunk phase: each chunk sorted in place
                const std::size_t end = std::min(n, m_pos + kChunk);
                std::stable_sort(m_items.begin() + static_cast<std::ptrdiff_t>(m_pos), m_items.begin() + static_cast<std::ptrdiff_t>(end), less);
                budget -= std::min(budget, end - m_pos);
                m_pos = end;
                if (m_pos >= n) StartPass(kChunk);
                continue;
            }
            budget = MergeSome(budget, less);
        }
        return done();
    }
    bool done() const { return m_width != 0 && m_width >= m_items.size(); }
    std::vector<T> Take() { return std::move(m_items); }

private:
    static constexpr std::size_t kChunk = 4096;

    void StartPass(std::size_t width) {
        m_width = width;
        m_run = 0;
        BeginRun();
        m_merged.resize(m_items.size());
    }
    void BeginRun() {
        const std::size_t n = m_items.size();
        m_i = m_run;
        m_mid = std::min(n, m_run + m_width);
        m_j = m_mid;
        m_end = std::min(n, m_run + 2 * m_width);
        m_k = m_run;
    }
    // Merges runs [run, mid) and [mid, end) into m_merged, resuming where the last call stopped.
    template <class Less>
    std::size_t MergeSome(std::size_t budget, const Less& less) {
        while (budget > 0) {
            if (m_k == m_end) {  // this pair is merged: on to the next, or the pass is over
                m_run = m_end;
                if (m_run >= m_items.size()) {
                    m_items.swap(m_merged);
                    StartPass(m_width * 2);
                    return budget;
                }
                BeginRun();
                continue;
            }
            if (m_j >= m_end || (m_i < m_mid && !less(m_items[m_j], m_items[m_i]))) m_merged[m_k++] = m_items[m_i++];
            else m_merged[m_k++] = m_items[m_j++];
            --budget;
        }
        return budget;
    }

    std::vector<T> m_items, m_merged;
    std::size_t m_pos = 0;    // chunk phase: the next chunk
    std::size_t m_width = 0;  // merge phase: the sorted run length (0 while chunking)
    std::size_t m_run = 0, m_i = 0, m_mid = 0, m_j = 0, m_end = 0, m_k = 0;
};

}  // namespace core
