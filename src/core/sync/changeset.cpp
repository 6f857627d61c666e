#include "core/sync/changeset.h"

#include "core/model/timestamp.h"

namespace core {
namespace {

using Json = nlohmann::json;

Json EntryJson(const JournalEntry& entry) {
    return {{"seq", entry.seq},
            {"batch", entry.batch},
            {"operation", entry.operation},
            {"kind", EditKindName(entry.kind)},
            {"table", entry.table},
            {"pk", entry.pk},
            {"before", entry.before ? *entry.before : Json(nullptr)},
            {"after", entry.after ? *entry.after : Json(nullptr)},
            {"at", entry.at}};
}

// json::value() aborts (no exceptions) when a key holds another type: untrusted input needs these.
std::string TextOr(const Json& object, const char* key, std::string fallback) {
    const auto found = object.find(key);
    return found != object.end() && found->is_string() ? found->get<std::string>() : fallback;
}
std::int64_t IntOr(const Json& object, const char* key, std::int64_t fallback) {
    const auto found = object.find(key);
    return found != object.end() && found->is_number_integer() ? found->get<std::int64_t>() : fallback;
}

Error BadEntry(std::size_t index, const std::string& what) {
    return MakeError("changeset.bad_entry", what, "change " + std::to_string(index + 1));
}

// Checks one entry's shape; fills `result` with its identity.
std::optional<Error> Validate(const Json& change, std::size_t index, EntryResult& result) {
    if (!change.is_object()) return BadEntry(index, "a change must be an object");
    for (const char* key : {"kind", "table", "pk", "before", "after"})
        if (!change.contains(key)) return BadEntry(index, std::string("a change needs \"") + key + "\"");
    if (!change["kind"].is_string() || !change["table"].is_string()) return BadEntry(index, "\"kind\" and \"table\" must be text");
    result.kind = change["kind"].get<std::string>();
    result.table = change["table"].get<std::string>();
    result.pk = change["pk"];
    result.seq = IntOr(change, "seq", static_cast<std::int64_t>(index + 1));
    result.operation = TextOr(change, "operation", "");
    if (!IsDjangoQTable(result.table)) return BadEntry(index, "\"" + result.table + "\" is not a Django Q table");
    if (!(result.pk.is_string() || result.pk.is_number_integer())) return BadEntry(index, "\"pk\" must be text or a whole number");
    const bool needs_before = result.kind != "insert", needs_after = result.kind != "delete";
    if (result.kind != "insert" && result.kind != "update" && result.kind != "delete")
        return BadEntry(index, "\"kind\" must be insert, update or delete, not \"" + result.kind + "\"");
    if (needs_before != change["before"].is_object()) return BadEntry(index, "\"before\" must be " + std::string(needs_before ? "a row" : "null"));
    if (needs_after != change["after"].is_object()) return BadEntry(index, "\"after\" must be " + std::string(needs_after ? "a row" : "null"));
    return std::nullopt;
}

std::optional<RowImage> ImageOrNone(const Json& value) { return value.is_object() ? std::optional<RowImage>(value) : std::nullopt; }

// An insert into the queue whose payload waits for the server's key is signed here, at the time the
// edit was made (so a second apply writes the same row and finds it already applied).
std::optional<Error> SignIfUnsigned(Json& change, std::size_t index, const std::optional<ServerSigning>& signing) {
    if (change["table"] != "django_q_ormq" || change["kind"] != "insert") return std::nullopt;
    const Json& payload = change["after"]["payload"];
    if (!payload.is_string() || !IsUnsignedPayload(payload.get<std::string>())) return std::nullopt;
    if (!signing)
        return MakeError("changeset.needs_key",
                         "a resubmitted task waits to be signed with the server's SECRET_KEY: run djq apply with --secret-key-env VAR "
                         "(and --cluster NAME when Q_CLUSTER['name'] is not \"default\")",
                         "change " + std::to_string(index + 1));
    const auto at = ParseDjangoDatetime(TextOr(change, "at", ""));
    if (!at) return BadEntry(index, "\"at\" must be a datetime to sign the queue entry with");
    auto signed_row = SignQueueRow(change["after"], *signing, *at / 1'000'000);
    if (!signed_row) return BadEntry(index, signed_row.error().message);
    change["after"] = std::move(signed_row.value());
    return std::nullopt;
}

EditKind KindOf(const std::string& name) {
    return name == "insert" ? EditKind::Insert : name == "delete" ? EditKind::Delete : EditKind::Update;
}

// Decides what applying `change` to the server's current row means, and does it.
Result<ApplyOutcome> ApplyOne(Db& server, const Json& change, const std::optional<RowImage>& current) {
    const EditKind kind = KindOf(change["kind"].get<std::string>());
    const std::string table = change["table"];
    const ApplyOutcome outcome = ClassifyEdit(kind, ImageOrNone(change["before"]), ImageOrNone(change["after"]), current);
    if (outcome != ApplyOutcome::Applied) return outcome;
    Status done = kind == EditKind::Insert   ? InsertRow(server, table, change["after"])
                  : kind == EditKind::Delete ? DeleteRow(server, table, change["pk"])
                                             : UpdateRow(server, table, change["after"]);
    if (!done) return done.error();
    return ApplyOutcome::Applied;
}

}  // namespace

ApplyOutcome ClassifyEdit(EditKind kind, const std::optional<RowImage>& before, const std::optional<RowImage>& after,
                          const std::optional<RowImage>& current) {
    switch (kind) {
        case EditKind::Insert:
            if (!current) return ApplyOutcome::Applied;
            return SameRow(*after, *current) ? ApplyOutcome::AlreadyApplied : ApplyOutcome::Conflict;
        case EditKind::Delete:
            if (!current) return ApplyOutcome::AlreadyApplied;
            return SameRow(*before, *current) ? ApplyOutcome::Applied : ApplyOutcome::Conflict;
        case EditKind::Update:
            if (!current) return ApplyOutcome::Conflict;  // changed here, deleted there
            if (SameRow(*after, *current)) return ApplyOutcome::AlreadyApplied;
            return SameRow(*before, *current) ? ApplyOutcome::Applied : ApplyOutcome::Conflict;
    }
    return ApplyOutcome::Conflict;
}

const char* ApplyOutcomeName(ApplyOutcome outcome) {
    switch (outcome) {
        case ApplyOutcome::Applied: return "applied";
        case ApplyOutcome::AlreadyApplied: return "already_applied";
        case ApplyOutcome::Conflict: return "conflict";
    }
    return "?";
}

Result<std::string> ExportChangeset(Db& working, const ChangesetSource& source) {
    auto entries = ReadJournal(working);
    if (!entries) return entries.error();
    Json changes = Json::array();
    for (const auto& entry : entries.value()) changes.push_back(EntryJson(entry));
    const Json document = {{"format", "djq-changeset"},
                           {"version", kChangesetVersion},
                           {"created", FormatDjangoDatetime(NowUnixMicros())},
                           {"source", {{"name", source.name}, {"variant", source.variant}}},
                           {"changes", changes}};
    return document.dump(2, ' ', false, Json::error_handler_t::replace);
}

Result<ApplyReport> ApplyChangeset(Db& server, std::string_view changeset_json, const ApplyOptions& options) {
    const Json document = Json::parse(changeset_json, nullptr, false);
    if (document.is_discarded()) return MakeError("changeset.syntax", "the changeset is not valid JSON");
    if (!document.is_object() || TextOr(document, "format", "") != "djq-changeset" || !document.contains("changes") ||
        !document["changes"].is_array())
        return MakeError("changeset.syntax", "not a djq changeset (expected \"format\": \"djq-changeset\" and a \"changes\" list)");
    if (IntOr(document, "version", 0) != kChangesetVersion)
        return MakeError("changeset.version", "changeset version " + (document.contains("version") ? document["version"].dump() : "(none)") +
                                                  " is not one this djq reads (it reads version " + std::to_string(kChangesetVersion) + ")");

    Json changes = document["changes"];
    ApplyReport report;
    for (std::size_t i = 0; i < changes.size(); ++i) {
        EntryResult entry;
        if (auto invalid = Validate(changes[i], i, entry)) return *invalid;
        if (auto unsigned_entry = SignIfUnsigned(changes[i], i, options.signing)) return *unsigned_entry;
        report.entries.push_back(std::move(entry));
    }

    if (auto begun = server.Exec("BEGIN"); !begun) return begun.error();
    for (std::size_t i = 0; i < changes.size(); ++i) {
        EntryResult& entry = report.entries[i];
        auto current = ReadRow(server, entry.table, entry.pk);
        if (!current) {
            (void)server.Exec("ROLLBACK");
            return current.error();
        }
        auto outcome = ApplyOne(server, changes[i], current.value());
        if (!outcome) {
            (void)server.Exec("ROLLBACK");
            return MakeError("changeset.apply", outcome.error().message, "change " + std::to_string(i + 1));
        }
        entry.outcome = outcome.value();
        if (entry.outcome == ApplyOutcome::Applied) ++report.applied;
        if (entry.outcome == ApplyOutcome::AlreadyApplied) ++report.already_applied;
        if (entry.outcome == ApplyOutcome::Conflict) {
            ++report.conflicts;
            entry.expected = changes[i]["before"].is_object() ? std::optional<RowImage>(changes[i]["before"]) : std::nullopt;
            entry.server = current.value();
        }
    }
    const bool commit = !options.dry_run && (report.conflicts == 0 || options.skip_conflicts);
    if (auto ended = server.Exec(commit ? "COMMIT" : "ROLLBACK"); !ended) return ended.error();
    report.committed = commit;
    return report;
}

}  // namespace core
