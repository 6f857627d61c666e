# run_djq(<expected exit code> <regex the output must match> <djq arguments...>): runs djq and fails
# the script with what it printed when the exit code or the output (stdout and stderr) differs.
function(run_djq expected_code expected_output)
  execute_process(COMMAND "${DJQ}" ${ARGN} RESULT_VARIABLE code OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT code EQUAL expected_code)
    message(FATAL_ERROR "djq ${ARGN}: exit ${code}, expected ${expected_code}\n${out}${err}")
  endif()
  if(NOT "${out}${err}" MATCHES "${expected_output}")
    message(FATAL_ERROR "djq ${ARGN}: output does not match \"${expected_output}\":\n${out}${err}")
  endif()
endfunction()
