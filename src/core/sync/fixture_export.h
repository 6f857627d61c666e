// The working copy as a `manage.py loaddata` fixture: the dumpdata format (SEMANTICS.md §7), with
// pickled fields as their base64 text (loaddata's PickledObjectField.to_python unpickles it) and
// datetimes at full microsecond precision.
#pragma once

#include <string>

#include "core/model/export.h"

namespace core {

Result<std::string> ExportFixture(Export& export_);

}  // namespace core
