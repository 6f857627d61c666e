#include "core/django_q/task_name.h"

#include <cstdint>
#include <random>
#include <vector>

#include "core/decode/hash.h"

namespace core {

extern const char* const kHumanhashWords[256];  // generated from npm humanhash (cmake/dependencies.cmake)

std::string NewTaskId() {
    std::random_device entropy;  // the OS's (native) or crypto.getRandomValues (web)
    std::uint8_t bytes[16];
    for (std::size_t i = 0; i < sizeof bytes; i += 4) {
        const std::uint32_t word = entropy();
        for (std::size_t k = 0; k < 4; ++k) bytes[i + k] = static_cast<std::uint8_t>(word >> (8 * k));
    }
    bytes[6] = static_cast<std::uint8_t>((bytes[6] & 0x0F) | 0x40);  // version 4
    bytes[8] = static_cast<std::uint8_t>((bytes[8] & 0x3F) | 0x80);  // RFC 4122 variant
    return HexOf(bytes);
}

std::string HumanHash(std::string_view hex, int words) {
    std::vector<int> bytes;
    for (std::size_t i = 0; i + 1 < hex.size(); i += 2) {
        const std::string pair(hex.substr(i, 2));
        if (pair.find_first_not_of("0123456789abcdefABCDEF") != std::string::npos) return {};
        bytes.push_back(std::stoi(pair, nullptr, 16));
    }
    if (words <= 0 || static_cast<std::size_t>(words) > bytes.size()) return {};
    // Equal segments; the last one takes the remainder.
    const std::size_t segment = bytes.size() / static_cast<std::size_t>(words);
    std::string name;
    for (int w = 0; w < words; ++w) {
        const std::size_t begin = static_cast<std::size_t>(w) * segment;
        const std::size_t end = w + 1 == words ? bytes.size() : begin + segment;
        int checksum = 0;
        for (std::size_t i = begin; i < end; ++i) checksum ^= bytes[i];
        if (!name.empty()) name += '-';
        name += kHumanhashWords[checksum];
    }
    return name;
}

}  // namespace core
