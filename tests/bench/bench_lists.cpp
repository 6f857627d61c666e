// The task lists at scale: what each query the Successful and Failed pages run costs on a large
// export. A frame has about 16 ms; anything slower is felt.
#include <functional>

#include "bench.h"
#include "core/demo/demo.h"
#include "core/model/decoded_value.h"
#include "core/model/task_query.h"
#include "core/model/value_search.h"

namespace bench {
namespace {

// Runs `query` and reports its time in ms (the best of three, as a warm page cache would see it).
// `detail` is read after the runs, so it can describe what they found.
template <typename Query>
void Time(const std::string& name, Query&& query, const std::function<std::string()>& detail = {}) {
    double best = 1e9;
    for (int i = 0; i < 3; ++i) {
        Stopwatch watch;
        query();
        best = std::min(best, watch.Seconds());
    }
    Report(name, best * 1000, "ms", detail ? detail() : "");
}

// Makes the index `query` needs, reporting how long the one-time wait is.
void Index(core::Export& e, const core::TaskQuery& query) {
    const std::string index = core::TaskIndexFor(e.schema, query);
    if (index.empty() || core::HasTaskIndex(e, index).value()) return;
    Stopwatch watch;
    if (auto made = core::CreateTaskIndex(e, index); !made) std::printf("%s\n", made.error().Describe().c_str());
    Report("index: create " + index, watch.Seconds() * 1000, "ms", "once per working copy");
}

}  // namespace

void BenchLists(const Options& options) {
    auto demo = DemoExport(options.tasks);
    if (!demo) return;
    core::Export& e = *demo;

    core::TaskQuery query;  // Successful, -stopped
    query.limit = 128;
    std::int64_t matching = 0;
    const auto results = [&] { return std::to_string(matching) + " results"; };
    Time("no index: first page, -stopped", [&] { (void)core::QueryTasks(e, query); });
    query.offset = 475'000;
    Time("no index: middle page, -stopped", [&] { (void)core::QueryTasks(e, query); }, [] { return "offset 475000"; });
    query.offset = 0;

    Index(e, query);
    Time("lists: count successful", [&] { matching = core::CountTasks(e, query).value(); }, results);
    Time("lists: first page, -stopped", [&] { (void)core::QueryTasks(e, query); });
    query.offset = matching / 2;
    Time("lists: middle page, -stopped", [&] { (void)core::QueryTasks(e, query); }, [&] { return "offset " + std::to_string(query.offset); });
    query.offset = matching - 128;
    Time("lists: last page, -stopped", [&] { (void)core::QueryTasks(e, query); });
    query.offset = 0;
    for (auto [column, name] : {std::pair{core::TaskColumn::Name, "name"}, std::pair{core::TaskColumn::Func, "func"},
                                std::pair{core::TaskColumn::TimeTaken, "time_taken"}, std::pair{core::TaskColumn::Started, "started"}}) {
        query.sort = column;
        Index(e, query);
        Time(std::string("lists: first page, sort by ") + name, [&] { (void)core::QueryTasks(e, query); });
    }
    query.sort = core::TaskColumn::Stopped;
    query.search = "shop";
    Time("lists: search \"shop\", count (scan)", [&] { matching = core::CountTasks(e, query).value(); }, results);
    Time("lists: search \"shop\", first page", [&] { (void)core::QueryTasks(e, query); });
    query.search = "no-such-word";
    Time("lists: search with no match, first page", [&] { (void)core::QueryTasks(e, query); });
    query.search.clear();
    std::vector<core::ValueCount> groups;
    core::TaskQuery grouped = query;
    grouped.group = "";
    Index(e, grouped);
    Time("lists: group choices with counts", [&] { groups = core::CountByValue(e, core::TaskKind::Successful, core::FilterColumn::Group).value(); },
         [&] { return std::to_string(groups.size()) + " groups"; });
    for (const auto& group : groups)
        if (group.value) query.group = group.value;  // the smallest named group, last in the list
    Time("lists: group filter, count", [&] { matching = core::CountTasks(e, query).value(); }, results);
    Time("lists: group filter, first page", [&] { (void)core::QueryTasks(e, query); });
    query.group.reset();
    query.kind = core::TaskKind::Failed;
    Time("lists: failed count", [&] { matching = core::CountTasks(e, query).value(); }, results);
    Time("lists: failed first page + short results", [&] {
        for (const auto& row : core::QueryTasks(e, query).value()) (void)core::ShortResult(row.result);
    });

    // Search in decoded values: the one-time decoding, in the app's steps (ui::TickValueSearch) and
    // in one pass (djq tasks --in-values), then queries.
    Stopwatch stepped;
    auto progress = core::ValueSearchStatus(e);
    while (progress && !progress->complete) progress = core::IndexDecodedValues(e, progress.value(), core::kValueSearchStep);
    if (!progress) return (void)std::printf("value search failed: %s\n", progress.error().Describe().c_str());
    Report("value search: decode + index, in the app's steps", options.tasks / stepped.Seconds(), "tasks/s",
           std::to_string(core::kValueSearchStep) + " tasks a step, " + std::to_string(stepped.Seconds()) + " s once");
    (void)e.db.Exec("DROP TABLE djq_task_text");
    Stopwatch decode;
    const auto indexed = core::IndexDecodedValues(e, core::ValueSearchStatus(e).value(), options.tasks + 1);
    if (!indexed) return (void)std::printf("value search failed: %s\n", indexed.error().Describe().c_str());
    Report("value search: decode + index every task, one pass", options.tasks / decode.Seconds(), "tasks/s", std::to_string(decode.Seconds()) + " s once");
    query = core::TaskQuery();
    query.limit = 128;
    query.search_values = true;
    query.search = "ch_2097";  // a charge reference, only in results
    Time("value search: count \"ch_2097\"", [&] { matching = core::CountTasks(e, query).value(); }, results);
    Time("value search: first page", [&] { (void)core::QueryTasks(e, query); });
}

}  // namespace bench
