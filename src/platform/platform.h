// What the UI may ask of the platform it runs on. One implementation per platform, chosen by
// CMake: native.cpp (GLFW), web.cpp (Emscripten), and tests/ui/platform_null.cpp for the smoke
// test. __EMSCRIPTEN__ appears nowhere but web.cpp.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "core/bytes.h"
#include "core/db/paged_file.h"
#include "core/result.h"
#include "core/text_sink.h"

namespace platform {

// True where the platform has a file picker of its own (the browser); the native app asks for a path.
bool HasFilePicker();
// Shows the file picker. The chosen file arrives later through ui::OpenBytes.
void RequestOpenFile();
// Shows the file picker for an older export to compare with; the chosen file arrives through
// ui::OpenComparison. Only where HasFilePicker.
void RequestComparisonFile();
// The older export chosen to compare with is kept where a reload cannot lose it: the browser keeps
// the chosen file in IndexedDB and names it at start (ui::ComparisonKept); natively files stay on
// disk and nothing is kept. RestoreComparison opens the kept one (it arrives through
// ui::OpenComparison; a failure through ui::KeptComparisonFailed); ForgetComparison drops it.
void RestoreComparison();
void ForgetComparison();
// Fetches `url` again, conditionally (If-None-Match / If-Modified-Since). A changed export arrives
// through ui::OpenBytes; an unchanged one through ui::SourceUnchanged; a failure through ui::OpenFailed.
void RefetchSource(std::string_view url);
// Hands a file to the user: a browser download (web) or a file in the current folder (native).
// `write` gives the file to the sink in pieces, so a large one is never whole in wasm memory (the
// browser keeps the pieces in a Blob). Returns where it went, for the confirmation the UI shows;
// when `write` or the platform fails, nothing is offered and the error is returned.
using FileWriting = std::function<core::Status(const core::TextSink&)>;
core::Result<std::string> OfferDownload(std::string_view file_name, const FileWriting& write);
inline core::Result<std::string> OfferDownload(std::string_view file_name, core::ByteView bytes) {
    return OfferDownload(file_name, [bytes](const core::TextSink& sink) { return sink(core::AsText(bytes)); });
}
// Fetches the ?src= export again every `seconds` (0: never), conditionally and without covering
// the page, whenever the UI had a quiet moment (ui::NoteQuietMoment); results arrive as for
// RefetchSource. A no-op where there is no ?src= (natively).
void SetLive(int seconds);
// Keeps the working copy (the whole database, journal included) where a reload, a closed tab or a
// crash cannot lose it: what changed since the last call (every chunk when `changes.whole`), so an
// edit costs what it wrote. Large changes come in parts; the platform commits them together once
// a part is `complete`. IndexedDB in the browser; nothing natively, where files stay on disk.
void KeepWorkingCopyChanges(std::string_view source, const core::ChunkChanges& changes, std::int64_t unsynced_edits);
// The working copy whose changes were coming in parts is gone before the last (the demo replaced
// it): the parts so far are dropped, and what was kept before stays.
void DropUnfinishedKeep();
// Opens the saved working copy (it arrives through ui::OpenBytes), or forgets it. Either way a
// download held back for the answer (SavedCopy::download) opens next, so restored edits are
// carried over onto it.
void RestoreSavedCopy();
void DiscardSavedCopy();
// Opens `fragment` (ui/navigation/location.h) of this page in a new browser tab (Ctrl-click, middle click);
// natively the app has one window, so nothing happens.
void OpenInNewTab(std::string_view fragment);
// Text needs characters the embedded fonts lack (CJK, emoji): the platform gets the fallback fonts
// and hands each to ui::AddFallbackFont (web: fonts/*.ttf beside the page; native: Debian's files).
void RequestFallbackFonts();
// Shows `fragment` (ui/navigation/location.h) in the address bar: a new history entry when `new_entry`, else
// the current entry rewritten. Back and forward come back through ui::GoToLocation.
void SetLocation(std::string_view fragment, bool new_entry);
// The UI's layout settings (column order, widths and visibility; ImGui's ini text), kept across
// visits: localStorage in the browser, a file in the user's config folder natively.
std::string LoadLayout();
void SaveLayout(std::string_view ini_text);
// The IANA name of the zone the user's clock is in ("Europe/Amsterdam"): the browser's
// Intl.DateTimeFormat zone, natively TZ or /etc/localtime; "UTC" when unknown.
std::string LocalTimeZoneName();
// Whether the system prefers a dark theme (the browser's prefers-color-scheme; natively, dark).
bool PrefersDarkTheme();
// Publishes the current view's mirror (JSON, see ui/mirror/mirror.h) to tests and assistive technology.
void PublishMirror(std::string_view json);

}  // namespace platform
