#include "core/sync/apply.h"

#include <map>
#include <set>

#include "core/decode/pickle_reader.h"
#include "core/decode/py_repr.h"
#include "core/decode/signing.h"
#include "core/django_q/package_signing.h"
#include "core/django_q/signing_check.h"
#include "core/sync/applied_record.h"
#include "core/sync/database_identity.h"

namespace core {
namespace {

// Consecutive entries of one action.
struct Action {
    std::size_t begin = 0, end = 0;
};

std::vector<Action> Actions(const std::vector<JournalEntry>& entries) {
    std::vector<Action> actions;
    for (std::size_t i = 0; i < entries.size(); ++i) {
        if (actions.empty() || entries[i].action != entries[actions.back().begin].action) actions.push_back({i, i});
        actions.back().end = i + 1;
    }
    return actions;
}

bool IsQueueInsert(const JournalEntry& entry) { return entry.kind == EditKind::Insert && entry.table == "django_q_ormq"; }

// A changeset made on another database (or another Django Q) would find its rows missing or
// different and report them as applied or conflicting: refused instead, naming both.
Status CheckMadeHere(Export& server, const ParsedChangeset& changeset) {
    const std::string variant = VariantId(server.schema.variant);
    if (!changeset.source.variant.empty() && changeset.source.variant != variant)
        return MakeError("changeset.other_database", "the changeset was made on a " + changeset.source.variant + " export (" +
                                                         changeset.source.name + "), and this database is " + variant);
    auto identity = DatabaseIdentity(server.db);
    if (!identity) return identity.error();
    if (!changeset.source.database.empty() && !identity->empty() && changeset.source.database != identity.value())
        return MakeError("changeset.other_database", "the changeset was made on another database (" + changeset.source.name +
                                                         ", created at another time: django_migrations differ)");
    return Ok{};
}

// Every image an edit checks the server against carries the whole row: a partial "before" would
// let the edit overwrite columns it never saw (an empty one skipped the check altogether).
Status CheckWholeRows(Db& db, const std::vector<JournalEntry>& entries) {
    std::map<std::string, std::set<std::string>> columns;
    for (std::size_t i = 0; i < entries.size(); ++i) {
        const JournalEntry& entry = entries[i];
        if (!columns.count(entry.table)) {
            auto read = TableColumns(db, entry.table);
            if (!read) return read.error();
            columns[entry.table] = std::move(read).value();
        }
        for (const auto* image : {entry.before ? &*entry.before : nullptr, entry.after ? &*entry.after : nullptr}) {
            if (!image) continue;
            for (const std::string& column : columns[entry.table])
                if (!image->contains(column))
                    return MakeError("changeset.partial_row", "the change's row image lacks column " + column + " of " + entry.table +
                                                                  ": a change carries the whole row it expects",
                                     "change " + std::to_string(i + 1));
            for (const auto& [column, value] : image->items())
                if (!columns[entry.table].count(column))
                    return MakeError("sync.bad_column", "\"" + ShowColumnValue(column) + "\" is not a column of " + entry.table,
                                     "change " + std::to_string(i + 1));
        }
    }
    return Ok{};
}

// The index of the first new queue entry that waits for the server's signature.
std::optional<std::size_t> FirstUnsignedEntry(const std::vector<JournalEntry>& entries) {
    for (std::size_t i = 0; i < entries.size(); ++i) {
        const JournalEntry& entry = entries[i];
        if (!IsQueueInsert(entry) || !entry.after) continue;
        const auto payload = entry.after->find("payload");
        if (payload != entry.after->end() && payload->is_string() && IsUnsignedPayload(payload->get<std::string>())) return i;
    }
    return std::nullopt;
}

class Applier {
public:
    Applier(Export& server, const ApplyOptions& options, std::string changeset_name)
        : m_server(server), m_options(options), m_changeset(std::move(changeset_name)),
          m_now(options.now.value_or(NowUnixMicros())),
          m_lock(EnqueueLockText(server.schema.variant, m_now, options.retry_seconds)) {}

    // One action in a savepoint: all of it, or (on a conflict) none of it.
    Result<ActionResult> Apply(const std::vector<JournalEntry>& entries, const Action& action) {
        const JournalEntry& first = entries[action.begin];
        ActionResult result{first.action, first.operation, ApplyOutcome::Applied, {}};
        auto applied = WasApplied(m_server.db, first.action, m_ids);
        if (!applied) return applied.error();
        if (applied.value()) {
            for (std::size_t i = action.begin; i < action.end; ++i) result.entries.push_back(Identity(entries[i], ApplyOutcome::AlreadyApplied));
            result.outcome = ApplyOutcome::AlreadyApplied;
            return result;
        }
        if (auto begun = m_server.db.Exec("SAVEPOINT djq_action"); !begun) return begun.error();
        RowIds ids_before = m_ids;
        bool conflict = false;
        for (std::size_t i = action.begin; i < action.end; ++i) {
            auto entry = ApplyEntry(entries[i]);
            if (!entry) {
                (void)m_server.db.Exec("ROLLBACK TO djq_action");
                (void)m_server.db.Exec("RELEASE djq_action");
                return Error{entry.error().code, entry.error().message, "change " + std::to_string(i + 1)};
            }
            conflict |= entry->outcome == ApplyOutcome::Conflict;
            result.entries.push_back(std::move(entry).value());
        }
        Status ended = Ok{};
        if (conflict) {
            m_ids = std::move(ids_before);
            result.outcome = ApplyOutcome::Conflict;
            ended = m_server.db.Exec("ROLLBACK TO djq_action");
        } else {
            ended = Record(result);
        }
        if (!ended) return ended.error();
        if (auto released = m_server.db.Exec("RELEASE djq_action"); !released) return released.error();
        return result;
    }

private:
    EntryResult Identity(const JournalEntry& entry, ApplyOutcome outcome) const {
        EntryResult result;
        result.seq = entry.seq;
        result.operation = entry.operation;
        result.kind = EditKindName(entry.kind);
        result.table = entry.table;
        result.pk = entry.pk;
        result.server_pk = m_ids.ServerId(entry.table, entry.pk);
        result.outcome = outcome;
        return result;
    }

    Result<EntryResult> ApplyEntry(const JournalEntry& entry) {
        if (entry.kind == EditKind::Insert && ServerAssignsId(entry.table)) return InsertNew(entry);
        EntryResult result = Identity(entry, ApplyOutcome::Applied);
        const auto before = m_ids.Translate(entry.table, entry.pk, entry.before);
        auto after = m_ids.Translate(entry.table, entry.pk, entry.after);
        std::optional<std::pair<nlohmann::json, nlohmann::json>> redated;
        if (after && entry.table == "django_q_ormq" && entry.operation == kClearLockOperation) {
            redated = std::pair{(*entry.after)["lock"], nlohmann::json(m_lock)};
            (*after)["lock"] = m_lock;
        }
        auto current = ReadRow(m_server.db, entry.table, result.server_pk);
        if (!current) return current.error();
        result.outcome = ClassifyEdit(entry.kind, before, after, current.value());
        if (result.outcome == ApplyOutcome::Conflict) {
            result.expected = before;
            result.server = current.value();
            return result;
        }
        if (result.outcome == ApplyOutcome::AlreadyApplied) return result;
        Status done = entry.kind == EditKind::Insert   ? InsertRow(m_server.db, entry.table, *after)
                      : entry.kind == EditKind::Delete ? DeleteRow(m_server.db, entry.table, result.server_pk)
                                                       : UpdateRow(m_server.db, entry.table, *after);
        if (!done) return done.error();
        if (redated) Remember(entry, result.server_pk, std::move(redated));
        return result;
    }

    // A new schedule or queue entry: the server gives it its id; a queue entry is dated (and, if
    // left for the server's key, signed) now, as that version's enqueue would write it.
    Result<EntryResult> InsertNew(const JournalEntry& entry) {
        EntryResult result = Identity(entry, ApplyOutcome::Applied);
        RowImage row = *entry.after;
        row.erase(std::string(kPrimaryKey));
        std::optional<std::pair<nlohmann::json, nlohmann::json>> redated;
        if (IsQueueInsert(entry)) {
            redated = std::pair{(*entry.after)["lock"], nlohmann::json(m_lock)};
            row["lock"] = m_lock;
            if (auto signed_row = SignIfUnsigned(row, result); !signed_row) return signed_row.error();
        }
        if (auto done = InsertRow(m_server.db, entry.table, row); !done) return done.error();
        result.server_pk = m_server.db.LastInsertId();
        Remember(entry, result.server_pk, std::move(redated));
        return result;
    }

    Status SignIfUnsigned(RowImage& row, EntryResult& result) const {
        const auto& payload = row["payload"];
        if (!payload.is_string() || !IsUnsignedPayload(payload.get<std::string>())) return Ok{};
        if (!m_options.signing)
            return MakeError("changeset.needs_key",
                             "a resubmitted task waits to be signed with the server's SECRET_KEY: run djq apply with --secret-key-env VAR "
                             "(and --cluster NAME when Q_CLUSTER['name'] is not \"default\")");
        auto pickle = UnsignedPickle(payload.get<std::string>());
        if (!pickle) return pickle.error();
        auto signed_package = SignPackage(pickle.value(), m_options.signing->secret_key, m_options.signing->cluster_name,
                                          m_now / 1'000'000, m_options.signing->compress);
        if (!signed_package) return signed_package.error();
        result.signed_call = std::move(signed_package->call);
        row["payload"] = std::move(signed_package->payload);
        return Ok{};
    }

    void Remember(const JournalEntry& entry, const nlohmann::json& server_pk, std::optional<std::pair<nlohmann::json, nlohmann::json>> lock) {
        m_ids.Add(entry.table, entry.pk, server_pk, lock);
        m_rows.push_back({entry.table, entry.pk, server_pk, std::move(lock)});
    }

    Status Record(const ActionResult& result) {
        if (auto recorded = RecordAppliedAction(m_server.db, result.action, result.operation, FormatDjangoDatetime(m_now), m_changeset);
            !recorded)
            return recorded;
        for (const auto& row : m_rows)
            if (auto recorded = RecordAppliedRow(m_server.db, result.action, row.table, row.local, row.server, row.lock); !recorded)
                return recorded;
        m_rows.clear();
        return Ok{};
    }

    struct WrittenRow {
        std::string table;
        nlohmann::json local, server;
        std::optional<std::pair<nlohmann::json, nlohmann::json>> lock;
    };

    Export& m_server;
    const ApplyOptions& m_options;
    std::string m_changeset;
    UnixMicros m_now;
    std::string m_lock;  // the lock enqueue writes now, in the server's variant
    RowIds m_ids;
    std::vector<WrittenRow> m_rows;  // of the action being applied
};

void Count(ApplyReport& report, const ActionResult& action) {
    if (action.outcome == ApplyOutcome::Applied) ++report.applied;
    if (action.outcome == ApplyOutcome::AlreadyApplied) ++report.already_applied;
    if (action.outcome != ApplyOutcome::Conflict) return;
    ++report.skipped;
    for (const auto& entry : action.entries) report.conflicts += entry.outcome == ApplyOutcome::Conflict;
}

}  // namespace

Result<ApplyReport> ApplyChangeset(Export& server, std::string_view changeset_json, const ApplyOptions& options) {
    auto parsed = ParseChangeset(changeset_json);
    if (!parsed) return parsed.error();
    if (auto here = CheckMadeHere(server, parsed.value()); !here) return here.error();
    if (auto whole = CheckWholeRows(server.db, parsed->entries); !whole) return whole.error();
    // Refused before anything is written: entries to sign without a key, or with a key the server's own entries reject.
    if (const auto unsigned_entry = FirstUnsignedEntry(parsed->entries)) {
        if (!options.signing)
            return MakeError("changeset.needs_key",
                             "a resubmitted task waits to be signed with the server's SECRET_KEY: run djq apply with --secret-key-env VAR "
                             "(and --cluster NAME when Q_CLUSTER['name'] is not \"default\")",
                             "change " + std::to_string(*unsigned_entry + 1));
        if (auto key = RequireMatchingKey(server, options.signing->secret_key, options.signing->cluster_name,
                                              options.signing->key_rotated); !key) return key.error();
    }

    ApplyReport report;
    auto applied = InTransaction(server.db, [&]() -> Status {
        if (auto made = EnsureAppliedTables(server.db); !made) return made;
        Applier applier(server, options, parsed->source.name + " (" + parsed->created + ")");
        for (const Action& action : Actions(parsed->entries)) {
            auto result = applier.Apply(parsed->entries, action);
            if (!result) return result.error();
            Count(report, result.value());
            report.actions.push_back(std::move(result).value());
        }
        report.committed = !options.dry_run && (report.conflicts == 0 || options.skip_conflicts);
        // Nothing to keep: InTransaction rolls back on an error, so say why as one.
        if (!report.committed) return MakeError("apply.not_committed", "");
        return Ok{};
    });
    if (!applied && applied.error().code != "apply.not_committed") return applied.error();
    return report;
}

}  // namespace core
