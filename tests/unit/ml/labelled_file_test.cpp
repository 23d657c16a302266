// SPDX-License-Identifier: Apache-2.0
#include "core/ml/labelled_file.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

namespace cxmap::core::ml {
namespace {

std::string WriteTemp(const std::string& name, const std::string& content) {
  auto path = std::filesystem::temp_directory_path() / name;
  std::ofstream(path, std::ios::binary) << content;
  return path.string();
}

TEST(ReadLabelledFile, NormalisesLabelsAndCountsBadLines) {
  std::string path = WriteTemp("cxmap_ml_labelled.tsv",
                               "\xEF\xBB\xBFpos\tgood\r\nneg\tbad\nno tab here\n\tno label\n"
                               "neu\tok\nQuestion\twhy?\n");
  Result<LabelledFile> f = ReadLabelledFile(path);
  ASSERT_TRUE(f.ok()) << f.status().ToString();
  ASSERT_EQ(f->rows.size(), 4u);
  EXPECT_EQ(f->rows[0].label, "positive");
  EXPECT_EQ(f->rows[0].text, "good");
  EXPECT_EQ(f->rows[1].label, "negative");
  EXPECT_EQ(f->rows[2].label, "neutral");
  EXPECT_EQ(f->rows[2].line, 5);
  EXPECT_EQ(f->rows[3].label, "question");
  EXPECT_EQ(f->skipped, 2);
  EXPECT_EQ(f->label_counts.at("positive"), 1);
  std::filesystem::remove(path);
}

TEST(ReadLabelledFile, MissingAndEmptyFilesAreErrors) {
  Result<LabelledFile> missing = ReadLabelledFile("/nonexistent/cxmap/labels.tsv");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), Code::kNotFound);
  EXPECT_NE(missing.status().message().find("/nonexistent/cxmap/labels.tsv"), std::string::npos);
  std::string path = WriteTemp("cxmap_ml_empty.tsv", "just text\n");
  Result<LabelledFile> empty = ReadLabelledFile(path);
  ASSERT_FALSE(empty.ok());
  EXPECT_EQ(empty.status().code(), Code::kInvalidArgument);
  std::filesystem::remove(path);
}

}  // namespace
}  // namespace cxmap::core::ml
