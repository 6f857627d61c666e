// Test data for the pickle tests: tests/data/pickle/python_vectors.json (pickles CPython wrote, with
// their repr; made by make_vectors.py next to it) and the pickled task fields of the fixtures.
#pragma once

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <fstream>
#include <sqlite3.h>
#include <sstream>
#include <string>
#include <vector>

#include "core/bytes.h"
#include "core/decode/base64.h"
#include "test_paths.h"

namespace test {

inline std::string ReadText(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    REQUIRE(in.good());
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

struct PickleVector {
    std::string group;  // "values", "user", "built" or "large"
    int protocol = 0;
    core::Bytes pickle;  // empty for "large"
    std::string repr, readable, name, sha256;
    std::size_t size = 0;
};

inline const std::vector<PickleVector>& PickleVectors() {
    static const std::vector<PickleVector> vectors = [] {
        const auto json = nlohmann::json::parse(ReadText(TestDataPath("pickle/python_vectors.json")));
        std::vector<PickleVector> out;
        for (const auto& item : json["vectors"]) {
            PickleVector v;
            v.group = item["group"];
            v.protocol = item["protocol"];
            if (item.contains("pickle")) v.pickle = core::DecodeBase64(item["pickle"].get<std::string>()).value();
            if (item.contains("repr")) v.repr = item["repr"];
            v.readable = item.value("readable", v.repr);
            v.name = item.value("name", "");
            v.sha256 = item.value("sha256", "");
            v.size = item.value("size", std::size_t{0});
            out.push_back(std::move(v));
        }
        return out;
    }();
    return vectors;
}

// One pickled field (args, kwargs or result) of a task in a fixture database.
struct FixtureField {
    std::string task_id, task_name, field, text;
};

// From the SQLite database, which holds every value pickled. (The dumpdata JSON is not enough:
// django-picklefield serialises some values as themselves there, e.g. a Decimal result as
// "12345.678900", so no pickle is left to decode.)
inline std::vector<FixtureField> FixtureFields(const std::string& fixture) {
    sqlite3* db = nullptr;
    const std::string uri = "file:" + FixturePath(fixture + ".sqlite3") + "?immutable=1";
    REQUIRE(sqlite3_open_v2(uri.c_str(), &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, nullptr) == SQLITE_OK);
    sqlite3_stmt* stmt = nullptr;
    REQUIRE(sqlite3_prepare_v2(db, "SELECT id, name, args, kwargs, result FROM django_q_task ORDER BY id", -1, &stmt, nullptr) == SQLITE_OK);
    std::vector<FixtureField> out;
    while (sqlite3_step(stmt) == SQLITE_ROW) {
        auto text = [&](int column) { return std::string(reinterpret_cast<const char*>(sqlite3_column_text(stmt, column))); };
        const char* names[] = {"args", "kwargs", "result"};
        for (int i = 0; i < 3; ++i)
            if (sqlite3_column_type(stmt, 2 + i) != SQLITE_NULL) out.push_back({text(0), text(1), names[i], text(2 + i)});
    }
    sqlite3_finalize(stmt);
    sqlite3_close(db);
    return out;
}

inline std::string Hex(core::ByteView bytes) {
    static constexpr char kDigits[] = "0123456789abcdef";
    std::string out;
    for (auto byte : bytes) {
        out += kDigits[byte >> 4];
        out += kDigits[byte & 15];
    }
    return out;
}

}  // namespace test
