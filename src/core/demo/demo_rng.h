// splitmix64: tiny, fast, and identical on every compiler, which <random>'s distributions are not.
#pragma once

#include <cstdint>
#include <span>

namespace core {

class DemoRng {
public:
    explicit DemoRng(std::uint64_t seed) : m_state(seed) {}

    std::uint64_t Next() {
        std::uint64_t z = (m_state += 0x9E3779B97F4A7C15ull);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        return z ^ (z >> 31);
    }
    // Uniform in [0, n); n > 0. The modulo bias is irrelevant for demo data.
    std::uint64_t Below(std::uint64_t n) { return Next() % n; }
    std::int64_t Between(std::int64_t lo, std::int64_t hi) { return lo + static_cast<std::int64_t>(Below(static_cast<std::uint64_t>(hi - lo + 1))); }
    double Unit() { return static_cast<double>(Next() >> 11) * 0x1.0p-53; }
    bool Chance(double p) { return Unit() < p; }
    template <class T>
    const T& Pick(std::span<const T> items) { return items[Below(items.size())]; }

private:
    std::uint64_t m_state;
};

}  // namespace core
