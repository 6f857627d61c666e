#include "core/decode/hash.h"

#include <cstring>

namespace core {
namespace {

std::uint32_t RotateLeft(std::uint32_t x, int n) { return (x << n) | (x >> (32 - n)); }
std::uint32_t RotateRight(std::uint32_t x, int n) { return (x >> n) | (x << (32 - n)); }

// The padded message blocks both hashes share: data, 0x80, zeros, 64-bit big-endian bit length.
template <class Compress>
void ForEachBlock(ByteView data, Compress compress) {
    std::size_t i = 0;
    for (; i + 64 <= data.size(); i += 64) compress(data.data() + i);
    std::uint8_t tail[128] = {};
    const std::size_t rest = data.size() - i;
    if (rest) std::memcpy(tail, data.data() + i, rest);
    tail[rest] = 0x80;
    const std::size_t blocks = rest + 9 > 64 ? 2 : 1;
    const std::uint64_t bits = static_cast<std::uint64_t>(data.size()) * 8;
    for (int k = 0; k < 8; ++k) tail[blocks * 64 - 1 - k] = static_cast<std::uint8_t>(bits >> (8 * k));
    for (std::size_t b = 0; b < blocks; ++b) compress(tail + 64 * b);
}

std::uint32_t BigEndian32(const std::uint8_t* p) {
    return (std::uint32_t(p[0]) << 24) | (std::uint32_t(p[1]) << 16) | (std::uint32_t(p[2]) << 8) | p[3];
}

template <std::size_t N>
std::array<std::uint8_t, N * 4> Digest(const std::uint32_t (&state)[N]) {
    std::array<std::uint8_t, N * 4> out{};
    for (std::size_t i = 0; i < N; ++i)
        for (int k = 0; k < 4; ++k) out[i * 4 + k] = static_cast<std::uint8_t>(state[i] >> (24 - 8 * k));
    return out;
}

// HMAC (RFC 2104) over any 64-byte-block hash: H((K ^ opad) || H((K ^ ipad) || message)).
// The hashes are one-shot, so the inner input is assembled in one buffer (payloads are small).
template <class Hash>
Bytes Hmac(ByteView key, ByteView message, Hash hash) {
    std::uint8_t block[64] = {};
    if (key.size() > 64) {
        const auto digest = hash(key);
        std::memcpy(block, digest.data(), digest.size());
    } else if (!key.empty()) {
        std::memcpy(block, key.data(), key.size());
    }
    Bytes inner(64 + message.size());
    Bytes outer(64);
    for (int i = 0; i < 64; ++i) {
        inner[i] = block[i] ^ 0x36;
        outer[i] = block[i] ^ 0x5C;
    }
    if (!message.empty()) std::memcpy(inner.data() + 64, message.data(), message.size());
    const auto inner_digest = hash(inner);
    outer.insert(outer.end(), inner_digest.begin(), inner_digest.end());
    const auto digest = hash(outer);
    return Bytes(digest.begin(), digest.end());
}

}  // namespace

Sha1Digest Sha1(ByteView data) {
    std::uint32_t h[5] = {0x67452301, 0xEFCDAB89, 0x98BADCFE, 0x10325476, 0xC3D2E1F0};
    ForEachBlock(data, [&](const std::uint8_t* block) {
        std::uint32_t w[80];
        for (int t = 0; t < 16; ++t) w[t] = BigEndian32(block + 4 * t);
        for (int t = 16; t < 80; ++t) w[t] = RotateLeft(w[t - 3] ^ w[t - 8] ^ w[t - 14] ^ w[t - 16], 1);
        std::uint32_t a = h[0], b = h[1], c = h[2], d = h[3], e = h[4];
        for (int t = 0; t < 80; ++t) {
            const std::uint32_t f = t < 20 ? (b & c) | (~b & d) : t < 40 ? b ^ c ^ d : t < 60 ? (b & c) | (b & d) | (c & d) : b ^ c ^ d;
            const std::uint32_t k = t < 20 ? 0x5A827999 : t < 40 ? 0x6ED9EBA1 : t < 60 ? 0x8F1BBCDC : 0xCA62C1D6;
            const std::uint32_t temp = RotateLeft(a, 5) + f + e + k + w[t];
            e = d;
            d = c;
            c = RotateLeft(b, 30);
            b = a;
            a = temp;
        }
        h[0] += a; h[1] += b; h[2] += c; h[3] += d; h[4] += e;
    });
    return Digest(h);
}

Sha256Digest Sha256(ByteView data) {
    static constexpr std::uint32_t k[64] = {
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01,
        0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc,
        0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147,
        0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
        0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08,
        0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
        0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2};
    std::uint32_t h[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
    ForEachBlock(data, [&](const std::uint8_t* block) {
        std::uint32_t w[64];
        for (int t = 0; t < 16; ++t) w[t] = BigEndian32(block + 4 * t);
        for (int t = 16; t < 64; ++t) {
            const std::uint32_t s0 = RotateRight(w[t - 15], 7) ^ RotateRight(w[t - 15], 18) ^ (w[t - 15] >> 3);
            const std::uint32_t s1 = RotateRight(w[t - 2], 17) ^ RotateRight(w[t - 2], 19) ^ (w[t - 2] >> 10);
            w[t] = w[t - 16] + s0 + w[t - 7] + s1;
        }
        std::uint32_t a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], hh = h[7];
        for (int t = 0; t < 64; ++t) {
            const std::uint32_t s1 = RotateRight(e, 6) ^ RotateRight(e, 11) ^ RotateRight(e, 25);
            const std::uint32_t choose = (e & f) ^ (~e & g);
            const std::uint32_t temp1 = hh + s1 + choose + k[t] + w[t];
            const std::uint32_t s0 = RotateRight(a, 2) ^ RotateRight(a, 13) ^ RotateRight(a, 22);
            const std::uint32_t majority = (a & b) ^ (a & c) ^ (b & c);
            const std::uint32_t temp2 = s0 + majority;
            hh = g; g = f; f = e; e = d + temp1; d = c; c = b; b = a; a = temp1 + temp2;
        }
        h[0] += a; h[1] += b; h[2] += c; h[3] += d; h[4] += e; h[5] += f; h[6] += g; h[7] += hh;
    });
    return Digest(h);
}

Bytes HmacSha1(ByteView key, ByteView message) { return Hmac(key, message, [](ByteView d) { return Sha1(d); }); }
Bytes HmacSha256(ByteView key, ByteView message) { return Hmac(key, message, [](ByteView d) { return Sha256(d); }); }

bool ConstantTimeEqual(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    unsigned char difference = 0;
    for (std::size_t i = 0; i < a.size(); ++i) difference |= static_cast<unsigned char>(a[i] ^ b[i]);
    return difference == 0;
}

std::string HexOf(ByteView bytes) {
    static constexpr char kHex[] = "0123456789abcdef";
    std::string hex;
    hex.reserve(bytes.size() * 2);
    for (std::uint8_t byte : bytes) {
        hex += kHex[byte >> 4];
        hex += kHex[byte & 0x0F];
    }
    return hex;
}

}  // namespace core
