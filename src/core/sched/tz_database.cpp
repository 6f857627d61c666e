// Natively, zones come from the system's zoneinfo (Debian tzdata): $TZDIR or /usr/share/zoneinfo.
// The web build compiles tz_database_web.cpp instead (src/core/CMakeLists.txt chooses).
#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/io/file.h"
#include "core/sched/tz_database.h"

namespace core {
namespace {

std::string ZoneinfoDir() {
    const char* dir = std::getenv("TZDIR");
    return dir && *dir ? dir : "/usr/share/zoneinfo";
}

Error Unknown(std::string_view name) {
    return MakeError("tz.unknown", "unknown time zone \"" + std::string(name) + "\"");
}

bool IsTzifFile(const std::filesystem::path& path) {
    auto head = ReadFileHead(path.string(), 4);
    return head && AsText(*head) == "TZif";
}

// Zones and links as tzdata.zi lists them ("Z name ...", "L target name").
std::vector<std::string> NamesFromTzdataZi(const std::string& dir) {
    std::vector<std::string> names;
    std::ifstream zi(dir + "/tzdata.zi");
    std::string line;
    while (std::getline(zi, line)) {
        if (line.size() < 2 || (line[0] != 'Z' && line[0] != 'L') || line[1] != ' ') continue;
        std::istringstream fields(line.substr(2));
        std::string name;
        fields >> name;
        if (line[0] == 'L') fields >> name;
        std::error_code error;
        if (IsTimeZoneName(name) && std::filesystem::is_regular_file(dir + "/" + name, error)) names.push_back(name);
    }
    return names;
}

// Without tzdata.zi: every TZif file, minus the "posix/" and "right/" copies and "localtime".
std::vector<std::string> NamesFromWalk(const std::string& dir) {
    std::vector<std::string> names;
    std::error_code error;
    std::filesystem::recursive_directory_iterator it(dir, error), end;
    for (; !error && it != end; it.increment(error)) {
        const std::string name = it->path().lexically_relative(dir).generic_string();
        if (it->is_directory(error)) {
            if (name == "posix" || name == "right") it.disable_recursion_pending();
            continue;
        }
        if (name != "localtime" && name != "posixrules" && IsTimeZoneName(name) && IsTzifFile(it->path()))
            names.push_back(name);
    }
    return names;
}

}  // namespace

Result<TimeZone> LoadTimeZone(std::string_view name) {
    if (!IsTimeZoneName(name)) return Unknown(name);
    auto bytes = ReadFile(ZoneinfoDir() + "/" + std::string(name));
    if (!bytes || bytes->size() < 4 || std::memcmp(bytes->data(), "TZif", 4) != 0)
        return name == "UTC" ? Result<TimeZone>(TimeZone::Utc()) : Result<TimeZone>(Unknown(name));
    return TimeZone::FromTzif(name, *bytes);
}

std::vector<std::string> TimeZoneNames() {
    const std::string dir = ZoneinfoDir();
    std::vector<std::string> names = NamesFromTzdataZi(dir);
    if (names.empty()) names = NamesFromWalk(dir);
    names.push_back("UTC");
    std::sort(names.begin(), names.end());
    names.erase(std::unique(names.begin(), names.end()), names.end());
    return names;
}

}  // namespace core
