#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <charconv>
#include <cstdio>
#include <fstream>
#include <initializer_list>
#include <map>
#include <sstream>

#include "core/decode/pickle_reader.h"
#include "core/decode/py_repr.h"
#include "core/decode/signing.h"
#include "core/decode/zlib_codec.h"
#include "test_paths.h"

using namespace core;

namespace {

nlohmann::json ReadJson(const std::string& path) {
    std::ifstream file(path, std::ios::binary);
    REQUIRE(file);
    std::stringstream text;
    text << file.rdbuf();
    return nlohmann::json::parse(text.str());
}

Bytes FromHex(std::string_view hex) {
    Bytes out;
    for (std::size_t i = 0; i + 1 < hex.size(); i += 2) {
        std::uint8_t byte = 0;
        std::from_chars(hex.data() + i, hex.data() + i + 2, byte, 16);
        out.push_back(byte);
    }
    return out;
}

std::string ReprOf(ByteView pickle) {
    auto value = DecodePickle(pickle);
    if (!value) return "<" + value.error().code + ">";
    return ReprPython(*value.value());
}

// The same text with one character swapped for another base64 character, so it still splits.
std::string Tampered(std::string text, std::size_t at) {
    text[at] = text[at] == 'A' ? 'B' : 'A';
    return text;
}

}  // namespace

TEST_CASE("golden: every queued payload of the dumpdata fixtures decodes to its package and verifies as Django did") {
    for (const char* name : {"djq1-1.3.9", "djq2-latest"}) {
        const auto dumpdata = ReadJson(test::FixturePath(std::string(name) + ".json"));
        const auto golden = ReadJson(test::FixturePath(std::string("golden-") + name + ".json"));
        const auto settings = ReadJson(test::FixturePath(std::string("settings-") + name + ".json"));
        const std::string secret = settings["secret_key"], salt = settings["cluster_name"];
        std::map<std::int64_t, nlohmann::json> expected;
        for (const auto& row : golden["queue"]) expected[row["id"].get<std::int64_t>()] = row;

        int rows = 0, signatures = 0, tamper_caught = 0, stdlib = 0, stdlib_exact = 0, user_class = 0;
        for (const auto& row : dumpdata) {
            if (row["model"] != "django_q.ormq") continue;
            ++rows;
            const std::int64_t id = row["pk"];
            INFO(name << " ormq row " << id);
            REQUIRE(expected.count(id) == 1);
            const auto& want = expected[id];
            const std::string text = row["fields"]["payload"];

            auto payload = ParseSignedPayload(text);
            REQUIRE(payload);
            CHECK_FALSE(payload->compressed);  // the fixtures were made with compress=False
            CHECK(payload->signed_at.substr(0, 8) == "2026-11-");
            const SignatureCheck check = VerifySignature(payload.value(), secret, salt);
            CHECK(check == SignatureCheck::Valid);  // Django 3.2 signs with SHA-256
            signatures += (check != SignatureCheck::Invalid) == want["signature_valid"].get<bool>();

            // A changed payload, timestamp or signature, another salt or another key: all rejected.
            int caught = 0;
            const std::size_t colon = text.find(':');
            for (std::size_t at : {std::size_t{0}, colon / 2, colon - 1, colon + 2, text.size() - 1}) {
                auto changed = ParseSignedPayload(Tampered(text, at));
                caught += !changed || VerifySignature(changed.value(), secret, salt) == SignatureCheck::Invalid;
            }
            caught += VerifySignature(payload.value(), secret, "default") == SignatureCheck::Invalid;
            caught += VerifySignature(payload.value(), secret + "x", salt) == SignatureCheck::Invalid;
            CHECK(caught == 7);
            tamper_caught += caught == 7;

            auto decoded = DecodePickle(payload->pickle);
            REQUIRE(decoded);
            const std::string ours = ReprPython(*decoded.value());
            const std::string theirs = want["package"];
            if (HasUserClass(*decoded.value())) {
                // Python's repr of a user class needs its code: ours names the class and shows its state.
                ++user_class;
                CHECK(ours.find("demoapp.tasks.") != std::string::npos);
                CHECK(ours.substr(0, 40) == theirs.substr(0, 40));
            } else {
                ++stdlib;
                stdlib_exact += ours == theirs;
                CHECK(ours == theirs);
            }
        }
        std::printf("golden %s queue: %d/%d signatures agree with Django (SHA-256), %d/%d tampered variants rejected, "
                    "%d/%d stdlib packages repr-exact, %d with user classes\n",
                    name, signatures, rows, tamper_caught, rows, stdlib_exact, stdlib, user_class);
        CHECK(rows == static_cast<int>(golden["queue"].size()));
        CHECK(rows >= 10);
        CHECK(signatures == rows);
        CHECK(stdlib_exact == stdlib);
    }
}

TEST_CASE("payloads signed by Django's algorithm in Python: byte-identical signing, parsing and verification") {
    const auto vectors = ReadJson(test::TestDataPath("signing/vectors.json"));
    REQUIRE(vectors["cases"].size() >= 9);
    for (const auto& v : vectors["cases"]) {
        INFO(v["name"].get<std::string>());
        const Bytes pickle = FromHex(v["pickle_hex"].get<std::string>());
        const std::string secret = v["secret"], salt = v["salt"], signed_text = v["signed"];
        const bool legacy = v["algorithm"] == "sha1";
        const auto algorithm = legacy ? SigningAlgorithm::LegacySha1 : SigningAlgorithm::Sha256;

        CHECK(SignPayload(pickle, secret, salt, v["timestamp"], v["compress"], algorithm) == signed_text);
        auto parsed = ParseSignedPayload(signed_text);
        REQUIRE(parsed);
        CHECK(parsed->pickle == pickle);
        CHECK(parsed->compressed == v["compressed"].get<bool>());
        CHECK(parsed->timestamp == v["timestamp"].get<std::int64_t>());
        CHECK(parsed->signed_at == v["signed_at"].get<std::string>());
        CHECK(parsed->signed_part + ":" + parsed->signature == signed_text);
        CHECK(VerifySignature(parsed.value(), secret, salt) == (legacy ? SignatureCheck::ValidLegacySha1 : SignatureCheck::Valid));
        CHECK(VerifySignature(parsed.value(), secret, salt + "x") == SignatureCheck::Invalid);
        CHECK(VerifySignature(parsed.value(), "", salt) == SignatureCheck::Invalid);
        CHECK(ReprOf(parsed->pickle) == v["repr"].get<std::string>());
    }
}

TEST_CASE("signing round-trips for every option, and compresses only when Django would") {
    Bytes repetitive;
    for (int i = 0; i < 2000; ++i) repetitive.push_back(static_cast<std::uint8_t>(i % 7));
    const Bytes short_pickle = {0x80, 0x05, 0x4b, 0x07, 0x2e};  // pickle of 7
    for (const Bytes* pickle : std::initializer_list<const Bytes*>{&repetitive, &short_pickle}) {
        for (bool compress : {false, true}) {
            for (auto algorithm : {SigningAlgorithm::Sha256, SigningAlgorithm::LegacySha1}) {
                const std::string text = SignPayload(*pickle, "s3cret", "mycluster", 1'700'000'000, compress, algorithm);
                auto parsed = ParseSignedPayload(text);
                REQUIRE(parsed);
                CHECK(parsed->pickle == *pickle);
                CHECK(parsed->timestamp == 1'700'000'000);
                CHECK(parsed->signed_at == "2023-11-14 22:13:20");
                CHECK(parsed->compressed == (compress && pickle == &repetitive));
                CHECK(VerifySignature(parsed.value(), "s3cret", "mycluster") ==
                      (algorithm == SigningAlgorithm::Sha256 ? SignatureCheck::Valid : SignatureCheck::ValidLegacySha1));
            }
        }
    }
    CHECK(SignPayload({}, "k", kDefaultSigningSalt, 0).substr(0, 3) == ":0:");
    CHECK(ParseSignedPayload(SignPayload({}, "k", kDefaultSigningSalt, 0)).value().pickle.empty());
}

TEST_CASE("base62 timestamps as Django writes them, and UTC dates") {
    const auto vectors = ReadJson(test::TestDataPath("signing/vectors.json"));
    for (const auto& pair : vectors["base62"]) {
        const std::int64_t number = pair[0];
        const std::string text = pair[1];
        CHECK(Base62Encode(number) == text);
        CHECK(Base62Decode(text).value() == number);
    }
    CHECK(Base62Encode(INT64_MIN) == "-AzL8n0Y58m8");
    CHECK(Base62Decode("0000000001").value() == 1);
    for (const char* bad : {"", "-", "1x!", "zzzzzzzzzzz", "-zzzzzzzzzzz", " 1", "1:"})
        CHECK(Base62Decode(bad).error().code == "signing.bad_timestamp");

    CHECK(FormatUnixTimeUtc(0) == "1970-01-01 00:00:00");
    CHECK(FormatUnixTimeUtc(-1) == "1969-12-31 23:59:59");
    CHECK(FormatUnixTimeUtc(951782400) == "2000-02-29 00:00:00");
    CHECK(FormatUnixTimeUtc(1795999735) == "2026-11-30 00:48:55");
    CHECK(FormatUnixTimeUtc(253402300799) == "9999-12-31 23:59:59");
    CHECK_FALSE(FormatUnixTimeUtc(INT64_MIN).empty());  // regression: days * 86400 overflowed (UBSan)
    CHECK_FALSE(FormatUnixTimeUtc(INT64_MAX).empty());
}

TEST_CASE("malformed payloads give stable codes and where they went wrong") {
    auto code_where = [](std::string_view text) {
        auto parsed = ParseSignedPayload(text);
        return parsed ? std::string("ok") : parsed.error().code + " @ " + parsed.error().where;
    };
    CHECK(code_where("no colons here") == "signing.bad_format @ field signature");
    CHECK(code_where("") == "signing.bad_format @ field signature");
    CHECK(code_where("gAU:sig") == "signing.bad_format @ field timestamp");
    CHECK(code_where(":sig") == "signing.bad_format @ field timestamp");
    CHECK(code_where("::") == "signing.bad_timestamp @ byte 1");
    CHECK(code_where("gAU:!!:sig") == "signing.bad_timestamp @ byte 4");
    CHECK(code_where("gAU::sig") == "signing.bad_timestamp @ byte 4");
    CHECK(code_where("gA@U:1Kx5Z0:sig") == "signing.bad_base64 @ byte 2");
    CHECK(code_where("gA+U:1Kx5Z0:sig") == "signing.bad_base64 @ byte 2");  // the standard alphabet is not URL-safe
    CHECK(code_where("a:b:1Kx5Z0:sig") == "signing.bad_base64 @ byte 1");   // Django's rsplit leaves ':' in B64
    CHECK(code_where(".gA@U:1Kx5Z0:sig") == "signing.bad_base64 @ byte 3");
    CHECK(code_where("gAUxx:1Kx5Z0:sig") == "signing.bad_base64 @ byte 0");  // 5 characters cannot be base64
    CHECK(code_where(".AAAA:1Kx5Z0:sig") == "zlib.corrupt @ byte 2");
    CHECK(code_where(".:1Kx5Z0:sig") == "zlib.corrupt @ byte 0");
    CHECK(code_where("gAU:1Kx5Z0:") == "ok");  // an empty signature parses, and never verifies
    CHECK(VerifySignature(ParseSignedPayload("gAU:1Kx5Z0:").value(), "k", "default") == SignatureCheck::Invalid);
    CHECK(code_where("gAU=:1Kx5Z0:sig") == "ok");  // padding is tolerated, as Python's b64decode does
    auto hello = ParseSignedPayload(".eJzLSM3JyQcABiwCFQ:1Kx5Z0:sig");  // zlib.compress(b"hello")
    REQUIRE(hello);
    CHECK(AsText(hello->pickle) == "hello");
}

TEST_CASE("the secret key never appears in an error or a signed payload") {
    const std::string secret = "TOP-SECRET-KEY-do-not-print";
    const std::string text = SignPayload(AsBytes("x"), secret, "default", 1);
    CHECK(text.find(secret) == std::string::npos);
    for (const char* bad : {"x", "x:y", ".AAAA:1:z"}) {
        auto parsed = ParseSignedPayload(bad);
        REQUIRE_FALSE(parsed);
        CHECK(parsed.error().Describe().find(secret) == std::string::npos);
    }
}

TEST_CASE("zlib as Python's zlib module: same bytes, trailing data ignored, truncation and bombs refused") {
    const auto zlib = ReadJson(test::TestDataPath("signing/vectors.json"))["zlib"];
    CHECK(AsText(Inflate(FromHex(zlib["hello_hex"].get<std::string>())).value()) == "hello");
    CHECK(AsText(Inflate(FromHex(zlib["hello_with_trailing_garbage_hex"].get<std::string>())).value()) == "hello");
    const Bytes truncated = FromHex(zlib["truncated_hex"].get<std::string>());
    auto cut = Inflate(truncated);
    REQUIRE_FALSE(cut);
    CHECK(cut.error().code == "zlib.corrupt");
    CHECK(cut.error().where == "byte " + std::to_string(truncated.size()));
    CHECK(Inflate({}).error().code == "zlib.corrupt");
    CHECK(Inflate(AsBytes("not zlib at all")).error().where == "byte 2");  // zlib reads the 2-byte header, then rejects it

    // Deflate is byte-identical to Python's zlib.compress: Django's compressed payloads re-sign exactly.
    const Bytes python_compressed = FromHex(zlib["python_compress_big_hex"].get<std::string>());
    const Bytes original = Inflate(python_compressed).value();
    CHECK(Deflate(original).value() == python_compressed);

    // A bomb: 64 MiB of zeros in ~64 KB.
    const Bytes zeros(64u << 20, 0);
    const Bytes bomb = Deflate(zeros).value();
    CHECK(bomb.size() < (100u << 10));
    auto refused = Inflate(bomb, 1u << 20);
    REQUIRE_FALSE(refused);
    CHECK(refused.error().code == "zlib.too_large");
    CHECK(Inflate(bomb).error().code == "zlib.too_large");  // over the default 32 MiB cap per payload
    CHECK(Inflate(bomb, zeros.size()).value().size() == zeros.size());

    // Exactly at the cap is allowed; one byte over is not.
    const Bytes data(1000, 'a');
    const Bytes packed = Deflate(data).value();
    CHECK(Inflate(packed, 1000).value() == data);
    CHECK(Inflate(packed, 999).error().code == "zlib.too_large");
    CHECK(Inflate(Deflate({}).value(), 0).value().empty());
}
