// One clock and one zone for every page (issue 17, item 2), chosen in the top bar and kept as
// preferences:
// - the zone times are shown and typed in: the server's TIME_ZONE, the user's own, UTC, or any
//   IANA zone; every time column's header names it;
// - the clock "now" means for overdue, date presets, next runs and lock ages: as of the export
//   (its newest task's stop time, so a two-week-old export is read as it was) or the wall clock.
// Edits that only mark time for the page (a cleared lock, a re-signed entry, the editor's "Now")
// use the same clock, so the page reads them as it reads the rest; djq apply dates cleared locks
// and new queue entries again when it writes them, as the server's enqueue would. What the server's
// worker reads in a package (a resubmit's or a run-now's call, the schedule's intended date) is
// made by the wall clock (WallClock): that run happens now.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/sched/timestamp.h"
#include "core/result.h"
#include "core/sched/time_zone.h"

namespace ui {

struct App;

enum class ClockChoice { Export, Wall };
ClockChoice CurrentClock();
void ChooseClock(ClockChoice clock);
// The export's own "now": its newest task's stop time; nullopt without tasks.
std::optional<core::UnixMicros> ExportTime(const App& app);
// What pages compute "now" from: App::fixed_now when a test set it, else by the clock chosen.
core::UnixMicros ShownNow(const App& app);
// Changes whenever a date filter's bounds would (the zone, the clock, or the export's time): a
// list keeps the one its filters were applied at and applies them again when it differs.
std::string DateBoundsKey(App& app);

// "server", "local", "UTC", or an IANA name.
std::string ZoneChoice();
void ChooseZone(std::string_view zone);
const core::TimeZone& ShownTimeZone(App& app);
// The zone as a column header says it: "UTC", "Amsterdam", "New York".
std::string ShownZoneLabel(App& app);

// A time column's header with the zone: "Stopped (UTC)", "Next run (Amsterdam)".
std::string TimeColumnLabel(App& app, const char* label);
// "2026-11-24 02:29:49 CET" in the shown zone; "" for nullopt.
std::string FormatShown(App& app, std::optional<core::UnixMicros> utc);
// A stored Django datetime ("2026-11-24 01:29:49.123456") as "2026-11-24 02:29:49" in the shown
// zone, for a column whose header names the zone; the text as stored when it is not a datetime.
std::string FormatStoredShown(App& app, const std::string& stored);
// A time typed in the shown zone ("YYYY-MM-DD HH:MM[:SS]") as UTC; an error names what is wrong
// (not a time; a wall-clock time that does not exist on a DST change day). In a fold the earlier
// instant is taken, as Django's make_aware does by default (is_dst=None raises; it picks first).
core::Result<core::UnixMicros> ParseShown(App& app, std::string_view typed);

// The zone and clock choices, at the right end of the line being drawn (the tabs').
void DrawTimeChoices(App& app);

}  // namespace ui
