#include "ui/app/export_rows.h"

#include <imgui.h>

#include "ui/app/app.h"
#include "ui/app/working_copy_menu.h"
#include "ui/widgets/widgets.h"

namespace ui {

void DrawExportRows(App& app, long long rows, const std::string& list, const RowsWriting& write) {
    SameLineIfFits(ButtonWidth("Export rows…"));
    if (Button(app.mirror, "Export rows…")) ImGui::OpenPopup("export rows");
    if (!ImGui::BeginPopup("export rows")) return;
    TextMuted(app.mirror, GroupThousands(rows) + " rows, the shown columns, times in UTC as stored");
    for (const auto& [label, format] : {std::pair{"CSV", core::RowsFormat::Csv}, std::pair{"JSON", core::RowsFormat::Json}}) {
        if (!Option(app.mirror, label, false)) continue;
        const core::RowsFormat chosen = format;  // a lambda cannot capture a structured binding in clang 14
        OfferFile(app, BaseName(app.current->source) + "-" + list + core::RowsFormatExtension(chosen),
                  [&](const core::TextSink& sink) { return write(chosen, sink); });
        ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
}

}  // namespace ui
