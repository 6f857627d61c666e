// The Resubmit confirmation: how (a signed queue entry with the SECRET_KEY, or a ONCE schedule
// without it), what it will write, and why a task cannot be resubmitted that way.
#pragma once

#include <string>
#include <vector>

#include "core/model/resubmit.h"

namespace ui {

struct App;
class Mirror;

// Opens the dialog for these tasks (from a list's selection or a task's detail).
void AskResubmit(App& app, std::vector<std::string> ids);
void DrawResubmitDialog(App& app);

}  // namespace ui
