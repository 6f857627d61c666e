#include "core/django_q/package_signing.h"

#include <unordered_set>
#include <vector>

#include "core/decode/pickle_reader.h"
#include "core/decode/py_repr.h"
#include "core/decode/signing.h"

namespace core {
namespace {

// The callables a plain value's pickle may call: constructors of the standard library's value types.
constexpr std::string_view kValueConstructors[] = {
    "datetime.datetime", "datetime.date",     "datetime.time",      "datetime.timedelta", "datetime.timezone",
    "pytz._UTC",         "decimal.Decimal",   "uuid.UUID",          "fractions.Fraction", "collections.OrderedDict",
    "collections.Counter", "collections.deque", "builtins.complex", "builtins.set",       "builtins.frozenset",
    "builtins.bytearray", "builtins.range",   "builtins.slice",     "_codecs.encode",
};

std::string QualifiedName(const PyValue& global) { return global.text + "." + global.name; }

bool IsValueConstructor(const PyValue& callable) {
    if (callable.kind != PyKind::Global) return false;
    const std::string name = QualifiedName(callable);
    for (const auto allowed : kValueConstructors)
        if (name == allowed) return true;
    return false;
}

// The first node that is neither a plain value nor a call of a value constructor, described.
std::string FirstUnsafe(const PyValue& root) {
    std::unordered_set<const PyValue*> seen;
    std::vector<const PyValue*> pending = {&root};
    while (!pending.empty()) {
        const PyValue* node = pending.back();
        pending.pop_back();
        if (!node || !seen.insert(node).second) continue;
        if (node->kind == PyKind::Global) return "refers to " + QualifiedName(*node);
        if (node->kind == PyKind::Call) {
            const PyValue* callable = node->items.empty() ? nullptr : node->items[0].get();
            if (!callable || !IsValueConstructor(*callable))
                return callable && callable->kind == PyKind::Global ? "calls " + QualifiedName(*callable) : "calls something computed at load";
            seen.insert(callable);  // the constructor itself is fine
        }
        for (const auto* list : {&node->items, &node->appended, &node->set_items})
            for (const auto& item : *list) pending.push_back(item.get());
        pending.push_back(node->state.get());
        pending.push_back(node->kwargs.get());
    }
    return "";
}

// Large enough for any real package, small enough that a memo bomb is refused, not printed.
constexpr std::size_t kMaxSignedRepr = std::size_t{1} << 20;

}  // namespace

Status CheckSignablePackage(const PyValue& package) {
    if (package.kind != PyKind::Dict) return MakeError("signing.not_a_package", "the package is not a dict: it is not a Django Q task");
    const PyValue* func = DictItem(package, "func");
    if (!func || func->kind != PyKind::Str)
        return MakeError("signing.not_a_package", "the package has no func path (a str): it is not a Django Q task djq can vouch for");
    if (const std::string unsafe = FirstUnsafe(package); !unsafe.empty())
        return MakeError("signing.unsafe_package", "the package " + unsafe + ": only plain values are signed, never a call the server's "
                                                   "pickle.loads would make");
    ReprOptions options;
    options.max_output = kMaxSignedRepr;
    bool exact = false;
    ReprPython(package, options, &exact);
    if (!exact) return MakeError("signing.unsafe_package", "the package holds values djq cannot print exactly (or over 1 MB of them): it is not signed");
    return Ok{};
}

Result<SignedPackage> SignPackage(ByteView pickle, std::string_view secret_key, std::string_view salt, std::int64_t unix_time, bool compress) {
    auto package = DecodePickle(pickle);
    if (!package) return MakeError("signing.not_a_package", "the package cannot be read: " + package.error().Describe());
    if (auto checked = CheckSignablePackage(*package.value()); !checked) return checked.error();
    const PyValue& value = *package.value();
    const PyValue* args = DictItem(value, "args");
    const PyValue* kwargs = DictItem(value, "kwargs");
    SignedPackage signed_package;
    signed_package.call = DictItem(value, "func")->text + " args " + (args ? ReprPython(*args) : "()") + " kwargs " +
                          (kwargs ? ReprPython(*kwargs) : "{}");
    signed_package.payload = SignPayload(pickle, secret_key, salt, unix_time, compress);
    return signed_package;
}

}  // namespace core
