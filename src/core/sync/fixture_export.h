// The working copy as a `manage.py loaddata` fixture: the dumpdata format (SEMANTICS.md §7), with
// pickled fields as their base64 text (loaddata's PickledObjectField.to_python unpickles it) and
// datetimes at full microsecond precision.
#pragma once

#include <string>

#include "core/schema/export.h"
#include "core/text_sink.h"

namespace core {

// Hands the fixture to `sink` in pieces of about a megabyte, object by object, so neither the rows
// nor the whole text are ever in memory at once. Stops at a sink's error, and refuses a row that
// loaddata would refuse ("fixture.no_pk") before writing it.
Status WriteFixture(Export& export_, const TextSink& sink);
// The whole fixture as one text, for tests and small exports.
Result<std::string> ExportFixture(Export& export_);

}  // namespace core
