// Rows of django_q_ormq, the ORM broker's queue (SEMANTICS.md §4). The payload stays signed text
// here; decode/signing.h reads it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/model/export.h"

namespace core {

struct QueuedRow {
    std::int64_t id = 0;
    std::string key;                  // the cluster name
    std::string payload;              // "B64:TS:SIG"
    std::optional<std::string> lock;  // NULL: never pulled; else handed out until this UTC time
};

// Every queued row in id order; empty when the export has no django_q_ormq table.
Result<std::vector<QueuedRow>> ListQueued(Export& export_);

}  // namespace core
