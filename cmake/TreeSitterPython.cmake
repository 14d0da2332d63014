# Fetches the pinned tree-sitter-python grammar from the npm registry, verifies it against
# its pinned sha512 before unpacking, and builds it as a static library.
# Nothing fetched is committed: the tarball and sources live under the build tree.
set(TSP_VERSION 0.23.6)
# npm integrity of tree-sitter-python@0.23.6 (sha512, base64):
#   sha512-yIM9z0oxKIxT7bAtPOhgoVl6gTXlmlIhue7liFT4oBPF/lha7Ha4dQBS82Av6hMMRZoVnFJI8M6mL+SwWoLD3A==
# The same digest in hex, which CMake's file(SHA512) produces:
set(TSP_SHA512 c8833dcf4a31288c53edb02d3ce860a1597a8135e59a5221b9eee58854f8a013c5fe585aec76b8750052f3602fea130c459a159c5248f0cea62fe4b05a82c3dc)

set(TSP_DIR ${CMAKE_BINARY_DIR}/_deps/tree-sitter-python)
set(TSP_TARBALL ${TSP_DIR}/tree-sitter-python-${TSP_VERSION}.tgz)
set(TSP_SRC ${TSP_DIR}/package/src)

if(NOT EXISTS ${TSP_SRC}/parser.c)
  file(MAKE_DIRECTORY ${TSP_DIR})
  if(DEFINED ENV{OBOLINT_GRAMMAR_TARBALL})
    # Offline builds: a tarball obtained elsewhere, still checked against the pin below.
    file(COPY_FILE $ENV{OBOLINT_GRAMMAR_TARBALL} ${TSP_TARBALL})
  elseif(NOT EXISTS ${TSP_TARBALL})
    find_program(NPM_EXECUTABLE npm REQUIRED)
    message(STATUS "Fetching tree-sitter-python@${TSP_VERSION} from the npm registry")
    # npm's own error is kept (not --silent): a proxy or certificate problem must be visible.
    execute_process(
      COMMAND ${NPM_EXECUTABLE} pack --ignore-scripts --loglevel=warn tree-sitter-python@${TSP_VERSION}
      WORKING_DIRECTORY ${TSP_DIR}
      RESULT_VARIABLE npm_result
      OUTPUT_VARIABLE npm_output ERROR_VARIABLE npm_error)
    if(NOT npm_result EQUAL 0 OR NOT EXISTS ${TSP_TARBALL})
      message(FATAL_ERROR
        "npm pack tree-sitter-python@${TSP_VERSION} failed (exit ${npm_result}). npm said:\n"
        "${npm_error}${npm_output}\n"
        "Behind a proxy: npm config set proxy http://HOST:PORT; npm config set https-proxy "
        "http://HOST:PORT; with the proxy's own CA: npm config set cafile /path/to/ca.pem.\n"
        "Offline: fetch the tarball elsewhere (npm pack tree-sitter-python@${TSP_VERSION}) and "
        "set OBOLINT_GRAMMAR_TARBALL=/path/to/tree-sitter-python-${TSP_VERSION}.tgz (it is still "
        "checked against the pinned sha512). See docs/install.md.")
    endif()
  endif()
  file(SHA512 ${TSP_TARBALL} tsp_actual)
  if(NOT tsp_actual STREQUAL TSP_SHA512)
    file(REMOVE ${TSP_TARBALL})
    message(FATAL_ERROR "tree-sitter-python-${TSP_VERSION}.tgz does not match its pinned sha512.\n"
                        "  expected ${TSP_SHA512}\n  actual   ${tsp_actual}\n"
                        "The tarball was deleted; refusing to build with an unverified grammar.")
  endif()
  file(ARCHIVE_EXTRACT INPUT ${TSP_TARBALL} DESTINATION ${TSP_DIR} PATTERNS package/src package/LICENSE)
endif()

add_library(tree_sitter_python STATIC ${TSP_SRC}/parser.c ${TSP_SRC}/scanner.c)
target_include_directories(tree_sitter_python PRIVATE ${TSP_SRC})
set_target_properties(tree_sitter_python PROPERTIES C_STANDARD 11 POSITION_INDEPENDENT_CODE ON)
# Generated code: not ours to warn about.
target_compile_options(tree_sitter_python PRIVATE -w)
