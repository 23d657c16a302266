// SPDX-License-Identifier: Apache-2.0
// What the host accepts from an analysis plugin, checked the same way for a
// plugin in this process and for one in an isolated process (whose bytes
// are as untrusted as its code).
#pragma once

#include <string_view>

#include "core/model/batch.h"
#include "core/plugin_host/plugin_registry.h"
#include "core/plugin_host/wire_format.h"

namespace cxmap::core {

using wire::AnalysisLimits;

/// The part of `text` an analysis plugin reads: at most `limit` bytes, cut
/// on a character boundary. Longer texts are stored whole; `status` counts
/// them (Store::CountLongTexts).
std::string_view AnalysedText(std::string_view text, size_t limit);

/// Refuses (kInvalidArgument, with a reason that names the field) a result
/// row for an undeclared field or of another type than declared, JSON that
/// is not well-formed, text that is not valid UTF-8 (never repaired: a
/// plugin that emits broken text has a bug its vendor must see), a value,
/// sentence text or evidence over `limits`, a sentence index below -1 or
/// past the text, or a span outside the whole characters of `text` (what
/// the plugin read) or pointing past the evidence.
Status CheckResultRow(const PluginInfo& plugin, const ResultRow& row, std::string_view text,
                      const AnalysisLimits& limits);

}  // namespace cxmap::core
