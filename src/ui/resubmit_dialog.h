// The Resubmit confirmation: how (a signed queue entry with the SECRET_KEY, or a ONCE schedule
// without it), what it will write, and why a task cannot be resubmitted that way.
#pragma once

#include <string>
#include <vector>

#include "core/model/resubmit.h"

namespace ui {

struct App;
class Mirror;

// The choice of how to queue (signed here, signed on the server, or a ONCE schedule) with the key,
// cluster name and compression it needs. Shared by Resubmit and a schedule's Run now.
void DrawQueueWayChoice(Mirror& mirror, core::ResubmitSettings& settings);
// The SECRET_KEY (when `with_key`; in memory only), Q_CLUSTER['name'] and Q_CLUSTER['compress'] on
// one line: what signing a queue entry needs. Shared by that choice and the Queued pages.
void DrawSigningInputs(Mirror& mirror, core::ResubmitSettings& settings, bool with_key);
// Q_CLUSTER['name'] guessed from the export, once per data change, unless the user typed one.
void GuessClusterOnce(App& app);

// Opens the dialog for these tasks (from a list's selection or a task's detail).
void AskResubmit(App& app, std::vector<std::string> ids);
void DrawResubmitDialog(App& app);

}  // namespace ui
