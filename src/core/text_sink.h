// Where a large output goes piece by piece (a file, a browser download, a string in tests), so it
// never has to sit whole in memory. A sink's error stops the writer, which returns it.
#pragma once

#include <functional>
#include <string_view>

#include "core/result.h"

namespace core {

using TextSink = std::function<Status(std::string_view piece)>;

}  // namespace core
