# cmake -DDJQ=path/to/djq -DFIXTURES=dir -DSCRATCH=dir -P check_hostile.cmake
# Issue 15's catalogue at the command line: each hostile input gets its exit code and a message
# naming what is wrong, and nothing is written.
include("${CMAKE_CURRENT_LIST_DIR}/run_djq.cmake")
set(fixture "${FIXTURES}/djq2-latest.sqlite3")
set(dir "${SCRATCH}/hostile")
file(REMOVE_RECURSE "${dir}")
file(MAKE_DIRECTORY "${dir}")

# Arguments out of range.
run_djq(2 "--limit needs a whole number from 1" tasks "${fixture}" --limit -5)
run_djq(2 "--offset needs a whole number from 0" tasks "${fixture}" --offset -1)
run_djq(2 "--offset needs a whole number from 0" tasks "${fixture}" --offset 9223372036854775807)
run_djq(2 "--type is a schedule type code" schedules "${fixture}" --type bogus)
string(REPEAT "%" 100000 pattern)
run_djq(2 "--search is 100000 bytes long" tasks "${fixture}" --search "${pattern}")

# Inputs that are not files, or never end.
run_djq(1 "/dev/zero is a device, not a regular file" apply /dev/zero --db "${dir}/server.sqlite3")
run_djq(1 "is a folder" info "${dir}")

# JSON nested a million deep, and a fixture whose fields have the wrong types.
string(REPEAT "[" 100000 open)
string(REPEAT "]" 100000 close)
file(WRITE "${dir}/deep.json" "[{\"model\": \"django_q.task\", \"pk\": \"a\", \"fields\": {\"name\": ${open}${close}}}]")
run_djq(1 "nested deeper than 64 levels" info "${dir}/deep.json")
file(WRITE "${dir}/wrong_types.json" "[{\"model\": \"django_q.task\", \"pk\": \"a\", \"fields\": {\"name\": [1], \"func\": {\"a\": 1}, \"started\": 5, \"success\": \"yes\"}}]")
run_djq(1 "wrong_types.json: " info "${dir}/wrong_types.json")
file(WRITE "${dir}/deep-changes.json" "{\"format\": \"djq-changeset\", \"version\": 2, \"changes\": ${open}${close}}")
file(COPY_FILE "${fixture}" "${dir}/server.sqlite3")
file(SHA256 "${dir}/server.sqlite3" untouched)
run_djq(1 "nests deeper than 8 levels" apply "${dir}/deep-changes.json" --db "${dir}/server.sqlite3")
file(SHA256 "${dir}/server.sqlite3" after)
if(NOT after STREQUAL untouched)
  message(FATAL_ERROR "a refused changeset changed the server database")
endif()

# Outputs: a planted symlink is never written through, a device is never replaced.
file(WRITE "${dir}/victim.txt" "keep me")
file(CREATE_LINK "${dir}/victim.txt" "${dir}/out.json.tmp" SYMBOLIC)
run_djq(0 "wrote" export "${fixture}" --fixture "${dir}/out.json")
file(READ "${dir}/victim.txt" victim)
if(NOT victim STREQUAL "keep me")
  message(FATAL_ERROR "export wrote through a planted symlink")
endif()
run_djq(1 "/dev/full: it exists and is not a regular file" export "${fixture}" --fixture /dev/full)

# A write that fails on the way (here the file-size limit, as a full disk would): a non-zero exit
# with the system's reason, the earlier file left as it was, and no half-written file beside it.
file(WRITE "${dir}/earlier.json" "earlier export")
execute_process(COMMAND sh -c "trap '' XFSZ; ulimit -f 16; exec \"$0\" \"$@\"" "${DJQ}" export "${fixture}" --fixture "${dir}/earlier.json"
                RESULT_VARIABLE code OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT code EQUAL 1 OR NOT err MATCHES "cannot write .*earlier.json: File too large")
  message(FATAL_ERROR "a failed write: exit ${code}, expected 1 and the system's reason\n${out}${err}")
endif()
file(READ "${dir}/earlier.json" earlier)
file(GLOB leftovers "${dir}/earlier.json.*")
if(NOT earlier STREQUAL "earlier export" OR leftovers)
  message(FATAL_ERROR "a failed write changed the earlier file or left ${leftovers}")
endif()
