#include "ui/widgets.h"

#include <imgui.h>

#include "ui/fonts.h"
#include "ui/theme.h"

namespace ui {
namespace {

void RecordLastItem(Mirror& mirror, const char* role, const std::string& name, const std::string& value = {}) {
    const ImVec2 min = ImGui::GetItemRectMin(), max = ImGui::GetItemRectMax();
    mirror.Add({role, name, value, min.x, min.y, max.x - min.x, max.y - min.y});
}

}  // namespace

bool Button(Mirror& mirror, const char* label) {
    const bool pressed = ImGui::Button(label);
    // The visible label, without ImGui's "##id" suffix.
    std::string name = label;
    if (const auto hashes = name.find("##"); hashes != std::string::npos) name.resize(hashes);
    RecordLastItem(mirror, "button", name);
    return pressed || mirror.ConsumeActivation(name);
}

void Heading(Mirror& mirror, const std::string& text) {
    ImGui::PushFont(Fonts().large);
    ImGui::TextUnformatted(text.c_str());
    ImGui::PopFont();
    RecordLastItem(mirror, "heading", text);
}

void Text(Mirror& mirror, const std::string& text) {
    ImGui::TextUnformatted(text.c_str());
    RecordLastItem(mirror, "text", text);
}

void TextMuted(Mirror& mirror, const std::string& text) {
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
    ImGui::TextUnformatted(text.c_str());
    ImGui::PopStyleColor();
    RecordLastItem(mirror, "text", text);
}

void Value(Mirror& mirror, const std::string& name, const std::string& value) {
    ImGui::TextDisabled("%s", name.c_str());
    ImGui::SameLine();
    ImGui::TextUnformatted(value.c_str());
    RecordLastItem(mirror, "value", name, value);
}

void CountCard(Mirror& mirror, const std::string& name, long long count, unsigned accent_rgba, float width) {
    const std::string value = GroupThousands(count);
    ImGui::PushStyleColor(ImGuiCol_ChildBg, theme::kCardBackground);
    ImGui::PushStyleVar(ImGuiStyleVar_ChildRounding, 6.0f);
    ImGui::BeginChild(name.c_str(), ImVec2(width, ImGui::GetTextLineHeight() * 5.2f), ImGuiChildFlags_None,
                      ImGuiWindowFlags_NoScrollbar);
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const ImVec2 origin = ImGui::GetWindowPos();
    draw->AddRectFilled(origin, ImVec2(origin.x + 5.0f, origin.y + ImGui::GetWindowHeight()), accent_rgba, 6.0f,
                        ImDrawFlags_RoundCornersLeft);
    ImGui::SetCursorPos(ImVec2(18.0f, 12.0f));
    ImGui::PushFont(Fonts().large);
    ImGui::TextUnformatted(value.c_str());
    ImGui::PopFont();
    ImGui::SetCursorPosX(18.0f);
    ImGui::TextDisabled("%s", name.c_str());
    ImGui::EndChild();
    ImGui::PopStyleVar();
    ImGui::PopStyleColor();
    RecordLastItem(mirror, "value", name, std::to_string(count));
}

std::string GroupThousands(long long value) {
    std::string digits = std::to_string(value < 0 ? -value : value);
    for (int i = static_cast<int>(digits.size()) - 3; i > 0; i -= 3) digits.insert(static_cast<std::size_t>(i), ",");
    return value < 0 ? "-" + digits : digits;
}

}  // namespace ui
