// ImGui widgets that also record themselves in the mirror (ui/mirror/mirror.h), so what a test or a
// screen reader sees is exactly what was drawn.
#pragma once

#include <algorithm>
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <imgui.h>

#include "ui/mirror/mirror.h"

namespace ui {

bool Button(Mirror& mirror, const char* label);
// A table cell's text: cut to the column with an ellipsis when it does not fit, the whole value
// (or `hover`, when given) shown on hover. The same on every list.
// The hover text is mirrored as a "tooltip" item while it shows.
void CellText(Mirror& mirror, const std::string& text, const std::string& hover = {});
// The same, right-aligned (numbers with their unit, so the digits line up).
void CellTextRight(Mirror& mirror, const std::string& text);
// A short status word on a tint of its colour (theme::Colors().success, .failure), as in a table cell.
void Badge(Mirror& mirror, const std::string& text, unsigned rgba);

// A button that stays in its place when it cannot be used: drawn disabled while `disabled_because`
// is not empty, which then shows on hover (and in the mirror's value, "disabled: …").
bool ButtonUnless(Mirror& mirror, const char* label, const std::string& disabled_because);
void Heading(Mirror& mirror, const std::string& text);
void Text(Mirror& mirror, const std::string& text);
void TextMuted(Mirror& mirror, const std::string& text);
// Text in one of the theme's colours (theme::Colors().failure for what blocks an action).
void TextColored(Mirror& mirror, unsigned rgba, const std::string& text);
// A labelled number or fact: "Failed tasks: 8" (recorded as role "value").
void Value(Mirror& mirror, const std::string& name, const std::string& value);
// A framed tile with a big number and a caption, as on the overview. True when clicked; a count of nullopt shows "…" (still counting).
bool CountCard(Mirror& mirror, const std::string& name, std::optional<long long> count, unsigned accent_rgba, float width);

// Records ImGui's last item in the mirror (for widgets drawn with ImGui directly, like table rows).
void RecordItem(Mirror& mirror, const char* role, const std::string& name, const std::string& value = {});

// A one-line text field with a placeholder (role "input", named `name`, valued with its text).
// True when the text changed. `focus` puts the keyboard in it this frame.
bool TextInput(Mirror& mirror, const char* name, const char* hint, std::string& text, float width, bool focus = false);
// A password field: shown as dots, and never in the mirror (its value there is "set" or empty).
bool SecretInput(Mirror& mirror, const char* name, const char* hint, std::string& text, float width);
// A checkbox named `name`, which is also its visible label when `labelled`.
bool Checkbox(Mirror& mirror, const std::string& name, bool& checked, bool labelled = false);
// A radio button; true when chosen this frame.
bool Radio(Mirror& mirror, const std::string& label, bool selected);
// An entry of a drop-down or menu (role "option", valued "selected" when it is the current one).
bool Option(Mirror& mirror, const std::string& label, bool selected);
// A drop-down showing `current`; between BeginDropDown and EndDropDown the caller lists Options.
bool BeginDropDown(Mirror& mirror, const char* name, const std::string& current, float width);
void EndDropDown();
// A page tab (role "tab", valued "selected" on the current page).
bool Tab(Mirror& mirror, const std::string& label, bool selected);
// Text that navigates (role "link").
bool Link(Mirror& mirror, const std::string& label);

// A muted label before the field that follows on the same line (not in the mirror: the field is
// named for it).
void InlineLabel(const char* text);

// Toolbars wrap: the next item (`width` wide, label included) goes on this line after `spacing`
// when it fits, else at the start of the next, so every control stays on screen at any width.
void SameLineIfFits(float width, float spacing = -1.0f);
// The width of a button, a checkbox with its label, and a control after an InlineLabel.
float ButtonWidth(const std::string& label);
float CheckboxWidth(const std::string& label);
float LabelledWidth(const char* label, float control_width);
// Ends a slot of `width` begun at cursor x `start_x`: what follows on the line keeps its place
// however long the text drawn in the slot was, so a changing status never re-wraps a toolbar under
// the user's pointer. Text longer than the slot pushes on as usual.
void EndSlot(float start_x, float width);

// Begins a list's table, filling the rest of the window: as wide as the window, or, when that is
// narrower than its columns need (a fixed column's width; stretched ones share the rest by weight,
// the lightest getting kMinStretchedColumn), that wide and scrolling sideways, so no column
// shrinks to "Cl…". `Column` has flags and width (a weight for stretched columns).
inline constexpr float kMinStretchedColumn = 100.0f;
bool BeginListTableOfWidth(const char* id, int column_count, ImGuiTableFlags flags, float min_width);
template <class Column>
bool BeginListTable(const char* id, const std::vector<Column>& columns, ImGuiTableFlags flags) {
    float fixed = 0.0f, weights = 0.0f, lightest = 0.0f;
    for (const Column& column : columns) {
        if (column.flags & ImGuiTableColumnFlags_WidthFixed) {
            fixed += column.width;
        } else {
            weights += column.width;
            lightest = lightest == 0.0f ? column.width : std::min(lightest, column.width);
        }
    }
    const float stretched = lightest > 0.0f ? kMinStretchedColumn * weights / lightest : 0.0f;
    return BeginListTableOfWidth(id, static_cast<int>(columns.size()), flags, fixed + stretched);
}

// A table's header row; each named header that is drawn is mirrored as a "column", valued
// "ascending" or "descending" (`descending`) when the table is sorted by it.
void ColumnHeaders(Mirror& mirror, bool descending = false);

// "5 results (8 total)", as Django's changelist words it (role "value", named "Results").
void ResultsCount(Mirror& mirror, long long matching, long long total);
// The bar over a list with checked rows: "Selected N", Clear selection, and Delete selected…, which
// puts the checked ids in `delete_ids` (the list's confirmation then asks).
void SelectionActions(Mirror& mirror, std::set<std::int64_t>& checked, std::vector<std::int64_t>& delete_ids);

// A button for an action that destroys something (red, unlike Cancel beside it).
bool DangerButton(Mirror& mirror, const char* label);

// A modal asking to confirm a destructive action: its heading, the first of the `total` rows it is
// about to change (`first_items`, then "and N more"), what happens, the confirm button (red) and
// Cancel (or Esc). Call every frame while the question stands; it says what the user chose.
enum class Choice { Pending, Confirmed, Cancelled };
// How many rows a confirmation lists by name.
inline constexpr std::size_t kConfirmListed = 5;
Choice Confirm(Mirror& mirror, const char* title, const std::string& heading, const std::vector<std::string>& first_items, std::size_t total,
               const std::string& detail, const std::string& confirm_label);
// A modal with a progress bar for work done a step per frame (`done` of `total`), saying `what`;
// true when the user clicked `stop_label`. The caller closes it (CloseProgress) when the work ends.
bool Progress(Mirror& mirror, const char* title, const std::string& what, long long done, long long total, const char* stop_label);
void CloseProgress(const char* title);

// "1,234,567"
std::string GroupThousands(long long value);
// "8 → 9 (+1)", "12 → 12": a count in an older and a newer export.
std::string BeforeAfter(long long before, long long after);

}  // namespace ui
