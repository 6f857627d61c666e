// The platform for the null-backend smoke test: records what the UI asked for.
#include "platform/platform.h"
#include "platform_null.h"
#include "ui/theme/fonts.h"

namespace platform {

bool HasFilePicker() { return test::null_platform.has_file_picker; }
void RequestOpenFile() { ++test::null_platform.open_requests; }
void RequestComparisonFile() { ++test::null_platform.comparison_requests; }
void RestoreComparison() { ++test::null_platform.comparison_restores; }
void ForgetComparison() { ++test::null_platform.comparisons_forgotten; }
void RefetchSource(std::string_view url) { test::null_platform.refetched = std::string(url); }
core::Result<std::string> OfferDownload(std::string_view file_name, const FileWriting& write) {
    core::Bytes bytes;
    auto written = write([&bytes](std::string_view piece) -> core::Status {
        bytes.insert(bytes.end(), piece.begin(), piece.end());
        return core::Ok{};
    });
    if (!written) return written.error();
    test::null_platform.downloads.push_back({std::string(file_name), std::move(bytes)});
    return std::string("the test");
}
void KeepWorkingCopyChanges(std::string_view source, const core::ChunkChanges& changes, std::int64_t edits) {
    test::null_platform.saved.first = std::string(source);
    test::null_platform.kept_chunks += static_cast<long long>(changes.chunks.size());
    if (test::null_platform.keep_bytes) core::ApplyChanges(test::null_platform.saved.second, changes);
    test::null_platform.saved_edits = edits;
    test::null_platform.saved_complete = changes.complete;
}
void DropUnfinishedKeep() { ++test::null_platform.dropped_keeps; }
void RestoreSavedCopy() { ++test::null_platform.restore_requests; }
void SetLive(int seconds) { test::null_platform.live_seconds = seconds; }
void OpenInNewTab(std::string_view fragment) { test::null_platform.new_tabs.emplace_back(fragment); }
void RequestFallbackFonts() {
    ++test::null_platform.fallback_font_requests;
    ui::AddFallbackFontFiles(DJQ_FALLBACK_FONT_FILES);
}
void DiscardSavedCopy() { test::null_platform.saved = {}; }
void SetLocation(std::string_view fragment, bool new_entry) {
    test::null_platform.locations.push_back({std::string(fragment), new_entry});
}
std::string LoadLayout() { return test::null_platform.layout; }
void SaveLayout(std::string_view ini_text) { test::null_platform.layout = std::string(ini_text); }
std::string LocalTimeZoneName() { return "America/New_York"; }
bool PrefersDarkTheme() { return test::null_platform.prefers_dark; }
void PublishMirror(std::string_view json) { test::null_platform.last_mirror = std::string(json); }

}  // namespace platform
