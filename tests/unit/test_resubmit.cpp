// Resubmit (issue 5, item 6): the queue entry async_task would enqueue, signed with the server's
// key; or, without a key, a ONCE schedule with Python literals; journalled and undoable.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <regex>

#include "core/decode/pickle_reader.h"
#include "core/decode/py_literal.h"
#include "core/decode/py_repr.h"
#include "core/decode/signing.h"
#include "core/model/resubmit.h"
#include "core/model/task.h"
#include "core/django_q/task_name.h"
#include "core/sync/apply.h"
#include "core/sync/journal.h"
#include "core/sync/changeset.h"
#include "core/sync/row_image.h"
#include "test_fixtures.h"

using namespace core;

namespace {

constexpr char kFixtureKey[] = "fixture-secret-key-1-not-for-production";  // settings-*.json
const UnixMicros kNow = *ParseDjangoDatetime("2026-12-01 05:30:00.250000");

std::string IdNamed(Export& e, const std::string& name) {
    auto stmt = e.db.Prepare("SELECT id FROM django_q_task WHERE name = ?1");
    stmt->Bind(1, name);
    REQUIRE(stmt->Step().value());
    return std::string(stmt->Text(0));
}

std::int64_t Count(Export& e, const std::string& sql) {
    auto stmt = e.db.Prepare(sql);
    REQUIRE(stmt->Step().value());
    return stmt->Int(0);
}

// The package of the newest queue row: checked against the key, decoded and printed.
std::string NewestPackage(Export& e, const std::string& salt) {
    auto stmt = e.db.Prepare("SELECT payload FROM django_q_ormq ORDER BY id DESC LIMIT 1");
    REQUIRE(stmt->Step().value());
    auto payload = ParseSignedPayload(stmt->Text(0));
    REQUIRE(payload);
    CHECK(VerifySignature(payload.value(), kFixtureKey, salt) == SignatureCheck::Valid);
    CHECK(payload->timestamp == kNow / 1'000'000);
    auto value = DecodePickle(payload->pickle);
    REQUIRE(value);
    return ReprPython(*value.value());
}

// Replaces the random id and its humanhash name, checking the name is the id's humanhash.
std::string WithoutIdentity(const std::string& package) {
    std::smatch match;
    REQUIRE(std::regex_search(package, match, std::regex("^\\{'id': '([0-9a-f]{32})', 'name': '([a-z-]+)'")));
    CHECK(HumanHash(match[1].str()) == match[2].str());
    return std::regex_replace(package, std::regex("^\\{'id': '[0-9a-f]{32}', 'name': '[a-z-]+'"), "{'id': ID, 'name': NAME");
}

}  // namespace

TEST_CASE("task names are the humanhash of their id, as Django Q's uuid() makes them") {
    int checked = 0;
    for (const char* fixture : {"djq1-1.3.9.sqlite3", "djq2-latest.sqlite3"}) {
        Export e = test::OpenFixtureCopy(fixture);
        auto stmt = e.db.Prepare("SELECT id, name FROM django_q_task");
        while (stmt->Step().value()) {
            const std::string id(stmt->Text(0)), name(stmt->Text(1));
            // Tasks named by their code (task_name=...) are not humanhashes; the rest must all match.
            if (!std::regex_match(name, std::regex("[a-z]+-[a-z]+-[a-z]+-[a-z]+")) || name.rfind("fail-", 0) == 0) continue;
            INFO(fixture << " " << id << " " << name);
            CHECK(HumanHash(id) == name);
            ++checked;
        }
    }
    CHECK(checked >= 20);
    CHECK(HumanHash("not hex") == "");
    const std::string id = NewTaskId();
    CHECK(std::regex_match(id, std::regex("[0-9a-f]{12}4[0-9a-f]{3}[89ab][0-9a-f]{15}")));
    CHECK(NewTaskId() != id);
}

TEST_CASE("resubmit with the key queues the package async_task would, signed, and deletes the failure (q2)") {
    Export e = test::OpenFixtureCopy("djq2-latest.sqlite3");
    const std::string id = IdNamed(e, "fail-zero");
    ResubmitSettings settings;
    settings.secret_key = kFixtureKey;
    settings.cluster_name = "djqdemo";
    const auto queued_before = Count(e, "SELECT count(*) FROM django_q_ormq");
    const auto done = ResubmitTasks(e, {id}, settings, kNow);
    REQUIRE(done);
    CHECK(done->queued == 1);
    CHECK(done->deleted == 1);
    CHECK(Count(e, "SELECT count(*) FROM django_q_ormq") == queued_before + 1);
    CHECK(Count(e, "SELECT count(*) FROM django_q_task WHERE name = 'fail-zero'") == 0);
    // Written as django-q2's enqueue writes it: lock = now (a NULL lock is never handed out).
    CHECK(Count(e, "SELECT count(*) FROM django_q_ormq WHERE key = 'djqdemo' AND lock = '" + FormatDjangoDatetime(kNow) +
                       "' AND id = (SELECT max(id) FROM django_q_ormq)") == 1);
    // async_task(func, *args, hook=task.hook, group=task.group, cluster=task.cluster, **kwargs):
    // the options in async_task's opt_keys order, then kwargs and started (an aware UTC datetime).
    CHECK(WithoutIdentity(NewestPackage(e, "djqdemo")) ==
          "{'id': ID, 'name': NAME, 'func': 'demoapp.tasks.fail', 'args': ('zero',), 'hook': None, 'group': 'failures', "
          "'cluster': 'djqdemo', 'kwargs': {}, 'started': datetime.datetime(2026, 12, 1, 5, 30, 0, 250000, tzinfo=datetime.timezone.utc)}");

    // One batch: undo takes the queue entry out and brings the failure back.
    REQUIRE(UndoLastBatch(e.db));
    CHECK(Count(e, "SELECT count(*) FROM django_q_ormq") == queued_before);
    CHECK(Count(e, "SELECT count(*) FROM django_q_task WHERE name = 'fail-zero'") == 1);
}

TEST_CASE("resubmitting a successful task keeps it, q1 passes only the hook and queues under the cluster name") {
    Export e = test::OpenFixtureCopy("djq1-1.3.9.sqlite3");
    auto stmt = e.db.Prepare("SELECT id, name FROM django_q_task WHERE success = 1 AND func = 'demoapp.tasks.add' ORDER BY name LIMIT 1");
    REQUIRE(stmt->Step().value());
    const std::string id(stmt->Text(0));
    const auto task = FindTask(e, id).value();
    ResubmitSettings settings;
    settings.secret_key = kFixtureKey;
    settings.cluster_name = "djqdemo";
    const auto done = ResubmitTasks(e, {id}, settings, kNow);
    REQUIRE(done);
    CHECK(done->deleted == 0);
    CHECK(FindTask(e, id).value().has_value());
    const std::string package = WithoutIdentity(NewestPackage(e, "djqdemo"));
    CHECK_THAT(package, Catch::StartsWith("{'id': ID, 'name': NAME, 'func': 'demoapp.tasks.add', 'args': ("));
    CHECK_THAT(package, Catch::Contains("), 'hook': None, 'kwargs': {"));
    CHECK_THAT(package, !Catch::Contains("'group'") && !Catch::Contains("'cluster'"));
}

TEST_CASE("resubmit without a key refuses the queue and offers a ONCE schedule with Python literals") {
    Export e = test::OpenFixtureCopy("djq2-latest.sqlite3");
    const std::string id = IdNamed(e, "fail-zero");
    ResubmitSettings settings;
    const auto refused = PlanResubmit(e, {id}, settings, kNow);
    REQUIRE_FALSE(refused);
    CHECK(refused.error().code == "resubmit.no_key");

    settings.way = ResubmitWay::OnceSchedule;
    const auto done = ResubmitTasks(e, {id}, settings, kNow);
    REQUIRE(done);
    CHECK(done->scheduled == 1);
    CHECK(done->deleted == 1);
    auto row = e.db.Prepare("SELECT func, hook, args, kwargs, schedule_type, repeats, next_run, name, cluster FROM django_q_schedule ORDER BY id DESC LIMIT 1");
    REQUIRE(row->Step().value());
    CHECK(row->Text(0) == "demoapp.tasks.fail");
    CHECK(row->IsNull(1));
    CHECK(row->Text(2) == "('zero',)");
    CHECK(row->Text(3) == "{}");
    CHECK(row->Text(4) == "O");
    CHECK(row->Int(5) == -1);  // ONCE with negative repeats: deleted after its run
    CHECK(row->Text(6) == "2026-12-01 05:30:00.250000");
    CHECK(row->Text(7) == "failures");  // the launched task's group is the schedule's name
    CHECK(row->Text(8) == "djqdemo");
}

TEST_CASE("a task whose arguments have no Python literal is refused by name, and nothing is written") {
    Export e = test::OpenFixtureCopy("djq2-latest.sqlite3");
    ResubmitSettings settings;
    settings.way = ResubmitWay::OnceSchedule;
    auto stmt = e.db.Prepare("SELECT id FROM django_q_task ORDER BY id");
    std::vector<std::string> all;
    while (stmt->Step().value()) all.emplace_back(stmt->Text(0));
    const auto schedules = Count(e, "SELECT count(*) FROM django_q_schedule");
    const auto refused = ResubmitTasks(e, all, settings, kNow);
    REQUIRE_FALSE(refused);
    CHECK(refused.error().code == "literal.none");
    CHECK_THAT(refused.error().message, Catch::Matches("cannot resubmit [a-z_-]+: (args|kwargs).*has no Python literal.*"));
    CHECK_THAT(refused.error().where, Catch::StartsWith("task "));
    CHECK(Count(e, "SELECT count(*) FROM django_q_schedule") == schedules);
    CHECK(ReadJournal(e.db)->empty());
}

TEST_CASE("Python literals: what ast.literal_eval reads back, and why the rest has none") {
    CHECK(PythonLiteral(*PyTuple({PyInt(1), PyStr("a"), PyNone(), PyBool(true)})).value() == "(1, 'a', None, True)");
    CHECK(PythonLiteral(*PyDict({{PyStr("k"), PyList({PyFloat(0.5), PyBytes("\x01")})}})).value() == "{'k': [0.5, b'\\x01']}");
    CHECK(PythonLiteral(*PyComplex(1, -2)).value() == "(1-2j)");
    CHECK(PythonLiteral(*PySet({PyInt(3)})).value() == "{3}");
    CHECK(PythonLiteral(*PyBigInt("-1180591620717411303424")).value() == "-1180591620717411303424");
    auto refuse = [](const PyRef& value) { return PythonLiteral(*value, "args").error().message; };
    CHECK(refuse(PyTuple({PyFloat(1.0 / 0.0)})) == "args[0]: inf and nan have no Python literal");
    CHECK(refuse(PyTuple({PySet({})})) == "args[0]: an empty set has no Python literal (set() is a call)");
    CHECK(refuse(PyTuple({PyDict({{PyStr("when"), PyDatetimeUtc(2026, 1, 2, 3, 4, 5, 0)}})})) ==
          "args[0]['when']: a datetime.datetime has no Python literal");
    CHECK(refuse(PyTuple({PyObject("demoapp.tasks", "Point", {}, PyDict({}))})) == "args[0]: a demoapp.tasks.Point has no Python literal");
    CHECK(refuse(PyByteArray("x")) == "args: a bytearray has no Python literal");
    auto cycle = PyList({});
    cycle->items.push_back(cycle);
    CHECK(refuse(cycle) == "args[0]: a container that holds itself has no Python literal");
    cycle->items.clear();  // break the cycle so it is freed
}

TEST_CASE("the cluster name is guessed from the queue, then the tasks") {
    Export q2 = test::OpenFixtureCopy("djq2-latest.sqlite3");
    CHECK(GuessClusterName(q2).value() == "djqdemo");
    REQUIRE(q2.db.Exec("DELETE FROM django_q_ormq"));
    CHECK(GuessClusterName(q2).value() == "djqdemo");  // from the tasks' cluster column
    Export q1 = test::OpenFixtureCopy("djq1-1.3.9.sqlite3");
    REQUIRE(q1.db.Exec("DELETE FROM django_q_ormq"));
    CHECK(GuessClusterName(q1).value() == "default");
}

TEST_CASE("resubmit to be signed on the server: djq apply signs the entry with the server's key, once") {
    Export e = test::OpenFixtureCopy("djq2-latest.sqlite3");
    ResubmitSettings settings;
    settings.way = ResubmitWay::QueueEntrySignedOnServer;
    settings.cluster_name = "djqdemo";
    REQUIRE(ResubmitTasks(e, {IdNamed(e, "fail-zero")}, settings, kNow));
    const std::string changeset = ExportChangeset(e.db, {"djq2-latest.sqlite3", "q2"}).value();

    Export server = test::OpenFixtureCopy("djq2-latest.sqlite3");
    const auto queued = Count(server, "SELECT count(*) FROM django_q_ormq");
    const auto refused = ApplyChangeset(server, changeset, {});
    REQUIRE_FALSE(refused);
    CHECK(refused.error().code == "changeset.needs_key");
    CHECK(Count(server, "SELECT count(*) FROM django_q_ormq") == queued);
    CHECK(Count(server, "SELECT count(*) FROM django_q_task WHERE name = 'fail-zero'") == 1);  // nothing written

    ApplyOptions options;
    options.signing = ServerSigning{kFixtureKey, "djqdemo", false};
    const auto applied = ApplyChangeset(server, changeset, options);
    REQUIRE(applied);
    CHECK(applied->applied == 1);  // one action: the queue entry and the failure's deletion
    CHECK(Count(server, "SELECT count(*) FROM django_q_task WHERE name = 'fail-zero'") == 0);
    // Signed as async_task signs: the same package a key in the app would have made.
    auto stmt = server.db.Prepare("SELECT payload FROM django_q_ormq ORDER BY id DESC LIMIT 1");
    REQUIRE(stmt->Step().value());
    auto payload = ParseSignedPayload(stmt->Text(0));
    REQUIRE(payload);
    CHECK(VerifySignature(payload.value(), kFixtureKey, "djqdemo") == SignatureCheck::Valid);
    CHECK_THAT(WithoutIdentity(ReprPython(*DecodePickle(payload->pickle).value())),
               Catch::StartsWith("{'id': ID, 'name': NAME, 'func': 'demoapp.tasks.fail', 'args': ('zero',), 'hook': None, 'group': 'failures'"));

    const auto again = ApplyChangeset(server, changeset, options);
    REQUIRE(again);
    CHECK(again->applied == 0);
    CHECK(again->already_applied == 1);
}
