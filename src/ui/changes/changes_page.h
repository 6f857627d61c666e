// The Changes page: every action not yet on the server, in words (what it will do there, and
// whether its queue entries are signed), each with its own Undo; and the files that carry them,
// each with a line on what it is for. The top bar's "N unsynced edits" links here.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "core/result.h"
#include "core/sync/pending_actions.h"

namespace ui {

struct App;

struct ChangesView {
    std::uint64_t generation = 0;  // the data generation `actions` was read at
    std::optional<core::Result<std::vector<core::PendingAction>>> actions;
};

void DrawChanges(App& app, ChangesView& view);
void ShowChanges(App& app);

}  // namespace ui
