// A row as JSON ({"column": value, ...}): the before and after images the journal keeps and a
// changeset carries. Values are JSON null, integers, reals or strings, as SQLite holds them.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "core/db/db.h"

namespace core {

using RowImage = nlohmann::json;

// The primary key column of a Django Q table ("id" for all three).
constexpr std::string_view kPrimaryKey = "id";

// A column's value in a row image: null, a number or text. Text that is not valid UTF-8 (a damaged
// or hostile export) is kept byte for byte as {"bytes_b64": "<base64>"}, so JSON can carry it and
// it is written back exactly.
nlohmann::json TextColumnValue(std::string_view text);
// `value` (a row image, or one value) with each text that is not UTF-8 in that exact form.
nlohmann::json WithExactText(const nlohmann::json& value);
// Whether `value` is one of those forms: what a changeset's images and ids may hold.
bool IsColumnValue(const nlohmann::json& value);
// The value as a person reads it, with invalid bytes escaped (\xNN); text is not quoted.
std::string ShowColumnValue(const nlohmann::json& value);

// True for the tables edits may touch: django_q_task, django_q_schedule, django_q_ormq.
bool IsDjangoQTable(std::string_view table);

// The row of `table` whose id is `pk`; nullopt when there is none.
Result<std::optional<RowImage>> ReadRow(Db& db, std::string_view table, const nlohmann::json& pk);

// Inserts `image` as a row, updates the row with the image's id to it, or deletes a row.
Status InsertRow(Db& db, std::string_view table, const RowImage& image);
Status UpdateRow(Db& db, std::string_view table, const RowImage& image);
Status DeleteRow(Db& db, std::string_view table, const nlohmann::json& pk);

// Whether a server row still is what the journal saw. Datetimes that came from dumpdata JSON
// carry milliseconds only (SEMANTICS.md §7), so a datetime whose last three digits are 000 in
// `expected` matches any microseconds within that millisecond.
bool SameRow(const RowImage& expected, const RowImage& actual);

// The columns an update changed: those of `after` whose value differs from `before`'s.
RowImage ChangedColumns(const RowImage& before, const RowImage& after);

// "repeats: 0 → 9; next_run: ..." — the columns of `ours` whose value differs in `theirs`, labelled
// with the two sides' names: "repeats: export had 0, server has 9".
std::string DescribeDifferences(const RowImage& ours, const RowImage& theirs, std::string_view ours_label,
                                std::string_view theirs_label);

}  // namespace core
