// Imports arbitrary bytes as dumpdata JSON; whatever imports must export as a loaddata fixture that
// imports again. And whatever object the in-place reader takes, the full JSON parser reads the same.
#include <cstdlib>

#include "core/schema/schema.h"
#include "core/sync/dumpdata_import.h"
#include "core/sync/dumpdata_object.h"
#include "core/sync/fixture_export.h"

namespace {

bool SameValue(const core::DumpdataValue& a, const core::DumpdataValue& b) {
    return a.type == b.type && a.boolean == b.boolean && a.integer == b.integer && a.text == b.text;
}

void CheckReadersAgree(std::string_view text) {
    core::DumpdataObject plain, parsed;
    const auto end = core::ReadPlainObject(text, 0, plain);
    if (!end) return;
    if (core::ReadAnyObject(text.substr(0, *end), parsed)) std::abort();  // the parser found bad JSON
    if (plain.model != parsed.model || plain.has_fields != parsed.has_fields || !plain.pk || !parsed.pk ||
        !SameValue(*plain.pk, *parsed.pk))
        std::abort();
    for (const auto& [name, value] : parsed.fields)  // the parser keeps one value per name: the last
        if (!SameValue(*plain.Field(name), value)) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    CheckReadersAgree(std::string_view(reinterpret_cast<const char*>(data), size));
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
