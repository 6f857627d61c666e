// The application's state: the open export (model data from the core, read-only in views), the
// error shown until dismissed, and each view's own UI state. Platforms own one App and call
// DrawFrame once per frame; files arrive through OpenBytes whichever way the user chose.
#pragma once

#include <optional>
#include <string>

#include "core/bytes.h"
#include "core/model/export.h"
#include "core/model/summary.h"
#include "ui/mirror.h"
#include "ui/view_overview.h"

namespace ui {

struct OpenError {
    core::Error error;
    std::string source;  // what the user tried to open
};

struct App {
    std::optional<core::Export> current;
    std::optional<core::Summary> summary;
    std::optional<OpenError> open_error;  // shown until dismissed; `current` is left as it was
    bool is_demo = false;

    Mirror mirror;
    OverviewView overview;
    std::string path_prompt;  // the native "Open…" prompt's text
    bool show_path_prompt = false;
};

// Opens the bytes of a file the user chose. On failure the error is shown and the export that was
// open stays open.
void OpenBytes(App& app, std::string source, core::ByteView bytes);
// Opens the built-in demo database (what the app shows when given nothing else).
void OpenDemo(App& app);

// Draws one frame of the whole UI; the platform has begun the ImGui frame.
void DrawFrame(App& app);

}  // namespace ui
