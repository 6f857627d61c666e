// "What changed since yesterday" (issue 19, item 5): an older export opened beside the working
// copy, each read in steps into a core::ExportSide, then compared in steps (core/insights/export_diff.h).
// The older export is closed once its side is read; the working copy's side is read again after
// each change to it, while the Compare page shows.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/bytes.h"
#include "core/insights/export_diff.h"
#include "core/schema/export.h"

namespace ui {

struct App;

struct Comparison {
    std::string source;                 // the older export's name
    std::optional<core::Export> older;  // open until its side is read
    core::ExportSideScan older_scan;
    std::optional<core::ExportSide> before;
    std::optional<core::ExportSideScan> current_scan;
    std::uint64_t current_generation = 0;  // the working copy's generation `after` was read at
    std::optional<core::ExportSide> after;
    std::optional<core::ExportDiffScan> diff_scan;  // of before and after, once both are read
    std::optional<core::ExportDiff> diff;
    std::string error;                     // why a side could not be read
};

// An older export the platform kept from an earlier visit (platform::RestoreComparison), until
// the Compare page reopens it.
struct KeptComparison {
    std::string source;
    bool reopening = false;  // asked of the platform; it arrives through OpenComparison
};

// Opens the bytes of a file (SQLite or dumpdata JSON) as the older export and shows the Compare
// page; an unreadable file is shown as an open error and the comparison shown before stays.
void OpenComparison(App& app, std::string source, core::FileBuffer buffer);
void OpenComparison(App& app, std::string source, core::ByteView bytes);
// Asks the platform for the older export (the file picker, or natively the path prompt).
void RequestComparison(App& app);
// The platform kept the older export chosen on an earlier visit: the Compare tab shows, and the
// Compare page reopens it when shown (ReopenKeptComparison), so a reload keeps the comparison.
void ComparisonKept(App& app, std::string source);
void ReopenKeptComparison(App& app);
// The kept export could not be read back: said, and forgotten.
void KeptComparisonFailed(App& app, std::string source, std::string message);
// Closes the comparison; the platform forgets the older export.
void CloseComparison(App& app);
// An older export is open beside the working copy, or kept to reopen.
bool HasComparison(const App& app);
// True while the Compare page waits on a side being read.
bool Comparing(const App& app);
// Reads the sides for about `budget_ms`; the milliseconds it took.
double TickComparison(App& app, double budget_ms);

}  // namespace ui
