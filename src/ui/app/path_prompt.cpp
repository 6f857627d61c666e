#include "ui/app/path_prompt.h"

#include <imgui.h>

#include "core/io/file.h"
#include "ui/app/app.h"
#include "ui/compare/comparison.h"
#include "ui/widgets/widgets.h"

namespace ui {

void DrawPathPrompt(App& app) {
    const char* kTitle = app.path_prompt_compares ? "Open an older export to compare with" : "Open a Django Q database";
    if (app.show_path_prompt && !ImGui::IsPopupOpen(kTitle)) ImGui::OpenPopup(kTitle);
    if (!ImGui::BeginPopupModal(kTitle, &app.show_path_prompt, ImGuiWindowFlags_AlwaysAutoResize)) return;

    ImGui::TextUnformatted("Path of a SQLite file:");
    if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();
    char buffer[1024];
    snprintf(buffer, sizeof buffer, "%s", app.path_prompt.c_str());
    ImGui::SetNextItemWidth(480.0f);
    const bool entered = ImGui::InputText("##path", buffer, sizeof buffer, ImGuiInputTextFlags_EnterReturnsTrue);
    app.path_prompt = buffer;
    if (Button(app.mirror, "Open") || entered) {
        auto bytes = core::ReadFile(app.path_prompt);
        if (bytes && app.path_prompt_compares) {
            OpenComparison(app, app.path_prompt, bytes.value());
        } else if (bytes) {
            OpenBytes(app, app.path_prompt, bytes.value());
        } else {
            app.open_error = OpenError{bytes.error(), app.path_prompt};
        }
        app.show_path_prompt = false;
        ImGui::CloseCurrentPopup();
    }
    ImGui::SameLine();
    if (Button(app.mirror, "Cancel")) {
        app.show_path_prompt = false;
        ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
}

}  // namespace ui
