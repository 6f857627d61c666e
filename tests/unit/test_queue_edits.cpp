// Queued tasks (issue 7): every ORM-broker row described as the admin shows it (lock state, the
// decoded package, q_options, signature), and the queue's edits: key and lock, delete, re-sign and a
// changed call, each journalled and undoable, the signing ones refused without the SECRET_KEY.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <fstream>
#include <map>
#include <sstream>

#include "core/decode/py_repr.h"
#include "core/model/queue_edits.h"
#include "core/model/queue_query.h"
#include "core/model/queued.h"
#include "core/model/resubmit.h"
#include "core/sync/journal.h"
#include "test_fixtures.h"

using namespace core;

namespace {

constexpr char kFixtureKey[] = "fixture-secret-key-1-not-for-production";  // settings-*.json
constexpr char kCluster[] = "djqdemo";
// Between the fixtures' locks: djq2-latest's row 79 has expired, the others are still held.
const UnixMicros kExportTime = *ParseDjangoDatetime("2026-11-24 01:30:00");
const UnixMicros kLater = *ParseDjangoDatetime("2036-01-02 03:04:05");
const QueueSigning kSigning{kFixtureKey, kCluster, false};

nlohmann::json Golden(const std::string& flavor) {
    std::ifstream file(test::FixturePath("golden-" + flavor + ".json"), std::ios::binary);
    REQUIRE(file);
    std::stringstream text;
    text << file.rdbuf();
    return nlohmann::json::parse(text.str());
}

QueuedView Describe(Export& e, std::int64_t id, std::optional<std::string_view> key = kFixtureKey) {
    auto row = FindQueued(e, id);
    REQUIRE(row);
    REQUIRE(row->has_value());
    return DescribeQueued(**row, e.schema.variant, kExportTime, key, kCluster);
}

std::size_t JournalSize(Export& e) { return ReadJournal(e.db).value().size(); }

}  // namespace

TEST_CASE("golden: every queued row of both fixtures is described as Django Q's package and verifies with the key") {
    for (const char* flavor : {"djq1-1.3.9", "djq2-latest"}) {
        INFO(flavor);
        Export e = test::OpenFixtureCopy((std::string(flavor) + ".sqlite3").c_str());
        std::map<std::int64_t, nlohmann::json> golden;
        const nlohmann::json goldens = Golden(flavor);
        for (const auto& row : goldens["queue"]) golden[row["id"].get<std::int64_t>()] = row;
        auto rows = ListQueued(e);
        REQUIRE(rows);
        REQUIRE(rows->size() == golden.size());
        for (const auto& row : rows.value()) {
            INFO("row " << row.id);
            const auto& want = golden.at(row.id);
            const QueuedView view = DescribeQueued(row, e.schema.variant, kExportTime, kFixtureKey, kCluster);
            CHECK(view.error.empty());
            CHECK(view.task_id == want["task_id"]);
            CHECK(view.func == want["func"]);
            CHECK(view.row.key == want["key"]);
            REQUIRE(view.package);
            const std::string theirs = want["package"];
            if (HasUserClass(*view.package)) {
                CHECK(view.package_repr.substr(0, 40) == theirs.substr(0, 40));  // a user class: path and state, not Python's repr
            } else {
                CHECK(view.package_repr == theirs);
            }
            CHECK((view.signature == SignatureCheck::Valid) == want["signature_valid"].get<bool>());
            CHECK(view.signed_at.rfind("2026-11-24 01:", 0) == 0);
            CHECK((view.lock.state == LockState::Taken || view.lock.state == LockState::Available));
            CHECK(view.lock.lock == ParseDjangoDatetime(want["lock"].get<std::string>()));
            CHECK_FALSE(CheckQueuedSignature(view, "another-key", kCluster) == SignatureCheck::Valid);
        }
    }
}

TEST_CASE("a queued row's lock in words, its columns and q_options (djq2-latest)") {
    Export e = test::OpenFixtureCopy("djq2-latest.sqlite3");
    const QueuedView locked = Describe(e, 78);
    CHECK(locked.lock.state == LockState::Taken);
    CHECK(LockWords(locked) == "taken: locked until 2026-11-24 01:35:55 UTC, then handed out again");
    CHECK(LockWords(Describe(e, 79)) == "available: lock 2026-11-24 01:25:35 UTC passed: the next dequeue takes it");
    for (const auto state : {LockState::Null, LockState::Available, LockState::Taken, LockState::Unreadable})
        CHECK(LockStateNamed(LockStateName(state)) == state);

    const QueuedView report = Describe(e, 80);
    CHECK(report.name == "quebec-utah-johnny-michigan");
    CHECK(report.group == "-");
    CHECK(report.args == "()");
    CHECK(report.kwargs == "{'day': '2026-11-21'}");
    CHECK(report.q_options_repr ==
          "{'hook': 'demoapp.tasks.hook_noop', 'started': datetime.datetime(2026, 11, 24, 1, 35, 35, 749884, tzinfo=<UTC>)}");
    CHECK(Describe(e, 79).group == "queued-group");
    CHECK(Describe(e, 81).q_options_repr.rfind("{'cluster': 'other', 'started': ", 0) == 0);
    CHECK_FALSE(Describe(e, 80, std::nullopt).signature.has_value());  // no key, no check
}

TEST_CASE("the admin's edits: key and lock saved, a stale lock cleared, rows deleted, each undoable") {
    Export e = test::OpenFixtureCopy("djq2-latest.sqlite3");
    const QueuedRow before = Describe(e, 79).row;

    REQUIRE(SaveQueueRow(e, 79, "other", std::nullopt));
    QueuedView saved = Describe(e, 79);
    CHECK(saved.row.key == "other");
    CHECK(saved.lock.state == LockState::Null);
    CHECK(LockWords(saved) == "NULL lock: no broker ever takes it: Clear lock makes it available");
    CHECK(saved.row.payload == before.payload);
    REQUIRE(SaveQueueRow(e, 79, "djqdemo", std::string("2036-01-01T10:00:00Z")));
    CHECK(Describe(e, 79).row.lock == "2036-01-01 10:00:00");
    CHECK(UndoLastBatch(e.db).value() == "save_queue_row");
    CHECK(UndoLastBatch(e.db).value() == "save_queue_row");
    CHECK(Describe(e, 79).row.key == before.key);
    CHECK(Describe(e, 79).row.lock == before.lock);

    CHECK(SaveQueueRow(e, 79, "", std::nullopt).error().code == "queue.bad_key");
    CHECK(SaveQueueRow(e, 79, std::string(101, 'k'), std::nullopt).error().code == "queue.bad_key");
    CHECK(SaveQueueRow(e, 79, "djqdemo", std::string("tomorrow")).error().code == "queue.bad_lock");
    CHECK(SaveQueueRow(e, 9999, "djqdemo", std::nullopt).error().code == "queue.not_found");

    auto deleted = DeleteQueueRows(e, {78, 80});
    REQUIRE(deleted);
    CHECK(deleted.value() == 2);
    CHECK(ListQueued(e)->size() == 8);
    CHECK_FALSE(DeleteQueueRows(e, {79, 9999}));  // all or nothing
    CHECK(ListQueued(e)->size() == 8);
    CHECK(UndoLastBatch(e.db).value() == "delete_queue_rows");
    CHECK(ListQueued(e)->size() == 10);
    CHECK(JournalSize(e) == 0);
}

TEST_CASE("re-sign keeps the pickle and signs it now, with a rotated key too, undoable") {
    Export e = test::OpenFixtureCopy("djq1-1.3.9.sqlite3");
    // Entry 81 holds a user class (a Point): re-signing it would vouch for a call of that class.
    CHECK(ResignQueueRow(e, 81, kSigning, kLater).error().code == "signing.unsafe_package");
    const QueuedView before = Describe(e, 82);
    REQUIRE(ResignQueueRow(e, 82, kSigning, kLater));
    QueuedView after = Describe(e, 82);
    CHECK(after.pickle == before.pickle);
    CHECK(after.signed_at == "2036-01-02 03:04:05");
    CHECK(after.signature == SignatureCheck::Valid);
    CHECK(after.row.lock == before.row.lock);

    // After a key rotation the server only accepts the new key's signatures. The export's entries
    // were signed with the old key, so the new one is used only when the user says it was rotated.
    const auto refused = ResignQueueRow(e, 82, QueueSigning{"the-rotated-key", kCluster, true}, kLater);
    REQUIRE_FALSE(refused);
    CHECK(refused.error().code == "signing.wrong_key");
    REQUIRE(ResignQueueRow(e, 82, QueueSigning{"the-rotated-key", kCluster, true, /*key_rotated=*/true}, kLater));
    after = Describe(e, 82, "the-rotated-key");
    CHECK(after.signature == SignatureCheck::Valid);
    CHECK(after.pickle == before.pickle);
    CHECK(CheckQueuedSignature(after, kFixtureKey, kCluster) == SignatureCheck::Invalid);

    CHECK(UndoLastBatch(e.db).value() == "resign_queue_row");
    CHECK(UndoLastBatch(e.db).value() == "resign_queue_row");
    CHECK(Describe(e, 82).row.payload == before.row.payload);
}

TEST_CASE("a queued call edited: new func, args and kwargs, every other key in place, signed, undoable") {
    Export e = test::OpenFixtureCopy("djq2-latest.sqlite3");
    const QueuedView before = Describe(e, 80);
    REQUIRE(EditQueuedCall(e, 80, QueuedCall{"demoapp.tasks.echo", "'a', 2", "{'x': [1, 2]}"}, kSigning, kLater));
    QueuedView after = Describe(e, 80);
    CHECK(after.package_repr ==
          "{'id': 'e8a4ad543193410a9609946038a4ebfe', 'name': 'quebec-utah-johnny-michigan', 'func': 'demoapp.tasks.echo', "
          "'args': ('a', 2), 'hook': 'demoapp.tasks.hook_noop', 'kwargs': {'x': [1, 2]}, "
          "'started': datetime.datetime(2026, 11, 24, 1, 35, 35, 749884, tzinfo=<UTC>)}");
    CHECK(after.signature == SignatureCheck::Valid);
    CHECK(after.signed_at == "2036-01-02 03:04:05");
    CHECK(UndoLastBatch(e.db).value() == "edit_queued_call");
    CHECK(Describe(e, 80).row.payload == before.row.payload);

    // A kept value of a user class (a Point) is never signed: the server's pickle.loads would call its class.
    const auto point = EditQueuedCall(e, 79, QueuedCall{"demoapp.tasks.echo", std::nullopt, "{}"}, kSigning, kLater);
    REQUIRE_FALSE(point);
    CHECK(point.error().code == "signing.unsafe_package");
    CHECK_THAT(point.error().message, Catch::Contains("demoapp.tasks.Point"));
    // A single value is a 1-tuple; a kept value (kwargs here) stays as it is.
    REQUIRE(EditQueuedCall(e, 82, QueuedCall{"demoapp.tasks.fail", "'one'", std::nullopt}, kSigning, kLater));
    CHECK(Describe(e, 82).args == "('one',)");
    CHECK(Describe(e, 82).kwargs == "{}");
    CHECK(ParseQueuedArgs("").value()->items.empty());
    CHECK(ParseQueuedKwargs("  ").value()->kind == PyKind::Dict);

    const std::size_t journal = JournalSize(e);
    CHECK(EditQueuedCall(e, 80, QueuedCall{"x", "(1,", std::nullopt}, kSigning, kLater).error().code == "literal.syntax");
    CHECK(EditQueuedCall(e, 80, QueuedCall{"x", std::nullopt, "[1]"}, kSigning, kLater).error().code == "kwargs.not_dict");
    CHECK(EditQueuedCall(e, 80, QueuedCall{"x", std::nullopt, "{1: 2}"}, kSigning, kLater).error().code == "kwargs.invalid");
    CHECK(EditQueuedCall(e, 80, QueuedCall{"no func", std::nullopt, std::nullopt}, kSigning, kLater).error().code == "queue.bad_func");
    CHECK(JournalSize(e) == journal);
}

TEST_CASE("signing edits are refused without the SECRET_KEY, a resubmit awaiting the server's signature can be signed here") {
    Export e = test::OpenFixtureCopy("djq2-latest.sqlite3");
    const QueueSigning no_key{"", kCluster, false};
    CHECK(ResignQueueRow(e, 80, no_key, kLater).error().code == "queue.no_key");
    CHECK(EditQueuedCall(e, 80, QueuedCall{"demoapp.tasks.echo", "1", "{}"}, no_key, kLater).error().code == "queue.no_key");
    CHECK(JournalSize(e) == 0);

    ResubmitSettings settings;
    settings.way = ResubmitWay::QueueEntrySignedOnServer;
    settings.cluster_name = kCluster;
    REQUIRE(ResubmitTasks(e, test::TaskIds(e, 1, false), settings, kLater));
    const QueuedRow newest = ListQueued(e)->back();
    QueuedView waiting = Describe(e, newest.id);
    CHECK(waiting.signed_on_server);
    CHECK(waiting.error.find("waiting to be signed on the server") != std::string::npos);
    CHECK(waiting.name.size() > 3);  // the package is readable before it is signed
    CHECK_FALSE(waiting.signature.has_value());
    REQUIRE(ResignQueueRow(e, newest.id, kSigning, kLater));
    waiting = Describe(e, newest.id);
    CHECK_FALSE(waiting.signed_on_server);
    CHECK(waiting.signature == SignatureCheck::Valid);
}

TEST_CASE("the queue's filters: key, lock state, and search words in name, func or task id as Django admin splits them") {
    Export e = test::OpenFixtureCopy("djq2-latest.sqlite3");
    const std::vector<QueuedView> all = DescribeQueue(e, kExportTime).value();
    const auto ids = [&](const QueueQuery& query) {
        std::vector<std::int64_t> found;
        for (const QueuedView* view : FilterQueued(all, query)) found.push_back(view->row.id);
        return found;
    };
    CHECK(ids({}).size() == 10);
    CHECK(ids({"", "other", std::nullopt}) == std::vector<std::int64_t>{81});
    CHECK(ids({"", std::nullopt, LockState::Available}) == std::vector<std::int64_t>{79});
    CHECK(ids({"QUEUED echo", std::nullopt, std::nullopt}) == std::vector<std::int64_t>{81});  // every word, any field, any case
    CHECK(ids({"\"queued-add\"", std::nullopt, std::nullopt}) == std::vector<std::int64_t>{78});
    CHECK(ids({"37d2a94d", std::nullopt, std::nullopt}) == std::vector<std::int64_t>{79});
    CHECK(ids({"bulk-queued", std::nullopt, std::nullopt}).empty());  // a group: not a search field
    CHECK(QueueKeyCounts(all) == std::vector<std::pair<std::string, std::int64_t>>{{"djqdemo", 9}, {"other", 1}});
    CHECK(CountInLockState(all, LockState::Taken) == 9);
}
