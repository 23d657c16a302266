# SPDX-License-Identifier: Apache-2.0
# Finds LIBLINEAR (Debian: liblinear-dev; `#include <linear.h>`, -llinear)
# and defines the imported target Liblinear::Liblinear. Debian ships no
# CMake config or pkg-config file for it, hence this module.
find_path(Liblinear_INCLUDE_DIR linear.h PATH_SUFFIXES liblinear)
find_library(Liblinear_LIBRARY NAMES linear)

include(FindPackageHandleStandardArgs)
find_package_handle_standard_args(Liblinear REQUIRED_VARS Liblinear_LIBRARY Liblinear_INCLUDE_DIR
  REASON_FAILURE_MESSAGE "cxmap train --learner nblr needs LIBLINEAR: install Debian liblinear-dev (scripts/setup.sh does)")

if(Liblinear_FOUND AND NOT TARGET Liblinear::Liblinear)
  add_library(Liblinear::Liblinear UNKNOWN IMPORTED)
  set_target_properties(Liblinear::Liblinear PROPERTIES
    IMPORTED_LOCATION "${Liblinear_LIBRARY}"
    INTERFACE_INCLUDE_DIRECTORIES "${Liblinear_INCLUDE_DIR}")
endif()
mark_as_advanced(Liblinear_INCLUDE_DIR Liblinear_LIBRARY)
