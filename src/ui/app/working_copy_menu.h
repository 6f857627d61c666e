// The working copy's controls: in the top bar, how many edits are not yet synced: how many edits are not yet synced, Undo, and the Export
// menu (changeset for `djq apply`, the whole working copy as SQLite, a loaddata fixture).
#pragma once

namespace ui {

struct App;

void DrawWorkingCopyMenu(App& app);
// The start-up offer of a working copy saved by an earlier visit: restore it or discard it.
void DrawSavedCopyOffer(App& app);
// Edits carried onto a newer export that clash with it, each with "Keep mine" and "Take theirs".
void DrawRebaseConflicts(App& app);

}  // namespace ui
