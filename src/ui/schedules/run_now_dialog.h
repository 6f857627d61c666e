// "Run now" for a schedule: how (a signed queue entry with the SECRET_KEY, one signed on the
// server by djq apply, or a ONCE schedule) and what it writes; the key is the resubmit dialog's,
// held in memory only.
#pragma once

#include <cstdint>

namespace ui {

struct App;

void AskRunNow(App& app, std::int64_t schedule_id);
void DrawRunNowDialog(App& app);

}  // namespace ui
