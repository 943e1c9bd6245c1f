include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

set(BICITE_CMAKE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/bicite)
set(install_targets bicite)
if(TARGET bicite_links)
  list(APPEND install_targets bicite_links)
endif()
install(TARGETS ${install_targets} EXPORT bicite-targets
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
  RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR}
  INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(DIRECTORY ${PROJECT_SOURCE_DIR}/include/bicite DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
if(TARGET bicite_cli)
  install(TARGETS bicite_cli RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
  install(FILES ${PROJECT_BINARY_DIR}/bicite.1 DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
endif()
install(EXPORT bicite-targets NAMESPACE bicite:: DESTINATION ${BICITE_CMAKE_DIR})
export(EXPORT bicite-targets NAMESPACE bicite:: FILE ${PROJECT_BINARY_DIR}/bicite-targets.cmake)

set(BICITE_HAS_LINKS OFF)
if(TARGET bicite_links)
  set(BICITE_HAS_LINKS ON)
endif()
configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/bicite-config.cmake.in
  ${PROJECT_BINARY_DIR}/bicite-config.cmake INSTALL_DESTINATION ${BICITE_CMAKE_DIR})
write_basic_package_version_file(${PROJECT_BINARY_DIR}/bicite-config-version.cmake
  COMPATIBILITY SameMinorVersion)
install(FILES ${PROJECT_BINARY_DIR}/bicite-config.cmake ${PROJECT_BINARY_DIR}/bicite-config-version.cmake
  DESTINATION ${BICITE_CMAKE_DIR})

configure_file(${PROJECT_SOURCE_DIR}/cmake/bicite.pc.in ${PROJECT_BINARY_DIR}/bicite.pc @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/bicite.pc DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)
