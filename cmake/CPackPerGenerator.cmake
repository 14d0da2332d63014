# Read by cpack for each generator (CPACK_PROJECT_CONFIG_FILE): the .deb installs under /usr, the
# release tarball is relocatable (bin/, lib/obolint/, share/ at its top).
if(CPACK_GENERATOR STREQUAL "DEB")
  set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
else()
  set(CPACK_PACKAGING_INSTALL_PREFIX /)
endif()
