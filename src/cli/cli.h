// The djq command line: one function per command, a tiny argument reader, and the exit codes
// scripts rely on.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/open/open_export.h"
#include "core/sched/timestamp.h"
#include "core/sched/time_zone.h"
#include "core/result.h"

namespace cli {

// kNeedsAttention (djq health) is 1 as bad input is: either way cron should tell someone.
enum ExitCode : int { kOk = 0, kBadInput = 1, kNeedsAttention = 1, kUsage = 2, kConflicts = 3 };

// The words after the command name. Flags are "--name" or "--name value"; anything else is positional.
class Args {
public:
    // `usage` is the command's own help text, printed by UsageError.
    Args(std::vector<std::string> words, std::string usage = {}) : m_words(std::move(words)), m_usage(std::move(usage)) {}

    // Removes and returns "--name"'s presence.
    bool Flag(const std::string& name);
    // Removes "--name VALUE" (or "-s VALUE" via `short_name`) and returns VALUE; an error when the value is missing.
    core::Result<std::optional<std::string>> Option(const std::string& name, const std::string& short_name = "");
    // Removes and returns an integer option; an error when it is not a whole number.
    core::Result<std::optional<std::int64_t>> IntOption(const std::string& name);
    // --search's text, at most 1,000 bytes (SQLite refuses much longer LIKE patterns).
    core::Result<std::optional<std::string>> SearchOption();
    // A count or position: a whole number from `min` to 10^12 (so sums of them never overflow).
    core::Result<std::optional<std::int64_t>> CountOption(const std::string& name, std::int64_t min = 0);
    // What remains once the flags are taken; an error for a leftover "--something".
    core::Result<std::vector<std::string>> Positionals() const;
    // Prints "djq: <message>" and the command's usage to stderr; returns kUsage.
    int UsageError(const std::string& message) const;

private:
    std::vector<std::string> m_words;
    std::string m_usage;
};

// The SECRET_KEY from the environment variable `--secret-key-env VAR` names (never a command-line
// argument, which shell histories and process lists show); nullopt without the option, an error
// when the variable is unset or empty.
core::Result<std::optional<std::string>> SecretKeyFromEnvironment(Args& args);
// --now: "export" (the default: the export's newest task stop time, as the app's clock), "wall"
// (the system clock), or a UTC time "YYYY-MM-DD HH:MM[:SS]". Read before Positionals; the time is
// known once the export is open (NowOf).
struct NowChoice {
    std::optional<core::UnixMicros> at;  // a time given
    bool wall = false;
};
core::Result<NowChoice> NowOption(Args& args);
core::UnixMicros NowOf(const NowChoice& choice, core::Export& export_);
// --tz ZONE (default UTC), the zone times are printed in.
core::Result<core::TimeZone> ZoneOption(Args& args);

// The whole number `text` spells, all of it; nullopt for anything else ("12x", "", "1.5").
std::optional<std::int64_t> WholeNumber(const std::string& text);

// The export at `path` read into memory: a working copy whose edits never touch the file.
core::Result<core::Export> OpenWorkingCopy(const std::string& path);

// Prints "djq: <message>" to stderr and returns the code.
int Fail(int code, const std::string& message);
// Prints JSON indented by two, with any text that is not UTF-8 (from a damaged export) replaced
// rather than stopping the program.
void PrintJson(const nlohmann::json& value);

int RunInfo(Args args);
int RunDemo(Args args);
int RunApply(Args args);
int RunExport(Args args);
int RunShow(Args args);
int RunQueue(Args args);
int RunTasks(Args args);
int RunNextRuns(Args args);
int RunSchedules(Args args);
int RunResubmit(Args args);
int RunRunNow(Args args);
int RunClearLock(Args args);
int RunStats(Args args);
int RunFailures(Args args);
int RunHealth(Args args);
int RunDiff(Args args);

}  // namespace cli
