#include "core/model/queued.h"

#include "core/decode/base64.h"
#include "core/decode/pickle_reader.h"
#include "core/decode/py_repr.h"
#include "core/sync/server_signing.h"

namespace core {
namespace {

constexpr const char* kQueuedColumns = R"(SELECT id, "key", payload, "lock" FROM django_q_ormq)";

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

void DescribeLock(QueuedView& view, UnixMicros now) {
    if (!view.row.lock) return;
    view.lock_until = ParseDjangoDatetime(*view.row.lock);
    if (!view.lock_until) view.lock_state = LockState::Unreadable;
    else view.lock_state = *view.lock_until > now ? LockState::Locked : LockState::Expired;
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

Result<std::vector<QueuedRow>> ListQueued(Export& export_) {
    std::vector<QueuedRow> rows;
    if (!export_.schema.has_ormq) return rows;
    auto stmt = export_.db.Prepare(std::string(kQueuedColumns) + " ORDER BY id");
    if (!stmt) return stmt.error();
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

QueuedView DescribeQueued(const QueuedRow& row, UnixMicros now, std::optional<std::string_view> secret_key, std::string_view salt) {
    QueuedView view;
    view.row = row;
    DescribeLock(view, now);
    if (IsUnsignedPayload(row.payload)) {
        view.signed_on_server = true;
        view.error = "payload: a resubmit waiting to be signed on the server (djq apply --secret-key-env VAR signs it)";
        // "djq-unsigned:" + base64: the prefix's only colon ends it.
        auto pickle = DecodeBase64(std::string_view(row.payload).substr(row.payload.find(':') + 1));
        if (pickle) DescribePackage(view, std::move(pickle).value());
        return view;
    }
    auto payload = ParseSignedPayload(row.payload);
    if (!payload) {
        view.error = "payload: " + payload.error().Describe();
        return view;
    }
    view.signed_at = FormatDjangoDatetime(payload->timestamp * 1'000'000);
    view.payload = std::move(payload).value();
    DescribePackage(view, view.payload->pickle);
    if (secret_key) view.signature = CheckQueuedSignature(view, *secret_key, salt);
    return view;
}

Result<std::vector<QueuedView>> DescribeQueue(Export& export_, UnixMicros now) {
    auto rows = ListQueued(export_);
    if (!rows) return rows.error();
    std::vector<QueuedView> views;
    views.reserve(rows->size());
    for (const auto& row : rows.value()) views.push_back(DescribeQueued(row, now));
    return views;
}

std::optional<SignatureCheck> CheckQueuedSignature(const QueuedView& view, std::string_view secret_key, std::string_view salt) {
    if (!view.payload) return std::nullopt;
    return VerifySignature(*view.payload, secret_key, salt);
}

std::string LockWords(const QueuedView& view) {
    const std::string until = view.row.lock ? view.row.lock->substr(0, 19) : "";
    switch (view.lock_state) {
        case LockState::NeverPulled: return "never pulled";
        case LockState::Locked: return "locked until " + until + " UTC";
        case LockState::Expired: return "expired since " + until + " UTC (will be handed out again)";
        case LockState::Unreadable: return "lock unreadable: " + view.row.lock.value_or("");
    }
    return {};
}

const char* LockStateName(LockState state) {
    switch (state) {
        case LockState::NeverPulled: return "never-pulled";
        case LockState::Locked: return "locked";
        case LockState::Expired: return "expired";
        case LockState::Unreadable: return "unreadable";
    }
    return "";
}

std::optional<LockState> LockStateNamed(std::string_view name) {
    for (const auto state : {LockState::NeverPulled, LockState::Locked, LockState::Expired, LockState::Unreadable})
        if (name == LockStateName(state)) return state;
    return std::nullopt;
}

}  // namespace core
