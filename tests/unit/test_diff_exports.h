// Two exports of the djq2 fixture a day apart, changed in known ways: what test_export_diff.cpp
// and the Compare page's smoke test compare.
#pragma once

#include <string>

#include "test_fixtures.h"

namespace test {

inline void Exec(core::Export& e, const std::string& sql) { REQUIRE(e.db.Exec(sql)); }

// Copies `table`'s row `where` with the changes `set` (SQL assignments), as another row.
inline void CopyRow(core::Export& e, const std::string& table, const std::string& where, const std::string& set) {
    Exec(e, "CREATE TEMP TABLE copied AS SELECT * FROM " + table + " WHERE " + where);
    Exec(e, "UPDATE copied SET " + set);
    Exec(e, "INSERT INTO " + table + " SELECT * FROM copied");
    Exec(e, "DROP TABLE copied");
}

inline std::int64_t RowidOf(core::Export& e, const std::string& task_id) {
    auto stmt = e.db.Prepare("SELECT rowid FROM django_q_task WHERE id = ?1");
    stmt->Bind(1, task_id);
    REQUIRE(stmt->Step().value());
    return stmt->Int(0);
}

// "yesterday": the fixture without fail-zero's failure (task 63), which then is new today.
inline core::Export Yesterday() {
    core::Export before = test::OpenFixtureCopy("djq2-latest.sqlite3");
    Exec(before, "DELETE FROM django_q_task WHERE rowid = 63");
    return before;
}

// "today": the fixture changed in known ways since yesterday.
inline core::Export Today() {
    core::Export after = test::OpenFixtureCopy("djq2-latest.sqlite3");
    // Failures: fail-custom's error (ReportError, 2 failures yesterday) happened twice more;
    // fail-value (task 61) was retried and failed again (same id, a later stop); fail-other's
    // failure (task 65, alone in its group) was resubmitted, so it is gone.
    CopyRow(after, "django_q_task", "rowid = 64", "id = 'a1' || substr(id, 3), stopped = '2026-11-24 02:00:01'");
    CopyRow(after, "django_q_task", "rowid = 64", "id = 'a2' || substr(id, 3), stopped = '2026-11-24 02:00:02'");
    Exec(after, "UPDATE django_q_task SET stopped = '2026-11-24 02:10:00', attempt_count = 4 WHERE rowid = 61");
    Exec(after, "DELETE FROM django_q_task WHERE rowid = 65");
    // Schedules: 13 deleted, 30 added, 17's cron and 16's next run edited by someone, 3 run by
    // the scheduler (a new last task, its next run and repeats moved on).
    Exec(after, "DELETE FROM django_q_schedule WHERE id = 13");
    CopyRow(after, "django_q_schedule", "id = 21", "id = 30, name = 'added-today'");
    Exec(after, "UPDATE django_q_schedule SET cron = '*/10 * * * *' WHERE id = 17");
    Exec(after, "UPDATE django_q_schedule SET next_run = '2026-11-25 08:00:00' WHERE id = 16");
    Exec(after, "UPDATE django_q_schedule SET task = 'b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0', next_run = '2026-11-24 01:59:49.303207', "
                "repeats = 22 WHERE id = 3");
    // Queue: 78 and 79 were taken; 90 (djqdemo) and 91 ("other") were queued.
    Exec(after, "DELETE FROM django_q_ormq WHERE id IN (78, 79)");
    CopyRow(after, "django_q_ormq", "id = 80", "id = 90");
    CopyRow(after, "django_q_ormq", "id = 81", "id = 91");
    return after;
}

}  // namespace test
