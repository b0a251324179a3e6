# `cmake --install` gives: the public headers (include/radosio), libradosio.a and
# libradosio.so, the rados-client tool, a CMake package (find_package(radosio) ->
# radosio::radosio, the shared library, and radosio::static) and a pkg-config file.
include(CMakePackageConfigHelpers)

install(TARGETS radosio radosio_shared EXPORT radosioTargets
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
  RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(DIRECTORY ${PROJECT_SOURCE_DIR}/include/radosio DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(EXPORT radosioTargets NAMESPACE radosio:: DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/radosio)

configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/radosioConfig.cmake.in
  ${PROJECT_BINARY_DIR}/radosioConfig.cmake INSTALL_DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/radosio)
write_basic_package_version_file(${PROJECT_BINARY_DIR}/radosioConfigVersion.cmake
  COMPATIBILITY SameMinorVersion)
install(FILES ${PROJECT_BINARY_DIR}/radosioConfig.cmake ${PROJECT_BINARY_DIR}/radosioConfigVersion.cmake
  DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/radosio)

# From the .pc file's directory back to the prefix (libdir may be lib or lib/<triplet>).
file(RELATIVE_PATH PC_TO_PREFIX "/${CMAKE_INSTALL_LIBDIR}/pkgconfig" "/")
string(REGEX REPLACE "/$" "" PC_TO_PREFIX "${PC_TO_PREFIX}")
configure_file(${PROJECT_SOURCE_DIR}/cmake/radosio.pc.in ${PROJECT_BINARY_DIR}/radosio.pc @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/radosio.pc DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)
