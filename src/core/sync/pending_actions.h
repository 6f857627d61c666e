// The journal as the Changes page and `djq changes` show it: one entry per user action (a batch),
// saying in words what it will do on the server and whether its queue entries are signed.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/db/db.h"

namespace core {

struct PendingAction {
    std::int64_t batch = 0;
    std::string action;     // the action id djq apply recognises
    std::string operation;  // "delete_tasks", "resubmit_tasks", ...
    std::string at;         // UTC, when it was done
    // Rows it changes, per table and kind.
    struct RowCounts {
        std::string table;
        std::int64_t inserted = 0, updated = 0, deleted = 0;
    };
    std::vector<RowCounts> tables;
    std::int64_t rows = 0;
    // Queue entries it writes that wait for the server's signature ("djq-unsigned:"), and that are signed.
    std::int64_t awaiting_signature = 0, signed_entries = 0;
    std::string first_label;  // the name (or id) of its first row
};

// Every action not yet exported and applied, oldest first (empty without a journal). One pass over
// the journal that never parses a task's image.
Result<std::vector<PendingAction>> ListPendingActions(Db& db);

// "Resubmit failed tasks", "Pause a schedule", ...
std::string ActionTitle(const PendingAction& action);
// What it does on the server: "Adds 2 queue entries, deletes 2 tasks (first: add-one-two). 2 queue
// entries wait for the server's signature: djq apply --secret-key-env signs them on the server."
std::string ActionWords(const PendingAction& action);

}  // namespace core
