#include <catch2/catch.hpp>

#include "core/demo/demo.h"
#include "core/model/summary.h"
#include "core/model/task_edits.h"
#include "core/model/task_query.h"
#include "core/model/task_search.h"
#include "core/sync/journal.h"
#include "test_fixtures.h"

using namespace core;

namespace {

Export Demo(std::int64_t tasks) {
    DemoOptions options;
    options.tasks = tasks;
    return test::MakeDemoExport(options);
}

void AttachAndLoad(Export& e) {
    REQUIRE(AttachTaskSearch(e));
    REQUIRE(ReadyTaskSearch(e) == nullptr);
    // Small steps, so the load resumes many times.
    while (!LoadTaskSearch(e, 997).value()) {}
    REQUIRE(ReadyTaskSearch(e) != nullptr);
}

// What a list shows for a query: its count, a page of ids and every matching id.
struct Listed {
    std::int64_t count = 0;
    std::vector<std::string> page, all;
    bool operator==(const Listed&) const = default;
};

Listed List(Export& e, const TaskQuery& query) {
    Listed listed;
    listed.count = CountTasks(e, query).value();
    for (const auto& row : QueryTasks(e, query).value()) listed.page.push_back(row.id);
    listed.all = MatchingTaskIds(e, query).value();
    return listed;
}

std::string Describe(const TaskQuery& q) {
    return "search '" + q.search + "' " + (q.kind == TaskKind::Successful ? "successful" : q.kind == TaskKind::Failed ? "failed" : "all") + " group " +
           q.group.value_or("-") + " cluster " + q.cluster.value_or("-") + " func " + q.func.value_or("-") + (q.among ? " among" : "") + " from " + q.stopped_from.value_or("-") + " sort " +
           std::to_string(static_cast<int>(q.sort)) + (q.descending ? " desc" : " asc") + " offset " + std::to_string(q.offset);
}

// Queries covering words (common, rare, quoted, wildcards, case, none), both lists, the exact
// filters, a date range, two orders and a page deep into the list.
std::vector<TaskQuery> Queries(Export& e) {
    auto any = e.db.Prepare(std::string("SELECT \"group\", ") + (e.schema.task_cluster ? "cluster" : "NULL") +
                            ", stopped, name FROM django_q_task WHERE \"group\" IS NOT NULL ORDER BY rowid LIMIT 1");
    REQUIRE(any->Step().value());
    const std::string group(any->Text(0)), stopped(any->Text(2)), name(any->Text(3));
    const auto cluster = any->OptionalText(1);
    std::vector<TaskQuery> queries;
    // One task by its name, in an order SQL keeps (time taken): its row is read by rowid.
    TaskQuery one;
    one.search = "\"" + name + "\"";
    one.sort = TaskColumn::TimeTaken;
    queries.push_back(one);
    // Every order (both directions), paged deep, with a started range.
    for (TaskColumn column : {TaskColumn::Name, TaskColumn::Group, TaskColumn::Func, TaskColumn::Cluster, TaskColumn::Started,
                              TaskColumn::Stopped, TaskColumn::TimeTaken, TaskColumn::AttemptCount})
        for (bool descending : {false, true})
            for (const char* search : {"", "e"}) {
                TaskQuery q;
                q.search = search;
                q.sort = column;
                q.descending = descending;
                q.offset = 7;
                q.limit = 30;
                queries.push_back(q);
                q.started_from = stopped;
                queries.push_back(q);
            }
    for (const char* search : {"", "e", "ECHO", "inv", "tasks.", "a e", "\"ma\" 'ti'", "%", "_", "\"\"", "no-such-word", group.c_str()})
        for (TaskKind kind : {TaskKind::Successful, TaskKind::Failed, TaskKind::All})
            for (int shape = 0; shape < 3; ++shape) {
                TaskQuery q;
                q.kind = kind;
                q.search = search;
                q.limit = 25;
                if (shape == 1) {
                    q.sort = TaskColumn::Name;
                    q.descending = false;
                    q.offset = 40;
                }
                if (shape == 2) q.stopped_from = stopped;
                queries.push_back(q);
            }
    for (const std::optional<std::string>& g : {std::optional<std::string>(group), std::optional<std::string>(""), std::optional<std::string>("no-such-group")})
        for (const char* search : {"", "e"}) {
            TaskQuery q;
            q.group = g;
            q.search = search;
            queries.push_back(q);
            if (cluster) {
                q.cluster = cluster;
                queries.push_back(q);
            }
        }
    TaskQuery other_cluster;
    other_cluster.cluster = "no-such-cluster";
    other_cluster.search = "e";
    queries.push_back(other_cluster);
    // The dashboard's links: one func's tasks, and a failure group's (some rowids, a missing one too).
    auto func = e.db.Prepare("SELECT func FROM django_q_task ORDER BY rowid LIMIT 1");
    REQUIRE(func->Step().value());
    auto some = e.db.Prepare("SELECT rowid FROM django_q_task WHERE rowid % 3 = 1 ORDER BY rowid LIMIT 40");
    auto among = std::make_shared<std::vector<std::int64_t>>(some->Ints().value());
    among->push_back(1'000'000'000);
    for (TaskKind kind : {TaskKind::Successful, TaskKind::Failed, TaskKind::All})
        for (const char* search : {"", "e"}) {
            TaskQuery q;
            q.kind = kind;
            q.search = search;
            q.func = std::string(func->Text(0));
            queries.push_back(q);
            q.func = "no-such.func";
            queries.push_back(q);
            q.func.reset();
            q.among = among;
            queries.push_back(q);
            q.sort = TaskColumn::Name;
            q.offset = 3;
            queries.push_back(q);
        }
    return queries;
}

std::vector<ValueCount> Choices(Export& e, TaskKind kind, FilterColumn column) { return CountByValue(e, kind, column).value(); }

void CheckIndexAgreesWithSql(Export& e, bool orderable = true) {
    const auto queries = Queries(e);
    std::vector<Listed> by_sql;
    DetachTaskSearch(e);
    for (const auto& q : queries) by_sql.push_back(List(e, q));
    const auto groups = Choices(e, TaskKind::Successful, FilterColumn::Group);
    const auto clusters = Choices(e, TaskKind::Failed, FilterColumn::Cluster);
    const auto all_groups = Choices(e, TaskKind::All, FilterColumn::Group);
    AttachAndLoad(e);
    CHECK(e.task_search->index().ordered(OrderColumn::Stopped) == orderable);
    // Once with only the default order built (the others' queries use SQL and the selection), once
    // with every order built.
    for (int round = 0; round < 2; ++round) {
        for (std::size_t i = 0; i < queries.size(); ++i) {
            INFO(Describe(queries[i]) << " round " << round);
            CHECK(List(e, queries[i]) == by_sql[i]);
        }
        for (std::size_t c = 0; c < kOrderColumns; ++c) e.task_search->index().RequestOrder(static_cast<OrderColumn>(c));
        while (!LoadTaskSearch(e, 997).value()) {}
    }
    CHECK(e.task_search->index().ordered(OrderColumn::Name));  // ids alone decide whether names can order
    CHECK(Choices(e, TaskKind::Successful, FilterColumn::Group) == groups);
    CHECK(Choices(e, TaskKind::Failed, FilterColumn::Cluster) == clusters);
    CHECK(Choices(e, TaskKind::All, FilterColumn::Group) == all_groups);
}

// The newest `limit` successful ids as SQL orders them.
std::vector<std::string> NewestBySql(Export& e, int limit) {
    auto stmt = e.db.Prepare("SELECT id FROM django_q_task WHERE success = 1 ORDER BY stopped DESC, id DESC LIMIT ?1");
    stmt->Bind(1, std::int64_t{limit});
    std::vector<std::string> ids;
    while (stmt->Step().value()) ids.emplace_back(stmt->Text(0));
    return ids;
}

}  // namespace

TEST_CASE("the search index lists, counts and selects exactly what SQL does") {
    for (const char* fixture : {"djq1-1.3.9.sqlite3", "djq2-latest.sqlite3"}) {
        INFO(fixture);
        Export e = test::OpenFixtureCopy(fixture);
        CheckIndexAgreesWithSql(e);
    }
    // Enough tasks for both ways of reading a selection: rare words read their rows by rowid,
    // common ones walk the order index.
    Export demo = Demo(8'000);
    CheckIndexAgreesWithSql(demo);
}

TEST_CASE("the in-memory order is SQL's, ties and later changes included, and steps aside for other date forms") {
    Export e = Demo(5'000);
    // Ties on stopped are ordered by id, in both directions.
    REQUIRE(e.db.Exec("UPDATE django_q_task SET stopped = '2026-11-24 11:59:59' WHERE rowid % 5 = 0"));
    AttachAndLoad(e);
    REQUIRE(e.task_search->index().ordered(OrderColumn::Stopped));
    TaskQuery newest;
    newest.limit = 300;
    std::vector<std::string> page;
    for (const auto& row : QueryTasks(e, newest).value()) page.push_back(row.id);
    CHECK(page == NewestBySql(e, 300));
    // Rows changed after the order was built (a tail merged into it) keep it right.
    REQUIRE(e.db.Exec("UPDATE django_q_task SET stopped = '2026-11-24 11:59:59.500000' WHERE rowid % 7 = 0"));
    REQUIRE(e.task_search->index().ordered(OrderColumn::Stopped));
    page.clear();
    for (const auto& row : QueryTasks(e, newest).value()) page.push_back(row.id);
    CHECK(page == NewestBySql(e, 300));
    // One in another form ("…59.5" sorts after "…59.500000" as text, not as time) ends it.
    REQUIRE(e.db.Exec("UPDATE django_q_task SET stopped = '2026-11-24 11:59:59.5' WHERE rowid = 3"));
    CHECK_FALSE(e.task_search->index().ordered(OrderColumn::Stopped));
    page.clear();
    for (const auto& row : QueryTasks(e, newest).value()) page.push_back(row.id);
    CHECK(page == NewestBySql(e, 300));

    // A stopped not in Django's form ('T', no fraction digits rule) would order differently as text
    // and as time: the lists keep to SQL, with the same results.
    Export odd = Demo(3'000);
    REQUIRE(odd.db.Exec("UPDATE django_q_task SET stopped = replace(stopped, ' ', 'T') WHERE rowid % 3 = 0"));
    CheckIndexAgreesWithSql(odd, false);
}

TEST_CASE("the search index follows deletes, undo, updates and rollbacks") {
    Export e = Demo(3'000);
    AttachAndLoad(e);
    TaskQuery query;
    query.search = "e";
    const auto before = List(e, query);
    REQUIRE(before.count > 100);

    const std::vector<std::string> gone(before.all.begin(), before.all.begin() + 100);
    REQUIRE(DeleteTasks(e, gone).value() == 100);
    REQUIRE(ReadyTaskSearch(e) != nullptr);
    CHECK(List(e, query).count == before.count - 100);
    REQUIRE(UndoLastBatch(e.db));
    CHECK(List(e, query) == before);

    // An update is seen at once: the renamed task matches a new word.
    REQUIRE(e.db.Exec("UPDATE django_q_task SET name = 'Renamed-XYZZY' WHERE id = '" + before.all[0] + "'"));
    query.search = "xyzzy";
    CHECK(List(e, query).all == std::vector<std::string>{before.all[0]});

    // A rolled-back change leaves the index to load again, then right.
    REQUIRE(e.db.Exec("BEGIN; DELETE FROM django_q_task WHERE name LIKE '%e%'; ROLLBACK;"));
    REQUIRE(ReadyTaskSearch(e) == nullptr);
    CHECK(List(e, query).all == std::vector<std::string>{before.all[0]});  // plain SQL meanwhile
    while (!LoadTaskSearch(e, 1000).value()) {}
    CHECK(List(e, query).all == std::vector<std::string>{before.all[0]});

    // The first screen's figures come from the index, equal to a pass over the table.
    const Summary from_index = Summarize(e).value();
    auto search = e.task_search;
    e.task_search.reset();  // held by the functions still; Summarize no longer sees it
    const Summary from_sql = Summarize(e).value();
    e.task_search = search;
    CHECK(from_index.successful == from_sql.successful);
    CHECK(from_index.failed == from_sql.failed);
    CHECK(from_index.first_started == from_sql.first_started);
    CHECK(from_index.last_stopped == from_sql.last_stopped);

    // Detaching leaves no trigger or function behind.
    DetachTaskSearch(e);
    CHECK(e.db.Exec("DELETE FROM django_q_task WHERE id = '" + before.all[1] + "'"));
    CHECK_FALSE(e.db.Exec("SELECT djq_task_match(1)"));
}

TEST_CASE("the search index folds ASCII only, stops at NUL, and keeps sparse rowids") {
    TaskSearchIndex index;
    auto task = [](std::int64_t rowid, std::string_view name, std::optional<std::string_view> group = std::nullopt) {
        SearchableTask t;
        t.rowid = rowid;
        t.successful = true;
        t.name = name;
        t.func = "app.tasks.Run";
        t.group = group;
        return t;
    };
    index.Load(task(5, "Alpha"));
    index.Load(task(10'000'000, std::string_view("Caf\xC3\x89-beta\0hidden", 17), "G1"));  // É, then a NUL
    index.Load(task(10'000'001, "caf\xC3\xA9"));  // é
    index.MarkComplete();
    const auto select = [&](std::vector<std::string> words, std::optional<std::string> group = std::nullopt) {
        TaskSearchCriteria criteria;
        criteria.words = std::move(words);
        criteria.group = std::move(group);
        return index.Select(criteria);
    };
    CHECK(select({"ALPHA"}) == 1);
    CHECK(index.Selected(5));
    CHECK_FALSE(index.Selected(6));
    CHECK(select({"CAF"}) == 2);                // ASCII letters fold
    CHECK(select({"caf\xC3\xA9"}) == 1);        // é does not match É, as in SQLite's LIKE
    CHECK(select({"hidden"}) == 0);             // past the NUL
    CHECK(select({"run"}) == 3);                // the func
    CHECK(select({"g1"}) == 1);                 // the group
    CHECK(select({""}) == 3);                   // LIKE '%%'
    CHECK(select({"e"}) == 1);                  // one byte: "beta" only
    CHECK(select({"z"}) == 0);                  // a byte no name holds
    CHECK(select({"haca"}) == 0);               // every byte is in some names, the word in none
    CHECK(select({}, "") == 2);                 // "" is the NULL group
    CHECK(select({}, "G1") == 1);
    CHECK(select({}, "g1") == 0);               // the group filter is exact
    CHECK(index.SelectedRowids().empty());
    CHECK(select({"caf"}) == 2);
    CHECK(index.SelectedRowids() == std::vector<std::int64_t>{10'000'000, 10'000'001});
    index.Remove(10'000'000);
    CHECK(select({"caf"}) == 1);
    CHECK_FALSE(index.Selected(10'000'000));
    index.Put(task(10'000'000, "cafe again"));
    CHECK(select({"caf"}) == 2);
    CHECK(index.size() == 3);
}

TEST_CASE("changes past the loaded rows are left to the load") {
    TaskSearchIndex index;
    SearchableTask t;
    t.successful = true;
    t.name = "one";
    t.func = "f";
    t.rowid = 1;
    index.Load(t);
    t.rowid = 2;
    t.name = "two";
    index.Put(t);  // not loaded yet: the load will read it
    CHECK(index.size() == 1);
    index.Load(t);
    index.MarkComplete();
    CHECK(index.size() == 2);
    TaskSearchCriteria criteria;
    criteria.words = {"two"};
    CHECK(index.Select(criteria) == 1);
}
