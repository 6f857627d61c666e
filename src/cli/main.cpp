// djq: Django Q databases from the command line. `djq --help` lists the commands.
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "cli/cli.h"

namespace {

constexpr const char* kUsage = R"(djq — inspect and edit Django Q task queues (django-q 1.3 and django-q2)

usage: djq <command> [options]

commands:
  info FILE [--json]        the export's Django Q version, counts of successful, failed,
                            scheduled and queued tasks, and the time range of its tasks
  tasks FILE [--failed] [--search Q] [--group G] [--cluster C] [--sort COLUMN] [--asc]
        [--offset N] [--limit N] [--json]
                            the Successful (or Failed) list with the Django admin's search and
                            filters, newest stopped first, with how many match of how many
  show FILE TASK [--json]   every field of a task (by id or name), args/kwargs/result decoded
  schedules FILE [--search Q] [--type T] [--cluster C] [--paused] [--overdue] [--tz ZONE] [--json]
                            the Scheduled tasks list: type, repeats, next run (in ZONE, default
                            UTC), last run and its success; paused and overdue filters
  queue FILE [--secret-key-env VAR] [--cluster NAME] [--json]
                            the ORM broker's queued tasks decoded, their lock state, and with the
                            SECRET_KEY in environment variable VAR whether each signature verifies
                            (salt: the enqueuing cluster's name, by default each row's key)
  next-runs FILE SCHEDULE_ID [-n N] [--tz ZONE] [--variant q1|q2] [--now TIME] [--no-catch-up] [--json]
                            a schedule's timing and repeats in words and its next N runs (default 10)
                            as the scheduler will make them, in ZONE (default UTC) and UTC
  demo -o FILE [--tasks N] [--schedules N] [--queued N] [--seed S] [--variant q1|q2]
                            write a realistic demo database (deterministic for a seed)
  export FILE (--changeset OUT.json | --sqlite OUT.sqlite3 | --fixture OUT.json)
                            write a working copy's changeset, the whole database as SQLite
                            (also turns dumpdata JSON into SQLite), or a loaddata fixture
  apply CHANGES.json --db SERVER.sqlite3 [--dry-run] [--skip-conflicts] [--json]
                            apply a changeset made in djq-admin to the server's database in one
                            transaction; rows changed on the server since the export are conflicts

options:
  -h, --help                this text
  --version                 the version

exit codes: 0 ok, 1 bad input (unreadable or foreign file), 2 usage error, 3 conflicts (apply)
)";

}  // namespace

int main(int argc, char** argv) {
    std::vector<std::string> words(argv + 1, argv + argc);
    if (words.empty()) {
        std::fputs(kUsage, stderr);
        return cli::kUsage;
    }
    const std::string command = words.front();
    words.erase(words.begin());
    if (command == "-h" || command == "--help" || command == "help") {
        std::fputs(kUsage, stdout);
        return cli::kOk;
    }
    if (command == "--version") {
        std::printf("djq %s\n", DJQ_VERSION);
        return cli::kOk;
    }
    if (command == "info") return cli::RunInfo(cli::Args(std::move(words)));
    if (command == "demo") return cli::RunDemo(cli::Args(std::move(words)));
    if (command == "apply") return cli::RunApply(cli::Args(std::move(words)));
    if (command == "tasks") return cli::RunTasks(cli::Args(std::move(words)));
    if (command == "show") return cli::RunShow(cli::Args(std::move(words)));
    if (command == "schedules") return cli::RunSchedules(cli::Args(std::move(words)));
    if (command == "queue") return cli::RunQueue(cli::Args(std::move(words)));
    if (command == "export") return cli::RunExport(cli::Args(std::move(words)));
    if (command == "next-runs") return cli::RunNextRuns(cli::Args(std::move(words)));
    return cli::Fail(cli::kUsage, "unknown command \"" + command + "\" (djq --help lists them)");
}
