// The Queued tasks list (SEMANTICS.md §2, QueueAdmin; only for exports with the ORM broker's
// django_q_ormq table): id, key, name, group, func, the lock in words, the task id and, once the
// SECRET_KEY is typed, each signature's check. Filters by key and lock state, search over name,
// func and task id; checked rows can be deleted. A row opens its page (queue_entry.h).
#pragma once

#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "core/model/queue_query.h"

namespace ui {

struct App;

struct QueueListView {
    core::QueueQuery query;
    std::string search;  // as typed
    std::vector<core::QueuedView> rows;          // every row, described again when the data changes
    std::vector<const core::QueuedView*> shown;  // the filtered rows
    std::vector<int> shown_columns;              // the table's shown columns, by index (Export rows…)
    std::uint64_t generation = 0;                // App::generation `rows` were read at
    std::int64_t described_minute = -1;          // the clock's minute their lock states were read at
    bool refilter = true;
    std::set<std::int64_t> checked;
    std::vector<std::int64_t> delete_ids;  // non-empty while the delete confirmation is open
    bool focus_search = false;
};

void DrawQueueList(App& app, QueueListView& view);
void ShowQueue(App& app);

// Asks to delete these rows while `ids` is non-empty (from the list's selection or a row's page);
// true on the frame they were deleted.
bool DrawQueueDeleteConfirmation(App& app, std::vector<std::int64_t>& ids);

// The SECRET_KEY (kept in App::resubmit.settings, memory only), the cluster name that salts the
// signatures and Q_CLUSTER['compress']: shared by the list (to check) and a row's page (to sign).
void DrawQueueSigningBar(App& app);
// The signature column's words for a row: "valid (SHA-256)", "invalid", "waiting to be signed on
// the server", ...; "" when no key is typed and the row is signed.
std::string SignatureWords(const App& app, const core::QueuedView& row);

}  // namespace ui
