#include "ui/widgets/widgets.h"

#include <algorithm>

#include <imgui.h>
#include <imgui_internal.h>  // RenderTextEllipsis: a cut cell ends in "…"
#include <imgui_stdlib.h>

#include "core/decode/utf8.h"
#include "ui/theme/fonts.h"
#include "ui/theme/theme.h"

namespace ui {
void RecordItem(Mirror& mirror, const char* role, const std::string& name, const std::string& value) {
    ImVec2 min = ImGui::GetItemRectMin(), max = ImGui::GetItemRectMax();
    // An item partly scrolled out of its table or window is where it can be seen (and clicked).
    const ImDrawList* draw = ImGui::GetWindowDrawList();
    const ImVec2 clip_min = draw->GetClipRectMin(), clip_max = draw->GetClipRectMax();
    const bool partly_visible = min.x < clip_max.x && max.x > clip_min.x && min.y < clip_max.y && max.y > clip_min.y;
    if (partly_visible) {
        min = ImVec2(std::max(min.x, clip_min.x), std::max(min.y, clip_min.y));
        max = ImVec2(std::min(max.x, clip_max.x), std::min(max.y, clip_max.y));
    }
    mirror.Add({role, name, value, min.x, min.y, max.x - min.x, max.y - min.y});
}

namespace {

// Text as the user sees it: bytes that are not UTF-8 (a hostile or damaged export) shown escaped,
// "k\\xffey", the same on screen and in the mirror. The row itself keeps its exact bytes.
std::string Readable(const std::string& text) { return core::IsValidUtf8(text) ? text : core::EscapeInvalidUtf8(text); }

// Draws `text` (of `size`) at `at`, cut to `room` pixels with an ellipsis.
void RenderCut(const ImVec2& at, float room, const std::string& text, const ImVec2& size) {
    ImGui::RenderTextEllipsis(ImGui::GetWindowDrawList(), at, ImVec2(at.x + room, at.y + size.y), at.x + room, at.x + room, text.c_str(),
                              text.c_str() + text.size(), &size);
}

// `disabled_because`: why a disabled button cannot be used now ("" when it can).
bool RecordButton(Mirror& mirror, const char* label, bool pressed, const std::string& disabled_because = {}) {
    // The visible label, without ImGui's "##id" suffix.
    std::string name = label;
    if (const auto hashes = name.find("##"); hashes != std::string::npos) name.resize(hashes);
    RecordItem(mirror, "button", name, disabled_because.empty() ? "" : "disabled: " + disabled_because);
    const bool activated = mirror.ConsumeActivation(name);
    return disabled_because.empty() && (pressed || activated);
}

}  // namespace

bool TextInput(Mirror& mirror, const char* name, const char* hint, std::string& text, float width, bool focus) {
    ImGui::SetNextItemWidth(width);
    if (focus) ImGui::SetKeyboardFocusHere();
    const bool changed = ImGui::InputTextWithHint((std::string("##") + name).c_str(), hint, &text);
    RecordItem(mirror, "input", name, text);
    return changed;
}

bool SecretInput(Mirror& mirror, const char* name, const char* hint, std::string& text, float width) {
    ImGui::SetNextItemWidth(width);
    const bool changed = ImGui::InputTextWithHint((std::string("##") + name).c_str(), hint, &text, ImGuiInputTextFlags_Password);
    RecordItem(mirror, "input", name, text.empty() ? "" : "set");
    return changed;
}

bool Radio(Mirror& mirror, const std::string& label, bool selected) {
    const bool pressed = ImGui::RadioButton(label.c_str(), selected);
    RecordItem(mirror, "radio", label, selected ? "selected" : "");
    return pressed || mirror.ConsumeActivation(label);
}

bool Checkbox(Mirror& mirror, const std::string& name, bool& checked, bool labelled) {
    bool pressed = ImGui::Checkbox(((labelled ? "" : "##") + name).c_str(), &checked);
    RecordItem(mirror, "checkbox", name, checked ? "checked" : "");
    if (!pressed && mirror.ConsumeActivation(name)) {
        checked = !checked;
        pressed = true;
    }
    return pressed;
}

bool Option(Mirror& mirror, const std::string& label, bool selected) {
    const bool pressed = ImGui::Selectable(label.c_str(), selected);
    RecordItem(mirror, "option", label, selected ? "selected" : "");
    return pressed || mirror.ConsumeActivation(label);
}

bool BeginDropDown(Mirror& mirror, const char* name, const std::string& current, float width) {
    // Recorded from the layout before BeginCombo: once its popup is open, the last item is in there.
    const ImVec2 at = ImGui::GetCursorScreenPos();
    mirror.Add({"dropdown", name, current, at.x, at.y, width, ImGui::GetFrameHeight()});
    ImGui::SetNextItemWidth(width);
    return ImGui::BeginCombo((std::string("##") + name).c_str(), current.c_str(), ImGuiComboFlags_HeightLarge);
}

void EndDropDown() { ImGui::EndCombo(); }

bool Tab(Mirror& mirror, const std::string& label, bool selected) {
    // Unlike a button: no frame, the label muted unless current, the current one underlined.
    constexpr float kUnderline = 3.0f;
    const ImGuiStyle& style = ImGui::GetStyle();
    const ImVec2 text = ImGui::CalcTextSize(label.c_str());
    const ImVec2 size(text.x + 2 * style.FramePadding.x, text.y + 2 * style.FramePadding.y + kUnderline);
    const ImVec2 at = ImGui::GetCursorScreenPos();
    const bool pressed = ImGui::InvisibleButton(("##tab-" + label).c_str(), size);
    const bool hovered = ImGui::IsItemHovered();
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const ImVec2 end(at.x + size.x, at.y + size.y);
    if (hovered && !selected) draw->AddRectFilled(at, end, ImGui::GetColorU32(ImGuiCol_FrameBgHovered), style.FrameRounding, ImDrawFlags_RoundCornersTop);
    ImVec4 colour = ImGui::GetStyleColorVec4(ImGuiCol_Text);
    if (!selected) colour.w *= 0.65f;
    draw->AddText(ImVec2(at.x + style.FramePadding.x, at.y + style.FramePadding.y), ImGui::GetColorU32(colour), label.c_str());
    if (selected) draw->AddRectFilled(ImVec2(at.x, end.y - kUnderline), end, ImGui::GetColorU32(ImGuiCol_CheckMark));
    if (hovered) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
    RecordItem(mirror, "tab", label, selected ? "selected" : "");
    return pressed || mirror.ConsumeActivation(label);
}

bool Link(Mirror& mirror, const std::string& label) {
    // Link-coloured text, underlined on hover, on no background (a highlight in the link's own
    // colour would hide it).
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_ButtonHovered));
    ImGui::PushStyleColor(ImGuiCol_HeaderHovered, ImVec4(0, 0, 0, 0));
    ImGui::PushStyleColor(ImGuiCol_HeaderActive, ImVec4(0, 0, 0, 0));
    // In a narrow cell the link is cut to it with an ellipsis, the whole label on hover.
    const ImVec2 text = ImGui::CalcTextSize(label.c_str(), nullptr, true);
    const float room = ImGui::GetContentRegionAvail().x;
    const bool clipped = room > 0.0f && text.x > room;
    const ImVec2 at = ImGui::GetCursorScreenPos();
    const bool pressed = ImGui::Selectable(((clipped ? "##" : "") + label).c_str(), false, ImGuiSelectableFlags_None,
                                           ImVec2(clipped ? room : text.x, text.y));
    if (clipped) {
        RenderCut(at, room, label, text);
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", label.c_str());
    }
    if (ImGui::IsItemHovered()) {
        ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
        const float y = at.y + text.y;
        ImGui::GetWindowDrawList()->AddLine(ImVec2(at.x, y), ImVec2(at.x + std::min(text.x, clipped ? room : text.x), y),
                                            ImGui::GetColorU32(ImGuiCol_Text));
    }
    ImGui::PopStyleColor(3);
    RecordItem(mirror, "link", label);
    return pressed || mirror.ConsumeActivation(label);
}

bool Button(Mirror& mirror, const char* label) { return RecordButton(mirror, label, ImGui::Button(label)); }


void CellText(Mirror& mirror, const std::string& text, const std::string& hover) {
    const std::string shown = Readable(text);
    const float room = ImGui::GetContentRegionAvail().x;
    const ImVec2 size = ImGui::CalcTextSize(shown.c_str());
    const bool clipped = size.x > room;
    if (!clipped) {
        ImGui::TextUnformatted(shown.c_str());
    } else {
        RenderCut(ImGui::GetCursorScreenPos(), room, shown, size);
        ImGui::Dummy(ImVec2(room, size.y));
    }
    if ((clipped || !hover.empty()) && ImGui::IsItemHovered()) {
        const std::string whole = hover.empty() ? shown : Readable(hover);
        ImGui::BeginTooltip();
        ImGui::PushTextWrapPos(ImGui::GetFontSize() * 50.0f);
        ImGui::TextUnformatted(whole.c_str());
        RecordItem(mirror, "tooltip", whole);
        ImGui::PopTextWrapPos();
        ImGui::EndTooltip();
    }
}

void CellTextRight(Mirror& mirror, const std::string& text) {
    const float room = ImGui::GetContentRegionAvail().x;
    const float width = ImGui::CalcTextSize(text.c_str()).x;
    if (width < room) ImGui::SetCursorPosX(ImGui::GetCursorPosX() + room - width);
    CellText(mirror, text);
}

void Badge(Mirror& mirror, const std::string& text, unsigned rgba) {
    const ImVec2 size = ImGui::CalcTextSize(text.c_str());
    const ImVec2 padding(6.0f, 1.0f);
    const ImVec2 at = ImGui::GetCursorScreenPos();
    ImDrawList* draw = ImGui::GetWindowDrawList();
    // The colour at a quarter strength behind it, in full for the text: legible in either theme.
    draw->AddRectFilled(at, ImVec2(at.x + size.x + 2 * padding.x, at.y + size.y + padding.y), (rgba & 0x00FFFFFFu) | 0x40000000u, 4.0f);
    draw->AddText(ImVec2(at.x + padding.x, at.y), rgba, text.c_str());
    ImGui::Dummy(ImVec2(size.x + 2 * padding.x, size.y));
}

void ColumnHeaders(Mirror& mirror, bool descending) {
    ImGui::TableNextRow(ImGuiTableRowFlags_Headers);
    for (int c = 0; c < ImGui::TableGetColumnCount(); ++c) {
        if (!ImGui::TableSetColumnIndex(c)) continue;  // hidden, or scrolled out of sight
        const std::string name = ImGui::TableGetColumnName(c);
        ImGui::TableHeader(name.c_str());
        if (name.empty()) continue;
        const bool sorted = ImGui::TableGetColumnFlags(c) & ImGuiTableColumnFlags_IsSorted;
        RecordItem(mirror, "column", name, !sorted ? "" : descending ? "descending" : "ascending");
    }
}

bool BeginListTableOfWidth(const char* id, int column_count, ImGuiTableFlags flags, float min_width) {
    const ImGuiStyle& style = ImGui::GetStyle();
    const float needed = min_width + column_count * (2 * style.CellPadding.x + 1.0f) + style.ScrollbarSize;
    const ImVec2 room = ImGui::GetContentRegionAvail();
    return ImGui::BeginTable(id, column_count, flags | ImGuiTableFlags_ScrollX, ImVec2(0, room.y), std::max(room.x, needed));
}

bool ButtonUnless(Mirror& mirror, const char* label, const std::string& disabled_because) {
    ImGui::BeginDisabled(!disabled_because.empty());
    const bool pressed = ImGui::Button(label);
    ImGui::EndDisabled();
    if (!disabled_because.empty() && ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) ImGui::SetTooltip("%s", disabled_because.c_str());
    return RecordButton(mirror, label, pressed, disabled_because);
}

namespace {

// A line of text in the current style and colour, mirrored with `role`.
void ShowText(Mirror& mirror, const char* role, const std::string& text) {
    const std::string shown = Readable(text);
    ImGui::TextUnformatted(shown.c_str());
    RecordItem(mirror, role, shown);
}

}  // namespace

void Heading(Mirror& mirror, const std::string& text) {
    ImGui::PushFont(Fonts().large);
    ShowText(mirror, "heading", text);
    ImGui::PopFont();
}

void Text(Mirror& mirror, const std::string& text) { ShowText(mirror, "text", text); }

void TextMuted(Mirror& mirror, const std::string& text) {
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
    ShowText(mirror, "text", text);
    ImGui::PopStyleColor();
}

void TextColored(Mirror& mirror, unsigned rgba, const std::string& text) {
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(rgba));
    ShowText(mirror, "text", text);
    ImGui::PopStyleColor();
}

void Value(Mirror& mirror, const std::string& name, const std::string& value) {
    ImGui::TextDisabled("%s", name.c_str());
    ImGui::SameLine();
    const std::string shown = Readable(value);
    ImGui::TextUnformatted(shown.c_str());
    RecordItem(mirror, "value", name, shown);
}

bool CountCard(Mirror& mirror, const std::string& name, std::optional<long long> count, unsigned accent_rgba, float width) {
    const std::string value = count ? GroupThousands(*count) : "…";
    ImGui::PushStyleColor(ImGuiCol_ChildBg, theme::Colors().card_background);
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
    const bool clicked = ImGui::IsItemClicked(ImGuiMouseButton_Left);
    if (ImGui::IsItemHovered()) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
    RecordItem(mirror, "value", name, count ? std::to_string(*count) : "counting");
    return clicked;
}

void SameLineIfFits(float width, float spacing) {
    ImGui::SameLine(0.0f, spacing);
    if (ImGui::GetContentRegionAvail().x < width) ImGui::NewLine();
}

float ButtonWidth(const std::string& label) {
    return ImGui::CalcTextSize(label.c_str(), nullptr, true).x + ImGui::GetStyle().FramePadding.x * 2.0f;
}

float CheckboxWidth(const std::string& label) {
    return ImGui::GetFrameHeight() + ImGui::GetStyle().ItemInnerSpacing.x + ImGui::CalcTextSize(label.c_str(), nullptr, true).x;
}

void EndSlot(float start_x, float width) {
    ImGui::SameLine(0.0f, 0.0f);
    ImGui::Dummy(ImVec2(std::max(0.0f, start_x + width - ImGui::GetCursorPosX()), 0.0f));
}

float LabelledWidth(const char* label, float control_width) {
    return ImGui::CalcTextSize(label).x + ImGui::GetStyle().ItemSpacing.x + control_width;
}

void InlineLabel(const char* text) {
    ImGui::AlignTextToFramePadding();
    ImGui::TextDisabled("%s", text);
    ImGui::SameLine();
}

void ResultsCount(Mirror& mirror, long long matching, long long total) {
    Value(mirror, "Results", GroupThousands(matching) + (matching == 1 ? " result (" : " results (") + GroupThousands(total) + " total)");
}

void SelectionActions(Mirror& mirror, std::set<std::int64_t>& checked, std::vector<std::int64_t>& delete_ids) {
    if (checked.empty()) return;
    ImGui::SameLine(0, 24);
    Value(mirror, "Selected", GroupThousands(static_cast<long long>(checked.size())));
    ImGui::SameLine();
    if (Button(mirror, "Clear selection")) checked.clear();
    ImGui::SameLine();
    if (Button(mirror, "Delete selected…")) delete_ids.assign(checked.begin(), checked.end());
}

bool DangerButton(Mirror& mirror, const char* label) {
    ImGui::PushStyleColor(ImGuiCol_Button, ImGui::ColorConvertU32ToFloat4(theme::Colors().danger));
    ImGui::PushStyleColor(ImGuiCol_ButtonHovered, ImGui::ColorConvertU32ToFloat4(theme::Colors().danger_hovered));
    ImGui::PushStyleColor(ImGuiCol_ButtonActive, ImGui::ColorConvertU32ToFloat4(theme::Colors().failure));
    const bool pressed = Button(mirror, label);
    ImGui::PopStyleColor(3);
    return pressed;
}

Choice Confirm(Mirror& mirror, const char* title, const std::string& heading, const std::vector<std::string>& first_items, std::size_t total,
               const std::string& detail, const std::string& confirm_label) {
    if (!ImGui::IsPopupOpen(title)) ImGui::OpenPopup(title);
    if (!ImGui::BeginPopupModal(title, nullptr, ImGuiWindowFlags_AlwaysAutoResize)) return Choice::Pending;
    Heading(mirror, heading);
    for (const std::string& item : first_items) {
        ImGui::Bullet();
        Text(mirror, item);
    }
    if (total > first_items.size()) TextMuted(mirror, "and " + GroupThousands(static_cast<long long>(total - first_items.size())) + " more");
    ImGui::Spacing();
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + 520);
    TextMuted(mirror, detail);
    ImGui::PopTextWrapPos();
    Choice choice = Choice::Pending;
    if (DangerButton(mirror, confirm_label.c_str())) choice = Choice::Confirmed;
    ImGui::SameLine();
    if (Button(mirror, "Cancel") || ImGui::IsKeyPressed(ImGuiKey_Escape)) choice = Choice::Cancelled;
    if (choice != Choice::Pending) ImGui::CloseCurrentPopup();
    ImGui::EndPopup();
    return choice;
}

bool Progress(Mirror& mirror, const char* title, const std::string& what, long long done, long long total, const char* stop_label) {
    if (!ImGui::IsPopupOpen(title)) ImGui::OpenPopup(title);
    if (!ImGui::BeginPopupModal(title, nullptr, ImGuiWindowFlags_AlwaysAutoResize)) return false;
    const std::string counted = GroupThousands(done) + " of " + GroupThousands(total);
    Heading(mirror, what);
    ImGui::ProgressBar(total > 0 ? static_cast<float>(done) / static_cast<float>(total) : 1.0f, ImVec2(420, 0), counted.c_str());
    RecordItem(mirror, "progressbar", "Progress", counted);
    const bool stop = Button(mirror, stop_label);
    ImGui::EndPopup();
    return stop;
}

void CloseProgress(const char* title) {
    if (!ImGui::BeginPopupModal(title, nullptr, ImGuiWindowFlags_AlwaysAutoResize)) return;
    ImGui::CloseCurrentPopup();
    ImGui::EndPopup();
}

std::string GroupThousands(long long value) {
    std::string digits = std::to_string(value < 0 ? -value : value);
    for (int i = static_cast<int>(digits.size()) - 3; i > 0; i -= 3) digits.insert(static_cast<std::size_t>(i), ",");
    return value < 0 ? "-" + digits : digits;
}

std::string BeforeAfter(long long before, long long after) {
    const long long delta = after - before;
    return GroupThousands(before) + " → " + GroupThousands(after) + (delta == 0 ? "" : " (" + std::string(delta > 0 ? "+" : "") + GroupThousands(delta) + ")");
}

}  // namespace ui
