// Imports arbitrary bytes as dumpdata JSON; whatever imports must export as a loaddata fixture that
// imports again.
#include <cstdlib>

#include "core/schema/schema.h"
#include "core/sync/dumpdata_import.h"
#include "core/sync/fixture_export.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    auto db = core::ImportDumpdata({data, size});
    if (!db) return 0;
    auto schema = core::DetectSchema(db.value());
    if (!schema) std::abort();
    core::Export imported{std::move(db.value()), schema.value(), "fuzz"};
    auto fixture = core::ExportFixture(imported);
    if (!fixture) std::abort();
    if (!core::ImportDumpdata(core::AsBytes(fixture.value()))) std::abort();
    return 0;
}
