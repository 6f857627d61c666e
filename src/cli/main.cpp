// djq: Django Q databases from the command line. `djq --help` lists the commands; `djq COMMAND --help`
// prints one command's usage. The table below is the only place a command's usage is written.
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "cli/cli.h"

namespace {

struct Command {
    const char* name;
    int (*run)(cli::Args);
    const char* synopsis;     // after "djq NAME "
    const char* description;  // indented lines
};

const Command kCommands[] = {
    {"info", cli::RunInfo, "FILE [--json]",
     "the export's Django Q version, counts of successful, failed, scheduled and queued tasks,\n"
     "and the time range of its tasks"},
    {"tasks", cli::RunTasks,
     "FILE [--failed | --all] [--search Q] [--in-values] [--group G] [--cluster C] [--func F]\n"
     "      [--started-from D] [--started-until D] [--stopped-from D] [--stopped-until D]\n"
     "      [--sort COLUMN] [--asc] [--offset N] [--limit N] [--json]",
     "the Successful (or Failed, or All tasks) list with the Django admin's search and filters (and F, one\n"
     "func exactly, as the dashboard's links), newest stopped first, with how many match of how many (D: YYYY-MM-DD or \"YYYY-MM-DD HH:MM\", UTC;\n"
     "COLUMN: name, group, func, cluster, started, stopped, time_taken, attempt_count)"},
    {"stats", cli::RunStats, "FILE [--bucket hour|day|week] [--tz ZONE] [--json]",
     "tasks that succeeded and failed per hour, day or week (chosen from the export's time span unless\n"
     "given) of ZONE's wall clock (default UTC), the failure rate, time taken p50/p95/max, and each func's\n"
     "runs, failures, attempts, time taken, first and last run and runs over time, busiest first"},
    {"failures", cli::RunFailures, "FILE [--tz ZONE] [--json]",
     "the failed tasks grouped by signature: exception type, message with numbers, ids and quoted\n"
     "values normalised, and the innermost frame outside Django Q; each group's count, funcs, first\n"
     "and last seen and newest task, largest first"},
    {"health", cli::RunHealth, "FILE [--now export|wall|TIME] [--tz ZONE] [--secret-key-env VAR] [--json]",
     "what needs attention: schedules with args/kwargs the scheduler cannot read, overdue, with runs\n"
     "missed in the export's window (a due time without a task, as of the schedule's oldest kept success;\n"
     "ZONE: the server's TIME_ZONE, default UTC), or whose last 3 runs failed, last runs pruned from the export, queue entries no broker takes or waiting over 10\n"
     "minutes, and with the SECRET_KEY in VAR signatures it does not verify; paused schedules for your\n"
     "information. Exit 1 when something needs attention (for cron), 0 when nothing does"},
    {"diff", cli::RunDiff, "OLD NEW [--tz ZONE] [--json]",
     "what changed from the export OLD to the newer NEW of the same server: failures NEW has that OLD has\n"
     "not (same task id and stop time), by failure group (new groups first, then those that grew), groups\n"
     "with no failure left, schedules added, removed or edited (and how many the scheduler ran), and the\n"
     "queue's growth: entries added, gone and still waiting, per cluster"},
    {"show", cli::RunShow, "FILE TASK [--json]", "every field of a task (by id or name), args/kwargs/result decoded"},
    {"schedules", cli::RunSchedules, "FILE [--search Q] [--type T] [--cluster C] [--paused] [--overdue] [--tz ZONE]\n"
     "      [--now export|wall|TIME] [--json]",
     "the Scheduled tasks list: type, repeats, next run (in ZONE, default UTC), last run and its\n"
     "success; paused and overdue filters. Overdue is as of --now: by default the export's newest\n"
     "task time (as the app's clock), \"wall\" for the system clock, or a UTC \"YYYY-MM-DD HH:MM\""},
    {"next-runs", cli::RunNextRuns,
     "FILE SCHEDULE_ID [-n N] [--tz ZONE] [--variant q1|q2] [--now export|wall|TIME]\n"
     "      [--no-catch-up] [--json]",
     "a schedule's timing and repeats in words and its next N runs (default 10) as the scheduler\n"
     "will make them, in ZONE (default UTC) and UTC"},
    {"queue", cli::RunQueue, "FILE [--secret-key-env VAR] [--cluster NAME] [--tz ZONE] [--now export|wall|TIME] [--json]",
     "the ORM broker's queued tasks decoded, their lock state as of --now (as for schedules), and\n"
     "with the SECRET_KEY in\n"
     "environment variable VAR whether each signature verifies (salt: the enqueuing cluster's\n"
     "name, by default each row's key)"},
    {"export", cli::RunExport, "FILE (--changeset OUT.json | --sqlite OUT.sqlite3 | --fixture OUT.json)",
     "write a working copy's changeset, the whole database as SQLite (also turns dumpdata JSON\n"
     "into SQLite), or a loaddata fixture"},
    {"apply", cli::RunApply,
     "CHANGES.json --db SERVER.sqlite3 [--dry-run] [--skip-conflicts] [--retry SECONDS] [--json]\n"
     "      [--secret-key-env VAR [--cluster NAME] [--compress] [--key-rotated]]",
     "apply a changeset made in djq-admin to the server's database: each action all or nothing;\n"
     "an action whose rows changed on the server since the export is a conflict (nothing written,\n"
     "or with --skip-conflicts that action alone skipped). New schedules and queue entries get\n"
     "the server's ids; queue entries are dated now as enqueue writes them (q1: now - retry,\n"
     "--retry = Q_CLUSTER['retry'], default 60). Applied actions are recorded in the server's\n"
     "djq_applied_action table, so applying again never repeats one. With the server's SECRET_KEY\n"
     "in VAR, queue entries made without the key are signed (salt: Q_CLUSTER's name), once the\n"
     "server's own signed entries verify with it (--key-rotated: they were signed with its previous\n"
     "key); compress as those entries show it unless --compress"},
    {"resubmit", cli::RunResubmit,
     "FILE (--task ID [--task ID ...] | --failed [--search Q] [--group G] [--cluster C])\n"
     "      --changeset OUT [--once-schedule] [--cluster-name NAME]",
     "the admin's \"Resubmit selected tasks to queue\" as a changeset: each task queued again as\n"
     "async_task would (signed on the server by djq apply --secret-key-env), or with\n"
     "--once-schedule as a ONCE schedule; failed tasks are deleted. NAME: Q_CLUSTER['name']\n"
     "(default: guessed from the export)"},
    {"run-now", cli::RunRunNow, "FILE SCHEDULE_ID --changeset OUT [--once-schedule] [--cluster-name NAME]",
     "the task a schedule would launch, queued now (or a ONCE copy due now), as a changeset"},
    {"clear-lock", cli::RunClearLock, "FILE ID [ID ...] --changeset OUT",
     "make queued tasks available at the broker's next dequeue (the lock enqueue writes, dated\n"
     "when applied), as a changeset"},
    {"demo", cli::RunDemo, "-o FILE [--tasks N] [--schedules N] [--queued N] [--seed S] [--variant q1|q2]",
     "write a realistic demo database (deterministic for a seed)"},
};

constexpr const char* kTitle = "djq — inspect and edit Django Q task queues (django-q 1.3 and django-q2)\n";
constexpr const char* kExitCodes =
    "exit codes: 0 ok, 1 bad input (unreadable or foreign file) or, for health, something needs attention,\n"
    "2 usage error, 3 conflicts (apply)\n";

// "  " + each line of `text`, indented by `indent` spaces.
std::string Indented(const char* text, int indent) {
    std::string out(static_cast<std::size_t>(indent), ' ');
    for (const char* c = text; *c; ++c) {
        out += *c;
        if (*c == '\n') out.append(static_cast<std::size_t>(indent), ' ');
    }
    return out + "\n";
}

std::string CommandUsage(const Command& command) {
    return std::string("usage: djq ") + command.name + " " + command.synopsis + "\n\n" + Indented(command.description, 2) + "\n" +
           "  -h, --help  this text\n";
}

std::string Overview() {
    std::string out = std::string(kTitle) + "\nusage: djq <command> [options]   (djq <command> --help for one command)\n\ncommands:\n";
    for (const Command& command : kCommands)
        out += std::string("  ") + command.name + " " + command.synopsis + "\n" + Indented(command.description, 12);
    return out + "\noptions:\n  -h, --help  this text\n  --version   the version\n\n" + kExitCodes;
}

bool AsksForHelp(const std::vector<std::string>& words) {
    for (const auto& word : words)
        if (word == "-h" || word == "--help") return true;
    return false;
}

}  // namespace

int main(int argc, char** argv) {
    std::vector<std::string> words(argv + 1, argv + argc);
    if (words.empty()) {
        std::fputs(Overview().c_str(), stderr);
        return cli::kUsage;
    }
    const std::string name = words.front();
    words.erase(words.begin());
    if (name == "-h" || name == "--help" || name == "help") {
        std::fputs(Overview().c_str(), stdout);
        return cli::kOk;
    }
    if (name == "--version") {
        std::printf("djq %s\n", DJQ_VERSION);
        return cli::kOk;
    }
    for (const Command& command : kCommands) {
        if (name != command.name) continue;
        const std::string usage = CommandUsage(command);
        if (AsksForHelp(words)) {
            std::fputs(usage.c_str(), stdout);
            return cli::kOk;
        }
        return command.run(cli::Args(std::move(words), usage));
    }
    return cli::Fail(cli::kUsage, "unknown command \"" + name + "\" (djq --help lists them)");
}
