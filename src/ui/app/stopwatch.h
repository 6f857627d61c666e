// Milliseconds since it was made: each Tick step checks its frame budget with one.
#pragma once

#include <chrono>

namespace ui {

class Stopwatch {
public:
    double ms() const { return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - m_start).count(); }

private:
    std::chrono::steady_clock::time_point m_start = std::chrono::steady_clock::now();
};

}  // namespace ui
