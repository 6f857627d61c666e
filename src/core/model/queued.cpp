#include "core/model/queued.h"

#include "core/decode/base64.h"
#include "core/decode/pickle_reader.h"
#include "core/decode/py_repr.h"
#include "core/sched/local_time.h"
#include "core/django_q/server_signing.h"

namespace core {
namespace {

constexpr const char* kQueuedColumns = R"(SELECT id, "key", payload, "lock" FROM django_q_ormq)";
constexpr const char* kQueuedColumnsWithoutPayload = R"(SELECT id, "key", '', "lock" FROM django_q_ormq)";

// The package keys the admin shows as columns; everything else is its q_options.
constexpr std::string_view kCallKeys[] = {"id", "name", "group", "func", "args", "kwargs"};

QueuedRow ReadQueuedRow(Stmt& stmt) {
    return {stmt.Int(0), std::string(stmt.Text(1)), std::string(stmt.Text(2)), stmt.OptionalText(3)};
}

std::string ItemText(const PyValue& package, std::string_view key) {
    const PyValue* item = DictItem(package, key);
    if (!item) return "-";
    return item->kind == PyKind::Str ? item->text : ReprPython(*item);
}

bool IsCallKey(const PyValue& key) {
    if (key.kind != PyKind::Str) return false;
    for (const auto call_key : kCallKeys)
        if (key.text == call_key) return true;
    return false;
}

void DescribePackage(QueuedView& view, Bytes pickle) {
    view.pickle = std::move(pickle);
    auto package = DecodePickle(view.pickle);
    if (!package) {
        view.error = "package: " + package.error().Describe();
        return;
    }
    view.package = std::move(package).value();
    const PyValue& dict = *view.package;
    view.task_id = ItemText(dict, "id");
    view.name = ItemText(dict, "name");
    view.group = ItemText(dict, "group");
    view.func = ItemText(dict, "func");
    view.args = ItemText(dict, "args");
    view.kwargs = ItemText(dict, "kwargs");
    view.package_repr = ReprPython(dict);
    std::vector<std::pair<PyRef, PyRef>> options;
    if (dict.kind == PyKind::Dict)
        for (std::size_t i = 0; i + 1 < dict.items.size(); i += 2)
            if (!IsCallKey(*dict.items[i])) options.emplace_back(dict.items[i], dict.items[i + 1]);
    view.q_options = PyDict(std::move(options));
    view.q_options_repr = ReprPython(*view.q_options);
}

}  // namespace

Result<std::vector<QueuedRow>> ListQueued(Export& export_) { return ListQueuedAfter(export_, INT64_MIN, INT64_MAX); }

Result<std::vector<QueuedRow>> ListQueuedAfter(Export& export_, std::int64_t after_id, std::int64_t limit, Payloads payloads) {
    std::vector<QueuedRow> rows;
    if (!export_.schema.has_ormq) return rows;
    const char* columns = payloads == Payloads::Read ? kQueuedColumns : kQueuedColumnsWithoutPayload;
    auto stmt = export_.db.Prepare(std::string(columns) + " WHERE id > ?1 ORDER BY id LIMIT ?2");
    if (!stmt) return stmt.error();
    stmt->Bind(1, after_id).Bind(2, limit);
    while (true) {
        auto row = stmt->Step();
        if (!row) return row.error();
        if (!row.value()) return rows;
        rows.push_back(ReadQueuedRow(stmt.value()));
    }
}

Result<std::optional<QueuedRow>> FindQueued(Export& export_, std::int64_t id) {
    if (!export_.schema.has_ormq) return std::optional<QueuedRow>();
    auto stmt = export_.db.Prepare(std::string(kQueuedColumns) + " WHERE id = ?1");
    if (!stmt) return stmt.error();
    stmt->Bind(1, id);
    auto row = stmt->Step();
    if (!row) return row.error();
    if (!row.value()) return std::optional<QueuedRow>();
    return std::optional<QueuedRow>(ReadQueuedRow(stmt.value()));
}

QueuedView DescribeQueued(const QueuedRow& row, Variant variant, UnixMicros now, std::optional<std::string_view> secret_key,
                          std::string_view salt) {
    QueuedView view;
    view.row = row;
    view.variant = variant;
    view.lock = ReadLock(variant, row.lock, now);
    if (IsUnsignedPayload(row.payload)) {
        view.signed_on_server = true;
        view.error = "payload: a resubmit waiting to be signed on the server (djq apply --secret-key-env VAR signs it)";
        auto pickle = UnsignedPickle(row.payload);
        if (pickle) DescribePackage(view, std::move(pickle).value());
        return view;
    }
    auto payload = ParseSignedPayload(row.payload);
    if (!payload) {
        view.error = "payload: " + payload.error().Describe();
        return view;
    }
    view.signed_at = payload->signed_at;  // from the seconds, for any time a hostile payload holds (no overflow)
    view.payload = std::move(payload).value();
    DescribePackage(view, std::move(view.payload->pickle));  // one copy of a package in memory, not two
    if (secret_key) view.signature = CheckQueuedSignature(view, *secret_key, salt);
    return view;
}

Result<std::vector<QueuedView>> DescribeQueue(Export& export_, UnixMicros now) {
    auto rows = ListQueued(export_);
    if (!rows) return rows.error();
    std::vector<QueuedView> views;
    views.reserve(rows->size());
    std::size_t kept = 0;  // bytes of packages held by the views so far
    for (const auto& row : rows.value()) {
        QueuedView view = DescribeQueued(row, export_.schema.variant, now);
        kept += view.pickle.size();
        if (kept > kMaxQueuePackageBytes) {  // a queue of huge packages would exhaust the page's memory
            view.error = "package of " + std::to_string(view.pickle.size()) + " bytes not shown: the queue's packages exceed " +
                         std::to_string(kMaxQueuePackageBytes >> 20) + " MB in all";
            view.pickle = Bytes();
            view.package.reset();
        }
        views.push_back(std::move(view));
    }
    return views;
}

std::optional<SignatureCheck> CheckQueuedSignature(const QueuedView& view, std::string_view secret_key, std::string_view salt) {
    if (!view.payload) return std::nullopt;
    return VerifySignature(*view.payload, secret_key, salt);
}

LockWordsText DescribeLockInWords(const QueuedView& view, const TimeZone& zone) {
    const auto utc = [&zone](std::optional<UnixMicros> at) { return at ? FormatLocal(zone, *at) : std::string(); };
    const bool q1 = view.variant == Variant::DjangoQ1;
    switch (view.lock.state) {
        case LockState::Null: return {"NULL lock", "no broker ever takes it: Clear lock makes it available"};
        case LockState::Unreadable: return {"lock unreadable", view.row.lock.value_or("")};
        case LockState::Available:
            return {"available", q1 ? "lock " + utc(view.lock.lock) + " is over " + std::to_string(kDefaultRetrySeconds) +
                                          " s old: the next dequeue takes it"
                                    : "lock " + utc(view.lock.lock) + " passed: the next dequeue takes it"};
        case LockState::Taken:
            if (q1) return {"taken at " + utc(view.lock.lock), "handed out again at " + utc(view.lock.available_at) +
                                                                   " (retry " + std::to_string(kDefaultRetrySeconds) + " s)"};
            return {"taken", "locked until " + utc(view.lock.lock) + ", then handed out again"};
    }
    return {};
}

std::string LockWords(const QueuedView& view, const TimeZone& zone) {
    const LockWordsText words = DescribeLockInWords(view, zone);
    return words.headline + ": " + words.detail;
}

namespace {
constexpr std::pair<LockState, const char*> kLockStateNames[] = {
    {LockState::Null, "null"}, {LockState::Available, "available"}, {LockState::Taken, "taken"}, {LockState::Unreadable, "unreadable"}};
}  // namespace

const char* LockStateName(LockState state) {
    for (const auto& [known, name] : kLockStateNames)
        if (known == state) return name;
    return "";
}

std::optional<LockState> LockStateNamed(std::string_view name) {
    for (const auto& [state, known] : kLockStateNames)
        if (name == known) return state;
    return std::nullopt;
}

}  // namespace core
