// The Compare page ("#/compare", issue 19 item 5): what changed from an older export to the
// working copy. New failures and the failure groups they fall in (each opening exactly its new
// failures), groups with no failure left, schedules added, removed or edited (each opening its
// schedule), and how the queue moved. Without an older export it offers to open one.
#pragma once

namespace ui {

struct App;

void DrawComparePage(App& app);
void ShowComparison(App& app);

}  // namespace ui
