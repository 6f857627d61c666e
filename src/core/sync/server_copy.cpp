#include "core/sync/server_copy.h"

#include <string>
#include <utility>
#include <vector>

#include "core/django_q/package_signing.h"
#include "core/django_q/signing_check.h"

namespace core {
namespace {

constexpr const char* kAwaitingCondition = "substr(payload, 1, 13) = 'djq-unsigned:'";

struct Awaiting {
    std::int64_t id;
    Bytes pickle;
};

Result<std::vector<Awaiting>> ReadAwaiting(Export& copy) {
    auto stmt = copy.db.Prepare(std::string("SELECT id, payload FROM django_q_ormq WHERE ") + kAwaitingCondition + " ORDER BY id");
    if (!stmt) return stmt.error();
    std::vector<Awaiting> entries;
    while (true) {
        auto row = stmt->Step();
        if (!row) return row.error();
        if (!row.value()) return entries;
        auto pickle = UnsignedPickle(stmt->Text(1));
        if (!pickle) return pickle.error();
        entries.push_back({stmt->Int(0), std::move(pickle).value()});
    }
}

Status SignAll(Export& copy, const ServerSigning& signing, UnixMicros now, std::int64_t& signed_entries) {
    auto entries = ReadAwaiting(copy);
    if (!entries) return entries.error();
    auto update = copy.db.Prepare("UPDATE django_q_ormq SET payload = ? WHERE id = ?");
    if (!update) return update.error();
    for (const Awaiting& entry : entries.value()) {
        update->Reset();
        auto signed_package = SignPackage(entry.pickle, signing.secret_key, signing.cluster_name, now / 1'000'000, signing.compress);
        if (!signed_package) return MakeError(signed_package.error().code, "queued task " + std::to_string(entry.id) + ": " + signed_package.error().message);
        update->Bind(1, signed_package->payload);
        update->Bind(2, entry.id);
        if (auto done = update->Run(); !done) return done;
        ++signed_entries;
    }
    return Ok{};
}

}  // namespace

Result<std::int64_t> CountAwaitingSignature(Export& working) {
    if (!working.schema.has_ormq) return std::int64_t{0};
    auto stmt = working.db.Prepare(std::string("SELECT count(*) FROM django_q_ormq WHERE ") + kAwaitingCondition);
    if (!stmt) return stmt.error();
    auto row = stmt->Step();
    if (!row) return row.error();
    return stmt->Int(0);
}

Result<ServerCopy> MakeServerCopy(Export& working, const std::optional<ServerSigning>& signing, UnixMicros now) {
    ServerCopy result;
    auto awaiting = CountAwaitingSignature(working);
    if (!awaiting) return awaiting.error();
    if (awaiting.value() == 0) return result;

    std::optional<ServerSigning> usable = signing;
    if (usable) {
        if (auto key = RequireMatchingKey(working, usable->secret_key, usable->cluster_name, usable->key_rotated); !key) {
            result.key_refused = key.error();
            usable.reset();
        }
    }
    auto bytes = working.db.Serialize();
    if (!bytes) return bytes.error();
    auto db = Db::OpenBytes(bytes.value());
    if (!db) return db.error();
    result.copy = Export{std::move(db).value(), working.schema, working.source, nullptr};
    Export& copy = *result.copy;
    if (usable) {
        if (auto done = SignAll(copy, *usable, now, result.signed_entries); !done) return done.error();
    } else {
        if (auto done = copy.db.Exec(std::string("DELETE FROM django_q_ormq WHERE ") + kAwaitingCondition); !done) return done.error();
        result.left_out = copy.db.Changes();
    }
    return result;
}

}  // namespace core
