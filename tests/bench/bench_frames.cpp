// djq_frame_bench --db FILE [--json]: the app's frames on a large export, drawn with ImGui's null
// backend (no window, no GPU: the CPU time of building a frame, which is what the browser waits
// on). Opens the export as the app does, then times every frame of: loading the search index in
// the background, the Successful list's first page, idle frames, scrolling with the mouse wheel,
// and typing 1-, 3- and 10-character searches one key per frame. Prints p50 / p95 / max per phase
// and the peak memory. The same program runs under node in the web build (tests/bench/compare.py).
#include <algorithm>
#include <cmath>
#include <cstring>
#include <fstream>
#include <vector>

#include <imgui.h>
#include <nlohmann/json.hpp>

#include "bench.h"
#include "core/model/task_edits.h"
#include "core/model/task_search.h"
#include "null_context.h"
#include "platform_null.h"
#include "ui/app/app.h"
#include "ui/tasks/task_list.h"

#ifdef __EMSCRIPTEN__
#else
#endif

namespace {

using bench::Stopwatch;

double Percentile(std::vector<double> values, double p) {
    if (values.empty()) return 0;
    std::sort(values.begin(), values.end());
    const auto rank = static_cast<std::size_t>(std::ceil(p / 100.0 * static_cast<double>(values.size())));
    return values[std::min(values.size(), std::max<std::size_t>(rank, 1)) - 1];
}

// One frame as the platforms draw it, minus the GPU: its CPU time in milliseconds.
double Frame(ui::App& app) {
    Stopwatch watch;
    test::LoadNullFonts();
    ImGui::NewFrame();
    ui::DrawFrame(app);
    ImGui::Render();
    return watch.Seconds() * 1000;
}

struct Phase {
    std::string name;
    std::vector<double> ms;
};

void Print(const Phase& phase, bool json, const char* impl) {
    if (json) {
        std::printf("%s\n", nlohmann::json({{"kind", "frames"}, {"impl", impl}, {"phase", phase.name}, {"frames", phase.ms.size()},
                                            {"p50_ms", Percentile(phase.ms, 50)}, {"p95_ms", Percentile(phase.ms, 95)},
                                            {"max_ms", Percentile(phase.ms, 100)}})
                                .dump()
                                .c_str());
        return;
    }
    bench::Report(std::string(impl) + ": " + phase.name, Percentile(phase.ms, 50), "ms",
                  "p50; p95 " + std::to_string(Percentile(phase.ms, 95)) + ", max " + std::to_string(Percentile(phase.ms, 100)) +
                      " over " + std::to_string(phase.ms.size()) + " frames");
}

nlohmann::json Mirror(const ui::App& app) { return nlohmann::json::parse(app.mirror.ToJson()); }

// The last row drawn (the clipper always draws row 0 too, to measure it).
std::string LastRowName(const ui::App& app) {
    const nlohmann::json mirror = Mirror(app);  // kept: the loop must not walk a destroyed temporary
    std::string last = "(no row)";
    for (const auto& item : mirror["items"])
        if (item["role"] == "row") last = item.value("name", "");
    return last;
}

// The first row drawn.
std::string FirstRowName(const ui::App& app) {
    const nlohmann::json mirror = Mirror(app);
    for (const auto& item : mirror["items"])
        if (item["role"] == "row") return item.value("name", "");
    return "(no row)";
}

// "N results (M total)", as the list says it.
std::string Results(const ui::App& app) {
    const nlohmann::json mirror = Mirror(app);  // kept: the loop must not walk a destroyed temporary
    for (const auto& item : mirror["items"])
        if (item["name"] == "Results") return item.value("value", "");
    return "(no count)";
}

}  // namespace

int main(int argc, char** argv) {
    std::string db;
    bool json = false;
    for (int i = 1; i < argc; ++i) {
        if (!std::strcmp(argv[i], "--json")) json = true;
        else if (!std::strcmp(argv[i], "--db") && i + 1 < argc) db = argv[++i];
    }
    if (db.empty()) return std::printf("usage: djq_frame_bench --db FILE [--json]\n"), 2;
#ifdef __EMSCRIPTEN__
    const char* impl = "djq-wasm";
#else
    const char* impl = "djq-native";
#endif
    // As the web app does: the file's bytes go into a buffer the working copy then owns.
    std::ifstream in(db, std::ios::binary | std::ios::ate);
    if (!in) return std::printf("cannot read %s\n", db.c_str()), 1;
    const auto size = static_cast<std::size_t>(in.tellg());
    auto buffer = core::FileBuffer::Allocate(size);
    if (!buffer) return std::printf("not enough memory for %s\n", db.c_str()), 1;
    in.seekg(0);
    in.read(reinterpret_cast<char*>(buffer->data()), static_cast<std::streamsize>(size));

    test::CreateNullImGuiContext();
    test::null_platform.keep_bytes = false;  // the app hands out what changed; keeping it is the browser's cost (browser_bench.js)
    ImGuiIO& io = ImGui::GetIO();

    ui::App app;
    Stopwatch open;
    ui::OpenBuffer(app, db, std::move(*buffer));
    if (!app.current) return std::printf("open failed: %s\n", app.open_error ? app.open_error->error.Describe().c_str() : "?"), 1;
    Phase opening{"open the export (into the working copy + first-screen counts)", {open.Seconds() * 1000}};

    // The user goes straight to the Successful tab: it reads its first page from the table in steps
    // while the search index loads (frames drawn meanwhile), shows it, and takes the index when ready.
    Phase loading{"frames until the first page and while the search index loads and sorts", {}};
    app.mirror.RequestActivation("Successful");
    while (LastRowName(app) == "(no row)" && ui::IsBusy(app)) loading.ms.push_back(Frame(app));
    Phase first_page{"open -> the Successful list's first page on screen (total)", {open.Seconds() * 1000}};
    if (!json) std::printf("first page: %s, first row '%s'\n", Results(app).c_str(), FirstRowName(app).c_str());
    while (ui::IsBusy(app)) loading.ms.push_back(Frame(app));
    Frame(app);
    Phase index_ready{"open -> the search index loaded and sorted (total)", {open.Seconds() * 1000}};
    if (!json) std::printf("list after loading: %s, first row '%s'\n", Results(app).c_str(), FirstRowName(app).c_str());
    Phase idle{"idle frames on the list", {}};
    for (int i = 0; i < 120; ++i) idle.ms.push_back(Frame(app));

    const std::string top_before = LastRowName(app);
    Phase scrolling{"scrolling the list (mouse wheel, a notch per frame)", {}};
    io.AddMousePosEvent(640, 500);
    for (int i = 0; i < 600; ++i) {
        io.AddMouseWheelEvent(0, -1);
        scrolling.ms.push_back(Frame(app));
    }
    // A benchmark of frames that drew nothing would flatter: say what the list showed.
    if (!json)
        std::printf("list: %s, %d vertices; last row '%s' before scrolling, '%s' after\n",
                    Results(app).c_str(), ImGui::GetDrawData()->TotalVtxCount, top_before.c_str(), LastRowName(app).c_str());

    // Every other order, as a click on its header asks: sorted in steps the first time. One line per
    // column: the frames while it sorts, then the time from the click to the list on screen.
    // As a click on a header does.
    const auto sort_by = [&](core::TaskColumn column, bool descending) {
        app.successful.query.sort = column;
        app.successful.query.descending = descending;
        app.successful.sort_changed_outside = true;
        ui::QueryChanged(app.successful);
    };
    std::vector<Phase> sorts;
    const std::pair<core::TaskColumn, const char*> columns[] = {
        {core::TaskColumn::Name, "name"}, {core::TaskColumn::Group, "group"}, {core::TaskColumn::Func, "func"},
        {core::TaskColumn::Cluster, "cluster"}, {core::TaskColumn::Started, "started"}, {core::TaskColumn::TimeTaken, "time taken"},
        {core::TaskColumn::AttemptCount, "attempts"}};
    for (const auto& [column, label] : columns) {
        Phase frames{std::string("sort by ") + label + ", first time: frames while it sorts", {}};
        Stopwatch watch;
        sort_by(column, false);
        frames.ms.push_back(Frame(app));
        while (ui::IsBusy(app)) frames.ms.push_back(Frame(app));
        Frame(app);
        sorts.push_back(std::move(frames));
        sorts.push_back(Phase{std::string("sort by ") + label + ", first time: click -> list on screen (total)", {watch.Seconds() * 1000}});
        if (!json) std::printf("sorted by %s: %s, last row '%s'\n", label, Results(app).c_str(), LastRowName(app).c_str());
    }
    sort_by(core::TaskColumn::Stopped, true);
    Frame(app);

    std::vector<Phase> typing;
    for (const char* term : {"e", "inv", "batch-1042"}) {
        Phase phase{std::string("typing '") + term + "', one key per frame (count + first page + draw)", {}};
        std::string typed;
        for (const char* c = term; *c; ++c) {
            typed += *c;
            app.successful.search = app.successful.query.search = typed;  // as the search field's edit does
            ui::QueryChanged(app.successful);
            phase.ms.push_back(Frame(app));
        }
        for (int i = 0; i < 2; ++i) Frame(app);
        app.successful.search = app.successful.query.search = "";
        ui::QueryChanged(app.successful);
        Frame(app);
        typing.push_back(std::move(phase));
    }

    // An edit: journalled, then the counts, and the changed chunks handed to the platform to keep
    // (PagedFile); then the frames until the list shows the change and the app is idle again.
    Phase edit{"delete one task: journal + counts + keep the changes", {}};
    Phase edit_shown{"delete one task -> list on screen, app idle (total)", {}};
    Phase edit_frames{"delete one task: frames until idle", {}};
    for (int i = 0; i < 3; ++i) {
        const ui::ListedTask* row = app.successful.pages.Row(*app.current, app.successful.query, 0);
        if (!row) break;
        Stopwatch watch;
        const auto deleted = core::DeleteTasks(*app.current, {row->row.id});
        ui::AfterChange(app);
        edit.ms.push_back(watch.Seconds() * 1000);
        if (!deleted) break;
        edit_frames.ms.push_back(Frame(app));
        while (ui::IsBusy(app)) edit_frames.ms.push_back(Frame(app));
        edit_shown.ms.push_back(watch.Seconds() * 1000);
    }

    for (const Phase* phase : {&opening, &loading, &first_page, &index_ready, &idle, &scrolling}) Print(*phase, json, impl);
    for (const Phase& phase : sorts) Print(phase, json, impl);
    for (const Phase* phase : {&edit, &edit_frames, &edit_shown}) Print(*phase, json, impl);
    for (const Phase& phase : typing) Print(phase, json, impl);
    const double search_mb = app.current->task_search ? static_cast<double>(app.current->task_search->index().MemoryBytes()) / 1e6 : 0;
    if (json)
        std::printf("%s\n", nlohmann::json({{"kind", "memory"}, {"impl", impl}, {"peak_mb", bench::PeakMegabytes()}, {"search_index_mb", search_mb}}).dump().c_str());
    else
        bench::Report(std::string(impl) + ": peak memory", bench::PeakMegabytes(), "MB", "search index " + std::to_string(static_cast<int>(search_mb)) + " MB of it");
    ImGui::DestroyContext();
    return 0;
}
