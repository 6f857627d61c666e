// Deep links: the page, search and filters as a URL fragment, so a view can be bookmarked or
// shared and the browser's back and forward buttons move between views.
//   #/                     the overview
//   #/failed?q=fail&group=failures&stopped=past-7-days&sort=-stopped
//   #/successful?started=2026-11-01..2026-11-24&group=    (empty group: tasks without one)
//   #/task/1f7a43f516af427c8bec65aab91fe0f0
//   #/schedules?q=report&type=C&next_run=today&overdue=1
//   #/schedule/12    #/schedule/new
//   #/queued?q=add&key=djqdemo&lock=available    #/queued/78
#pragma once

#include <string>
#include <string_view>

namespace ui {

struct App;

// The fragment for what the app shows now.
std::string LocationOf(const App& app);
// The fragment of one task's page ("#/task/<id>").
std::string TaskLocation(std::string_view id);
// Shows what `fragment` names (unknown parts are ignored, so an old link still opens something).
void GoToLocation(App& app, std::string_view fragment);
// Called once per frame after drawing: tells the platform when the location changed (a new
// history entry when the page changed, the same entry rewritten when only the filters did).
void PublishLocation(App& app);

}  // namespace ui
