# SPDX-License-Identifier: Apache-2.0
# cxmap_add_plugin(): the one way to declare a plugin, in tree or out of tree.
#
#   cxmap_add_plugin(<kind>_<name>
#     SOURCES logic.cpp ...        # the plugin's logic, also built as a static library
#     ENTRY   plugin.cpp           # the file holding CXMAP_*_PLUGIN (registration only)
#     [TESTS  tests/x_test.cpp ...] # GoogleTest files, linked against the static library
#     [DATA   lexicon.tsv ...]     # data files copied next to the module, in <name>/
#     [LINK   extra libraries]
#     [NO_INSTALL])                # test fixtures: build only
#
# It creates a MODULE named <kind>_<name> with hidden visibility that links
# only the SDK (plus LINK), writes it to CXMAP_PLUGIN_OUTPUT_DIR when set,
# and a static library <kind>_<name>_logic for unit tests.
include_guard(GLOBAL)

function(cxmap_add_plugin name)
  cmake_parse_arguments(P "NO_INSTALL" "ENTRY" "SOURCES;TESTS;DATA;LINK" ${ARGN})
  if(NOT name MATCHES "^(source|analysis)_[a-z0-9_]+$")
    message(FATAL_ERROR "cxmap_add_plugin: '${name}' must be <source|analysis>_<name>")
  endif()
  if(NOT P_ENTRY)
    message(FATAL_ERROR "cxmap_add_plugin(${name}): ENTRY plugin.cpp is required")
  endif()
  if(NOT TARGET cxmap::sdk)
    message(FATAL_ERROR "cxmap_add_plugin: find_package(cxmap) or add the SDK first")
  endif()

  set(logic ${name}_logic)
  if(P_SOURCES)
    add_library(${logic} STATIC ${P_SOURCES})
  else()
    add_library(${logic} INTERFACE)
  endif()
  get_target_property(_type ${logic} TYPE)
  if(_type STREQUAL "INTERFACE_LIBRARY")
    target_link_libraries(${logic} INTERFACE cxmap::sdk ${P_LINK})
    target_include_directories(${logic} INTERFACE ${CMAKE_CURRENT_SOURCE_DIR})
  else()
    target_link_libraries(${logic} PUBLIC cxmap::sdk ${P_LINK})
    target_include_directories(${logic} PUBLIC ${CMAKE_CURRENT_SOURCE_DIR})
    set_target_properties(${logic} PROPERTIES POSITION_INDEPENDENT_CODE ON
      CXX_VISIBILITY_PRESET hidden VISIBILITY_INLINES_HIDDEN ON)
  endif()

  add_library(${name} MODULE ${P_ENTRY})
  target_link_libraries(${name} PRIVATE ${logic})
  set_target_properties(${name} PROPERTIES PREFIX "" CXX_VISIBILITY_PRESET hidden
    VISIBILITY_INLINES_HIDDEN ON)
  target_link_options(${name} PRIVATE -Wl,--no-undefined)
  if(CXMAP_PLUGIN_OUTPUT_DIR)
    set_target_properties(${name} PROPERTIES LIBRARY_OUTPUT_DIRECTORY "${CXMAP_PLUGIN_OUTPUT_DIR}")
  endif()

  # Data files sit next to the module, in <module dir>/<name>/, where the
  # host's data_dir() points.
  set(_data_dir "${CXMAP_PLUGIN_OUTPUT_DIR}")
  if(NOT _data_dir)
    set(_data_dir "${CMAKE_CURRENT_BINARY_DIR}")
  endif()
  foreach(f IN LISTS P_DATA)
    get_filename_component(_base "${f}" NAME)
    configure_file("${f}" "${_data_dir}/${name}/${_base}" COPYONLY)
  endforeach()

  if(NOT DEFINED CXMAP_PLUGIN_INSTALL_DIR)
    set(CXMAP_PLUGIN_INSTALL_DIR "lib/cxmap/plugins")
  endif()
  if(NOT P_NO_INSTALL AND PROJECT_NAME STREQUAL "cxmap")
    # Modules of cxmap's own build: the host runs these in its process
    # (generated/bundled_modules.inc); every other module runs isolated.
    set_property(GLOBAL APPEND PROPERTY CXMAP_BUNDLED_MODULES "${name}")
  endif()
  if(NOT P_NO_INSTALL)
    install(TARGETS ${name} LIBRARY DESTINATION "${CXMAP_PLUGIN_INSTALL_DIR}")
    foreach(f IN LISTS P_DATA)
      install(FILES "${f}" DESTINATION "${CXMAP_PLUGIN_INSTALL_DIR}/${name}")
    endforeach()
  endif()

  if(P_TESTS AND TARGET GTest::gtest_main)
    include(GoogleTest)
    add_executable(${name}_test ${P_TESTS})
    target_link_libraries(${name}_test PRIVATE ${logic} GTest::gtest_main GTest::gmock)
    target_compile_definitions(${name}_test PRIVATE PLUGIN_SOURCE_DIR="${CMAKE_CURRENT_SOURCE_DIR}")
    gtest_discover_tests(${name}_test WORKING_DIRECTORY "${CMAKE_CURRENT_SOURCE_DIR}"
      PROPERTIES ENVIRONMENT "CXMAP_SHARED_DIR=${CXMAP_SHARED_DIR}")
  endif()
endfunction()
