# cmake -DDJQ=path/to/djq -DFIXTURES=dir -DDATA=tests/data -DSCRATCH=dir -P check_apply.cmake
# djq apply as a deploy script would run it: dry run, apply, apply again, and a conflict.
set(changes "${DATA}/changesets/djq2-delete-two-failures-and-edit-schedule.json")
set(rival "${DATA}/changesets/djq2-rival-edit-of-schedule-2.json")

include("${CMAKE_CURRENT_LIST_DIR}/run_djq.cmake")

foreach(name server conflicted)
  file(REMOVE "${SCRATCH}/${name}.sqlite3")
  file(COPY_FILE "${FIXTURES}/djq2-latest.sqlite3" "${SCRATCH}/${name}.sqlite3")
  file(CHMOD "${SCRATCH}/${name}.sqlite3" PERMISSIONS OWNER_READ OWNER_WRITE)
endforeach()
set(server "${SCRATCH}/server.sqlite3")

# A version-1 changeset (made before action ids) reads with one action per batch.
run_djq(0 "would apply +delete django_q_task.*applied 2, already applied 0, skipped 0 \\(conflicts 0\\) \\(dry run" apply "${changes}" --db "${server}" --dry-run)
run_djq(0 "failed tasks: +8\n" info "${server}")
run_djq(0 "applied 2, already applied 0, skipped 0 \\(conflicts 0\\)\n" apply "${changes}" --db "${server}")
run_djq(0 "failed tasks: +6\n" info "${server}")
run_djq(0 "applied 0, already applied 2, skipped 0" apply "${changes}" --db "${server}")
run_djq(0 "\"already_applied\": 2" apply "${changes}" --db "${server}" --json)

# Someone changed schedule 2 on the server after the export: that entry conflicts.
set(conflicted "${SCRATCH}/conflicted.sqlite3")
run_djq(0 "applied 1," apply "${rival}" --db "${conflicted}")
run_djq(3 "conflict +update django_q_schedule 2.*repeats: export had 0, server has 9.*nothing written" apply "${changes}" --db "${conflicted}")
run_djq(0 "failed tasks: +8\n" info "${conflicted}")
run_djq(3 "skipped \\(conflict\\) +save_schedule.*applied 1, already applied 0, skipped 1 \\(conflicts 1\\)\n" apply "${changes}" --db "${conflicted}" --skip-conflicts)
run_djq(0 "failed tasks: +6\n" info "${conflicted}")

# Bad input: not a changeset, a missing file; usage: no --db.
run_djq(1 "" apply "${FIXTURES}/settings-djq2-latest.json" --db "${server}")
run_djq(1 "" apply "${SCRATCH}/nope.json" --db "${server}")
run_djq(2 "" apply "${changes}")
