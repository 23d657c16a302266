// SPDX-License-Identifier: Apache-2.0
// Schema migration 9 (see migrations.cpp for the list): SQL only.
//
// Dictionaries without stored hashes. result_texts, result_lists, labels
// and attribute_sets kept an 8-byte FNV-1a hash per row and an index on it
// to find a text before inserting it again: 1.7 MB per 100k bench rows,
// more than the evidence spans that ABI 1.5 stores. The writer now builds
// that map in memory from the texts themselves (text_dictionary.h), so
// the file keeps only (id, text).
#pragma once

namespace cxmap::core {

inline constexpr const char* kMigration9Tables = R"sql(
DROP INDEX result_texts_hash;
DROP INDEX result_lists_hash;
DROP INDEX attribute_sets_hash;
DROP INDEX labels_hash;
ALTER TABLE result_texts DROP COLUMN hash;
ALTER TABLE result_lists DROP COLUMN hash;
ALTER TABLE attribute_sets DROP COLUMN hash;
ALTER TABLE labels DROP COLUMN hash;
)sql";

}  // namespace cxmap::core
