// The UI's fonts, compiled in (cmake/embed_font.cmake): DejaVu Sans and Sans Mono from Debian.
#pragma once

#include <span>

namespace ui::fonts {

extern const std::span<const unsigned char> kSansTtf;
extern const std::span<const unsigned char> kMonoTtf;

}  // namespace ui::fonts
