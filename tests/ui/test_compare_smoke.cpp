// The Compare page (issue 19, item 5) drawn with the null backend: an older export opened beside
// the working copy, the changes the core finds, each link opening exactly its rows, and the
// comparison kept current through an edit of the working copy.
#include "null_imgui.h"
#include "../unit/test_diff_exports.h"

#include "core/model/task_edits.h"
#include "platform_null.h"
#include "ui/app/time_display.h"
#include "ui/compare/compare_page.h"
#include "ui/navigation/location.h"

using namespace test;

namespace {

// Today's export as the working copy, yesterday's opened to compare with, drawn until compared.
ui::App ComparedApp() {
    ui::App app;
    core::Export today = Today();
    ui::OpenBytes(app, "today.sqlite3", today.db.Serialize().value());
    core::Export yesterday = Yesterday();
    ui::OpenComparison(app, "yesterday.sqlite3", yesterday.db.Serialize().value());
    for (int frame = 0; frame < 200 && ui::Comparing(app); ++frame) Render(app, 1);
    REQUIRE_FALSE(ui::Comparing(app));
    return app;
}

}  // namespace

TEST_CASE("compare: the page shows what changed since the older export, as the core finds it") {
    NullImGui imgui;
    ui::ChooseZone("UTC");
    ui::App app = ComparedApp();
    const auto mirror = Render(app, 2);
    CHECK(mirror["view"] == "compare");
    CHECK(ItemNamed(mirror, "Compare"));  // its tab
    CHECK(ValueOf(mirror, "Tasks") == "76 → 78 (+2)");
    CHECK(ValueOf(mirror, "Failed tasks") == "7 → 9 (+2)");
    CHECK(ValueOf(mirror, "Queued tasks") == "10 → 10");
    CHECK(ItemNamed(mirror, "New failures (4)"));
    CHECK(ItemNamed(mirror, "in 3 failure groups, 1 of them new"));
    CHECK(ItemNamed(mirror, "new group"));
    CHECK(ItemNamed(mirror, "2 → 4 (+2)"));  // ReportError's failures then and now
    CHECK(ItemNamed(mirror, "Failure groups with no failure left (1)"));
    CHECK(ItemNamed(mirror, "Schedules: 4 added, removed or edited, 1 run by the scheduler"));
    CHECK(ItemNamed(mirror, "Schedule 13 yearly-leap"));  // removed: text, not a link
    CHECK(ItemNamed(mirror, "cron: */5 * * * * → */10 * * * *"));
    CHECK(ItemNamed(mirror, "Queue: 10 → 10"));
    CHECK(ItemNamed(mirror, "2 entries added, 2 taken or deleted, 8 still waiting since yesterday.sqlite3"));
    CHECK(ItemNamed(mirror, "cluster other: 1 → 2 (+1)"));
}

TEST_CASE("compare: the new failures, a group's and a schedule open exactly their rows") {
    NullImGui imgui;
    ui::ChooseZone("UTC");
    ui::App app = ComparedApp();
    Render(app, 2);
    app.mirror.RequestActivation("Show the 4 new failures");
    auto mirror = Render(app, 4);
    CHECK(mirror["view"] == "failed");
    CHECK(ValueOf(mirror, "Results").rfind("4 results (", 0) == 0);
    for (const char* name : {"fail-zero", "fail-value", "fail-custom"}) CHECK(ItemNamed(mirror, name));
    CHECK_FALSE(ItemNamed(mirror, "sink-uncle-idaho-pizza"));  // ReportError's failure from before

    ui::ShowComparison(app);
    Render(app, 2);
    app.mirror.RequestActivation("demoapp.tasks.ReportError: report generation failed: upstream timeout");
    mirror = Render(app, 4);
    CHECK(mirror["view"] == "failed");
    CHECK(ValueOf(mirror, "Results").rfind("2 results (", 0) == 0);

    ui::ShowComparison(app);
    Render(app, 2);
    app.mirror.RequestActivation("Schedule 17 cron-every-5");
    mirror = Render(app, 3);
    CHECK(mirror["view"] == "schedule");
    CHECK(app.schedule_editor.id == 17);
}

TEST_CASE("compare: an edit of the working copy is compared again, and a broken file is refused while the comparison stays") {
    NullImGui imgui;
    ui::ChooseZone("UTC");
    ui::App app = ComparedApp();
    // Resubmitting fail-zero deletes it: one new failure fewer, and its group has none new.
    REQUIRE(core::DeleteTasks(*app.current, {"1f7a43f516af427c8bec65aab91fe0f0"}));
    ui::AfterChange(app);
    for (int frame = 0; frame < 200 && (ui::Comparing(app) || frame < 2); ++frame) Render(app, 1);
    auto mirror = Render(app, 2);
    CHECK(ItemNamed(mirror, "New failures (3)"));
    CHECK(ItemNamed(mirror, "in 2 failure groups, 0 of them new"));

    const std::string junk = "not an export";
    ui::OpenComparison(app, "junk.txt", core::AsBytes(junk));
    mirror = Render(app, 2);
    REQUIRE(app.open_error);
    CHECK(app.open_error->source == "junk.txt");
    CHECK(ItemNamed(mirror, "From yesterday.sqlite3 (older) to today.sqlite3 (this working copy)"));

    app.mirror.RequestActivation("Close comparison");
    mirror = Render(app, 2);
    CHECK_FALSE(app.comparison);
    CHECK(mirror["view"] == "overview");
    CHECK_FALSE(ItemNamed(mirror, "Compare"));  // the tab goes with it; the top bar's button stays
    const int requests = null_platform.comparison_requests;
    app.mirror.RequestActivation("Compare…");
    Render(app, 2);
    CHECK(null_platform.comparison_requests == requests + 1);
}

TEST_CASE("compare: an older export the platform kept is reopened when the Compare page shows, and closing forgets it") {
    NullImGui imgui;
    ui::ChooseZone("UTC");
    ui::App app;
    core::Export today = Today();
    ui::OpenBytes(app, "today.sqlite3", today.db.Serialize().value());
    // The browser kept yesterday's from the last visit: the tab offers it, nothing is read yet.
    ui::ComparisonKept(app, "yesterday.sqlite3");
    const int restores = null_platform.comparison_restores;
    auto mirror = Render(app, 2);
    CHECK(ItemNamed(mirror, "Compare"));
    CHECK(null_platform.comparison_restores == restores);

    // A reload on #/compare: the page asks for it once, and says so while it comes.
    ui::GoToLocation(app, "#/compare");
    mirror = Render(app, 3);
    CHECK(null_platform.comparison_restores == restores + 1);
    CHECK(ItemNamed(mirror, "Reopening yesterday.sqlite3, the older export kept from your last visit…"));
    // Meanwhile the user went elsewhere: it arrives without taking them back, and is compared on return.
    ShowList(app, ui::Page::Failed);
    Render(app, 2);
    core::Export yesterday = Yesterday();
    ui::OpenComparison(app, "yesterday.sqlite3", yesterday.db.Serialize().value());
    CHECK(app.page == ui::Page::Failed);
    app.mirror.RequestActivation("Compare");
    for (int frame = 0; frame < 200 && (ui::Comparing(app) || frame < 2); ++frame) Render(app, 1);
    mirror = Render(app, 2);
    CHECK(ItemNamed(mirror, "New failures (4)"));

    const int forgotten = null_platform.comparisons_forgotten;
    app.mirror.RequestActivation("Close comparison");
    mirror = Render(app, 2);
    CHECK(null_platform.comparisons_forgotten == forgotten + 1);
    CHECK_FALSE(ItemNamed(mirror, "Compare"));

    // A kept file that cannot be read back is said, and not offered again.
    ui::ComparisonKept(app, "gone.sqlite3");
    ui::KeptComparisonFailed(app, "gone.sqlite3", "cannot read it back from this browser: this browser no longer keeps it");
    mirror = Render(app, 2);
    REQUIRE(app.open_error);
    CHECK(app.open_error->source == "gone.sqlite3");
    CHECK_FALSE(ItemNamed(mirror, "Compare"));
    CHECK(null_platform.comparisons_forgotten == forgotten + 2);
}
