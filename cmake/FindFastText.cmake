# SPDX-License-Identifier: Apache-2.0
# Finds the fastText C++ library (Debian: libfasttext-dev) and defines the
# imported target FastText::FastText. Debian ships a fasttext.pc whose
# exec_prefix is wrong but whose libdir/includedir are right, so it is used
# only as a hint; find_path/find_library do the work.
find_package(PkgConfig QUIET)
if(PkgConfig_FOUND)
  pkg_check_modules(PC_FastText QUIET fasttext)
endif()
find_path(FastText_INCLUDE_DIR fasttext/fasttext.h HINTS ${PC_FastText_INCLUDE_DIRS})
find_library(FastText_LIBRARY NAMES fasttext HINTS ${PC_FastText_LIBRARY_DIRS})

include(FindPackageHandleStandardArgs)
find_package_handle_standard_args(FastText REQUIRED_VARS FastText_LIBRARY FastText_INCLUDE_DIR)

if(FastText_FOUND AND NOT TARGET FastText::FastText)
  add_library(FastText::FastText UNKNOWN IMPORTED)
  set_target_properties(FastText::FastText PROPERTIES
    IMPORTED_LOCATION "${FastText_LIBRARY}"
    INTERFACE_INCLUDE_DIRECTORIES "${FastText_INCLUDE_DIR}")
endif()
mark_as_advanced(FastText_INCLUDE_DIR FastText_LIBRARY)
