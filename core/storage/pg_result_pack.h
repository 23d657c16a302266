// SPDX-License-Identifier: Apache-2.0
// How the PostgreSQL store keeps analysis values: one row per (unit,
// plugin) in table `analysis`, its values packed as one JSON array, instead
// of one row per value. A unit carries ~25 values from four plugins; as
// rows, inserting and indexing them was most of the server's work (5.6x
// SQLite's whole run). The row is also the mark that the plugin analysed
// the unit ('[]' when it found nothing), so no second table is written.
//
// Each element: [field, sentence, sentence_text, type, value, evidence,
// spans]. `sentence_text` is null when an earlier element of the array gave
// the same sentence's text (written once: it was the larger part of the
// bytes). `type` is the value type's name (record_codec.h ValueTypeName);
// `value` is null, an integer (exact to 64 bits), a number, or a string
// (string and json values; a real that is not finite as "NaN",
// "Infinity" or "-Infinity"); `evidence` an array of strings; `spans` an
// array of [begin, end, evidence] or null. On the server the values stay
// queryable: jsonb_array_elements(values::jsonb).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/model/batch.h"
#include "cxmap/status.h"

namespace cxmap::core {

/// The JSON array of `rows` (one unit, one plugin), in the order given.
std::string PackValues(const std::vector<const ResultRow*>& rows);

/// Appends the values of `packed` to *out with `plugin` set (record_index
/// left 0). Corruption when the text is not what PackValues writes.
Status UnpackValues(std::string_view packed, const std::string& plugin,
                    std::vector<ResultRow>* out);

}  // namespace cxmap::core
