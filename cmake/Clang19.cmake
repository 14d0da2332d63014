# Finds LLVM/Clang 19 from Debian's packages. find_package(LLVM 19) is not used: LLVM 16+ wants an
# exact major.minor, so we look in the versioned prefix and check the major version ourselves.
find_package(LLVM CONFIG REQUIRED PATHS /usr/lib/llvm-19/lib/cmake/llvm NO_DEFAULT_PATH)
if(NOT LLVM_VERSION_MAJOR EQUAL 19)
  message(FATAL_ERROR "obolint needs LLVM/Clang 19, found ${LLVM_VERSION}. Run tools/setup.sh.")
endif()
find_package(Clang CONFIG REQUIRED PATHS /usr/lib/llvm-19/lib/cmake/clang NO_DEFAULT_PATH)
find_program(CLANG19_EXECUTABLE clang-19 PATHS /usr/lib/llvm-19/bin REQUIRED)
execute_process(COMMAND ${CLANG19_EXECUTABLE} -print-resource-dir
                OUTPUT_VARIABLE CLANG19_RESOURCE_DIR OUTPUT_STRIP_TRAILING_WHITESPACE)
message(STATUS "Clang ${LLVM_VERSION}, resource dir ${CLANG19_RESOURCE_DIR}")
