// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>
#include <string_view>

namespace cxmap::core {

/// Unicode NFC of UTF-8 text (ICU Normalizer2), the form records are stored
/// in. Invalid UTF-8 comes out with U+FFFD in place of bad bytes. Thread-safe.
std::string NormalizeNfc(std::string_view utf8);

}  // namespace cxmap::core
