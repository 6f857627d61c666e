// Per-export settings the export itself does not carry (the server's TIME_ZONE, which scheduler
// rules to follow): kept in the working copy's own table djq_settings, so they travel with it
// and survive a reload. Not journalled: they are never sent to the server.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/db/db.h"

namespace core {

Result<std::optional<std::string>> ReadSetting(Db& db, std::string_view key);
Status WriteSetting(Db& db, std::string_view key, std::string_view value);

}  // namespace core
