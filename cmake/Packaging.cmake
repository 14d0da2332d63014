# `cpack -G DEB` (CI images) and `cpack -G TGZ` (release tarball): the install tree, see
# docs/install.md. Run tools/setup.sh first: dpkg-shlibdeps (dpkg-dev) and `file` compute the
# shared-library dependencies.
set(CPACK_PACKAGE_NAME obolint)
set(CPACK_PACKAGE_VENDOR "obolint")
set(CPACK_PACKAGE_CONTACT "obolint maintainers <obolint@example.com>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
set(CPACK_PACKAGE_FILE_NAME "obolint-${PROJECT_VERSION}-linux-${CMAKE_SYSTEM_PROCESSOR}")
set(CPACK_GENERATOR DEB)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION devel)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# What dpkg-shlibdeps cannot see: git (file selection, --staged, --diff-base, install-hook) and,
# for the C++ component, Clang's resource headers (stddef.h & co., found through the compiled-in
# resource directory /usr/lib/llvm-19/lib/clang/19).
set(OBOLINT_DEB_DEPENDS "git")
if(OBOLINT_CPP)
  string(APPEND OBOLINT_DEB_DEPENDS ", libclang-common-19-dev")
  # The C++ standard library headers make scans of code that includes <string> exact.
  set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "libstdc++-12-dev")
endif()
set(CPACK_DEBIAN_PACKAGE_DEPENDS "${OBOLINT_DEB_DEPENDS}")
set(CPACK_PROJECT_CONFIG_FILE ${CMAKE_CURRENT_LIST_DIR}/CPackPerGenerator.cmake)
set(CPACK_SOURCE_IGNORE_FILES "/build/;/\\\\.git/")
include(CPack)
