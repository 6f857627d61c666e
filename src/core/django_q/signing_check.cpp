#include "core/django_q/signing_check.h"

#include <string>

#include "core/decode/signing.h"
#include "core/decode/zlib_codec.h"
#include "core/django_q/server_signing.h"

namespace core {
namespace {

// Enough entries to find a readable one in a damaged queue, few enough to stay instant on a
// queue of millions.
constexpr int kEntriesChecked = 64;

// Calls `use(id, payload)` for the first signed entries in id order until it returns true.
template <class Use>
Status ForSignedEntries(Export& export_, Use&& use) {
    if (!export_.schema.has_ormq) return Ok{};
    auto stmt = export_.db.Prepare("SELECT id, payload FROM django_q_ormq ORDER BY id LIMIT ?");
    if (!stmt) return stmt.error();
    stmt->Bind(1, static_cast<std::int64_t>(kEntriesChecked));
    while (true) {
        auto row = stmt->Step();
        if (!row) return row.error();
        if (!row.value()) return Ok{};
        const std::string_view payload = stmt->Text(1);
        if (IsUnsignedPayload(payload)) continue;
        auto parsed = ParseSignedPayload(payload);
        if (parsed && use(stmt->Int(0), parsed.value())) return Ok{};
    }
}

}  // namespace

Result<CompressEvidence> DetectCompress(Export& export_) {
    CompressEvidence evidence;
    auto done = ForSignedEntries(export_, [&](std::int64_t id, const SignedPayload& payload) {
        if (payload.compressed) {
            evidence = {true, id};
            return true;
        }
        auto deflated = Deflate(payload.pickle);
        if (deflated && deflated->size() + 1 < payload.pickle.size() && !evidence.compress) evidence = {false, id};
        return false;  // a compressed entry further on outweighs this one (settings change)
    });
    if (!done) return done.error();
    return evidence;
}

Result<KeyCheck> CheckKeyAgainstExport(Export& export_, std::string_view secret_key, std::string_view salt) {
    KeyCheck check;
    auto done = ForSignedEntries(export_, [&](std::int64_t id, const SignedPayload& payload) {
        if (VerifySignature(payload, secret_key, salt) != SignatureCheck::Invalid) {
            check = {KeyMatch::Matches, id};
            return true;
        }
        if (check.match == KeyMatch::NoSignedEntry) check = {KeyMatch::Mismatch, id};
        return false;
    });
    if (!done) return done.error();
    return check;
}

Status RequireMatchingKey(Export& export_, std::string_view secret_key, std::string_view salt, bool key_rotated) {
    if (key_rotated) return Ok{};
    auto check = CheckKeyAgainstExport(export_, secret_key, salt);
    if (!check) return check.error();
    if (check->match != KeyMatch::Mismatch) return Ok{};
    return MakeError("signing.wrong_key", "the SECRET_KEY with cluster name \"" + std::string(salt) +
                                              "\" does not verify queued task " + std::to_string(check->entry_id) +
                                              "'s signature: it is not the key (or Q_CLUSTER['name']) this server signs with; nothing was signed "
                                              "(if the server's key was rotated since, say so to sign with the new one)");
}

}  // namespace core
