#include "ui/widgets/value_tree.h"

#include <imgui.h>

#include "core/decode/py_repr.h"
#include "ui/widgets/widgets.h"

namespace ui {
namespace {

// Opening a node draws its children; past this depth a node is shown as its repr (a hostile
// pickle nests lists 100,000 deep).
constexpr int kMaxDepth = 64;

std::string ShortRepr(const core::PyValue& value) {
    core::ReprOptions options;
    options.max_items = 20;
    options.max_text = 300;
    options.max_output = 600;
    return core::ReprPython(value, options);
}

std::string Items(std::size_t count) { return std::to_string(count) + (count == 1 ? " item" : " items"); }

// What a container or object node says when closed: "list, 3 items", "demoapp.tasks.Plain".
std::string Summary(const core::PyValue& value) {
    using core::PyKind;
    switch (value.kind) {
        case PyKind::Tuple: return "tuple, " + Items(value.items.size());
        case PyKind::List: return "list, " + Items(value.items.size());
        case PyKind::Set: return "set, " + Items(value.items.size());
        case PyKind::FrozenSet: return "frozenset, " + Items(value.items.size());
        case PyKind::Dict: return "dict, " + Items(value.items.size() / 2);
        case PyKind::Call:
            if (const core::PyValue* target = core::CallTarget(value)) return target->text + "." + target->name;
            return "object";
        default: return ShortRepr(value);
    }
}

bool HasChildren(const core::PyValue& value) {
    using core::PyKind;
    switch (value.kind) {
        case PyKind::Tuple: case PyKind::List: case PyKind::Set: case PyKind::FrozenSet: case PyKind::Dict:
            return !value.items.empty();
        case PyKind::Call: return core::HasUserClass(value);  // standard values read best as their repr
        default: return false;
    }
}

void DrawNode(Mirror& mirror, const std::string& label, const core::PyValue& value, int depth);

void DrawChildren(Mirror& mirror, const core::PyValue& value, int depth) {
    using core::PyKind;
    if (value.kind == PyKind::Dict) {
        for (std::size_t i = 0; i + 1 < value.items.size(); i += 2) DrawNode(mirror, ShortRepr(*value.items[i]), *value.items[i + 1], depth);
        return;
    }
    if (value.kind != PyKind::Call) {
        for (std::size_t i = 0; i < value.items.size(); ++i) DrawNode(mirror, "[" + std::to_string(i) + "]", *value.items[i], depth);
        return;
    }
    // An object: its constructor arguments, then the attributes BUILD gave it.
    if (value.items.size() > 1 && value.items[1] && !value.items[1]->items.empty())
        DrawNode(mirror, "(arguments)", *value.items[1], depth);
    if (value.state && value.state->kind == PyKind::Dict) {
        for (std::size_t i = 0; i + 1 < value.state->items.size(); i += 2) {
            const core::PyValue& key = *value.state->items[i];
            DrawNode(mirror, key.kind == PyKind::Str ? key.text : ShortRepr(key), *value.state->items[i + 1], depth);
        }
    } else if (value.state) {
        DrawNode(mirror, "(state)", *value.state, depth);
    }
    for (std::size_t i = 0; i < value.appended.size(); ++i) DrawNode(mirror, "[" + std::to_string(i) + "]", *value.appended[i], depth);
    for (std::size_t i = 0; i + 1 < value.set_items.size(); i += 2)
        DrawNode(mirror, ShortRepr(*value.set_items[i]), *value.set_items[i + 1], depth);
}

void DrawNode(Mirror& mirror, const std::string& label, const core::PyValue& value, int depth) {
    ImGui::PushID(&value);
    ImGui::PushID(label.c_str());
    const std::string summary = Summary(value);
    const std::string line = label + ": " + summary;
    if (depth < kMaxDepth && HasChildren(value)) {
        const bool open = ImGui::TreeNodeEx("##node", ImGuiTreeNodeFlags_SpanAvailWidth, "%s", line.c_str());
        RecordItem(mirror, "treeitem", label, summary);
        if (open) {
            DrawChildren(mirror, value, depth + 1);
            ImGui::TreePop();
        }
    } else {
        ImGui::TreeNodeEx("##leaf", ImGuiTreeNodeFlags_Leaf | ImGuiTreeNodeFlags_NoTreePushOnOpen | ImGuiTreeNodeFlags_SpanAvailWidth,
                          "%s", line.c_str());
        RecordItem(mirror, "treeitem", label, summary);
    }
    ImGui::PopID();
    ImGui::PopID();
}

}  // namespace

void DrawValueTree(Mirror& mirror, const std::string& label, const core::PyValue& value) { DrawNode(mirror, label, value, 0); }

}  // namespace ui
