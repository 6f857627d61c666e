// The ImGui null backend for the view smoke tests: a context with a built font atlas, frames
// drawn without a window or GPU, and readers of the mirror the frames leave behind.
#pragma once

#include <catch2/catch.hpp>
#include <imgui.h>
#include <nlohmann/json.hpp>

#include "core/io/file.h"
#include "null_context.h"
#include "test_paths.h"
#include "ui/app/app.h"

namespace test {

// An ImGui context with a built font atlas and a 1280×800 display (null_context.h), for one test.
struct NullImGui {
    NullImGui() { CreateNullImGuiContext(); }
    ~NullImGui() { ImGui::DestroyContext(); }
};

// Draws `frames` frames and returns the last mirror as JSON.
inline nlohmann::json Render(ui::App& app, int frames = 3) {
    std::string json;
    for (int i = 0; i < frames; ++i) {
        LoadNullFonts();
        ImGui::NewFrame();
        ui::DrawFrame(app);
        ImGui::Render();
        REQUIRE(ImGui::GetDrawData()->TotalVtxCount > 0);
    }
    return nlohmann::json::parse(app.mirror.ToJson());
}

// Draws `frames` frames, then more while the app still has work (at most 10,000): what a user sees
// once it settles, however many frames the work takes on this machine (a sanitized build beside a
// busy CPU reads a list's first page in more of them).
inline nlohmann::json RenderSettled(ui::App& app, int frames = 3) {
    auto mirror = Render(app, frames);
    for (int i = 0; ui::IsBusy(app) && i < 10'000; ++i) mirror = Render(app, 1);
    return mirror;
}

inline std::string ValueOf(const nlohmann::json& mirror, const std::string& name) {
    for (const auto& item : mirror["items"])
        if (item["name"] == name && item.contains("value")) return item["value"];
    return "(not shown)";
}

inline const nlohmann::json* ItemNamed(const nlohmann::json& mirror, const std::string& name) {
    for (const auto& item : mirror["items"])
        if (item["name"] == name) return &item;
    return nullptr;
}

// Asks for every export in the Export… menu (the null platform keeps the downloads).
inline void ExportEverything(ui::App& app) {
    for (const char* item : {"Changeset (JSON) for djq apply", "Working copy (SQLite)", "Fixture for loaddata (JSON)"}) {
        app.mirror.RequestActivation("Export…");
        Render(app, 2);
        app.mirror.RequestActivation(item);
        Render(app, 2);
    }
}

inline ui::App OpenFixture(const char* name) {
    ui::App app;
    auto bytes = core::ReadFile(test::FixturePath(name));
    REQUIRE(bytes);
    ui::OpenBytes(app, name, bytes.value());
    return app;
}

}  // namespace test
