#include "core/insights/func_rows_file.h"

#include <cstdio>

namespace core {
namespace {

std::string Number(double value, const char* format) {
    char text[48];
    std::snprintf(text, sizeof text, format, value);
    return text;
}

std::optional<std::string> UtcText(const std::optional<UnixMicros>& at) { return at ? std::optional<std::string>(FormatDjangoDatetime(*at)) : std::nullopt; }

}  // namespace

const std::vector<std::string>& FuncFileColumns() {
    static const std::vector<std::string> columns = {"func", "runs", "failures", "failure_rate", "attempts", "time_taken_p50",
                                                     "time_taken_p95", "time_taken_max", "first_started", "last_stopped"};
    return columns;
}

RowCells FuncFileCells(const FuncMetrics& f) {
    const auto seconds = [](UnixMicros micros) { return Number(static_cast<double>(micros) / 1e6, "%.6f"); };
    return {f.func,
            std::to_string(f.runs),
            std::to_string(f.failures),
            Number(f.FailureRate(), "%.6f"),
            std::to_string(f.attempts),
            seconds(f.time_taken.p50),
            seconds(f.time_taken.p95),
            seconds(f.time_taken.max),
            UtcText(f.first_started),
            UtcText(f.last_stopped)};
}

}  // namespace core
