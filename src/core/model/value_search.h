// Search inside the decoded args, kwargs and result of tasks: something Django's admin cannot do,
// since it only sees pickles as base64. The decoded text of each task is kept in djq_task_text, an
// FTS5 trigram index (case-insensitive substring matches, like the admin's icontains), filled in
// steps so a million tasks never freeze the page.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "core/schema/export.h"

namespace core {

// Tasks are indexed in rowid order, so a search over the index so far finds what it holds: lists
// show those results while the rest is decoded.
struct ValueSearchProgress {
    std::int64_t indexed = 0, total = 0;  // total: the tasks when indexing began
    std::int64_t last_rowid = 0;          // the next step starts after this task
    bool complete = false;
    bool done() const { return complete; }
};

// How far djq_task_text has got (creating it when missing). Counts the tasks: once per working copy.
Result<ValueSearchProgress> ValueSearchStatus(Export& export_);
// Decodes and indexes up to `max_tasks` more tasks after `progress`, and says how far that got.
Result<ValueSearchProgress> IndexDecodedValues(Export& export_, ValueSearchProgress progress, std::int64_t max_tasks);
// The tasks the app decodes a step (each step one transaction): a few milliseconds natively.
constexpr std::int64_t kValueSearchStep = 250;

// SQL for the rowids whose decoded values hold `word`, its LIKE pattern bound to `parameter` ("?3").
std::string TasksWithValueSql(std::string_view word, const std::string& parameter);
// The tasks (rowids, in order) whose decoded values hold `word` as the lists match it (LIKE, as
// Django's icontains), among those djq_task_text holds so far.
Result<std::vector<std::int64_t>> TasksWithValue(Export& export_, std::string_view word);
// djq_task_text's last task so far: lookups stay good until it changes (0: none yet).
Result<std::int64_t> ValueSearchThrough(Export& export_);

// The text indexed for one task: args repr, kwargs repr and the result (a str as itself), one per
// line; a value that cannot be decoded contributes its error.
std::string SearchableText(const std::optional<std::string>& args, const std::optional<std::string>& kwargs,
                           const std::optional<std::string>& result);

}  // namespace core
