// Reads arbitrary bytes as a Python literal, and as Schedule args and kwargs (both schedulers).
// Whatever parses and has a literal must parse back from it to an equal value: the same repr,
// except that a complex number's zero parts may change sign (Python's repr (-0-1j) reads back as
// -1j, whose own repr is (-0-1j) again).
#include <cstdlib>
#include <string_view>

#include "core/decode/py_literal.h"
#include "core/decode/py_literal_parse.h"
#include "core/decode/py_repr.h"

namespace {

bool Equal(const core::PyValue& a, const core::PyValue& b) {
    if (a.kind == core::PyKind::Call && b.kind == core::PyKind::Call) {  // complex(re, im): compare the parts with ==
        const auto& x = a.items[1]->items;
        const auto& y = b.items[1]->items;
        return x[0]->real == y[0]->real && x[1]->real == y[1]->real;
    }
    if (a.kind != b.kind || a.items.size() != b.items.size()) return false;
    if (a.items.empty()) return core::ReprPython(a) == core::ReprPython(b);
    for (std::size_t i = 0; i < a.items.size(); ++i)
        if (!Equal(*a.items[i], *b.items[i])) return false;
    return true;
}

void RoundTrip(const core::Result<core::PyRef>& value) {
    if (!value) return;
    auto literal = core::PythonLiteral(*value.value());
    if (!literal) return;  // inf, set(), Ellipsis
    auto again = core::ParsePythonLiteral(literal.value());
    if (!again || !Equal(*value.value(), *again.value())) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    RoundTrip(core::ParsePythonLiteral(text));
    RoundTrip(core::ParseScheduleArgs(text));
    RoundTrip(core::ParseScheduleKwargs(text, core::SchedulerVariant::DjangoQ1));
    RoundTrip(core::ParseScheduleKwargs(text, core::SchedulerVariant::DjangoQ2));
    (void)core::IsPythonIdentifierNotKeyword(text);
    return 0;
}
