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

// n bytes of a fixed pattern; the same as `bytes((i * 7 + 3) % 256 for i in range(n))` in Python.
Bytes Pattern(std::size_t n) {
    Bytes out(n);
    for (std::size_t i = 0; i < n; ++i) out[i] = static_cast<std::uint8_t>((i * 7 + 3) % 256);
    return out;
}

// SHA-256 over the concatenated results for every length 0..299: one check covers every padding
// case (55, 56, 63, 64, 119, 120 bytes...) and keys shorter, equal to and longer than a block.
template <class Function>
std::string DigestOfAllLengths(Function function) {
    Bytes all;
    for (std::size_t n = 0; n < 300; ++n) {
        const auto digest = function(n);
        all.insert(all.end(), digest.begin(), digest.end());
    }
    return Hex(Sha256(all));
}

}  // namespace

TEST_CASE("SHA-1 and SHA-256 match the FIPS 180 test vectors") {
    const std::string m448 = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
    const std::string m896 =
        "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu";
    const std::string million(1'000'000, 'a');
    CHECK(Hex(Sha1(AsBytes(""))) == "da39a3ee5e6b4b0d3255bfef95601890afd80709");
    CHECK(Hex(Sha1(AsBytes("abc"))) == "a9993e364706816aba3e25717850c26c9cd0d89d");
    CHECK(Hex(Sha1(AsBytes(m448))) == "84983e441c3bd26ebaae4aa1f95129e5e54670f1");
    CHECK(Hex(Sha1(AsBytes(m896))) == "a49b2446a02c645bf419f995b67091253a04a259");
    CHECK(Hex(Sha1(AsBytes(million))) == "34aa973cd4c4daa4f61eeb2bdbad27316534016f");
    CHECK(Hex(Sha256(AsBytes(""))) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    CHECK(Hex(Sha256(AsBytes("abc"))) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    CHECK(Hex(Sha256(AsBytes(m448))) == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    CHECK(Hex(Sha256(AsBytes(m896))) == "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1");
    CHECK(Hex(Sha256(AsBytes(million))) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST_CASE("SHA and HMAC agree with Python's hashlib and hmac at every length around the block size") {
    // Expected values from python3: see the Pattern() comment; keys are Pattern(n % 150).
    CHECK(DigestOfAllLengths([](std::size_t n) { return Sha1(Pattern(n)); }) ==
          "0da79a84a04dd3d58943db9075ffb578b9c9e0758c837bb7edf2fe6946907dc8");
    CHECK(DigestOfAllLengths([](std::size_t n) { return Sha256(Pattern(n)); }) ==
          "7b074096cabb18dd0d1b468a173cb2f97f80e952525bca29542e606fd6d0753a");
    CHECK(DigestOfAllLengths([](std::size_t n) { return HmacSha1(Pattern(n % 150), Pattern(n)); }) ==
          "e9a7cc0bd30c27f463967a9a22ccfa5c91a68a8ae897eaf7f2f8f42280d21254");
    CHECK(DigestOfAllLengths([](std::size_t n) { return HmacSha256(Pattern(n % 150), Pattern(n)); }) ==
          "44f184bd3042e06436e5f4a4daaa60d9cb6672a9dbb21853bc9fd049b765f257");
}

TEST_CASE("HMAC-SHA1 matches RFC 2202") {
    Bytes key25;
    for (int i = 1; i <= 25; ++i) key25.push_back(static_cast<std::uint8_t>(i));
    CHECK(Hex(HmacSha1(AsBytes(std::string(20, '\x0b')), AsBytes("Hi There"))) == "b617318655057264e28bc0b6fb378c8ef146be00");
    CHECK(Hex(HmacSha1(AsBytes("Jefe"), AsBytes("what do ya want for nothing?"))) == "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79");
    CHECK(Hex(HmacSha1(AsBytes(std::string(20, '\xaa')), AsBytes(std::string(50, '\xdd')))) ==
          "125d7342b9ac11cd91a39af48aa17b4f63f175d3");
    CHECK(Hex(HmacSha1(key25, AsBytes(std::string(50, '\xcd')))) == "4c9007f4026250c6bc8414f9bf50c86c2d7235da");
    CHECK(Hex(HmacSha1(AsBytes(std::string(20, '\x0c')), AsBytes("Test With Truncation"))) ==
          "4c1a03424b55e07fe7f27be1d58bb9324a9a5a04");
    const std::string key80(80, '\xaa');  // longer than a block: hashed first
    CHECK(Hex(HmacSha1(AsBytes(key80), AsBytes("Test Using Larger Than Block-Size Key - Hash Key First"))) ==
          "aa4ae5e15272d00e95705637ce8a3b55ed402112");
    CHECK(Hex(HmacSha1(AsBytes(key80), AsBytes("Test Using Larger Than Block-Size Key and Larger Than One Block-Size Data"))) ==
          "e8e99d0f45237d786d6bbaa7965c7808bbff1a91");
}

TEST_CASE("HMAC-SHA256 matches RFC 4231") {
    Bytes key25;
    for (int i = 1; i <= 25; ++i) key25.push_back(static_cast<std::uint8_t>(i));
    CHECK(Hex(HmacSha256(AsBytes(std::string(20, '\x0b')), AsBytes("Hi There"))) ==
          "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
    CHECK(Hex(HmacSha256(AsBytes("Jefe"), AsBytes("what do ya want for nothing?"))) ==
          "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    CHECK(Hex(HmacSha256(AsBytes(std::string(20, '\xaa')), AsBytes(std::string(50, '\xdd')))) ==
          "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe");
    CHECK(Hex(HmacSha256(key25, AsBytes(std::string(50, '\xcd')))) ==
          "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b");
    CHECK(Hex(HmacSha256(AsBytes(std::string(20, '\x0c')), AsBytes("Test With Truncation"))).substr(0, 32) ==
          "a3b6167473100ee06e0c796c2955552b");  // test case 5 compares the first 128 bits
    const std::string key131(131, '\xaa');
    CHECK(Hex(HmacSha256(AsBytes(key131), AsBytes("Test Using Larger Than Block-Size Key - Hash Key First"))) ==
          "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
    CHECK(Hex(HmacSha256(AsBytes(key131), AsBytes("This is a test using a larger than block-size key and a larger than block-size data. "
                                                  "The key needs to be hashed before being used by the HMAC algorithm."))) ==
          "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2");
}

TEST_CASE("ConstantTimeEqual compares whole strings") {
    CHECK(ConstantTimeEqual("", ""));
    CHECK(ConstantTimeEqual("abc", "abc"));
    CHECK_FALSE(ConstantTimeEqual("abc", "abd"));
    CHECK_FALSE(ConstantTimeEqual("xbc", "abc"));
    CHECK_FALSE(ConstantTimeEqual("abc", "ab"));
    CHECK_FALSE(ConstantTimeEqual(std::string_view("a\0c", 3), std::string_view("a\0d", 3)));
}
