# The djq command line as a script sees it: output and exit codes (0 ok, 1 bad input, 2 usage).
set(fixtures "${DJQ_FIXTURES_DIR}")
set(scratch "${CMAKE_CURRENT_BINARY_DIR}/cli-scratch")
file(MAKE_DIRECTORY "${scratch}")
file(WRITE "${scratch}/not-a-db.txt" "hello, this is not a database\n")

function(djq_cli_test name)
  cmake_parse_arguments(T "WILL_FAIL" "EXPECT" "ARGS" ${ARGN})
  add_test(NAME "cli: ${name}" COMMAND djq ${T_ARGS})
  if(T_EXPECT)
    set_tests_properties("cli: ${name}" PROPERTIES PASS_REGULAR_EXPRESSION "${T_EXPECT}")
  endif()
  if(T_WILL_FAIL)
    set_tests_properties("cli: ${name}" PROPERTIES WILL_FAIL TRUE)
  endif()
endfunction()

djq_cli_test("--help lists the commands" ARGS --help EXPECT "info FILE.*demo -o FILE")
djq_cli_test("--version" ARGS --version EXPECT "^djq [0-9]+\\.[0-9]+\\.[0-9]+")
djq_cli_test("info counts django-q2's rows"
  ARGS info "${fixtures}/djq2-latest.sqlite3"
  EXPECT "django-q2.*successful tasks: +69\n.*failed tasks: +8\n.*scheduled tasks: +20\n.*queued tasks: +10\n.*tasks from: +2026-11-24 01:34:22.519804 UTC")
djq_cli_test("info --json counts django-q 1.3's rows"
  ARGS info "${fixtures}/djq1-1.3.9.sqlite3" --json
  EXPECT "\"failed\": 7,.*\"queued\": 10,.*\"schedules\": 18,.*\"successful\": 72.*\"first_started\": \"2026-11-24 01:37:26.746917\".*\"variant\": \"q1\"")
# Exit codes: ctest's WILL_FAIL only says "non-zero", so the exact codes are checked by a script.
add_test(NAME "cli: exit codes are 0 ok, 1 bad input, 2 usage"
  COMMAND ${CMAKE_COMMAND} -DDJQ=$<TARGET_FILE:djq> -DFIXTURES=${fixtures} -DSCRATCH=${scratch}
          -P "${CMAKE_CURRENT_SOURCE_DIR}/cli/check_exit_codes.cmake")
djq_cli_test("info on a foreign file says what it is" ARGS info "${scratch}/not-a-db.txt"
  EXPECT "not-a-db.txt: not a SQLite database: the file starts with \"hello, this is n\"")
djq_cli_test("demo writes a database info can read"
  ARGS demo -o "${scratch}/demo.sqlite3" --tasks 1000 --seed 7 EXPECT "wrote .*demo.sqlite3: 1000 tasks, 12 schedules")
add_test(NAME "cli: hostile arguments, inputs and outputs get a message and an exit code, and write nothing"
  COMMAND ${CMAKE_COMMAND} -DDJQ=$<TARGET_FILE:djq> -DFIXTURES=${fixtures} -DSCRATCH=${scratch}
          -P "${CMAKE_CURRENT_SOURCE_DIR}/cli/check_hostile.cmake")
add_test(NAME "cli: apply is checked, idempotent, and stops at conflicts"
  COMMAND ${CMAKE_COMMAND} -DDJQ=$<TARGET_FILE:djq> -DFIXTURES=${fixtures} -DDATA=${CMAKE_CURRENT_SOURCE_DIR}/data
          -DSCRATCH=${scratch} -P "${CMAKE_CURRENT_SOURCE_DIR}/cli/check_apply.cmake")
djq_cli_test("info reads dumpdata JSON as well"
  ARGS info "${fixtures}/djq1-1.3.9.json"
  EXPECT "django-q 1.3.*successful tasks: +72\n.*failed tasks: +7\n.*scheduled tasks: +18\n.*queued tasks: +10\n")
djq_cli_test("info names a JSON file that is not a dumpdata fixture"
  ARGS info "${fixtures}/settings-djq2-latest.json" EXPECT "JSON, but not a dumpdata fixture")
djq_cli_test("export turns dumpdata JSON into SQLite"
  ARGS export "${fixtures}/djq2-latest.json" --sqlite "${scratch}/from-json.sqlite3" EXPECT "wrote .*from-json.sqlite3")
djq_cli_test("show decodes a failed task's args and prints its traceback"
  ARGS show "${fixtures}/djq2-latest.sqlite3" fail-zero
  EXPECT "success: +no \\(failed\\).*attempt count: +3\n.*args: +\\('zero',\\)\n.*ZeroDivisionError: division by zero")
djq_cli_test("show --json gives Python's repr of each value"
  ARGS show "${fixtures}/djq1-1.3.9.sqlite3" make-datetime_aware --json
  EXPECT "\"repr\": \"datetime.datetime\\(2026, 11, 20, 8, 30, 15, 123456, tzinfo=datetime.timezone.utc\\)\"")
djq_cli_test("show names a task that is not there" ARGS show "${fixtures}/djq2-latest.sqlite3" no-such-task WILL_FAIL)
djq_cli_test("queue decodes packages and lock states"
  ARGS queue "${fixtures}/djq1-1.3.9.sqlite3"
  EXPECT "10 queued tasks.*available: lock .*func demoapp.tasks.add.*signed at 2026-11-24 01:3[0-9]:[0-9][0-9] UTC")
add_test(NAME "cli: queue verifies signatures with a key from the environment and never prints it"
  COMMAND ${CMAKE_COMMAND} -E env DJQ_TEST_KEY=fixture-secret-key-1-not-for-production
          ${CMAKE_COMMAND} -DDJQ=$<TARGET_FILE:djq> -DFIXTURES=${fixtures} -P "${CMAKE_CURRENT_SOURCE_DIR}/cli/check_queue.cmake")
djq_cli_test("tasks searches like the Django admin and counts results of the total"
  ARGS tasks "${fixtures}/djq2-latest.sqlite3" --search "ECHO args"
  EXPECT "^[0-9]+ results \\(69 total\\)\n.*demoapp.tasks.echo")
djq_cli_test("tasks --failed --json lists failures newest first"
  ARGS tasks "${fixtures}/djq1-1.3.9.sqlite3" --failed --json
  EXPECT "\"results\": 7,.*\"total\": 7")
djq_cli_test("tasks refuses an unknown sort column" ARGS tasks "${fixtures}/djq1-1.3.9.sqlite3" --sort colour WILL_FAIL)
djq_cli_test("tasks --failed shows the admin's short result, cut at 100 characters"
  ARGS tasks "${fixtures}/djq2-latest.sqlite3" --failed --search fail-zero --json
  EXPECT "\"short_result\": \"division by zero : Traceback \\(most recent call last\\):.*…\",")
djq_cli_test("tasks filters by stop time"
  ARGS tasks "${fixtures}/djq2-latest.sqlite3" --failed --stopped-from "2026-11-24 01:34:36"
  EXPECT "^2 results \\(8 total\\)\n")
djq_cli_test("tasks names a date it cannot read"
  ARGS tasks "${fixtures}/djq2-latest.sqlite3" --stopped-from 2026-02-30
  EXPECT "--stopped-from \"2026-02-30\" is not a date")
djq_cli_test("tasks exits 2 on a date it cannot read" ARGS tasks "${fixtures}/djq2-latest.sqlite3" --started-until yesterday WILL_FAIL)
djq_cli_test("tasks --in-values searches the decoded args, kwargs and result"
  ARGS tasks "${fixtures}/djq2-latest.sqlite3" --search origin-ish --in-values
  EXPECT "^2 results \\(69 total\\)\n.*demoapp.tasks.echo")
djq_cli_test("next-runs keeps a monthly schedule's local time across DST (django-q2)"
  ARGS next-runs "${fixtures}/djq2-latest.sqlite3" 10 -n 3 --tz Europe/Amsterdam --now "2026-11-24 01:40"
  EXPECT "type: +Monthly \\(M\\): every month.*repeats: +-1: forever.*next 3 runs:\n +1 +2027-01-31 10:00:00 CET +2027-01-31 09:00:00 UTC\n.*\n +3 +2027-03-28 10:00:00 CEST +2027-03-28 08:00:00 UTC")
djq_cli_test("next-runs --json explains a django-q 1.3 cron schedule and its run counter"
  ARGS next-runs "${fixtures}/djq1-1.3.9.sqlite3" 14 -n 2 --tz Europe/Amsterdam --now "2026-11-24 12:00" --json
  EXPECT "\"repeats_words\": \"forever \\(repeats -2: it has run 1 time.*\"utc\": \"2026-11-25 08:00:00\".*\"timing\": \"cron 0 9 \\* \\* 1-5: at 09:00 on Monday through Friday.*\"variant\": \"q1\"")
djq_cli_test("next-runs names a schedule that is not there" ARGS next-runs "${fixtures}/djq2-latest.sqlite3" 999 WILL_FAIL)
djq_cli_test("next-runs refuses an unknown time zone" ARGS next-runs "${fixtures}/djq2-latest.sqlite3" 10 --tz Mars/Olympus_Mons WILL_FAIL)
# One clock, as the app's: --now defaults to the export's newest task time (2026-11-24 01:35:29).
djq_cli_test("schedules --overdue is as of the export by default: none were overdue then"
  ARGS schedules "${fixtures}/djq2-latest.sqlite3" --overdue EXPECT "^0 results \\(20 total\\)")
djq_cli_test("schedules --overdue --now wall counts those overdue by the system clock"
  ARGS schedules "${fixtures}/djq2-latest.sqlite3" --overdue --now wall EXPECT "^1[0-9] results \\(20 total\\)")
djq_cli_test("queue --tz shows lock times in that zone"
  ARGS queue "${fixtures}/djq2-latest.sqlite3" --tz Asia/Kolkata --json EXPECT "locked until 2026-11-24 07:05:55 IST")
djq_cli_test("schedules lists the admin's columns, next run first, in the zone asked for"
  ARGS schedules "${fixtures}/djq2-latest.sqlite3" --tz Europe/Amsterdam
  EXPECT "^20 results \\(20 total\\); times in Europe/Amsterdam\n.*\n +2 +once-keep +demoapp.tasks.echo +Once +0 +- +2026-11-24 02:29:49 CET +hawaii-freddie-eighteen-oven +yes\n")
djq_cli_test("schedules --json filters by type and cluster like the app"
  ARGS schedules "${fixtures}/djq1-1.3.9.json" --type C --cluster other --json
  EXPECT "\"results\": 1,.*\"name\": \"cron-other-cluster\"")
djq_cli_test("schedules refuses an unknown time zone" ARGS schedules "${fixtures}/djq2-latest.sqlite3" --tz Mars/Olympus_Mons WILL_FAIL)

# Every command answers -h and --help with its own usage on stdout, exit 0; an unknown option is a
# usage error that prints the command's usage.
add_test(NAME "cli: every command has its own --help and -h; an unknown option prints the usage"
  COMMAND ${CMAKE_COMMAND} -DDJQ=$<TARGET_FILE:djq> -P "${CMAKE_CURRENT_SOURCE_DIR}/cli/check_help.cmake")

# Issue 14: what djq writes, carried out by the real Django Q (django-q 1.3.9 from Debian; django-q2's
# broker and scheduler queries through Django's ORM). See tests/conformance/server_takes.py.
foreach(variant q1 q2)
  add_test(NAME "conformance: the ${variant} server takes every resubmit, run-now and cleared lock, once"
    COMMAND /usr/bin/python3 "${PROJECT_SOURCE_DIR}/tests/conformance/server_takes.py" $<TARGET_FILE:djq> "${fixtures}"
            "${scratch}/conformance-${variant}" ${variant})
  set_tests_properties("conformance: the ${variant} server takes every resubmit, run-now and cleared lock, once"
    PROPERTIES PASS_REGULAR_EXPRESSION "[1-9][0-9]* passed, 0 failed" FAIL_REGULAR_EXPRESSION "FAILED")
endforeach()
djq_cli_test("stats counts tasks per bucket of the zone's wall clock, and each func's runs"
  ARGS stats "${fixtures}/djq2-latest.sqlite3" --tz Europe/Amsterdam --bucket day
  EXPECT "tasks: +77, 8 failed \\(10.4%\\).*stopped per day \\(Europe/Amsterdam\\).*2026-11-24 +69 +8\n.*demoapp.tasks.fail +6 +6 100.0%")
djq_cli_test("stats --json gives the buckets' UTC bounds and the funcs' time taken"
  ARGS stats "${fixtures}/djq1-1.3.9.sqlite3" --json
  EXPECT "\"bucket\": \"hour\",.*\"end\": \"2026-11-24 02:00:00\",.*\"failures\": 7,.*\"label\": \"2026-11-24 01:00\",.*\"start\": \"2026-11-24 01:00:00\",.*\"successes\": 72")
djq_cli_test("stats refuses an unknown bucket" ARGS stats "${fixtures}/djq2-latest.sqlite3" --bucket month WILL_FAIL)
djq_cli_test("failures groups the same error raised twice, with its innermost frame"
  ARGS failures "${fixtures}/djq2-latest.sqlite3"
  EXPECT "8 failed tasks in 7 groups.*#1  2 x demoapp.tasks.ReportError: report generation failed: upstream timeout\n +at [^\n]*demoapp/tasks.py, in fail")
djq_cli_test("failures --json normalises values in messages"
  ARGS failures "${fixtures}/djq1-1.3.9.sqlite3" --json
  EXPECT "\"line\": 85,\n *\"name\": \"fail-value\",.*\"message\": \"bad value for field '…': N\"")
djq_cli_test("diff of an export against its own dumpdata JSON (times to the millisecond) finds nothing new"
  ARGS diff "${fixtures}/djq2-latest.sqlite3" "${fixtures}/djq2-latest.json" --json
  EXPECT "\"failure_groups\": \\[\\],.*\"new_failures\": \\[\\],.*\"added\": \\[\\],.*\"gone\": 0,.*\"schedules\": \\[\\],.*\"schedules_ran\": 0,.*\"warnings\": \\[\\]")
djq_cli_test("diff says when the exports are of two versions, or the wrong way round"
  ARGS diff "${fixtures}/djq1-1.3.9.sqlite3" "${fixtures}/djq2-latest.sqlite3"
  EXPECT "warning: The exports come from different Django Q versions.*wrong way round.*8 new failures in 7 groups")
djq_cli_test("health names an overdue schedule, and paused ones for information"
  ARGS health "${fixtures}/djq1-1.3.9.sqlite3"
  EXPECT "1 thing needs attention\n\nOverdue schedules \\(1\\)\n  schedule 18 cron-other-cluster: next run 2026-11-24 01:37:54.969657 UTC has passed\n\nPaused schedules \\(2\\), for your information")
djq_cli_test("health --json says what needs attention, row by row"
  ARGS health "${fixtures}/djq2-latest.sqlite3" --json --now "2026-11-24 02:00"
  EXPECT "\"needs_attention\": 1[0-9],.*\"check\": \"schedule_overdue\",.*\"check\": \"queue_waiting\",")
djq_cli_test("tasks --func lists one func's tasks exactly, as the dashboard's link does"
  ARGS tasks "${fixtures}/djq2-latest.sqlite3" --all --func demoapp.tasks.fail EXPECT "^6 results \\(77 total\\)")
