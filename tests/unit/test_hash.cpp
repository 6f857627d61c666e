#include <catch2/catch.hpp>

#include <string>

#include "core/decode/hash.h"

using namespace core;

namespace {

template <class Digest>
std::string Hex(const Digest& digest) {
    static constexpr char kHex[] = "0123456789abcdef";
    std::string out;
    for (auto byte : digest) {
        out += kHex[byte >> 4];
        out += kHex[byte & 15];
    }
    return out;
}

}  // namespace

TEST_CASE("SHA-1 and SHA-256 match the FIPS 180 test vectors") {
    CHECK(Hex(Sha1(AsBytes(""))) == "da39a3ee5e6b4b0d3255bfef95601890afd80709");
    CHECK(Hex(Sha1(AsBytes("abc"))) == "a9993e364706816aba3e25717850c26c9cd0d89d");
    CHECK(Hex(Sha1(AsBytes("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"))) == "84983e441c3bd26ebaae4aa1f95129e5e54670f1");
    CHECK(Hex(Sha256(AsBytes(""))) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    CHECK(Hex(Sha256(AsBytes("abc"))) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    CHECK(Hex(Sha256(AsBytes("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"))) ==
          "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    const std::string million(1'000'000, 'a');
    CHECK(Hex(Sha1(AsBytes(million))) == "34aa973cd4c4daa4f61eeb2bdbad27316534016f");
    CHECK(Hex(Sha256(AsBytes(million))) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST_CASE("HMAC matches RFC 2202 (SHA-1) and RFC 4231 (SHA-256)") {
    const std::string key1(20, '\x0b');
    CHECK(Hex(HmacSha1(AsBytes(key1), AsBytes("Hi There"))) == "b617318655057264e28bc0b6fb378c8ef146be00");
    CHECK(Hex(HmacSha256(AsBytes(key1), AsBytes("Hi There"))) == "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
    CHECK(Hex(HmacSha1(AsBytes("Jefe"), AsBytes("what do ya want for nothing?"))) == "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79");
    CHECK(Hex(HmacSha256(AsBytes("Jefe"), AsBytes("what do ya want for nothing?"))) ==
          "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    const std::string long_key(131, '\xaa');  // longer than a block: hashed first
    CHECK(Hex(HmacSha256(AsBytes(long_key), AsBytes("Test Using Larger Than Block-Size Key - Hash Key First"))) ==
          "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
}

TEST_CASE("ConstantTimeEqual compares whole strings") {
    CHECK(ConstantTimeEqual("abc", "abc"));
    CHECK_FALSE(ConstantTimeEqual("abc", "abd"));
    CHECK_FALSE(ConstantTimeEqual("abc", "ab"));
}
