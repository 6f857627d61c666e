// Wraps arbitrary bytes in JSON nesting as deep as the first two bytes say (up to 65,535 levels), as
// a field's value in a dumpdata object. Import must refuse deeper than kMaxDumpdataDepth with a
// message, never run out of stack.
#include <cstdlib>
#include <string>

#include "core/sync/dumpdata_import.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size < 2) return 0;
    const std::size_t depth = data[0] | (data[1] << 8);
    const std::string inner(reinterpret_cast<const char*>(data) + 2, size - 2);
    std::string open, close;
    for (std::size_t i = 0; i < depth; ++i) {
        const bool list = (i % 3) != 0;
        open += list ? "[" : "{\"k\": ";
        close.insert(0, list ? "]" : "}");
    }
    const std::string json = "[{\"model\": \"django_q.task\", \"pk\": \"a\", \"fields\": {\"name\": " + open + inner + close + "}}]";
    auto imported = core::ImportDumpdata(core::AsBytes(json));
    if (imported && depth + 3 > static_cast<std::size_t>(core::kMaxDumpdataDepth)) std::abort();  // too deep, yet read
    return 0;
}
