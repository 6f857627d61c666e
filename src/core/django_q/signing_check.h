// What an export's signed queue entries say about its cluster's signing settings, so the user need
// not guess them: whether Q_CLUSTER['compress'] is on, and whether a typed SECRET_KEY (with the
// cluster name as salt) is the one the server signs with. Checked before anything is signed, so a
// wrong key never makes an entry the server would reject as BadSignature.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "core/schema/export.h"

namespace core {

// Compress as the payloads show it: a '.'-prefixed payload was compressed; an uncompressed one
// that zlib would have shortened (Django compresses only then) was signed with compress off.
// nullopt when no signed entry tells (none, or all too small for zlib to pay off).
struct CompressEvidence {
    std::optional<bool> compress;
    std::int64_t entry_id = 0;  // the entry that shows it
};
Result<CompressEvidence> DetectCompress(Export& export_);

enum class KeyMatch { NoSignedEntry, Matches, Mismatch };
struct KeyCheck {
    KeyMatch match = KeyMatch::NoSignedEntry;
    std::int64_t entry_id = 0;  // Matches: the entry it verified; Mismatch: the first it failed
};
// Verifies the key and salt against the export's signed entries (the first few dozen): one valid
// signature is a match. Never logs or returns the key.
Result<KeyCheck> CheckKeyAgainstExport(Export& export_, std::string_view secret_key, std::string_view salt);

// Ok unless the export's signed entries show the key or salt is wrong: error "signing.wrong_key".
// With `key_rotated` (the user says the server's SECRET_KEY changed since those entries were
// signed, so they are expected to fail it) there is nothing to check against: Ok.
Status RequireMatchingKey(Export& export_, std::string_view secret_key, std::string_view salt, bool key_rotated);

}  // namespace core
