# Instrumented builds, each in its own build folder:
#   OBOLINT_SANITIZE=ON  everything (binary, component, tests) with AddressSanitizer and UBSan:
#                        tools/test-sanitized.sh builds build-asan/ and runs the suite there.
#   OBOLINT_FUZZ=ON      the libFuzzer targets of tests/fuzz/ (clang only: CC=clang-19
#                        CXX=clang++-19), every library with coverage for libFuzzer, ASan and UBSan;
#                        tools/fuzz TARGET SECONDS builds build-fuzz/ and runs one.
# UBSan findings stop the program (no recovery): a test or a fuzz run fails on the first one.
option(OBOLINT_SANITIZE "Build with AddressSanitizer and UBSan (build-asan/)" OFF)
option(OBOLINT_FUZZ "Build the libFuzzer targets of tests/fuzz (clang; build-fuzz/)" OFF)

set(OBOLINT_SANITIZER_FLAGS -fsanitize=address,undefined -fno-sanitize-recover=undefined
    -fno-omit-frame-pointer -g1)
if(OBOLINT_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    message(FATAL_ERROR "OBOLINT_FUZZ needs clang (CC=clang-19 CXX=clang++-19); tools/fuzz sets it")
  endif()
  add_compile_options(${OBOLINT_SANITIZER_FLAGS} -fsanitize=fuzzer-no-link)
  add_link_options(-fsanitize=address,undefined)
  # The fuzz build holds the fuzz targets only (the test suite has its own sanitized build).
  set(OBOLINT_BUILD_TESTS OFF)
elseif(OBOLINT_SANITIZE)
  add_compile_options(${OBOLINT_SANITIZER_FLAGS})
  add_link_options(-fsanitize=address,undefined)
endif()
