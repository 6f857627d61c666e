// The app's edits from the command line, for scripts and cron jobs. Each reads the export into a
// working copy, makes the edit with the same core call the app's button makes, and writes the
// changeset the app would export; `djq apply` carries it out on the server.
//   djq resubmit FILE (--task ID [--task ID ...] | --failed [--search Q] [--group G] [--cluster C])
//                --changeset OUT [--once-schedule] [--cluster-name NAME]
//   djq run-now FILE SCHEDULE_ID --changeset OUT [--once-schedule] [--cluster-name NAME]
//   djq clear-lock FILE ID [ID ...] --changeset OUT
#include <cstdio>

#include "cli/cli.h"
#include "core/io/file.h"
#include "core/model/queue_edits.h"
#include "core/model/resubmit.h"
#include "core/model/schedule_run_now.h"
#include "core/model/task_query.h"
#include "core/sync/changeset.h"

namespace cli {
namespace {

// The options every edit command shares: where the changeset goes, and how a task is queued.
struct EditOutput {
    std::string changeset;
    bool once_schedule = false;
    std::optional<std::string> cluster_name;
};

std::optional<int> ReadEditOutput(Args& args, EditOutput& out, bool queues_tasks) {
    auto changeset = args.Option("--changeset");
    if (!changeset) return args.UsageError(changeset.error().message);
    if (!changeset.value()) return args.UsageError("--changeset OUT names the changeset file to write");
    out.changeset = *changeset.value();
    if (!queues_tasks) return std::nullopt;
    out.once_schedule = args.Flag("--once-schedule");
    auto cluster = args.Option("--cluster-name");
    if (!cluster) return args.UsageError(cluster.error().message);
    out.cluster_name = cluster.value();
    return std::nullopt;
}

// Without the key (which never reaches this tool): a queue entry `djq apply --secret-key-env`
// signs on the server, or a ONCE schedule. Q_CLUSTER['name'] is guessed from the export.
core::Result<core::ResubmitSettings> Settings(core::Export& working, const EditOutput& out) {
    core::ResubmitSettings settings;
    settings.way = out.once_schedule ? core::ResubmitWay::OnceSchedule : core::ResubmitWay::QueueEntrySignedOnServer;
    if (out.cluster_name) {
        settings.cluster_name = *out.cluster_name;
    } else {
        auto guessed = core::GuessClusterName(working);
        if (!guessed) return guessed.error();
        settings.cluster_name = guessed.value();
    }
    return settings;
}

int WriteChangeset(core::Export& working, const std::string& source, const std::string& output, const std::string& done) {
    auto text = core::ExportChangeset(working.db, {source, core::VariantId(working.schema.variant)});
    if (!text) return Fail(kBadInput, text.error().Describe());
    if (auto written = core::WriteFile(output, core::AsBytes(text.value())); !written) return Fail(kBadInput, written.error().Describe());
    std::printf("%s\nwrote %s: apply it on the server with djq apply %s --db SERVER.sqlite3 --secret-key-env VAR\n", done.c_str(),
                output.c_str(), output.c_str());
    return kOk;
}

}  // namespace

int RunResubmit(Args args) {
    EditOutput out;
    if (auto bad = ReadEditOutput(args, out, true)) return *bad;
    core::TaskQuery query;
    query.kind = core::TaskKind::Failed;
    const bool failed = args.Flag("--failed");
    auto search = args.SearchOption();
    auto group = args.Option("--group");
    auto cluster = args.Option("--cluster");
    for (const auto* option : {&search, &group, &cluster})
        if (!*option) return args.UsageError(option->error().message);
    std::vector<std::string> ids;
    while (true) {
        auto task = args.Option("--task");
        if (!task) return args.UsageError(task.error().message);
        if (!task.value()) break;
        ids.push_back(*task.value());
    }
    auto rest = args.Positionals();
    if (!rest) return args.UsageError(rest.error().message);
    if (rest->size() != 1) return args.UsageError("wrong number of arguments");
    if (failed == !ids.empty()) return args.UsageError("name the tasks with --task ID, or choose failed tasks with --failed");
    if (!failed && (search.value() || group.value() || cluster.value()))
        return args.UsageError("--search, --group and --cluster choose among --failed tasks");

    auto working = OpenWorkingCopy(rest->front());
    if (!working) return Fail(kBadInput, working.error().Describe());
    if (failed) {
        query.search = search.value().value_or("");
        query.group = group.value();
        query.cluster = cluster.value();
        auto matching = core::MatchingTaskIds(working.value(), query);
        if (!matching) return Fail(kBadInput, matching.error().Describe());
        ids = std::move(matching).value();
        if (ids.empty()) return Fail(kBadInput, "no failed task matches: nothing to resubmit");
    }
    auto settings = Settings(working.value(), out);
    if (!settings) return Fail(kBadInput, settings.error().Describe());
    auto done = core::ResubmitTasks(working.value(), ids, settings.value(), core::NowUnixMicros());
    if (!done) return Fail(kBadInput, done.error().Describe());
    const auto counted = [](std::int64_t count, const char* one, const char* many) { return std::to_string(count) + (count == 1 ? one : many); };
    const std::string summary = "resubmitted " + counted(static_cast<std::int64_t>(ids.size()), " task: ", " tasks: ") +
                                std::to_string(done->queued) + " queued, " + counted(done->scheduled, " as a ONCE schedule, ", " as ONCE schedules, ") +
                                counted(done->deleted, " failed task deleted", " failed tasks deleted") + " (as Django's admin does)";
    return WriteChangeset(working.value(), rest->front(), out.changeset, summary);
}

int RunRunNow(Args args) {
    EditOutput out;
    if (auto bad = ReadEditOutput(args, out, true)) return *bad;
    auto rest = args.Positionals();
    if (!rest) return args.UsageError(rest.error().message);
    if (rest->size() != 2) return args.UsageError("wrong number of arguments");
    const auto id = WholeNumber((*rest)[1]);
    if (!id) return args.UsageError("SCHEDULE_ID is the schedule's id, a whole number, not \"" + (*rest)[1] + "\"");
    auto working = OpenWorkingCopy(rest->front());
    if (!working) return Fail(kBadInput, working.error().Describe());
    auto settings = Settings(working.value(), out);
    if (!settings) return Fail(kBadInput, settings.error().Describe());
    auto done = core::RunScheduleNow(working.value(), *id, settings.value(), core::NowUnixMicros());
    if (!done) return Fail(kBadInput, done.error().Describe());
    const std::string summary = done->queued ? "schedule " + (*rest)[1] + " runs now: queued task " + done->task_name
                                             : "schedule " + (*rest)[1] + " runs now: a ONCE schedule due now";
    return WriteChangeset(working.value(), rest->front(), out.changeset, summary);
}

int RunClearLock(Args args) {
    EditOutput out;
    if (auto bad = ReadEditOutput(args, out, false)) return *bad;
    auto rest = args.Positionals();
    if (!rest) return args.UsageError(rest.error().message);
    if (rest->size() < 2) return args.UsageError("wrong number of arguments");
    std::vector<std::int64_t> ids;
    for (std::size_t i = 1; i < rest->size(); ++i) {
        const auto id = WholeNumber((*rest)[i]);
        if (!id) return args.UsageError("ID is a queued task's id, a whole number, not \"" + (*rest)[i] + "\"");
        ids.push_back(*id);
    }
    auto working = OpenWorkingCopy(rest->front());
    if (!working) return Fail(kBadInput, working.error().Describe());
    if (auto cleared = core::ClearQueueLocks(working.value(), ids, core::NowUnixMicros()); !cleared)
        return Fail(kBadInput, cleared.error().Describe());
    return WriteChangeset(working.value(), rest->front(), out.changeset,
                          "cleared the lock of " + std::to_string(ids.size()) + " queued tasks: the next dequeue takes them");
}

}  // namespace cli
