#include "core/model/queue_edits.h"

#include "core/decode/pickle_writer.h"
#include "core/decode/py_literal_parse.h"
#include "core/decode/signing.h"
#include "core/django_q/package_signing.h"
#include "core/django_q/queue_lock.h"
#include "core/model/queued.h"
#include "core/django_q/signing_check.h"
#include "core/sync/journal.h"

namespace core {
namespace {

constexpr const char* kTable = "django_q_ormq";

Result<QueuedView> Existing(Export& export_, std::int64_t id, UnixMicros now) {
    auto found = FindQueued(export_, id);
    if (!found) return found.error();
    if (!found->has_value()) return MakeError("queue.not_found", "no queued task " + std::to_string(id) + " in this export");
    return DescribeQueued(**found, export_.schema.variant, now);
}

// A key is typed, and the export's own signed entries do not show it is the wrong one.
Status NeedsKey(Export& export_, const QueueSigning& signing) {
    if (signing.secret_key.empty())
        return MakeError("queue.no_key", "signing a queue entry needs the server's SECRET_KEY: type it (it stays in memory)");
    return RequireMatchingKey(export_, signing.secret_key, signing.salt, signing.key_rotated);
}

RowImage ImageOf(const QueuedRow& row) {
    return {{"id", row.id}, {"key", row.key}, {"payload", row.payload}, {"lock", row.lock ? nlohmann::json(*row.lock) : nlohmann::json()}};
}

Status Update(Export& export_, std::string_view operation, const QueuedRow& row) {
    return Journalled(export_.db, operation, [&](EditBatch& batch) { return batch.Update(kTable, ImageOf(row)); });
}

// Django's CharField(max_length=100) counts characters, not UTF-8 bytes.
std::size_t CharacterCount(std::string_view text) {
    std::size_t count = 0;
    for (const char c : text) count += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    return count;
}

bool IsBlank(std::string_view text) { return text.find_first_not_of(" \t\r\n") == std::string_view::npos; }

// The package with the call's values in place of its own (a key it lacks is added at the end).
PyRef WithCall(const PyValue& package, const std::vector<std::pair<std::string, PyRef>>& replaced) {
    auto copy = std::make_shared<PyValue>(package);
    for (const auto& [key, value] : replaced) {
        bool found = false;
        for (std::size_t i = 0; i + 1 < copy->items.size(); i += 2) {
            if (copy->items[i]->kind != PyKind::Str || copy->items[i]->text != key) continue;
            copy->items[i + 1] = value;
            found = true;
        }
        if (!found) {
            copy->items.push_back(PyStr(key));
            copy->items.push_back(value);
        }
    }
    return copy;
}

Result<std::vector<std::pair<std::string, PyRef>>> ParsedCall(const QueuedView& view, const QueuedCall& call) {
    std::vector<std::pair<std::string, PyRef>> replaced;
    if (call.func != view.func) {
        if (IsBlank(call.func) || call.func.find_first_of(" \t\r\n") != std::string::npos)
            return MakeError("queue.bad_func", "func must be the dotted path of a function, e.g. myapp.tasks.report");
        replaced.emplace_back("func", PyStr(call.func));
    }
    if (call.args) {
        auto args = ParseQueuedArgs(*call.args);
        if (!args) return Error{args.error().code, "args: " + args.error().message, args.error().where};
        replaced.emplace_back("args", std::move(args).value());
    }
    if (call.kwargs) {
        auto kwargs = ParseQueuedKwargs(*call.kwargs);
        if (!kwargs) return Error{kwargs.error().code, "kwargs: " + kwargs.error().message, kwargs.error().where};
        replaced.emplace_back("kwargs", std::move(kwargs).value());
    }
    return replaced;
}

}  // namespace

Result<PyRef> ParseQueuedArgs(std::string_view text) { return ParseScheduleArgs(IsBlank(text) ? std::string_view() : text); }

Result<PyRef> ParseQueuedKwargs(std::string_view text) {
    if (IsBlank(text)) return PyDict({});
    auto value = ParsePythonLiteral(text);
    if (!value) return value;
    if (value.value()->kind != PyKind::Dict) return MakeError("kwargs.not_dict", "kwargs must be a dict, e.g. {'day': '2026-11-21'}");
    const auto& items = value.value()->items;
    for (std::size_t i = 0; i < items.size(); i += 2)
        if (items[i]->kind != PyKind::Str)
            return MakeError("kwargs.invalid", "every kwargs key must be a str (Python refuses other keys as keyword arguments)");
    return value;
}

Status SaveQueueRow(Export& export_, std::int64_t id, std::string_view key, const std::optional<std::string>& lock) {
    auto view = Existing(export_, id, NowUnixMicros());
    if (!view) return view.error();
    if (key.empty() || CharacterCount(key) > 100) return MakeError("queue.bad_key", "the key (the cluster's queue name) must be 1 to 100 characters");
    QueuedRow row = view->row;
    row.key = std::string(key);
    row.lock.reset();
    if (lock) {
        const auto until = ParseDjangoDatetime(*lock);
        if (!until) return MakeError("queue.bad_lock", "the lock must be a UTC time YYYY-MM-DD HH:MM:SS[.ffffff], or empty for none");
        row.lock = FormatDjangoDatetime(*until);
    }
    return Update(export_, "save_queue_row", row);
}

Status ClearQueueLocks(Export& export_, const std::vector<std::int64_t>& ids, UnixMicros now) {
    const std::string lock = EnqueueLockText(export_.schema.variant, now);
    return Journalled(export_.db, kClearLockOperation, [&](EditBatch& batch) -> Status {
        for (const auto id : ids) {
            auto view = Existing(export_, id, now);
            if (!view) return view.error();
            QueuedRow row = view->row;
            row.lock = lock;
            if (auto step = batch.Update(kTable, ImageOf(row)); !step) return step;
        }
        return Ok{};
    });
}

Result<std::int64_t> DeleteQueueRows(Export& export_, const std::vector<std::int64_t>& ids) {
    std::int64_t deleted = 0;
    auto done = Journalled(export_.db, "delete_queue_rows", [&](EditBatch& batch) -> Status {
        for (const auto id : ids)
            if (auto step = batch.Delete(kTable, id); !step) return step;
        deleted = batch.changed();
        return Ok{};
    });
    if (!done) return done.error();
    return deleted;
}

Status ResignQueueRow(Export& export_, std::int64_t id, const QueueSigning& signing, UnixMicros now) {
    if (auto key = NeedsKey(export_, signing); !key) return key;
    auto view = Existing(export_, id, now);
    if (!view) return view.error();
    if (view->pickle.empty()) return MakeError("queue.unreadable", "queued task " + std::to_string(id) + ": " + view->error);
    auto signed_package = SignPackage(view->pickle, signing.secret_key, signing.salt, now / 1'000'000, signing.compress);
    if (!signed_package) return signed_package.error();
    QueuedRow row = view->row;
    row.payload = std::move(signed_package->payload);
    return Update(export_, "resign_queue_row", row);
}

Status EditQueuedCall(Export& export_, std::int64_t id, const QueuedCall& call, const QueueSigning& signing, UnixMicros now) {
    if (auto key = NeedsKey(export_, signing); !key) return key;
    auto view = Existing(export_, id, now);
    if (!view) return view.error();
    if (!view->package || view->package->kind != PyKind::Dict)
        return MakeError("queue.unreadable", "queued task " + std::to_string(id) + " has no readable package: " + view->error);
    auto replaced = ParsedCall(view.value(), call);
    if (!replaced) return replaced.error();
    auto pickle = EncodePickle(*WithCall(*view->package, replaced.value()));
    if (!pickle) return pickle.error();
    auto signed_package = SignPackage(pickle.value(), signing.secret_key, signing.salt, now / 1'000'000, signing.compress);
    if (!signed_package) return signed_package.error();
    QueuedRow row = view->row;
    row.payload = std::move(signed_package->payload);
    return Update(export_, "edit_queued_call", row);
}

}  // namespace core
