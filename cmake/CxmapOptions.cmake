# SPDX-License-Identifier: Apache-2.0
# Build options and flags shared by every target of the project.
set(CMAKE_CXX_STANDARD 20)
set(CMAKE_CXX_STANDARD_REQUIRED ON)
set(CMAKE_CXX_EXTENSIONS OFF)
set(CMAKE_POSITION_INDEPENDENT_CODE ON)
set(CMAKE_EXPORT_COMPILE_COMMANDS ON)
if(NOT CMAKE_BUILD_TYPE AND NOT CMAKE_CONFIGURATION_TYPES)
  set(CMAKE_BUILD_TYPE RelWithDebInfo CACHE STRING "Build type" FORCE)
endif()

set(_top OFF)
if(CMAKE_SOURCE_DIR STREQUAL PROJECT_SOURCE_DIR)
  set(_top ON)
endif()
option(CXMAP_BUILD_TESTS "Build the GoogleTest suite" ${_top})
option(CXMAP_BUILD_BENCH "Build bench/ tools" ${_top})
option(CXMAP_BUILD_FUZZ "Build libFuzzer harnesses (needs clang)" OFF)
option(CXMAP_SANITIZE "Build with AddressSanitizer and UndefinedBehaviorSanitizer" OFF)

add_compile_options(-Wall -Wextra -Wno-missing-field-initializers)
if(CXMAP_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  add_link_options(-fsanitize=address,undefined)
endif()

# The binary sits in bin/ and plugins in lib/cxmap/plugins/, in the build
# tree exactly as in an install tree, so one relative lookup finds both.
set(CXMAP_PLUGIN_RELDIR "lib/cxmap/plugins")
set(CMAKE_RUNTIME_OUTPUT_DIRECTORY "${PROJECT_BINARY_DIR}/bin")
set(CMAKE_ARCHIVE_OUTPUT_DIRECTORY "${PROJECT_BINARY_DIR}/lib")
set(CXMAP_PLUGIN_OUTPUT_DIR "${PROJECT_BINARY_DIR}/${CXMAP_PLUGIN_RELDIR}")

# ../shared beside the checkout holds large or restricted test data; tests
# that need it skip with a message where it is absent (a user's clone).
get_filename_component(_shared "${PROJECT_SOURCE_DIR}/../shared" ABSOLUTE)
set(CXMAP_SHARED_DIR "${_shared}" CACHE PATH "Folder of shared test data (optional)")
