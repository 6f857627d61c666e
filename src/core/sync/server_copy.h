// Files meant to be loaded on a server (the working copy as SQLite, the loaddata fixture) never
// hold a queue entry that waits for the server's signature ("djq-unsigned:", server_signing.h):
// loaded there, the broker would take it and fail it as BadSignature. Such entries are signed with
// the key the user typed, when its check against the export passes, or else left out of the file;
// they still reach the server with the changeset, where `djq apply --secret-key-env` signs them.
#pragma once

#include <cstdint>
#include <optional>

#include "core/schema/export.h"
#include "core/sched/timestamp.h"
#include "core/django_q/server_signing.h"

namespace core {

// How many queue entries of the working copy wait for the server's signature.
Result<std::int64_t> CountAwaitingSignature(Export& working);

struct ServerCopy {
    std::optional<Export> copy;  // nullopt when nothing waits: the working copy itself is the file
    std::int64_t signed_entries = 0, left_out = 0;
    std::optional<Error> key_refused;  // why the typed key was not used (signing.wrong_key)

    Export& Use(Export& working) { return copy ? *copy : working; }
};

// The working copy as a server may load it: a copy with every waiting entry signed with `signing`
// at `now` (when given and the export's signed entries accept it), or left out. The working copy
// itself is not changed.
Result<ServerCopy> MakeServerCopy(Export& working, const std::optional<ServerSigning>& signing, UnixMicros now);

}  // namespace core
