# README line 1 on a machine without the test packages: the default preset must configure (and
# so build) the library and the command with doctest and cpp-httplib out of sight.
# Run: cmake -DSOURCE_DIR=… -DWORK_DIR=… -P front_door.cmake
file(REMOVE_RECURSE "${WORK_DIR}")
execute_process(
  COMMAND ${CMAKE_COMMAND} --preset default -B "${WORK_DIR}"
          -DCMAKE_DISABLE_FIND_PACKAGE_doctest=ON -DBICITE_HTTPLIB_INCLUDE=BICITE_HTTPLIB_INCLUDE-NOTFOUND
  WORKING_DIRECTORY "${SOURCE_DIR}"
  RESULT_VARIABLE configured OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT configured EQUAL 0)
  message(FATAL_ERROR "cmake --preset default failed without the test packages:\n${out}\n${err}")
endif()
file(STRINGS "${WORK_DIR}/CMakeCache.txt" tests_option REGEX "^BICITE_TESTS:")
if(NOT tests_option MATCHES "=OFF$")
  message(FATAL_ERROR "the default preset builds the tests (${tests_option}); line 1 must not need their packages")
endif()
file(STRINGS "${WORK_DIR}/build.ninja" cli REGEX "examples/bicite")
if(NOT cli)
  message(FATAL_ERROR "the default preset does not build the bicite command")
endif()
file(REMOVE_RECURSE "${WORK_DIR}")
message(STATUS "the default preset configures the library and the command without the test packages")
