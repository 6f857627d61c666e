// The working copy's controls: in the top bar, how many edits are not yet synced (a link to the
// Changes page), Undo, and the Export menu (changeset for `djq apply`, the whole working copy as
// SQLite, a loaddata fixture).
#pragma once

#include <string>

#include "platform/platform.h"

namespace ui {

struct App;

// The open export's file name without its folder and extensions, for downloads:
// "djq2-latest.sqlite3" / "https://host/x/export.sqlite3?x=1" -> "djq2-latest" / "export".
std::string BaseName(const std::string& source);
// Hands `write`'s file to the platform as `file_name`, and says where it went (a notice) or why
// it could not (the error banner).
void OfferFile(App& app, const std::string& file_name, const platform::FileWriting& write);

void DrawWorkingCopyMenu(App& app);
// The three export buttons (in the Export… menu, and on the Changes page with a line each on what
// the file is for when `explained`), and what becomes of queue entries waiting for a signature.
void DrawExportChoices(App& app, bool explained);
// The start-up offer of a working copy saved by an earlier visit: restore it or discard it.
void DrawSavedCopyOffer(App& app);
// Edits carried onto a newer export that clash with it, each with "Keep mine" and "Take theirs".
void DrawRebaseConflicts(App& app);

}  // namespace ui
