// Queue entries signed on the server: a resubmit made without the SECRET_KEY can still become the
// exact entry async_task would enqueue. The working copy stores the package's pickle unsigned
// ("djq-unsigned:" + base64) and `djq apply --secret-key-env VAR` signs it while applying, with the
// key that never leaves the server.
#pragma once

#include <string>
#include <string_view>

#include "core/bytes.h"
#include "core/result.h"

namespace core {

struct ServerSigning {
    std::string secret_key;
    std::string cluster_name = "default";  // the salt: Q_CLUSTER['name']
    bool compress = false;
    bool key_rotated = false;  // the server's entries were signed with an older key (signing_check.h)
};

// The payload column of an entry still to be signed.
std::string UnsignedPayload(ByteView pickle);
bool IsUnsignedPayload(std::string_view payload);

// The package pickle an unsigned payload holds. Error "changeset.bad_payload".
Result<Bytes> UnsignedPickle(std::string_view payload);

}  // namespace core
