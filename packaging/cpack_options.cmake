# SPDX-License-Identifier: Apache-2.0
# Read by cpack for each generator: the .deb installs under /opt/jetway, the .tar.gz unpacks to a
# plain relocatable tree (jetway-<version>-linux-<arch>/bin, conf, jars ...).
if(CPACK_GENERATOR STREQUAL "DEB")
  set(CPACK_PACKAGING_INSTALL_PREFIX /opt/jetway)
else()
  set(CPACK_PACKAGING_INSTALL_PREFIX "")
endif()
