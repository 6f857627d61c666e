// What the UI asked of the platform during a smoke test.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "core/bytes.h"

namespace test {

struct NullPlatform {
    bool has_file_picker = true;
    int open_requests = 0;
    int comparison_requests = 0;
    int comparison_restores = 0;     // RestoreComparison calls
    int comparisons_forgotten = 0;   // ForgetComparison calls
    std::string refetched;
    std::vector<std::pair<std::string, core::Bytes>> downloads;
    int live_seconds = 0;
    std::vector<std::string> new_tabs;  // fragments opened in a new tab
    int fallback_font_requests = 0;
    bool prefers_dark = true;
    std::pair<std::string, core::Bytes> saved;  // the kept working copy, rebuilt from its changes
    bool keep_bytes = true;  // false: only count chunks (the frame benchmark times the app, not a copy)
    long long kept_chunks = 0;
    bool saved_complete = true;  // the last part handed completed the save (the browser commits then)
    int dropped_keeps = 0;       // DropUnfinishedKeep calls
    long long saved_edits = 0;
    int restore_requests = 0;
    std::string last_mirror;
    std::vector<std::pair<std::string, bool>> locations;
    std::string layout;  // what SaveLayout kept  // fragment, whether a new history entry
};
inline NullPlatform null_platform;

}  // namespace test
