# How tests are registered, shared by the main tree (tests/) and the sanitizer tree
# (tests/sanitize/), so that the asan tier builds and runs them exactly as the other tiers do.
include(GoogleTest)

# The shared/ folder beside the checkout: corpus of real Ceph encodings, transcripts.
set(RADOSIO_SHARED_DIR "${PROJECT_SOURCE_DIR}/../shared" CACHE PATH
    "The shared/ folder (corpus of real Ceph encodings, transcripts)")

# radosio_test_binary(NAME LABEL SOURCES... [TEST_PREFIX P] [DISCOVERY_TIMEOUT S]
#                     [ENVIRONMENT VAR=VALUE...])
# A GoogleTest binary whose tests carry LABEL (ctest labels let scripts/test count each tier).
# Tests that run Ceph's offline tools (osdmaptool, crushtool) get Ceph's defaults, not the
# conf of whatever test cluster the environment points at; ENVIRONMENT adds to that.
function(radosio_test_binary name label)
  cmake_parse_arguments(T "" "TEST_PREFIX;DISCOVERY_TIMEOUT" "ENVIRONMENT" ${ARGN})
  if(NOT T_DISCOVERY_TIMEOUT)
    set(T_DISCOVERY_TIMEOUT 60)
  endif()
  add_executable(${name} ${T_UNPARSED_ARGUMENTS})
  target_link_libraries(${name} PRIVATE radosio GTest::gtest_main)
  target_include_directories(${name} PRIVATE ${PROJECT_SOURCE_DIR}/tests)
  radosio_warnings(${name})
  set(environment "CEPH_CONF=/dev/null" "CEPH_ARGS=" "CEPH_KEYRING=" ${T_ENVIRONMENT})
  list(JOIN environment ";" environment)
  gtest_discover_tests(${name} TEST_PREFIX "${T_TEST_PREFIX}" PROPERTIES LABELS ${label}
    ENVIRONMENT "${environment}" DISCOVERY_TIMEOUT ${T_DISCOVERY_TIMEOUT})
endfunction()

# radosio_unit_tests(LABEL [radosio_test_binary options])
# The unit binary: every *_test.cc under tests/unit/ (one file per unit under test), with the
# CLI's pure helpers (hexdump, output formats) and the bench engine's parts (histogram,
# object layout, rados bench's report, --mix parsing).
function(radosio_unit_tests label)
  file(GLOB_RECURSE sources CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/tests/unit/*_test.cc)
  radosio_test_binary(unit_tests ${label} ${sources} ${ARGN})
  target_link_libraries(unit_tests PRIVATE rados_client_cli rados_client_bench)
  target_compile_definitions(unit_tests PRIVATE RADOSIO_SHARED_DIR="${RADOSIO_SHARED_DIR}")
endfunction()

# radosio_cluster_test(NAME SCRIPT [SERIAL] [TIMEOUT S] [LABEL L] [RUNNER R] [ARGS ...])
# A script of tests/integration/ against a real Ceph cluster started by scripts/dev-cluster.
# Scripts find it through CEPH_CONF; without one they report "skipped" (exit 77), and
# scripts/test, which always starts a cluster, sets RADOSIO_REQUIRE_CLUSTER=1 so that a
# missing cluster fails. They run this tree's programs (RADOSIO_BIN_DIR). SERIAL is for
# tests that start clusters of their own or change the shared one; RUNNER is a script that
# runs SCRIPT (the sanitizer tree's report check). Default label integration, timeout 300 s.
function(radosio_cluster_test name script)
  cmake_parse_arguments(T "SERIAL" "TIMEOUT;LABEL;RUNNER" "ARGS" ${ARGN})
  if(NOT T_TIMEOUT)
    set(T_TIMEOUT 300)
  endif()
  if(NOT T_LABEL)
    set(T_LABEL integration)
  endif()
  add_test(NAME ${name} COMMAND bash ${T_RUNNER} ${PROJECT_SOURCE_DIR}/tests/integration/${script} ${T_ARGS})
  set_tests_properties(${name} PROPERTIES LABELS ${T_LABEL} SKIP_RETURN_CODE 77
    TIMEOUT ${T_TIMEOUT} RUN_SERIAL ${T_SERIAL}
    ENVIRONMENT "RADOSIO_BIN_DIR=${CMAKE_BINARY_DIR}/bin")
endfunction()
