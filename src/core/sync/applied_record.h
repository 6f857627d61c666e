// What `djq apply` remembers on the server so that applying a changeset again never repeats work,
// even after the cluster consumed the queue entries or deleted a ONCE schedule it made:
//   djq_applied_action  one row per user action applied (its action id, operation, time, changeset)
//   djq_applied_row     the rows an action wrote whose id or lock the server decided
// Both live in the server's database beside Django's tables, never in them (Django ignores them).
//
// Rows of django_q_schedule and django_q_ormq take their id from the server (AUTOINCREMENT): the
// working copy's id of a row it inserted is only a local name, and a queue entry's lock is dated when
// it is applied. RowIds maps both, so later edits of such a row find the server's row.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <utility>

#include "core/db/db.h"
#include "core/sync/row_image.h"

namespace core {

// django_q_schedule and django_q_ormq: an insert leaves the id to the server.
bool ServerAssignsId(std::string_view table);

class RowIds {
public:
    // Row `local` of `table` is `server` there; a `lock` pair (journal's value, server's value) too.
    void Add(std::string_view table, const nlohmann::json& local, const nlohmann::json& server,
             std::optional<std::pair<nlohmann::json, nlohmann::json>> lock = std::nullopt);
    // The server's id for this row (itself when not mapped).
    nlohmann::json ServerId(std::string_view table, const nlohmann::json& local) const;
    // The image with the mapped id and lock in place of the journal's.
    std::optional<RowImage> Translate(std::string_view table, const nlohmann::json& local, const std::optional<RowImage>& image) const;

private:
    struct Mapping {
        nlohmann::json server;
        std::optional<std::pair<nlohmann::json, nlohmann::json>> lock;
    };
    std::map<std::pair<std::string, std::string>, Mapping> m_rows;  // (table, local id as JSON)
};

// Creates the two tables when missing.
Status EnsureAppliedTables(Db& db);
// Whether `action` was applied to this database; when it was, its rows are added to `ids`. A
// database without the tables has applied nothing.
Result<bool> WasApplied(Db& db, std::string_view action, RowIds& ids);
// Records an applied action (EnsureAppliedTables first).
Status RecordAppliedAction(Db& db, std::string_view action, std::string_view operation, std::string_view applied_at,
                           std::string_view changeset);
Status RecordAppliedRow(Db& db, std::string_view action, std::string_view table, const nlohmann::json& local,
                        const nlohmann::json& server, const std::optional<std::pair<nlohmann::json, nlohmann::json>>& lock);

}  // namespace core
