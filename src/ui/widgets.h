// ImGui widgets that also record themselves in the mirror (ui/mirror.h), so what a test or a
// screen reader sees is exactly what was drawn.
#pragma once

#include <string>

#include "ui/mirror.h"

namespace ui {

bool Button(Mirror& mirror, const char* label);
void Heading(Mirror& mirror, const std::string& text);
void Text(Mirror& mirror, const std::string& text);
void TextMuted(Mirror& mirror, const std::string& text);
// A labelled number or fact: "Failed tasks: 8" (recorded as role "value").
void Value(Mirror& mirror, const std::string& name, const std::string& value);
// A framed tile with a big number and a caption, as on the overview.
void CountCard(Mirror& mirror, const std::string& name, long long count, unsigned accent_rgba, float width);

// "1,234,567"
std::string GroupThousands(long long value);

}  // namespace ui
