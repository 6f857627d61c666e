// Milliseconds since it was made, and the loop each Tick part runs its steps of work in.
#pragma once

#include <algorithm>
#include <chrono>

namespace ui {

class Stopwatch {
public:
    double ms() const { return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - m_start).count(); }

private:
    std::chrono::steady_clock::time_point m_start = std::chrono::steady_clock::now();
};

// Calls `step` (true: nothing is left to do) until it says so or the next step would not fit in
// `budget_ms`, judged by the longest step so far; always once (a budget of 0 is one step). So a
// slice of work ends near its budget instead of a whole step past it. Returns the milliseconds taken.
template <class Step>
double StepWithin(double budget_ms, Step step) {
    const Stopwatch watch;
    double longest = 0.0, before = 0.0;
    while (!step()) {
        const double now = watch.ms();
        longest = std::max(longest, now - before);
        before = now;
        if (now + longest > budget_ms) break;
    }
    return watch.ms();
}

}  // namespace ui
