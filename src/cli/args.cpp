#include <charconv>
#include <cstdio>
#include <cstdlib>

#include "cli/cli.h"
#include "core/io/file.h"
#include "core/model/summary.h"

namespace cli {

bool Args::Flag(const std::string& name) {
    for (auto it = m_words.begin(); it != m_words.end(); ++it) {
        if (*it == name) {
            m_words.erase(it);
            return true;
        }
    }
    return false;
}

core::Result<std::optional<std::string>> Args::Option(const std::string& name, const std::string& short_name) {
    for (std::size_t i = 0; i < m_words.size(); ++i) {
        if (m_words[i] != name && (short_name.empty() || m_words[i] != short_name)) continue;
        if (i + 1 >= m_words.size()) return core::MakeError("usage.missing_value", name + " needs a value");
        std::string value = m_words[i + 1];
        m_words.erase(m_words.begin() + static_cast<std::ptrdiff_t>(i), m_words.begin() + static_cast<std::ptrdiff_t>(i) + 2);
        return std::optional<std::string>(std::move(value));
    }
    return std::optional<std::string>();
}

core::Result<std::optional<std::int64_t>> Args::IntOption(const std::string& name) {
    auto text = Option(name);
    if (!text) return text.error();
    if (!text.value()) return std::optional<std::int64_t>();
    const auto value = WholeNumber(*text.value());
    if (!value) return core::MakeError("usage.not_a_number", name + " needs a whole number, not \"" + *text.value() + "\"");
    return value;
}

core::Result<std::optional<std::string>> Args::SearchOption() {
    constexpr std::size_t kMaxSearch = 1000;
    auto search = Option("--search");
    if (search && search.value() && search.value()->size() > kMaxSearch)
        return core::MakeError("usage.too_long", "--search is " + std::to_string(search.value()->size()) + " bytes long; at most " +
                                                     std::to_string(kMaxSearch) + " are searched");
    return search;
}

core::Result<std::optional<std::int64_t>> Args::CountOption(const std::string& name, std::int64_t min) {
    constexpr std::int64_t kMaxCount = 1'000'000'000'000;
    auto value = IntOption(name);
    if (!value || !value.value()) return value;
    if (*value.value() < min || *value.value() > kMaxCount)
        return core::MakeError("usage.out_of_range", name + " needs a whole number from " + std::to_string(min) + " to " +
                                                         std::to_string(kMaxCount) + ", not " + std::to_string(*value.value()));
    return value;
}

std::optional<std::int64_t> WholeNumber(const std::string& text) {
    std::int64_t value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
    return value;
}

core::Result<std::vector<std::string>> Args::Positionals() const {
    for (const auto& word : m_words)
        if (word.size() > 1 && word[0] == '-') return core::MakeError("usage.unknown_option", "unknown option " + word);
    return m_words;
}

int Args::UsageError(const std::string& message) const {
    std::fprintf(stderr, "djq: %s\n\n%s", message.c_str(), m_usage.c_str());
    return kUsage;
}

core::Result<core::Export> OpenWorkingCopy(const std::string& path) {
    auto bytes = core::ReadFile(path);
    if (!bytes) return bytes.error();
    return core::OpenExportBytes(bytes.value(), path);
}

void PrintJson(const nlohmann::json& value) {
    std::printf("%s\n", value.dump(2, ' ', false, nlohmann::json::error_handler_t::replace).c_str());
}

int Fail(int code, const std::string& message) {
    std::fprintf(stderr, "djq: %s\n", message.c_str());
    return code;
}

core::Result<std::optional<std::string>> SecretKeyFromEnvironment(Args& args) {
    auto variable = args.Option("--secret-key-env");
    if (!variable) return variable.error();
    if (!variable.value()) return std::optional<std::string>();
    const char* value = std::getenv(variable.value()->c_str());
    if (!value || !*value)
        return core::MakeError("cli.no_key", "the environment variable " + *variable.value() + " holding the SECRET_KEY is not set");
    return std::optional<std::string>(value);
}

core::Result<NowChoice> NowOption(Args& args) {
    auto text = args.Option("--now");
    if (!text) return text.error();
    NowChoice choice;
    if (!text.value() || *text.value() == "export") return choice;
    if (*text.value() == "wall") {
        choice.wall = true;
        return choice;
    }
    choice.at = core::ParseDjangoDatetime(*text.value());
    if (!choice.at) choice.at = core::ParseDjangoDatetime(*text.value() + ":00");  // without seconds
    if (!choice.at)
        return core::MakeError("cli.bad_now", "--now \"" + *text.value() + "\" is not export, wall or a time \"YYYY-MM-DD HH:MM[:SS]\" (UTC)");
    return choice;
}

core::UnixMicros NowOf(const NowChoice& choice, core::Export& export_) {
    if (choice.at) return *choice.at;
    if (!choice.wall)
        if (auto summary = core::Summarize(export_))
            if (const auto at = core::AsOfExport(summary.value())) return *at;
    return core::NowUnixMicros();  // the wall clock, or an export without tasks
}

core::Result<core::TimeZone> ZoneOption(Args& args) {
    auto name = args.Option("--tz");
    if (!name) return name.error();
    return core::LoadTimeZone(name.value().value_or("UTC"));
}

}  // namespace cli
