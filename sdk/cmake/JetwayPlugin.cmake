# SPDX-License-Identifier: Apache-2.0
# jetway_add_plugin(NAME <name> KIND driver|resolver|callback SOURCES ... [LIBS ...] [OUTPUT_DIR dir]
#                   [COMPONENT c] [NO_INSTALL])
#
# Builds lib jw_<kind>_<name>.so as a MODULE with hidden visibility and --no-undefined, so that a
# missing symbol fails the build rather than a user's run, and only the SDK's entry point and
# metadata symbols are visible. The result lands in the jars/ directory of the build tree.
function(jetway_add_plugin)
  cmake_parse_arguments(PLUGIN "NO_INSTALL" "NAME;KIND;OUTPUT_DIR;COMPONENT" "SOURCES;LIBS" ${ARGN})
  if(NOT PLUGIN_NAME OR NOT PLUGIN_KIND OR NOT PLUGIN_SOURCES)
    message(FATAL_ERROR "jetway_add_plugin needs NAME, KIND and SOURCES")
  endif()
  set(target jw_${PLUGIN_KIND}_${PLUGIN_NAME})
  if(NOT PLUGIN_OUTPUT_DIR)
    if(DEFINED JW_JARS_DIR)
      set(PLUGIN_OUTPUT_DIR ${JW_JARS_DIR})
    else()
      set(PLUGIN_OUTPUT_DIR ${CMAKE_BINARY_DIR}/jars)
    endif()
  endif()
  add_library(${target} MODULE ${PLUGIN_SOURCES})
  target_link_libraries(${target} PRIVATE jetway::sdk ${PLUGIN_LIBS})
  set_target_properties(${target} PROPERTIES
    PREFIX "lib"
    OUTPUT_NAME ${target}
    CXX_VISIBILITY_PRESET hidden
    C_VISIBILITY_PRESET hidden
    VISIBILITY_INLINES_HIDDEN ON
    LIBRARY_OUTPUT_DIRECTORY ${PLUGIN_OUTPUT_DIR}
    INSTALL_RPATH "$ORIGIN"
    BUILD_RPATH "$ORIGIN")
  target_compile_definitions(${target} PRIVATE JW_PLUGIN_NAME=${PLUGIN_NAME})
  # Only the entry point and the metadata symbols are exported: template instantiations from
  # the plugin's standard library must not be visible to (and interposed by) anyone else.
  set(version_script ${CMAKE_CURRENT_BINARY_DIR}/${target}.exports)
  file(WRITE ${version_script} "{ global: jw_*; local: *; };\n")
  target_link_options(${target} PRIVATE -Wl,--version-script=${version_script})
  # Jetway's own sanitized builds leave the sanitizer runtime to the executable that loads it.
  if(NOT JW_SANITIZE AND NOT JW_SANITIZE_THREAD)
    target_link_options(${target} PRIVATE -Wl,--no-undefined)
  endif()
  set_property(TARGET ${target} APPEND PROPERTY LINK_DEPENDS ${version_script})
  # Installed into jars/ of the installation (or of a vendor's package).
  if(NOT PLUGIN_COMPONENT)
    set(PLUGIN_COMPONENT plugins)
  endif()
  if(NOT PLUGIN_NO_INSTALL)
    install(TARGETS ${target} LIBRARY DESTINATION jars COMPONENT ${PLUGIN_COMPONENT})
  endif()
endfunction()
