#include "ui/widgets/charts.h"

#include <algorithm>
#include <cmath>

#include <imgui.h>

#include "ui/widgets/widgets.h"

namespace ui {
namespace {

// A round step for about `ticks` lines up to `top`: 1, 2 or 5 times a power of ten.
std::int64_t NiceStep(std::int64_t top, int ticks) {
    const double raw = std::max(1.0, static_cast<double>(top) / ticks);
    const double power = std::pow(10.0, std::floor(std::log10(raw)));
    for (double multiple : {1.0, 2.0, 5.0, 10.0})
        if (multiple * power >= raw) return static_cast<std::int64_t>(multiple * power);
    return static_cast<std::int64_t>(10.0 * power);
}

std::int64_t Total(const ChartBar& bar) {
    std::int64_t total = 0;
    for (std::int64_t value : bar.values) total += value;
    return total;
}

unsigned WithAlpha(unsigned rgba, unsigned alpha) { return (rgba & 0x00FFFFFFu) | (alpha << 24); }

}  // namespace

ChartHit StackedBarChart(Mirror& mirror, const char* id, const std::vector<ChartSeries>& series, const std::vector<ChartBar>& bars,
                         float height) {
    ChartHit clicked;
    const float width = std::max(ImGui::GetContentRegionAvail().x, 100.0f);
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    ImGui::InvisibleButton(id, ImVec2(width, height));
    const bool hovered = ImGui::IsItemHovered();
    const bool pressed = ImGui::IsItemClicked(ImGuiMouseButton_Left);
    RecordItem(mirror, "chart", id, std::to_string(bars.size()) + " bars");
    if (bars.empty()) return clicked;

    std::int64_t top = 1;
    for (const ChartBar& bar : bars) top = std::max(top, Total(bar));
    const std::int64_t step = NiceStep(top, 4);
    const std::int64_t axis_max = (top + step - 1) / step * step;

    ImDrawList* draw = ImGui::GetWindowDrawList();
    const float line = ImGui::GetTextLineHeight();
    const float left = origin.x + ImGui::CalcTextSize(GroupThousands(axis_max).c_str()).x + 8.0f;
    const float right = origin.x + width, plot_top = origin.y + line * 0.5f, bottom = origin.y + height - line - 6.0f;
    const float plot_height = std::max(bottom - plot_top, 1.0f);
    const unsigned text = ImGui::GetColorU32(ImGuiCol_Text), muted = ImGui::GetColorU32(ImGuiCol_TextDisabled);
    const auto y_of = [&](std::int64_t value) { return bottom - plot_height * static_cast<float>(value) / static_cast<float>(axis_max); };

    // The value axis: a line and a label per step.
    for (std::int64_t value = 0; value <= axis_max; value += step) {
        const float y = y_of(value);
        draw->AddLine(ImVec2(left, y), ImVec2(right, y), WithAlpha(text, value == 0 ? 0x60 : 0x20));
        const std::string label = GroupThousands(value);
        draw->AddText(ImVec2(left - 6.0f - ImGui::CalcTextSize(label.c_str()).x, y - line * 0.5f), muted, label.c_str());
    }

    const float slot = (right - left) / static_cast<float>(bars.size());
    const float bar_width = std::max(1.0f, std::floor(slot * 0.75f));
    const ImVec2 mouse = ImGui::GetIO().MousePos;
    int hovered_bar = -1;
    if (hovered && mouse.x >= left) hovered_bar = std::min(static_cast<int>((mouse.x - left) / slot), static_cast<int>(bars.size()) - 1);
    if (hovered_bar >= 0)
        draw->AddRectFilled(ImVec2(left + slot * hovered_bar, plot_top), ImVec2(left + slot * (hovered_bar + 1), bottom),
                            ImGui::GetColorU32(ImGuiCol_FrameBgHovered));

    for (std::size_t i = 0; i < bars.size(); ++i) {
        const float x0 = left + slot * static_cast<float>(i) + (slot - bar_width) * 0.5f;
        std::int64_t stacked = 0;
        for (std::size_t s = 0; s < series.size() && s < bars[i].values.size(); ++s) {
            const std::int64_t value = bars[i].values[s];
            if (value <= 0) continue;
            const ImVec2 min(x0, y_of(stacked + value)), max(x0 + bar_width, y_of(stacked));
            stacked += value;
            draw->AddRectFilled(min, ImVec2(max.x, std::max(max.y, min.y + 1.0f)), series[s].rgba);
            const std::string name = series[s].name + " " + bars[i].label;
            mirror.Add({"bar", name, std::to_string(value), min.x, min.y, max.x - min.x, std::max(max.y - min.y, 1.0f)});
            const bool under_mouse = pressed && static_cast<int>(i) == hovered_bar && mouse.y >= min.y && mouse.y <= max.y;
            if (under_mouse || mirror.ConsumeActivation(name)) clicked = {static_cast<int>(i), static_cast<int>(s)};
        }
    }
    if (pressed && hovered_bar >= 0 && !clicked.hit()) clicked.bar = hovered_bar;

    // Labels under the bars, as many as fit side by side.
    float widest = 0.0f;
    for (const ChartBar& bar : bars) widest = std::max(widest, ImGui::CalcTextSize(bar.label.c_str()).x);
    const std::size_t every = std::max<std::size_t>(1, static_cast<std::size_t>(std::ceil((widest + 16.0f) / slot)));
    for (std::size_t i = 0; i < bars.size(); i += every) {
        const float label_width = ImGui::CalcTextSize(bars[i].label.c_str()).x;
        const float x = std::clamp(left + slot * (static_cast<float>(i) + 0.5f) - label_width * 0.5f, left, right - label_width);
        draw->AddText(ImVec2(x, bottom + 4.0f), muted, bars[i].label.c_str());
    }

    if (hovered_bar >= 0) {
        const ChartBar& bar = bars[static_cast<std::size_t>(hovered_bar)];
        ImGui::BeginTooltip();
        ImGui::TextUnformatted(bar.label.c_str());
        for (std::size_t s = 0; s < series.size() && s < bar.values.size(); ++s) {
            draw = ImGui::GetWindowDrawList();
            const ImVec2 at = ImGui::GetCursorScreenPos();
            draw->AddRectFilled(ImVec2(at.x, at.y + line * 0.25f), ImVec2(at.x + line * 0.5f, at.y + line * 0.75f), series[s].rgba);
            ImGui::SetCursorScreenPos(ImVec2(at.x + line * 0.8f, at.y));
            ImGui::Text("%s: %s", series[s].name.c_str(), GroupThousands(bar.values[s]).c_str());
        }
        ImGui::TextDisabled("Click a bar to list its tasks");
        ImGui::EndTooltip();
        ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
    }
    return clicked;
}

void Sparkline(const std::vector<std::int64_t>& values, float width, float height, unsigned rgba) {
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    ImGui::Dummy(ImVec2(width, height));
    if (values.empty()) return;
    const std::int64_t top = std::max<std::int64_t>(1, *std::max_element(values.begin(), values.end()));
    const float slot = width / static_cast<float>(values.size());
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->AddLine(ImVec2(origin.x, origin.y + height), ImVec2(origin.x + width, origin.y + height), WithAlpha(rgba, 0x60));
    for (std::size_t i = 0; i < values.size(); ++i) {
        if (values[i] <= 0) continue;
        const float h = std::max(1.0f, height * static_cast<float>(values[i]) / static_cast<float>(top));
        const float x = origin.x + slot * static_cast<float>(i);
        draw->AddRectFilled(ImVec2(x, origin.y + height - h), ImVec2(x + std::max(1.0f, slot - 1.0f), origin.y + height), rgba);
    }
}

}  // namespace ui
