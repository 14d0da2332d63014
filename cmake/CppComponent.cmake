# The C++ front end as a loadable component: src/cpp/ (owned by the C++ front end) compiled once
# into an object library, linked into obolint-cpp.so with src/cpp_component/entry.cpp (the one
# exported symbol), and into the test binary for tests that call analyze_cpp directly.
file(GLOB_RECURSE OBOLINT_CPP_SOURCES CONFIGURE_DEPENDS src/cpp/*.cpp)
add_library(obolint_cpp_objects OBJECT ${OBOLINT_CPP_SOURCES})
set_target_properties(obolint_cpp_objects PROPERTIES POSITION_INDEPENDENT_CODE ON
                      CXX_VISIBILITY_PRESET hidden VISIBILITY_INLINES_HIDDEN ON)
target_include_directories(obolint_cpp_objects SYSTEM PRIVATE ${LLVM_INCLUDE_DIRS} ${CLANG_INCLUDE_DIRS})
target_link_libraries(obolint_cpp_objects PUBLIC obolint_core)
target_compile_options(obolint_cpp_objects PRIVATE ${OBOLINT_WARNINGS})
target_compile_definitions(obolint_cpp_objects PRIVATE
                           OBOLINT_CLANG_RESOURCE_DIR="${CLANG19_RESOURCE_DIR}")
# Clang's headers cost ~20 s per translation unit: parse them once.
target_precompile_headers(obolint_cpp_objects PRIVATE
  <clang/AST/ASTContext.h> <clang/AST/RecursiveASTVisitor.h> <clang/ASTMatchers/ASTMatchFinder.h>
  <clang/Frontend/CompilerInstance.h> <clang/Tooling/Tooling.h> <clang/Lex/Lexer.h>)

add_library(obolint-cpp MODULE src/cpp_component/entry.cpp $<TARGET_OBJECTS:obolint_cpp_objects>)
set_target_properties(obolint-cpp PROPERTIES PREFIX "" OUTPUT_NAME obolint-cpp
  # Beside the binary in the build tree (where the loader looks), lib/obolint/ once installed.
  LIBRARY_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR}
  CXX_VISIBILITY_PRESET hidden
  # Debian keeps libclang-cpp.so.19 in /usr/lib/llvm-19/lib, outside the loader's search path.
  INSTALL_RPATH ${LLVM_LIBRARY_DIR})
target_link_libraries(obolint-cpp PRIVATE obolint_core clang-cpp LLVM)
# Only obolint_cpp_component_v1 is exported: the component's copy of obolint's own code (and of
# the static libraries) stays private, so it can never bind to the binary's.
target_link_options(obolint-cpp PRIVATE -Wl,--exclude-libs,ALL)
# Every symbol resolved at link time, except in clang's sanitized builds: clang links the
# sanitizer runtimes into the executable only, and a shared module finds them there when loaded.
if(NOT ((OBOLINT_SANITIZE OR OBOLINT_FUZZ) AND CMAKE_CXX_COMPILER_ID STREQUAL "Clang"))
  target_link_options(obolint-cpp PRIVATE -Wl,--no-undefined)
endif()
install(TARGETS obolint-cpp LIBRARY DESTINATION lib/obolint)
