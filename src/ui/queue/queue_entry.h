// A queued task's page: its row (key, lock), the decoded package (args, kwargs and the rest as
// q_options, as value trees), the signature, and its edits: the admin's key and lock ("Clear lock"
// for a stale one), delete, and with the SECRET_KEY typed, re-sign or change the call and re-sign.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/model/queued.h"

namespace ui {

struct App;

struct QueueEntryView {
    std::int64_t id = 0;
    std::uint64_t loaded_at = 0;  // App::generation the row and the form were loaded at (0: load on the next draw)
    std::optional<core::QueuedView> entry;  // nullopt: no such row

    // The forms as typed. args/kwargs hold the value's Python literal; when it has none (a model
    // instance) the field is not offered and the value is kept (the *_fixed reason says why).
    std::string key, lock;
    std::string func, args, kwargs;
    std::string args_fixed, kwargs_fixed;
    std::string loaded_args, loaded_kwargs;  // the literals as loaded: unchanged text keeps the value
    std::string form_error;  // the last refused edit, shown under the form until the next one

    std::vector<std::int64_t> delete_ids;  // this row's id while the delete confirmation is open
};

void OpenQueueEntry(App& app, std::int64_t id);
void DrawQueueEntry(App& app, QueueEntryView& view);

}  // namespace ui
