// The native app (GLFW + OpenGL 3): the same UI as the web app, for debugging it natively.
//   djq-admin [FILE]     opens FILE, or the demo database when none is given
#include <GLFW/glfw3.h>
#include <imgui.h>
#include <imgui_impl_glfw.h>
#include <imgui_impl_opengl3.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <string>

#include "core/io/file.h"
#include "platform/platform.h"
#include "ui/app/app.h"
#include "ui/app/preferences.h"
#include "ui/theme/fonts.h"
#include "ui/theme/theme.h"

namespace {

ui::App g_app;
// Pending work's share of a frame, so a frame, drawing included, stays within a 60 Hz refresh.
constexpr ui::FrameBudget kFrameBudget{4.0, 10.0};
int g_frames_to_draw = 3;  // ImGui settles over a few frames after any input

void OpenPath(const std::string& path) {
    auto bytes = core::ReadFile(path);
    if (bytes) {
        ui::OpenBytes(g_app, path, bytes.value());
    } else {
        g_app.open_error = ui::OpenError{bytes.error(), path};
    }
}

void OnDrop(GLFWwindow*, int count, const char** paths) {
    if (count > 0) OpenPath(paths[0]);
    g_frames_to_draw = 3;
}

}  // namespace

namespace platform {

bool HasFilePicker() { return false; }
void RequestOpenFile() {}
void RequestComparisonFile() {}
void RestoreComparison() {}
void ForgetComparison() {}
void RefetchSource(std::string_view) {}  // the native app opens files, never URLs
core::Result<std::string> OfferDownload(std::string_view file_name, const FileWriting& write) {
    const std::string path{file_name};
    auto writer = core::FileWriter::Create(path);
    if (!writer) return writer.error();
    auto written = write(writer->Sink());
    if (written) written = writer->Commit();
    if (!written) return written.error();
    return "./" + path;
}
void KeepWorkingCopyChanges(std::string_view, const core::ChunkChanges&, std::int64_t) {}
void DropUnfinishedKeep() {}
void RestoreSavedCopy() {}
void SetLive(int) {}
void OpenInNewTab(std::string_view) {}
void RequestFallbackFonts() { ui::AddFallbackFontFiles(DJQ_FALLBACK_FONT_FILES); }
void DiscardSavedCopy() {}
// $XDG_CONFIG_HOME/djq-admin/layout.ini, else ~/.config/djq-admin/layout.ini; "" without a home.
std::string LayoutPath() {
    const char* config = std::getenv("XDG_CONFIG_HOME");
    const char* home = std::getenv("HOME");
    if (config && *config) return std::string(config) + "/djq-admin/layout.ini";
    if (home && *home) return std::string(home) + "/.config/djq-admin/layout.ini";
    return {};
}
std::string LoadLayout() {
    const std::string path = LayoutPath();
    if (path.empty()) return {};
    auto bytes = core::ReadFile(path);
    return bytes ? std::string(core::AsText(bytes.value())) : std::string();
}
void SaveLayout(std::string_view ini_text) {
    const std::string path = LayoutPath();
    if (path.empty()) return;
    std::filesystem::create_directories(std::filesystem::path(path).parent_path());
    (void)core::WriteFile(path, core::AsBytes(ini_text));  // a layout not kept is no reason to stop
}
void SetLocation(std::string_view, bool) {}  // no address bar natively
bool PrefersDarkTheme() { return true; }

std::string LocalTimeZoneName() {
    if (const char* tz = std::getenv("TZ"); tz && *tz) return tz[0] == ':' ? tz + 1 : tz;
    std::error_code error;
    const auto target = std::filesystem::read_symlink("/etc/localtime", error).string();
    const auto at = target.find("zoneinfo/");
    return error || at == std::string::npos ? "UTC" : target.substr(at + 9);
}
void PublishMirror(std::string_view json) {
    // DJQ_MIRROR=1 prints each new mirror: the native counterpart of the web app's DOM mirror.
    static const bool enabled = std::getenv("DJQ_MIRROR") != nullptr;
    if (!enabled) return;
    std::printf("mirror %.*s\n", static_cast<int>(json.size()), json.data());
    std::fflush(stdout);  // a reader watches this live
}

}  // namespace platform

int main(int argc, char** argv) {
    if (argc > 2 || (argc == 2 && (!std::strcmp(argv[1], "--help") || !std::strcmp(argv[1], "-h")))) {
        std::printf("usage: djq-admin [FILE]   (opens the demo database without FILE)\n");
        return argc > 2 ? 2 : 0;
    }
    if (!glfwInit()) {
        std::fprintf(stderr, "djq-admin: cannot start GLFW (is there a display?)\n");
        return 1;
    }
    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 2);
    glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
    glfwWindowHint(GLFW_OPENGL_FORWARD_COMPAT, GL_TRUE);
    GLFWwindow* window = glfwCreateWindow(1280, 800, "djq-admin", nullptr, nullptr);
    if (!window) {
        std::fprintf(stderr, "djq-admin: cannot create an OpenGL 3.2 window\n");
        glfwTerminate();
        return 1;
    }
    glfwMakeContextCurrent(window);
    glfwSwapInterval(1);

    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGui::GetIO().IniFilename = nullptr;
    ImGui::GetIO().ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
    ui::RegisterPreferences();
    ui::RestoreLayout();
    ImGui_ImplGlfw_InitForOpenGL(window, true);
    ImGui_ImplOpenGL3_Init("#version 150");
    glfwSetDropCallback(window, OnDrop);

    if (argc == 2) OpenPath(argv[1]); else ui::OpenDemo(g_app);

    while (!glfwWindowShouldClose(window)) {
        // Sleep until input arrives once the UI has settled: no redraw while idle.
        if (g_frames_to_draw > 0 || ui::IsBusy(g_app) || ui::IsAnimating(g_app)) glfwPollEvents(); else glfwWaitEvents();
        if (g_frames_to_draw <= 0) g_frames_to_draw = 3;
        --g_frames_to_draw;

        // GLFW on X11 works in device pixels, so the native app lays out at a pixel ratio of 1.
        if (ui::LoadFonts(1.0f)) {
            ImGui_ImplOpenGL3_DestroyFontsTexture();
            ImGui_ImplOpenGL3_CreateFontsTexture();
        }
        ImGui_ImplOpenGL3_NewFrame();
        ImGui_ImplGlfw_NewFrame();
        ImGui::NewFrame();
        ui::DrawFrame(g_app, kFrameBudget);
        ImGui::Render();

        std::string json;
        if (g_app.mirror.TakeIfChanged(json)) platform::PublishMirror(json);

        int width = 0, height = 0;
        glfwGetFramebufferSize(window, &width, &height);
        glViewport(0, 0, width, height);
        glClearColor(0.09f, 0.10f, 0.12f, 1.0f);
        glClear(GL_COLOR_BUFFER_BIT);
        ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
        glfwSwapBuffers(window);
    }

    ImGui_ImplOpenGL3_Shutdown();
    ImGui_ImplGlfw_Shutdown();
    ImGui::DestroyContext();
    glfwDestroyWindow(window);
    glfwTerminate();
    return 0;
}
