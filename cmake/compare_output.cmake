# Runs PROGRAM in WORKDIR and fails unless its standard output equals the file EXPECTED.
execute_process(COMMAND ${PROGRAM} WORKING_DIRECTORY ${WORKDIR}
  OUTPUT_VARIABLE actual RESULT_VARIABLE code)
if(NOT code EQUAL 0)
  message(FATAL_ERROR "${PROGRAM} exited with ${code}")
endif()
file(READ ${EXPECTED} expected)
if(NOT actual STREQUAL expected)
  message(FATAL_ERROR "output differs from ${EXPECTED}:\n--- expected\n${expected}\n--- actual\n${actual}")
endif()
