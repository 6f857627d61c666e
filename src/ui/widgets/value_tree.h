// A decoded Python value as a collapsible tree: containers and user objects open onto their
// items and attributes; scalars and standard-library values (datetime, Decimal, ...) are leaves
// showing their repr.
#pragma once

#include <string>

#include "core/decode/py_value.h"
#include "ui/mirror/mirror.h"

namespace ui {

void DrawValueTree(Mirror& mirror, const std::string& label, const core::PyValue& value);

}  // namespace ui
