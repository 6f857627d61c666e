// Issue 15: the bad-input catalogue for what a changeset or an export can try. Each class of
// attack: the input, the error it gets, and that nothing was written.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <functional>
#include <string>

#include "core/decode/base64.h"
#include "core/decode/pickle_reader.h"
#include "core/decode/pickle_writer.h"
#include "core/decode/py_repr.h"
#include "core/model/decoded_value.h"
#include "core/decode/utf8.h"
#include "core/django_q/package_signing.h"
#include "core/model/queue_edits.h"
#include "core/model/task_edits.h"
#include "core/model/resubmit.h"
#include "core/model/schedule.h"
#include "core/model/schedule_edits.h"
#include "core/sync/apply.h"
#include "core/sync/changeset.h"
#include "core/sync/journal.h"
#include "core/sync/row_image.h"
#include "core/django_q/server_signing.h"
#include "test_fixtures.h"

using namespace core;
using Json = nlohmann::json;

namespace {

constexpr char kKey[] = "fixture-secret-key-1-not-for-production";  // settings-*.json

std::string Scalar(Export& e, const std::string& sql) {
    auto stmt = e.db.Prepare(sql);
    REQUIRE(stmt->Step().value());
    return std::string(stmt->Text(0));
}

// The whole of Django Q's tables, to prove a refused apply wrote nothing.
std::string Contents(Export& e) {
    return Scalar(e, "SELECT (SELECT group_concat(id || repeats || coalesce(next_run, '') || func, ';') FROM django_q_schedule) || '|' || "
                     "(SELECT count(*) FROM django_q_task) || '|' || (SELECT group_concat(id || payload, ';') FROM django_q_ormq)");
}

// A real changeset from a working copy (schedule 2 paused), for the cases to tamper with.
Json PausedScheduleChangeset() {
    Export working = test::OpenFixtureCopy("djq2-latest.sqlite3");
    auto row = ReadRow(working.db, "django_q_schedule", 2).value();
    (*row)["repeats"] = 0;
    REQUIRE(Journalled(working.db, "pause_schedule", [&](EditBatch& batch) { return batch.Update("django_q_schedule", *row); }));
    return Json::parse(ExportChangeset(working.db, {"djq2-latest.sqlite3", "q2"}).value());
}

// Applies `changeset` to a fresh copy of the fixture: the error code, after checking nothing changed.
std::string RefusedWith(const std::string& changeset, ApplyOptions options = {}) {
    Export server = test::OpenFixtureCopy("djq2-latest.sqlite3");
    const std::string before = Contents(server);
    auto report = ApplyChangeset(server, changeset, options);
    CHECK(Contents(server) == before);
    if (report) return report->committed ? "committed" : "not committed";
    return report.error().code;
}

std::string Tampered(const std::function<void(Json&)>& change) {
    Json changeset = PausedScheduleChangeset();
    change(changeset);
    return changeset.dump();
}

PyRef Package(PyRef args) {
    return PyDict({{PyStr("id"), PyStr("0123456789abcdef0123456789abcdef")}, {PyStr("name"), PyStr("x")},
                   {PyStr("func"), PyStr("demoapp.tasks.echo")}, {PyStr("args"), std::move(args)}, {PyStr("kwargs"), PyDict({})}});
}

}  // namespace

TEST_CASE("hostile changesets: column names never reach SQL, and the whole changeset is checked first") {
    CHECK(RefusedWith(PausedScheduleChangeset().dump()) == "committed");  // the untampered control
    // SQL in a column name: a WHERE commented out, another table read.
    CHECK(RefusedWith(Tampered([](Json& c) { c["changes"][0]["after"]["repeats = 0 --"] = 1; })) == "sync.bad_column");
    CHECK(RefusedWith(Tampered([](Json& c) {
              c["changes"][0]["after"]["func\" = (SELECT password FROM auth_user) --"] = "x";
          })) == "sync.bad_column");
    CHECK(RefusedWith(Tampered([](Json& c) { c["changes"][0]["table"] = "auth_user"; })) == "changeset.bad_entry");
    // Shapes that would skip the conflict check or write another row than the one named.
    CHECK(RefusedWith(Tampered([](Json& c) { c["changes"][0]["before"] = Json::object(); })) == "changeset.bad_entry");
    CHECK(RefusedWith(Tampered([](Json& c) { c["changes"][0]["before"] = {{"id", 2}}; })) == "changeset.bad_entry");
    CHECK(RefusedWith(Tampered([](Json& c) { c["changes"][0]["before"].erase("func"); })) == "changeset.partial_row");
    CHECK(RefusedWith(Tampered([](Json& c) { c["changes"][0]["after"]["id"] = 3; })) == "changeset.bad_entry");
    // Values that are not a column's: nested objects and lists.
    CHECK(RefusedWith(Tampered([](Json& c) { c["changes"][0]["after"]["name"] = {{"a", {1, 2}}}; })) == "changeset.bad_entry");
    CHECK(RefusedWith(Tampered([](Json& c) { c["changes"][0]["after"]["name"] = Json::array({1}); })) == "changeset.bad_entry");
    // Made somewhere else: another Django Q, another database.
    CHECK(RefusedWith(Tampered([](Json& c) { c["source"]["variant"] = "q1"; })) == "changeset.other_database");
    CHECK(RefusedWith(Tampered([](Json& c) { c["source"]["database"] = "0000000000000000"; })) == "changeset.other_database");
    // Deep nesting is refused while reading, not by running out of stack.
    const std::string deep = "{\"format\": \"djq-changeset\", \"version\": 2, \"changes\": " + std::string(200000, '[') + std::string(200000, ']') + "}";
    CHECK(RefusedWith(deep) == "changeset.too_deep");
}

TEST_CASE("text that is not UTF-8 is carried byte for byte and shown escaped") {
    const std::string bad = std::string("caf\xe9 ") + "\xff\xfe";
    CHECK_FALSE(IsValidUtf8(bad));
    CHECK(EscapeInvalidUtf8(bad) == "caf\\xe9 \\xff\\xfe");
    CHECK(IsValidUtf8("ünïcødé ✓"));
    CHECK_FALSE(IsValidUtf8("\xed\xa0\x80"));  // a surrogate
    CHECK_FALSE(IsValidUtf8("\xc0\xaf"));      // an overlong '/'

    // A schedule named with such bytes, paused: the changeset carries them and apply writes them back exactly.
    Export working = test::OpenFixtureCopy("djq2-latest.sqlite3");
    auto name = working.db.Prepare("UPDATE django_q_schedule SET name = ?1 WHERE id = 2");
    name->Bind(1, bad);
    REQUIRE(name->Run());
    Export server = test::OpenFixtureCopy("djq2-latest.sqlite3");
    auto same = server.db.Prepare("UPDATE django_q_schedule SET name = ?1 WHERE id = 2");
    same->Bind(1, bad);
    REQUIRE(same->Run());
    auto row = ReadRow(working.db, "django_q_schedule", 2).value();
    CHECK(ShowColumnValue((*row)["name"]) == "caf\\xe9 \\xff\\xfe");
    (*row)["repeats"] = 0;
    REQUIRE(Journalled(working.db, "pause_schedule", [&](EditBatch& batch) { return batch.Update("django_q_schedule", *row); }));
    auto changeset = ExportChangeset(working.db, {"djq2-latest.sqlite3", "q2"});
    REQUIRE(changeset);
    CHECK(IsValidUtf8(changeset.value()));
    auto report = ApplyChangeset(server, changeset.value(), {});
    REQUIRE(report);
    CHECK(report->applied == 1);
    CHECK(Scalar(server, "SELECT name FROM django_q_schedule WHERE id = 2") == bad);
    CHECK(Scalar(server, "SELECT repeats FROM django_q_schedule WHERE id = 2") == "0");
    // A conflict on that row is described, escaped, without stopping.
    auto again = ApplyChangeset(server, Tampered([](Json& c) { c["changes"][0]["before"]["repeats"] = 7; }), {});
    REQUIRE(again);
}

TEST_CASE("djq signs only plain Django Q packages, never a call the server's pickle.loads would make") {
    CHECK(CheckSignablePackage(*Package(PyTuple({PyInt(1), PyStr("a"), PyList({PyNone()})}))));
    CHECK(CheckSignablePackage(*Package(PyTuple({PyDatetime(2026, 1, 2, 3, 4, 5, 6, true)}))));
    const auto refused = [](PyRef package) {
        const Status status = CheckSignablePackage(*package);
        return status ? std::string("signed") : status.error().code + ": " + status.error().message;
    };
    CHECK_THAT(refused(Package(PyTuple({PyCall(PyGlobal("os", "system"), {PyStr("id")})}))),
               Catch::StartsWith("signing.unsafe_package: the package calls os.system"));
    CHECK_THAT(refused(Package(PyTuple({PyCall(PyGlobal("builtins", "eval"), {PyStr("1")})}))), Catch::Contains("calls builtins.eval"));
    CHECK_THAT(refused(Package(PyTuple({PyObject("demoapp.tasks", "Point", {}, PyDict({}))}))), Catch::Contains("demoapp.tasks.Point"));
    CHECK_THAT(refused(Package(PyTuple({PyGlobal("os", "system")}))), Catch::Contains("refers to os.system"));
    // func must be a dotted path, and the package a dict.
    CHECK_THAT(refused(PyDict({{PyStr("func"), PyGlobal("os", "system")}})), Catch::StartsWith("signing.not_a_package"));
    CHECK_THAT(refused(PyList({})), Catch::StartsWith("signing.not_a_package"));
    // A memo bomb: one list shared at every level doubles the repr per level; refused, not printed.
    PyRef bomb = PyList({PyInt(1)});
    for (int level = 0; level < 40; ++level) bomb = PyList({bomb, bomb});
    CHECK_THAT(refused(Package(PyTuple({bomb}))), Catch::StartsWith("signing.unsafe_package"));

    // djq apply: a changeset's unsigned entry with a hostile pickle is refused, nothing written.
    Export working = test::OpenFixtureCopy("djq2-latest.sqlite3");
    auto pickle = EncodePickle(*Package(PyTuple({PyCall(PyGlobal("os", "system"), {PyStr("touch /tmp/pwned")})})));
    REQUIRE(pickle);
    const RowImage entry = {{"key", "djqdemo"}, {"payload", UnsignedPayload(pickle.value())}, {"lock", "2026-11-24 02:00:00"}};
    REQUIRE(Journalled(working.db, "resubmit_tasks", [&](EditBatch& batch) { return batch.Insert("django_q_ormq", entry); }));
    ApplyOptions options;
    options.signing = ServerSigning{kKey, "djqdemo", false};
    CHECK(RefusedWith(ExportChangeset(working.db, {"djq2-latest.sqlite3", "q2"}).value(), options) == "signing.unsafe_package");
}

TEST_CASE("decoding is bounded: a huge int and a memo bomb are shown as too large, fast") {
    // A 100 KB int: decimal printing is quadratic (and Python refuses past 4,300 digits).
    std::string huge = "\x80\x02\x8b";
    const std::uint32_t size = 100'000;
    for (int shift = 0; shift < 32; shift += 8) huge += static_cast<char>((size >> shift) & 0xFF);
    huge += std::string(size, '\x7f') + ".";
    auto value = DecodePickle(AsBytes(huge));
    REQUIRE(value);
    bool exact = true;
    CHECK(ReprPython(*value.value(), {}, &exact) == "<int of 800000 bits: too large to print>");
    CHECK_FALSE(exact);
    auto encoded = EncodePickle(*value.value());  // and writes back the same int, without decimal
    REQUIRE(encoded);
    CHECK(ReprPython(*DecodePickle(encoded.value()).value()) == "<int of 800000 bits: too large to print>");

    // 336 bytes that share one list at every level: 2^40 leaves. Only what is shown is printed.
    using namespace std::string_literals;  // the opcodes hold NUL bytes
    std::string bomb = "\x80\x02]q\x00" "0"s;  // a list kept as memo 0, popped
    for (int level = 0; level < 40; ++level) bomb += "(h\x00h\x00lq\x00" "0"s;  // [memo 0, memo 0] becomes memo 0
    bomb += "h\x00."s;
    auto shared = DecodePickle(AsBytes(bomb));
    INFO((shared ? std::string() : shared.error().Describe()));
    REQUIRE(shared);
    const std::string repr = ReprPython(*shared.value());
    CHECK(repr.size() <= (std::size_t{1} << 20) + 8);
    // Indented, the same text would be eight times as long: the task page's view is cut too.
    const std::string pretty = PrettyPython(*shared.value());
    CHECK(pretty.size() <= (std::size_t{1} << 20) + 64);
    CHECK_THAT(pretty, Catch::EndsWith("\n… (cut: too long to show indented)"));
    CHECK(PrettyPython(*DecodePickle(AsBytes("\x80\x02]q\x00(K\x01K\x02" "e."s)).value()) == "[1, 2]");
    const std::string shown = ShortResult(EncodeBase64(AsBytes(bomb)));
    CHECK(shown.size() < 400);
    CHECK_THAT(shown, Catch::EndsWith("…"));
}

TEST_CASE("edits of rows whose text is not UTF-8 are journalled exactly, undone exactly, and applied exactly") {
    const std::string bad = std::string("k\xff") + "ey";
    Export working = test::OpenFixtureCopy("djq2-latest.sqlite3");
    auto key = working.db.Prepare("UPDATE django_q_ormq SET key = ?1 WHERE id = 78");
    key->Bind(1, bad);
    REQUIRE(key->Run());
    auto name = working.db.Prepare("UPDATE django_q_schedule SET name = ?1 WHERE id = 3");
    name->Bind(1, bad);
    REQUIRE(name->Run());

    REQUIRE(ClearQueueLocks(working, {78}, *ParseDjangoDatetime("2026-12-01 05:30:00")));  // a queue row's whole image
    auto schedule = FindSchedule(working, 3);
    REQUIRE(schedule);
    ScheduleRow row = *schedule.value();
    row.repeats = 5;
    REQUIRE(SaveSchedule(working, row));  // the editor's save: an image built from the row's strings
    CHECK(Scalar(working, "SELECT name FROM django_q_schedule WHERE id = 3") == bad);
    REQUIRE(UndoLastBatch(working.db));
    CHECK(Scalar(working, "SELECT name || repeats FROM django_q_schedule WHERE id = 3") == bad + "23");
    REQUIRE(SaveSchedule(working, row));
    auto changeset = ExportChangeset(working.db, {"djq2-latest.sqlite3", "q2"});
    REQUIRE(changeset);
    CHECK(IsValidUtf8(changeset.value()));
}

TEST_CASE("an export's own triggers and views never run in the working copy, and the user is told") {
    Export planted = test::OpenFixtureCopy("djq2-latest.sqlite3");
    REQUIRE(planted.db.Exec("CREATE TRIGGER rewrite AFTER DELETE ON django_q_task BEGIN "
                            "UPDATE django_q_schedule SET func = 'os.system'; DELETE FROM django_q_ormq; END; "
                            "CREATE VIEW \"odd \"\"name\" AS SELECT 1"));
    auto opened = OpenExportBytes(planted.db.Serialize().value(), "planted.sqlite3");
    REQUIRE(opened);
    CHECK(opened->removed_schema == std::vector<std::string>{"trigger rewrite", "view odd \"name"});
    const auto warnings = OpenWarnings(opened.value());
    REQUIRE(warnings.size() == 1);
    CHECK_THAT(warnings[0], Catch::Contains("trigger rewrite") && Catch::Contains("removed from the working copy"));
    const std::string before = Contents(opened.value());
    REQUIRE(DeleteTasks(opened.value(), test::TaskIds(opened.value(), 1, false)));
    CHECK(Scalar(opened.value(), "SELECT count(*) FROM django_q_schedule WHERE func = 'os.system'") == "0");
    CHECK(Scalar(opened.value(), "SELECT count(*) FROM django_q_ormq") == "10");
    CHECK(Contents(opened.value()) != before);  // the delete itself happened
}

TEST_CASE("the main file of a WAL-mode database opens with a warning that its -wal changes are missing") {
    auto bytes = ReadFile(test::FixturePath("djq2-latest.sqlite3"));
    REQUIRE(bytes);
    bytes.value()[18] = bytes.value()[19] = 2;  // the header of a database in WAL mode
    auto opened = OpenExportBytes(bytes.value(), "wal.sqlite3");
    REQUIRE(opened);
    const auto warnings = OpenWarnings(opened.value());
    REQUIRE(warnings.size() == 1);
    CHECK_THAT(warnings[0], Catch::StartsWith("The file was in WAL mode: changes still in its -wal file are not in it."));
    CHECK(OpenWarnings(test::OpenFixtureCopy("djq2-latest.sqlite3")).empty());
}
