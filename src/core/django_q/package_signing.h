// Signing a queue entry is vouching for it with the server's key: the cluster will pickle.loads
// whatever carries a valid signature, and a pickle can call anything. So djq signs only what it can
// read as a Django Q package whose every value is plain: None, bool, numbers, str, bytes,
// containers, and the standard library's value types it prints exactly (datetime, Decimal, UUID,
// OrderedDict, ...). A call of anything else (os.system, eval, a user class) is refused with the
// name of what it calls. Every site that signs (resubmit, run now, re-sign, a changed call, djq
// apply, files for a server) goes through here.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/bytes.h"
#include "core/decode/py_value.h"
#include "core/result.h"

namespace core {

// Ok when `package` is a dict with a str func and only plain values; else "signing.unsafe_package"
// naming what it calls, or "signing.not_a_package".
Status CheckSignablePackage(const PyValue& package);

struct SignedPackage {
    std::string payload;  // "B64:TS:SIG"
    std::string call;     // "func args (...) kwargs {...}": what the signature vouches for, to show
};

// Decodes `pickle`, checks it as above, and signs it as django.core.signing.dumps would.
Result<SignedPackage> SignPackage(ByteView pickle, std::string_view secret_key, std::string_view salt, std::int64_t unix_time, bool compress);

}  // namespace core
