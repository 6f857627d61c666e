// The mirror: a plain description of what the current view shows, rebuilt every drawn frame.
// Tests read it instead of pixels; the web app also renders it as a hidden, screen-reader-visible
// DOM tree. Widgets in widgets.h record themselves here as they draw.
//
// JSON: {"view": "overview", "source": "...", "error": null | {"code", "message"},
//        "missing_glyphs": "" (characters drawn as a box: no font has them),
//        "items": [{"role": "value", "name": "Failed tasks", "value": "8", "rect": [x, y, w, h]}, ...]}
// Roles: heading, text, value, button. rect is in CSS pixels of the canvas, for clicking in tests.
#pragma once

#include <string>
#include <vector>

namespace ui {

struct MirrorItem {
    std::string role;
    std::string name;
    std::string value;
    float x = 0, y = 0, w = 0, h = 0;
};

class Mirror {
public:
    void BeginFrame(std::string view);
    void Add(MirrorItem item);
    void SetSource(std::string source) { m_source = std::move(source); }
    void SetError(std::string code, std::string message);
    // The characters this frame drew as a box, having no font for them (ui/theme/fonts.h).
    void SetMissingGlyphs(std::string characters) { m_missing_glyphs = std::move(characters); }

    std::string ToJson() const;
    // True (once) when this frame's JSON differs from the last one taken.
    bool TakeIfChanged(std::string& json);

    // Assistive technology activated the button named `name` outside the canvas; the button with
    // that name reports a click on the next frame (ConsumeActivation).
    void RequestActivation(std::string name) { m_activation = std::move(name); }
    bool ConsumeActivation(const std::string& name);

    const std::vector<MirrorItem>& items() const { return m_items; }

private:
    std::string m_missing_glyphs;
    std::string m_view, m_source, m_error_code, m_error_message, m_published, m_activation;
    std::vector<MirrorItem> m_items;
};

}  // namespace ui
