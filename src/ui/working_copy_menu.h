// The top bar's working-copy controls: how many edits are not yet synced, Undo, and the Export
// menu (changeset for `djq apply`, the whole working copy as SQLite, a loaddata fixture).
#pragma once

namespace ui {

struct App;

void DrawWorkingCopyMenu(App& app);

}  // namespace ui
