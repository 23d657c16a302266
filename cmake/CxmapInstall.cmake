# SPDX-License-Identifier: Apache-2.0
# Installs the binary, the built-in plugins and the SDK as a CMake package,
# so that out-of-tree plugins do find_package(cxmap) and cxmap_add_plugin().
# `cmake --install <build> --component sdk` installs the SDK alone.
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

set(CXMAP_CMAKE_DIR "${CMAKE_INSTALL_LIBDIR}/cmake/cxmap")
install(TARGETS cxmap_sdk EXPORT cxmapTargets COMPONENT sdk)
install(DIRECTORY sdk/include/cxmap DESTINATION ${CMAKE_INSTALL_INCLUDEDIR} COMPONENT sdk)
install(EXPORT cxmapTargets NAMESPACE cxmap:: DESTINATION ${CXMAP_CMAKE_DIR} COMPONENT sdk)
configure_package_config_file(cmake/cxmapConfig.cmake.in
  "${PROJECT_BINARY_DIR}/cxmapConfig.cmake" INSTALL_DESTINATION ${CXMAP_CMAKE_DIR})
write_basic_package_version_file("${PROJECT_BINARY_DIR}/cxmapConfigVersion.cmake"
  COMPATIBILITY SameMajorVersion)
install(FILES "${PROJECT_BINARY_DIR}/cxmapConfig.cmake"
  "${PROJECT_BINARY_DIR}/cxmapConfigVersion.cmake" cmake/CxmapPlugin.cmake
  DESTINATION ${CXMAP_CMAKE_DIR} COMPONENT sdk)
