// The web app's platform: WebGL2 through Emscripten's html5 API, with our own input handling.
// Emscripten 3.1.6's GLFW emulation mixes device and CSS pixels and has no device-pixel-ratio
// support, so events go straight from the DOM to ImGui here, in CSS pixels, and the canvas is
// sized to CSS size × devicePixelRatio for crisp text at 1x and 2x.
//
// Sections: [JS bridge] [keyboard map] [input callbacks] [frame loop] [exports for JS] [main]
#include <emscripten.h>
#include <emscripten/html5.h>
#include <GLES3/gl3.h>
#include <imgui.h>
#include <imgui_impl_opengl3.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <string>

#include "platform/platform.h"
#include "ui/app/app.h"
#include "ui/app/preferences.h"
#include "ui/compare/comparison.h"
#include "ui/navigation/location.h"
#include "ui/theme/fonts.h"
#include "ui/theme/theme.h"

namespace {

constexpr const char* kCanvas = "#canvas";
// ImGui settles over a few frames after any input; after that nothing is drawn until the next event.
constexpr int kFramesAfterInput = 3;
// A frame does a step of the work its screen waits on (all of it for a small export, so the first
// frame shows its counts) and no background work, so it stays within 16 ms: the rest runs in tasks
// of about kWorkSliceMs between frames (djq_work), which the browser interleaves with input and
// frames, so no task keeps either waiting long. While such tasks run, a frame only draws: a step
// in a frame as well made it late by a step.
constexpr ui::FrameBudget kFrameBudget{0.0, 3.0, false};
constexpr ui::FrameBudget kFrameBetweenWork{0.0, 0.0, false, false};
constexpr double kWorkSliceMs = 8.0;
bool g_work_posted = false;  // a task of work is posted, or will post itself again
// While only work is pending (no input, nothing animating), a frame is drawn this often to show
// its progress: each drawn frame costs the page a compositor commit (~20 ms in headless Chromium)
// that the work between frames then waits for, and a software-rendered canvas costs the GPU
// process ~35 ms of CPU that it takes from the work. At 4 a second instead of 10, the dashboard's
// figures at 1M tasks came ~10% sooner and its health ~15% (tests/bench/browser_bench.js).
constexpr double kProgressFrameMs = 250.0;
double g_last_drawn_ms = 0.0;

ui::App g_app;
int g_frames_to_draw = kFramesAfterInput;
double g_last_frame_ms = 0.0;
std::string g_pasted;  // the last text the browser pasted, handed to ImGui as the clipboard
ImGuiMouseCursor g_cursor = ImGuiMouseCursor_Arrow;

void Wake() { g_frames_to_draw = kFramesAfterInput; }

// ---- [JS bridge] web/djq_glue.js defines the `djq` object these call -----------------------------
EM_JS(void, JsPublishMirror, (const char* json), { djq.setMirror(UTF8ToString(json)); });
EM_JS(void, JsOpenPicker, (bool comparing), { djq.openPicker(comparing); });
EM_JS(void, JsRefetch, (const char* url), { djq.fetchSource(UTF8ToString(url), true); });
EM_JS(void, JsDownloadBegin, (), { djq.beginDownload(); });
EM_JS(void, JsDownloadPiece, (const char* data, int size), { djq.downloadPiece(HEAPU8.slice(data, data + size)); });
EM_JS(void, JsDownloadEnd, (const char* name, bool keep), { djq.endDownload(keep ? UTF8ToString(name) : null); });
// What changed in the working copy, copied out of wasm memory at once (the keeping is asynchronous).
EM_JS(void, JsKeepBegin, (const char* source, bool whole, double size, double chunk_size, double edits), {
    djq.keepBegin(UTF8ToString(source), whole, size, chunk_size, edits);
});
EM_JS(void, JsKeepChunk, (double index, const std::uint8_t* data, int size), { djq.keepChunk(index, HEAPU8.slice(data, data + size)); });
EM_JS(void, JsKeepEnd, (bool complete), { djq.keepEnd(complete); });
EM_JS(void, JsKeepDrop, (), { djq.keepDrop(); });
EM_JS(void, JsRestoreSavedCopy, (), { djq.restoreSavedCopy(); });
EM_JS(void, JsSetLive, (int seconds), { djq.setLive(seconds); });
EM_JS(void, JsOpenInNewTab, (const char* fragment), {
    window.open(location.href.split('#')[0] + UTF8ToString(fragment), '_blank', 'noopener');
});
EM_JS(void, JsDiscardSavedCopy, (), { djq.discardSavedCopy(); });
EM_JS(void, JsRestoreComparison, (), { djq.restoreComparison(); });
EM_JS(void, JsForgetComparison, (), { djq.forgetComparison(); });
EM_JS(void, JsFetchFallbackFonts, (), { djq.fetchFallbackFonts(); });
EM_JS(bool, JsPrefersDark, (), { return !(window.matchMedia && window.matchMedia('(prefers-color-scheme: light)').matches); });
EM_JS(void, JsFrameDrawn, (double work_ms), { djq.frameDrawn(work_ms); });
EM_JS(void, JsScheduleWork, (), { djq.scheduleWork(); });
void ScheduleWork() {
    g_work_posted = true;
    JsScheduleWork();
}
EM_JS(bool, JsHasSourceParam, (), { return djq.hasSourceParam(); });
EM_JS(void, JsSetCursor, (const char* css), { Module.canvas.style.cursor = UTF8ToString(css); });
EM_JS(void, JsSetLocation, (const char* fragment, bool new_entry), { djq.setLocation(UTF8ToString(fragment), new_entry); });
EM_JS(void, JsTimeZoneName, (char* out, int size), {
    stringToUTF8(Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC', out, size);
});
EM_JS(void, JsSaveLayout, (const char* text), {
    try { localStorage.setItem('djq-admin.layout', UTF8ToString(text)); } catch (e) { /* storage off: not kept */ }
});
EM_JS(int, JsLayoutLength, (), {
    try { return lengthBytesUTF8(localStorage.getItem('djq-admin.layout') || ""); } catch (e) { return 0; }
});
EM_JS(void, JsReadLayout, (char* out, int size), {
    try { stringToUTF8(localStorage.getItem('djq-admin.layout') || "", out, size); } catch (e) { stringToUTF8("", out, size); }
});
EM_JS(void, JsWriteClipboard, (const char* text), {
    if (navigator.clipboard) navigator.clipboard.writeText(UTF8ToString(text)).catch(function() {});
});

// ---- [keyboard map] KeyboardEvent.code → ImGuiKey ----------------------------------------------------
struct KeyName {
    const char* code;
    ImGuiKey key;
};
constexpr KeyName kKeys[] = {
    {"Tab", ImGuiKey_Tab}, {"ArrowLeft", ImGuiKey_LeftArrow}, {"ArrowRight", ImGuiKey_RightArrow},
    {"ArrowUp", ImGuiKey_UpArrow}, {"ArrowDown", ImGuiKey_DownArrow}, {"PageUp", ImGuiKey_PageUp},
    {"PageDown", ImGuiKey_PageDown}, {"Home", ImGuiKey_Home}, {"End", ImGuiKey_End}, {"Insert", ImGuiKey_Insert},
    {"Delete", ImGuiKey_Delete}, {"Backspace", ImGuiKey_Backspace}, {"Space", ImGuiKey_Space},
    {"Enter", ImGuiKey_Enter}, {"NumpadEnter", ImGuiKey_KeypadEnter}, {"Escape", ImGuiKey_Escape},
    {"ShiftLeft", ImGuiKey_LeftShift}, {"ShiftRight", ImGuiKey_RightShift}, {"ControlLeft", ImGuiKey_LeftCtrl},
    {"ControlRight", ImGuiKey_RightCtrl}, {"AltLeft", ImGuiKey_LeftAlt}, {"AltRight", ImGuiKey_RightAlt},
    {"MetaLeft", ImGuiKey_LeftSuper}, {"MetaRight", ImGuiKey_RightSuper}, {"Minus", ImGuiKey_Minus},
    {"Equal", ImGuiKey_Equal}, {"BracketLeft", ImGuiKey_LeftBracket}, {"BracketRight", ImGuiKey_RightBracket},
    {"Backslash", ImGuiKey_Backslash}, {"Semicolon", ImGuiKey_Semicolon}, {"Quote", ImGuiKey_Apostrophe},
    {"Backquote", ImGuiKey_GraveAccent}, {"Comma", ImGuiKey_Comma}, {"Period", ImGuiKey_Period},
    {"Slash", ImGuiKey_Slash},
};

ImGuiKey KeyFromCode(const char* code) {
    if (std::strncmp(code, "Key", 3) == 0 && code[3] >= 'A' && code[3] <= 'Z' && code[4] == 0)
        return static_cast<ImGuiKey>(ImGuiKey_A + (code[3] - 'A'));
    if (std::strncmp(code, "Digit", 5) == 0 && code[5] >= '0' && code[5] <= '9' && code[6] == 0)
        return static_cast<ImGuiKey>(ImGuiKey_0 + (code[5] - '0'));
    if (code[0] == 'F' && code[1] >= '1' && code[1] <= '9') {
        const int n = std::atoi(code + 1);
        if (n >= 1 && n <= 12) return static_cast<ImGuiKey>(ImGuiKey_F1 + n - 1);
    }
    for (const auto& entry : kKeys)
        if (std::strcmp(code, entry.code) == 0) return entry.key;
    return ImGuiKey_None;
}

// Keys the browser keeps: paste (arrives as a paste event), reload, tabs, dev tools, full screen.
bool BrowserKeepsKey(const EmscriptenKeyboardEvent* e) {
    const bool command = e->ctrlKey || e->metaKey;
    if (command && std::strchr("vrltwn", std::tolower(static_cast<unsigned char>(e->key[0]))) && e->key[1] == 0) return true;
    return !std::strcmp(e->code, "F5") || !std::strcmp(e->code, "F11") || !std::strcmp(e->code, "F12");
}

// ---- [input callbacks] -------------------------------------------------------------------------------
void UpdateModifiers(bool ctrl, bool shift, bool alt, bool meta) {
    ImGuiIO& io = ImGui::GetIO();
    io.AddKeyEvent(ImGuiMod_Ctrl, ctrl);
    io.AddKeyEvent(ImGuiMod_Shift, shift);
    io.AddKeyEvent(ImGuiMod_Alt, alt);
    io.AddKeyEvent(ImGuiMod_Super, meta);
}

EM_BOOL OnKey(int type, const EmscriptenKeyboardEvent* e, void*) {
    Wake();
    UpdateModifiers(e->ctrlKey, e->shiftKey, e->altKey, e->metaKey);
    const bool down = type == EMSCRIPTEN_EVENT_KEYDOWN;
    if (const ImGuiKey key = KeyFromCode(e->code); key != ImGuiKey_None) ImGui::GetIO().AddKeyEvent(key, down);
    // A printable key's `key` is the character itself (one UTF-8 sequence); named keys are words.
    const bool printable = std::strlen(e->key) <= 4 && static_cast<unsigned char>(e->key[0]) >= 0x20 &&
                           (e->key[1] == 0 || static_cast<unsigned char>(e->key[0]) >= 0x80);
    if (down && printable && !e->ctrlKey && !e->metaKey) ImGui::GetIO().AddInputCharactersUTF8(e->key);
    return BrowserKeepsKey(e) ? EM_FALSE : EM_TRUE;
}

EM_BOOL OnMouseMove(int, const EmscriptenMouseEvent* e, void*) {
    Wake();
    ImGui::GetIO().AddMousePosEvent(static_cast<float>(e->targetX), static_cast<float>(e->targetY));
    return EM_FALSE;
}

EM_BOOL OnMouseButton(int type, const EmscriptenMouseEvent* e, void*) {
    Wake();
    ImGuiIO& io = ImGui::GetIO();
    UpdateModifiers(e->ctrlKey, e->shiftKey, e->altKey, e->metaKey);
    io.AddMousePosEvent(static_cast<float>(e->targetX), static_cast<float>(e->targetY));
    // DOM buttons: 0 left, 1 middle, 2 right; ImGui: 0 left, 1 right, 2 middle.
    static constexpr int kImGuiButton[] = {0, 2, 1};
    if (e->button <= 2) io.AddMouseButtonEvent(kImGuiButton[e->button], type == EMSCRIPTEN_EVENT_MOUSEDOWN);
    return EM_FALSE;
}

EM_BOOL OnMouseLeave(int, const EmscriptenMouseEvent*, void*) {
    Wake();
    ImGui::GetIO().AddMousePosEvent(-FLT_MAX, -FLT_MAX);
    return EM_FALSE;
}

EM_BOOL OnWheel(int, const EmscriptenWheelEvent* e, void*) {
    Wake();
    // As ImGui's own Emscripten handling: 100 px, 3 lines or 1/80 page make one step.
    float step = 1.0f / 100.0f;
    if (e->deltaMode == DOM_DELTA_LINE) step = 1.0f / 3.0f;
    else if (e->deltaMode == DOM_DELTA_PAGE) step = 80.0f;
    ImGui::GetIO().AddMouseWheelEvent(static_cast<float>(-e->deltaX) * step, static_cast<float>(-e->deltaY) * step);
    return EM_TRUE;  // the page itself never scrolls
}

EM_BOOL OnFocus(int type, const EmscriptenFocusEvent*, void*) {
    Wake();
    ImGui::GetIO().AddFocusEvent(type == EMSCRIPTEN_EVENT_FOCUS);
    return EM_FALSE;
}

EM_BOOL OnResize(int, const EmscriptenUiEvent*, void*) {
    Wake();
    return EM_FALSE;
}

void InstallInput() {
    emscripten_set_keydown_callback(EMSCRIPTEN_EVENT_TARGET_WINDOW, nullptr, true, OnKey);
    emscripten_set_keyup_callback(EMSCRIPTEN_EVENT_TARGET_WINDOW, nullptr, true, OnKey);
    emscripten_set_mousemove_callback(kCanvas, nullptr, true, OnMouseMove);
    emscripten_set_mousedown_callback(kCanvas, nullptr, true, OnMouseButton);
    emscripten_set_mouseup_callback(EMSCRIPTEN_EVENT_TARGET_WINDOW, nullptr, true, OnMouseButton);
    emscripten_set_mouseleave_callback(kCanvas, nullptr, true, OnMouseLeave);
    emscripten_set_wheel_callback(kCanvas, nullptr, false, OnWheel);
    emscripten_set_focus_callback(EMSCRIPTEN_EVENT_TARGET_WINDOW, nullptr, true, OnFocus);
    emscripten_set_blur_callback(EMSCRIPTEN_EVENT_TARGET_WINDOW, nullptr, true, OnFocus);
    emscripten_set_resize_callback(EMSCRIPTEN_EVENT_TARGET_WINDOW, nullptr, true, OnResize);
}

// ---- [frame loop] ------------------------------------------------------------------------------------
// Sizes the canvas's drawing buffer to its CSS size × devicePixelRatio; returns the CSS size.
ImVec2 FitCanvas(float ratio) {
    double css_width = 0, css_height = 0;
    emscripten_get_element_css_size(kCanvas, &css_width, &css_height);
    const int want_width = static_cast<int>(std::lround(css_width * ratio));
    const int want_height = static_cast<int>(std::lround(css_height * ratio));
    int width = 0, height = 0;
    emscripten_get_canvas_element_size(kCanvas, &width, &height);
    if (width != want_width || height != want_height) emscripten_set_canvas_element_size(kCanvas, want_width, want_height);
    return ImVec2(static_cast<float>(css_width), static_cast<float>(css_height));
}

void UpdateCursor() {
    static constexpr const char* kCss[ImGuiMouseCursor_COUNT] = {"default", "text", "move", "ns-resize", "ew-resize",
                                                                 "nesw-resize", "nwse-resize", "pointer", "not-allowed"};
    const ImGuiMouseCursor cursor = ImGui::GetMouseCursor();
    if (cursor == g_cursor || cursor < 0 || cursor >= ImGuiMouseCursor_COUNT) return;
    g_cursor = cursor;
    JsSetCursor(kCss[cursor]);
}

void Frame() {
    // Idle: the canvas keeps showing the last frame. Pending work (an import) keeps frames coming.
    if (g_frames_to_draw <= 0 && !ui::IsBusy(g_app) && !ui::IsAnimating(g_app)) return;
    const double started = emscripten_get_now();
    const bool only_work = g_frames_to_draw <= 0 && !ui::IsAnimating(g_app) && !ui::HasQueuedInput() && ui::HasTickWork(g_app);
    if (only_work && started - g_last_drawn_ms < kProgressFrameMs) return ScheduleWork();
    g_last_drawn_ms = started;
    if (g_frames_to_draw > 0) --g_frames_to_draw;

    const float ratio = static_cast<float>(emscripten_get_device_pixel_ratio());
    if (ui::LoadFonts(ratio)) {
        ImGui_ImplOpenGL3_DestroyFontsTexture();
        ImGui_ImplOpenGL3_CreateFontsTexture();
    }
    ImGuiIO& io = ImGui::GetIO();
    io.DisplaySize = FitCanvas(ratio);
    io.DisplayFramebufferScale = ImVec2(ratio, ratio);
    const double now = emscripten_get_now();
    io.DeltaTime = g_last_frame_ms > 0.0 ? static_cast<float>((now - g_last_frame_ms) / 1000.0) : 1.0f / 60.0f;
    if (io.DeltaTime <= 0.0f) io.DeltaTime = 1.0f / 1000.0f;
    g_last_frame_ms = now;

    ImGui_ImplOpenGL3_NewFrame();
    ImGui::NewFrame();
    ui::DrawFrame(g_app, g_work_posted ? kFrameBetweenWork : kFrameBudget);
    ImGui::Render();
    UpdateCursor();

    std::string json;
    if (g_app.mirror.TakeIfChanged(json)) JsPublishMirror(json.c_str());

    glViewport(0, 0, static_cast<int>(io.DisplaySize.x * ratio), static_cast<int>(io.DisplaySize.y * ratio));
    glClearColor(0.09f, 0.10f, 0.12f, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
    JsFrameDrawn(emscripten_get_now() - started);
    if (ui::HasTickWork(g_app)) ScheduleWork();
}

}  // namespace

// ---- platform.h ------------------------------------------------------------------------------------------
namespace platform {

bool HasFilePicker() { return true; }
void RequestOpenFile() { JsOpenPicker(false); }
void RequestComparisonFile() { JsOpenPicker(true); }
void RestoreComparison() { JsRestoreComparison(); }
void ForgetComparison() { JsForgetComparison(); }
void RefetchSource(std::string_view url) { JsRefetch(std::string(url).c_str()); }
void KeepWorkingCopyChanges(std::string_view source, const core::ChunkChanges& changes, std::int64_t unsynced_edits) {
    JsKeepBegin(std::string(source).c_str(), changes.whole, static_cast<double>(changes.file_size), static_cast<double>(changes.chunk_size),
                static_cast<double>(unsynced_edits));
    for (const auto& [index, bytes] : changes.chunks) JsKeepChunk(static_cast<double>(index), bytes.data(), static_cast<int>(bytes.size()));
    JsKeepEnd(changes.complete);
}
void DropUnfinishedKeep() { JsKeepDrop(); }
void RestoreSavedCopy() { JsRestoreSavedCopy(); }
void DiscardSavedCopy() { JsDiscardSavedCopy(); }
void SetLive(int seconds) { JsSetLive(seconds); }
void OpenInNewTab(std::string_view fragment) { JsOpenInNewTab(std::string(fragment).c_str()); }
void RequestFallbackFonts() { JsFetchFallbackFonts(); }
core::Result<std::string> OfferDownload(std::string_view file_name, const FileWriting& write) {
    JsDownloadBegin();  // the pieces leave wasm memory as they come: the browser holds them in a Blob
    auto written = write([](std::string_view piece) -> core::Status {
        JsDownloadPiece(piece.data(), static_cast<int>(piece.size()));
        return core::Ok{};
    });
    JsDownloadEnd(std::string(file_name).c_str(), written.ok());
    if (!written) return written.error();
    return std::string("your browser's downloads");
}
bool PrefersDarkTheme() { return JsPrefersDark(); }

std::string LocalTimeZoneName() {
    char name[128];  // IANA names are at most a few dozen bytes
    JsTimeZoneName(name, sizeof name);
    return name;
}
void PublishMirror(std::string_view json) { JsPublishMirror(std::string(json).c_str()); }
std::string LoadLayout() {
    std::string text(static_cast<std::size_t>(JsLayoutLength()) + 1, '\0');
    JsReadLayout(text.data(), static_cast<int>(text.size()));
    text.resize(std::strlen(text.c_str()));
    return text;
}
void SaveLayout(std::string_view ini_text) { JsSaveLayout(std::string(ini_text).c_str()); }
void SetLocation(std::string_view fragment, bool new_entry) { JsSetLocation(std::string(fragment).c_str(), new_entry); }

}  // namespace platform

// ---- [exports for JS] web/djq_glue.js calls these ---------------------------------------------------------
extern "C" {

// A file the user picked, dropped or fetched: JS asks for a buffer of its size (null when memory
// is short), fills it, and hands it over with the file's name; the working copy keeps it.
EMSCRIPTEN_KEEPALIVE std::uint8_t* djq_file_buffer(double size) {
    auto buffer = core::FileBuffer::Allocate(static_cast<std::size_t>(size));
    return buffer ? buffer->Release() : nullptr;
}
EMSCRIPTEN_KEEPALIVE void djq_open_file_buffer(std::uint8_t* data, double size, const char* name) {
    ui::OpenBuffer(g_app, name, core::FileBuffer::Adopt(data, static_cast<std::size_t>(size)));
    Wake();
}
// The same for the older export the Compare page compares the working copy with.
EMSCRIPTEN_KEEPALIVE void djq_compare_file_buffer(std::uint8_t* data, double size, const char* name) {
    ui::OpenComparison(g_app, name, core::FileBuffer::Adopt(data, static_cast<std::size_t>(size)));
    Wake();
}
// The older export chosen on an earlier visit is kept in this browser (ui::ComparisonKept), or
// could not be read back from it.
EMSCRIPTEN_KEEPALIVE void djq_comparison_kept(const char* name) {
    ui::ComparisonKept(g_app, name);
    Wake();
}
EMSCRIPTEN_KEEPALIVE void djq_kept_comparison_failed(const char* name, const char* message) {
    ui::KeptComparisonFailed(g_app, name, message);
    Wake();
}
// A slice of pending work between frames (Frame schedules it); 1 when more is left.
EMSCRIPTEN_KEEPALIVE int djq_work() {
    if (ui::HasTickWork(g_app)) ui::Tick(g_app, kWorkSliceMs, kWorkSliceMs);
    g_work_posted = ui::HasTickWork(g_app);  // the glue posts the next task itself
    if (g_work_posted) return 1;
    g_frames_to_draw = std::max(g_frames_to_draw, 2);  // the work is done: frames show what it found
    return 0;
}
// A buffer from djq_file_buffer that will not be opened after all.
EMSCRIPTEN_KEEPALIVE void djq_drop_file_buffer(std::uint8_t* data) { (void)core::FileBuffer::Adopt(data, 0); }
// The working copy kept in this browser, put back together from its chunks (ui::OpenBuffer, restored).
EMSCRIPTEN_KEEPALIVE void djq_open_kept_copy(std::uint8_t* data, double size, const char* source) {
    ui::OpenBuffer(g_app, source, core::FileBuffer::Adopt(data, static_cast<std::size_t>(size)), true);
    Wake();
}
// The browser's kept copy turned out to be another file (another tab kept its own): keep all of ours.
EMSCRIPTEN_KEEPALIVE void djq_keep_whole_copy() {
    ui::KeepWholeCopyAgain(g_app);
    Wake();
}

// A download the glue could not complete (?src=URL): shown as an open error; the open export stays.
// A fallback font the page fetched (fonts/*.ttf): its bytes, copied into the font set.
EMSCRIPTEN_KEEPALIVE void djq_fallback_font(const std::uint8_t* data, double size) {
    ui::AddFallbackFont(std::vector<unsigned char>(data, data + static_cast<std::size_t>(size)));
    Wake();
}

EMSCRIPTEN_KEEPALIVE void djq_open_failed(const char* source, const char* message) {
    ui::OpenFailed(g_app, source, message);
    Wake();
}

// At start-up the glue found a working copy saved in this browser: offer it.
// `download` is the ?src= URL whose fresh download the glue holds until the user answers ("" if none).
EMSCRIPTEN_KEEPALIVE void djq_saved_copy_found(const char* source, const char* saved_at, double unsynced_edits, const char* download) {
    ui::OfferSavedCopy(g_app, ui::SavedCopy{source, saved_at, static_cast<std::int64_t>(unsynced_edits), download});
    Wake();
}

// The page has something to say (web/djq_glue.js): kind "storage" or "notice" (ui::PageNotice).
EMSCRIPTEN_KEEPALIVE void djq_page_notice(const char* kind, const char* text) {
    ui::PageNotice(g_app, kind, text);
    Wake();
}

// Live (ui/app/live.h): a ?live=N link turns it on; the glue asks for a quiet moment before each fetch.
EMSCRIPTEN_KEEPALIVE void djq_set_live(double seconds) {
    ui::SetLive(g_app, static_cast<int>(seconds));
    Wake();
}
EMSCRIPTEN_KEEPALIVE int djq_quiet_moment() { return g_app.quiet_moment ? 1 : 0; }

// A conditional re-fetch answered 304 Not Modified.
EMSCRIPTEN_KEEPALIVE void djq_source_unchanged() {
    ui::SourceUnchanged(g_app);
    Wake();
}

// Text from the browser's paste event: typed into the focused ImGui field.
// True when the app has handled all input and drawn its result: no frames are scheduled and no work
// is pending. Tests wait for this instead of counting frames (typing queues many key events).
EMSCRIPTEN_KEEPALIVE int djq_settled() { return g_frames_to_draw <= 0 && !ui::IsBusy(g_app); }

// A link or Back/Forward changed the URL fragment.
EMSCRIPTEN_KEEPALIVE void djq_go_location(const char* fragment) {
    ui::GoToLocation(g_app, fragment);
    Wake();
}

EMSCRIPTEN_KEEPALIVE void djq_paste(const char* text) {
    g_pasted = text;
    if (ImGui::GetIO().WantTextInput) ImGui::GetIO().AddInputCharactersUTF8(text);
    Wake();
}

// A click on a button of the DOM mirror (assistive technology): the same as clicking it on the canvas.
EMSCRIPTEN_KEEPALIVE void djq_activate(const char* name) {
    g_app.mirror.RequestActivation(name);
    Wake();
}

}  // extern "C"

// ---- [main] ----------------------------------------------------------------------------------------------
int main() {
    EmscriptenWebGLContextAttributes attributes;
    emscripten_webgl_init_context_attributes(&attributes);
    attributes.majorVersion = 2;
    attributes.alpha = EM_FALSE;
    attributes.antialias = EM_FALSE;
    // Nothing is redrawn while idle, so the last frame must survive any later composite (a
    // screenshot, a tab switch): keep the drawing buffer.
    attributes.preserveDrawingBuffer = EM_TRUE;
    const EMSCRIPTEN_WEBGL_CONTEXT_HANDLE context = emscripten_webgl_create_context(kCanvas, &attributes);
    if (context <= 0) {
        EM_ASM({ djq.fatal("This browser cannot draw with WebGL 2, which djq-admin needs."); });
        return 1;
    }
    emscripten_webgl_make_context_current(context);

    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
    io.BackendPlatformName = "djq_web";
    io.SetClipboardTextFn = [](void*, const char* text) { JsWriteClipboard(text); };
    io.GetClipboardTextFn = [](void*) -> const char* { return g_pasted.c_str(); };
    ui::RegisterPreferences();
    ui::RestoreLayout();
    ImGui_ImplOpenGL3_Init("#version 300 es");
    InstallInput();

    // With ?src=URL the glue is downloading an export: show that rather than the demo.
    if (!JsHasSourceParam()) ui::OpenDemo(g_app);
    emscripten_set_main_loop(Frame, 0, true);
    return 0;
}
