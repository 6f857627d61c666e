#include "core/sync/changeset.h"

#include "core/sched/timestamp.h"
#include "core/sync/database_identity.h"

namespace core {
namespace {

using Json = nlohmann::json;

Json EntryJson(const JournalEntry& entry) {
    return {{"seq", entry.seq},
            {"batch", entry.batch},
            {"action", entry.action},
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

std::optional<EditKind> KindNamed(const std::string& name) {
    for (const auto kind : {EditKind::Insert, EditKind::Update, EditKind::Delete})
        if (name == EditKindName(kind)) return kind;
    return std::nullopt;
}

// A row image as the journal writes it: the row's id (the entry's pk) and its other columns, each
// a column value (row_image.h). An empty or id-less image would skip the conflict check, and a
// different id would write another row than the one the entry names.
Status CheckImage(const Json& image, const Json& pk, const char* side) {
    const auto id = image.find(std::string(kPrimaryKey));
    if (id == image.end()) return MakeError("changeset.bad_entry", std::string("\"") + side + "\" lacks the row's id");
    if (*id != pk) return MakeError("changeset.bad_entry", std::string("\"") + side + "\" names row " + ShowColumnValue(*id) + ", not pk " + ShowColumnValue(pk));
    if (image.size() < 2) return MakeError("changeset.bad_entry", std::string("\"") + side + "\" holds no column but the id");
    for (const auto& [column, value] : image.items())
        if (!IsColumnValue(value))
            return MakeError("changeset.bad_entry", std::string("\"") + side + "\"." + column + " must be null, a number or text");
    return Ok{};
}

// One entry, its shape checked. A version-1 entry's action is its batch within this changeset.
Result<JournalEntry> ReadEntry(const Json& change, std::size_t index, int version, const std::string& created) {
    if (!change.is_object()) return BadEntry(index, "a change must be an object");
    for (const char* key : {"kind", "table", "pk", "before", "after"})
        if (!change.contains(key)) return BadEntry(index, std::string("a change needs \"") + key + "\"");
    if (!change["kind"].is_string() || !change["table"].is_string()) return BadEntry(index, "\"kind\" and \"table\" must be text");
    JournalEntry entry;
    const std::string kind = change["kind"].get<std::string>();
    const auto known_kind = KindNamed(kind);
    if (!known_kind) return BadEntry(index, "\"kind\" must be insert, update or delete, not \"" + kind + "\"");
    entry.kind = *known_kind;
    entry.table = change["table"].get<std::string>();
    entry.pk = change["pk"];
    entry.seq = IntOr(change, "seq", static_cast<std::int64_t>(index + 1));
    entry.batch = IntOr(change, "batch", entry.seq);
    entry.operation = TextOr(change, "operation", "");
    entry.at = TextOr(change, "at", "");
    entry.action = version >= 2 ? TextOr(change, "action", "") : "v1-" + created + "-" + std::to_string(entry.batch);
    if (entry.action.empty()) return BadEntry(index, "a change needs its \"action\" id");
    if (!IsDjangoQTable(entry.table)) return BadEntry(index, "\"" + ShowColumnValue(entry.table) + "\" is not a Django Q table");
    if (!(entry.pk.is_string() || entry.pk.is_number_integer() || (entry.pk.is_object() && IsColumnValue(entry.pk))))
        return BadEntry(index, "\"pk\" must be text or a whole number");
    const bool needs_before = entry.kind != EditKind::Insert, needs_after = entry.kind != EditKind::Delete;
    if (needs_before != change["before"].is_object()) return BadEntry(index, "\"before\" must be " + std::string(needs_before ? "a row" : "null"));
    if (needs_after != change["after"].is_object()) return BadEntry(index, "\"after\" must be " + std::string(needs_after ? "a row" : "null"));
    for (const char* side : {"before", "after"}) {
        const Json& image = change[side];
        if (!image.is_object()) continue;
        if (auto checked = CheckImage(image, entry.pk, side); !checked) return BadEntry(index, checked.error().message);
    }
    if (needs_before) entry.before = change["before"];
    if (needs_after) entry.after = change["after"];
    return entry;
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
    auto database = DatabaseIdentity(working);  // the working copy is a copy of the export: the same identity
    if (!database) return database.error();
    Json changes = Json::array();
    for (const auto& entry : entries.value()) changes.push_back(EntryJson(entry));
    const Json document = {{"format", "djq-changeset"},
                           {"version", kChangesetVersion},
                           {"created", FormatDjangoDatetime(NowUnixMicros())},
                           {"source", {{"name", source.name}, {"variant", source.variant}, {"database", database.value()}}},
                           {"changes", changes}};
    return document.dump(2, ' ', false, Json::error_handler_t::replace);
}

Result<ParsedChangeset> ParseChangeset(std::string_view changeset_json) {
    // A changeset is at most 5 levels deep (document, changes, change, image, value); deeper input
    // is refused as it is read, before anything walks it.
    bool too_deep = false;
    const Json document = Json::parse(changeset_json, [&](int depth, Json::parse_event_t, Json&) {
        if (depth > kMaxChangesetDepth) too_deep = true;
        return !too_deep;
    }, false);
    if (too_deep) return MakeError("changeset.too_deep", "the changeset nests deeper than " + std::to_string(kMaxChangesetDepth) + " levels");
    if (document.is_discarded()) return MakeError("changeset.syntax", "the changeset is not valid JSON");
    if (!document.is_object() || TextOr(document, "format", "") != "djq-changeset" || !document.contains("changes") ||
        !document["changes"].is_array())
        return MakeError("changeset.syntax", "not a djq changeset (expected \"format\": \"djq-changeset\" and a \"changes\" list)");
    const std::int64_t version = IntOr(document, "version", 0);
    if (version != 1 && version != kChangesetVersion)
        return MakeError("changeset.version", "changeset version " + (document.contains("version") ? document["version"].dump() : "(none)") +
                                                  " is not one this djq reads (it reads versions 1 and " + std::to_string(kChangesetVersion) + ")");
    ParsedChangeset parsed;
    parsed.created = TextOr(document, "created", "");
    if (document.contains("source") && document["source"].is_object())
        parsed.source = {TextOr(document["source"], "name", ""), TextOr(document["source"], "variant", ""),
                         TextOr(document["source"], "database", "")};
    const Json& changes = document["changes"];
    for (std::size_t i = 0; i < changes.size(); ++i) {
        auto entry = ReadEntry(changes[i], i, static_cast<int>(version), parsed.created);
        if (!entry) return entry.error();
        parsed.entries.push_back(std::move(entry).value());
    }
    return parsed;
}

}  // namespace core
