#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>

#include "core/decode/pickle_reader.h"
#include "core/decode/pickle_writer.h"
#include "core/decode/py_repr.h"
#include "core/decode/signing.h"
#include "core/io/file.h"
#include "core/model/export.h"
#include "core/model/queued.h"
#include "test_paths.h"

using namespace core;

namespace {

nlohmann::json ReadJson(const std::string& path) {
    auto bytes = ReadFile(path);
    REQUIRE(bytes);
    return nlohmann::json::parse(AsText(bytes.value()));
}

}  // namespace

TEST_CASE("golden: every queued payload decodes to its package and its signature verifies with the fixture key") {
    for (const char* name : {"djq1-1.3.9", "djq2-latest"}) {
        const auto golden = ReadJson(test::FixturePath(std::string("golden-") + name + ".json"));
        const auto settings = ReadJson(test::FixturePath(std::string("settings-") + name + ".json"));
        auto opened = OpenExportFile(test::FixturePath(std::string(name) + ".sqlite3"));
        REQUIRE(opened);
        auto rows = ListQueued(opened.value());
        REQUIRE(rows);
        int packages = 0, stdlib_packages = 0, signatures = 0;
        for (const auto& expected : golden["queue"]) {
            const auto row = std::find_if(rows->begin(), rows->end(), [&](const QueuedRow& r) { return r.id == expected["id"]; });
            REQUIRE(row != rows->end());
            auto payload = ParseSignedPayload(row->payload);
            REQUIRE(payload);
            auto package = DecodePickle(payload->pickle);
            REQUIRE(package);
            const std::string ours = ReprPython(*package.value());
            if (HasUserClass(*package.value())) {
                // A user class inside: readable, with everything else exactly as Python prints it.
                CHECK(ours.find("demoapp.tasks.") != std::string::npos);
                CHECK(ours.substr(0, 50) == expected["package"].get<std::string>().substr(0, 50));
            } else {
                ++stdlib_packages;
                packages += ours == expected["package"].get<std::string>();
                CHECK(ours == expected["package"].get<std::string>());
            }
            const auto check = VerifySignature(payload.value(), settings["secret_key"].get<std::string>(),
                                               settings["cluster_name"].get<std::string>());
            signatures += (check != SignatureCheck::Invalid) == expected["signature_valid"].get<bool>();
            CHECK((check != SignatureCheck::Invalid) == expected["signature_valid"].get<bool>());
            CHECK(VerifySignature(payload.value(), "another-key", settings["cluster_name"].get<std::string>()) == SignatureCheck::Invalid);
        }
        std::printf("golden %s queue: %d/%d stdlib packages match Python's repr exactly, %d/%zu signature checks agree with Django\n",
                    name, packages, stdlib_packages, signatures, golden["queue"].size());
        CHECK(packages == stdlib_packages);
        CHECK(stdlib_packages >= 8);
        CHECK(signatures == static_cast<int>(golden["queue"].size()));
    }
}

TEST_CASE("a signed payload round-trips, and tampering breaks the signature") {
    auto value = PyDict({{PyStr("id"), PyStr("abc")}, {PyStr("func"), PyStr("app.tasks.add")}, {PyStr("args"), PyTuple({PyInt(1), PyInt(2)})}});
    const Bytes pickle = EncodePickle(*value).value();
    for (bool compress : {false, true}) {
        const std::string signed_text = SignPayload(pickle, "s3cret", "mycluster", 1'700'000'000, compress);
        auto parsed = ParseSignedPayload(signed_text);
        REQUIRE(parsed);
        CHECK(parsed->pickle == pickle);
        CHECK(parsed->timestamp == 1'700'000'000);
        CHECK(VerifySignature(parsed.value(), "s3cret", "mycluster") == SignatureCheck::Valid);
        CHECK(VerifySignature(parsed.value(), "s3cret", "default") == SignatureCheck::Invalid);
        std::string tampered = signed_text;
        tampered[2] = tampered[2] == 'A' ? 'B' : 'A';
        auto reparsed = ParseSignedPayload(tampered);
        if (reparsed) CHECK(VerifySignature(reparsed.value(), "s3cret", "mycluster") == SignatureCheck::Invalid);
    }
    // Compression is used only when it makes the payload shorter, as Django decides.
    CHECK(SignPayload(pickle, "k", "s", 1, true)[0] != '.');
    std::vector<PyRef> many(500, PyStr("repeated text"));
    const Bytes big = EncodePickle(*PyList(std::vector<PyRef>(500, PyInt(7)))).value();
    CHECK(SignPayload(big, "k", "s", 1, true)[0] == '.');
}

TEST_CASE("payloads Python signed: legacy SHA-1 and compressed SHA-256") {
    const auto vectors = ReadJson(test::TestDataPath("signing_vectors.json"));
    const std::string secret = vectors["secret"], salt = vectors["salt"];
    auto legacy = ParseSignedPayload(vectors["legacy_sha1"].get<std::string>());
    REQUIRE(legacy);
    CHECK(VerifySignature(legacy.value(), secret, salt) == SignatureCheck::ValidLegacySha1);
    auto compressed = ParseSignedPayload(vectors["compressed_sha256"].get<std::string>());
    REQUIRE(compressed);
    CHECK(compressed->compressed);
    CHECK(VerifySignature(compressed.value(), secret, salt) == SignatureCheck::Valid);
    CHECK(ReprPython(*DecodePickle(compressed->pickle).value()) == vectors["compressed_repr"].get<std::string>());
}

TEST_CASE("base62 timestamps and malformed payloads") {
    CHECK(Base62Encode(0) == "0");
    CHECK(Base62Encode(61) == "z");
    CHECK(Base62Encode(62) == "10");
    CHECK(Base62Decode(Base62Encode(1'764'000'000)).value() == 1'764'000'000);
    CHECK(ParseSignedPayload("no colons here").error().code == "signing.bad_format");
    CHECK(ParseSignedPayload("gAU:!!:sig").error().code == "signing.bad_timestamp");
    CHECK(ParseSignedPayload("@@@@:1Kx5Z0:sig").error().code == "signing.bad_base64");
    CHECK(ParseSignedPayload(".eJzLSM3JyQcABiwCFQ:1Kx5Z0:sig").value().pickle.size() == 5);  // zlib("hello")
    CHECK(ParseSignedPayload(".AAAA:1Kx5Z0:sig").error().code == "zlib.corrupt");
}
