#include "ui/overview/overview.h"

#include <imgui.h>

#include "ui/app/app.h"
#include "ui/app/time_display.h"
#include "ui/overview/dashboard.h"
#include "ui/theme/theme.h"
#include "ui/widgets/widgets.h"

namespace ui {

void DrawOverview(App& app, OverviewView& view) {
    Mirror& mirror = app.mirror;
    if (!app.current || !app.summary) {
        Heading(mirror, "No database open");
        TextMuted(mirror, "Open a Django Q SQLite file, or drop one onto this window.");
        return;
    }
    const core::Export& current = *app.current;
    const core::Summary& summary = *app.summary;

    Heading(mirror, current.source);
    Value(mirror, "Django Q version", core::VariantLabel(current.schema));
    ImGui::Spacing();

    const float spacing = ImGui::GetStyle().ItemSpacing.x;
    const float width = (ImGui::GetContentRegionAvail().x - 3 * spacing) / 4.0f;
    const float card_width = width < 150.0f ? 150.0f : width;
    // Tasks are counted in steps after an open (a frame each): their cards say so until they are.
    const auto task_count = [&](std::int64_t count) { return summary.tasks_counted ? std::optional<long long>(count) : std::nullopt; };
    if (CountCard(mirror, "Successful tasks", task_count(summary.successful), theme::Colors().success, card_width)) ShowList(app, Page::Successful);
    ImGui::SameLine();
    if (CountCard(mirror, "Failed tasks", task_count(summary.failed), theme::Colors().failure, card_width)) ShowList(app, Page::Failed);
    ImGui::SameLine();
    CountCard(mirror, "Scheduled tasks", summary.schedules, theme::Colors().schedule, card_width);
    ImGui::SameLine();
    if (CountCard(mirror, "Queued tasks", summary.queued, theme::Colors().queue, card_width) && current.schema.has_ormq) ShowQueue(app);
    ImGui::Spacing();
    DrawChangesSinceLastLoad(app);

    if (!summary.tasks_counted) {
        const std::int64_t read = app.counting_tasks ? app.counting_tasks->rows_read() : 0;
        TextMuted(mirror, "Counting tasks: " + GroupThousands(read) + " read so far…");
    } else if (summary.first_started && summary.last_stopped) {
        Value(mirror, "Tasks from", FormatShown(app, core::ParseDjangoDatetime(*summary.first_started)));
        Value(mirror, "Tasks until", FormatShown(app, core::ParseDjangoDatetime(*summary.last_stopped)));
    } else {
        TextMuted(mirror, "This export holds no tasks.");
    }
    if (!current.schema.has_ormq) TextMuted(mirror, "No ORM broker table: this server does not queue through the database.");
    if (app.is_demo)
        TextMuted(mirror, "This is the built-in demo database. Open your own export (a Django SQLite file) to inspect it.");
    ImGui::Spacing();
    DrawDashboard(app, view);
}

}  // namespace ui
