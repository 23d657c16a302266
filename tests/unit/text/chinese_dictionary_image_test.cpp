// SPDX-License-Identifier: Apache-2.0
// The Chinese dictionary's trie image (chinese_segmenter.h): mapping it must
// segment exactly as building from dict.txt does, and an image of another
// dictionary or a damaged one must be ignored, never trusted.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "core/text/chinese_segmenter.h"
#include "core/text/utf8.h"

namespace cxmap::core {
namespace {

namespace fs = std::filesystem;
using Origin = ChineseSegmenter::Origin;

std::string JiebaDict() {
  for (const char* p :
       {"/usr/share/python3-jieba/dict.txt", "/usr/lib/python3/dist-packages/jieba/dict.txt"}) {
    if (fs::exists(p)) return p;
  }
  return "";
}

// The gold sentences' Han runs, as the tokenizer would hand them over.
std::vector<std::string> HanRuns() {
  std::ifstream in(std::string(CXMAP_TEST_DATA_DIR) + "/segmentation/zh-Hans.txt");
  std::vector<std::string> runs;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::string run;
    for (size_t i = 0; i < line.size();) {
      size_t start = i;
      char32_t c = utf8::Next(line, &i);
      if (c >= 0x4E00 && c <= 0x9FFF) {
        run.append(line, start, i - start);
      } else if (!run.empty()) {
        runs.push_back(std::move(run));
        run.clear();
      }
    }
    if (!run.empty()) runs.push_back(std::move(run));
  }
  return runs;
}

std::vector<std::vector<size_t>> SegmentAll(const ChineseSegmenter& s,
                                            const std::vector<std::string>& runs) {
  std::vector<std::vector<size_t>> out;
  std::vector<double> scratch;
  for (const std::string& r : runs) {
    out.emplace_back();
    s.Segment(r, &out.back(), &scratch);
  }
  return out;
}

class ChineseDictionaryImage : public ::testing::Test {
 protected:
  void SetUp() override {
    dict_ = JiebaDict();
    if (dict_.empty()) GTEST_SKIP() << "jieba dict.txt (python3-jieba) not installed";
    dir_ = fs::temp_directory_path() / ("cxmap_zh_image_" + std::to_string(::getpid()));
    fs::create_directories(dir_);
    image_ = (dir_ / "jieba.img").string();
    auto from_text = ChineseSegmenter::Open(dict_, "");
    ASSERT_EQ(from_text->origin(), Origin::kText);
    ASSERT_TRUE(from_text->WriteImage(image_).ok());
  }
  void TearDown() override {
    std::error_code ec;
    if (!dir_.empty()) fs::remove_all(dir_, ec);
  }
  std::string Bytes() {
    std::ifstream in(image_, std::ios::binary);
    return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  }
  void Rewrite(const std::string& bytes) {
    std::ofstream(image_, std::ios::binary | std::ios::trunc) << bytes;
  }
  std::string dict_;
  fs::path dir_;
  std::string image_;
};

TEST_F(ChineseDictionaryImage, SegmentsExactlyAsTheText) {
  auto from_text = ChineseSegmenter::Open(dict_, "");
  auto from_image = ChineseSegmenter::Open(dict_, image_);
  ASSERT_EQ(from_image->origin(), Origin::kImage);
  EXPECT_EQ(from_image->size(), from_text->size());
  std::vector<std::string> runs = HanRuns();
  ASSERT_GE(runs.size(), 30u);
  EXPECT_EQ(SegmentAll(*from_image, runs), SegmentAll(*from_text, runs));
  // Domain words on top of either: the same words win the same way.
  for (const auto* s : {from_text.get(), from_image.get()})
    ASSERT_TRUE(s->AddWords({"龙虾堡", "外卖", "快递员很"}));
  runs.push_back("龙虾堡很好吃外卖快递员很快");
  EXPECT_EQ(SegmentAll(*from_image, runs), SegmentAll(*from_text, runs));
  EXPECT_EQ(from_image->size(), from_text->size());
}

TEST_F(ChineseDictionaryImage, AnImageOfAnotherDictionaryIsIgnored) {
  // Same words, but a file the image was not made from (its time differs).
  fs::path copy = dir_ / "dict.txt";
  fs::copy_file(dict_, copy);
  auto from_copy = ChineseSegmenter::Open(copy.string(), image_);
  EXPECT_EQ(from_copy->origin(), Origin::kText);
  EXPECT_TRUE(from_copy->loaded());
}

TEST_F(ChineseDictionaryImage, ADamagedImageIsIgnored) {
  const std::string good = Bytes();
  constexpr size_t kHeader = 56;
  uint64_t words = 0;
  std::memcpy(&words, good.data() + 40, sizeof words);
  const size_t units = kHeader + words * sizeof(double);
  auto origin_of = [&](const std::string& bytes) {
    Rewrite(bytes);
    return ChineseSegmenter::Open(dict_, image_)->origin();
  };
  EXPECT_EQ(origin_of(good), Origin::kImage);  // the edits below are what is refused
  EXPECT_EQ(origin_of(good.substr(0, good.size() - 8)), Origin::kText);  // truncated
  EXPECT_EQ(origin_of(good.substr(0, 20)), Origin::kText);
  EXPECT_EQ(origin_of(""), Origin::kText);
  std::string bad = good;
  bad[0] = 'X';  // magic
  EXPECT_EQ(origin_of(bad), Origin::kText);
  // A root that is a key's end: every walk starts there, and its negative
  // base would send the first step billions of units past the array.
  bad = good;
  const int32_t leaf_root[2] = {-1000, 0};
  std::memcpy(&bad[units], leaf_root, sizeof leaf_root);
  EXPECT_EQ(origin_of(bad), Origin::kText);
  // A unit whose children would lie past the end of the array.
  bad = good;
  int32_t far = INT32_MAX;
  std::memcpy(&bad[units + 8], &far, sizeof far);
  EXPECT_EQ(origin_of(bad), Origin::kText);
  // A key's end that names a word past the log-probabilities.
  bad = good;
  for (size_t at = units; at + 8 <= bad.size(); at += 8) {
    int32_t base;
    std::memcpy(&base, &bad[at], sizeof base);
    if (base < 0) {
      int32_t past = -int32_t(words) - 1;
      std::memcpy(&bad[at], &past, sizeof past);
      break;
    }
  }
  EXPECT_EQ(origin_of(bad), Origin::kText);
}

TEST(ChineseDictionaryImageBuild, TheBuildsImageIsWhatLoads) {
  // The build saves share/cxmap/jieba_dict.img beside bin/ when dict.txt
  // was there; the process-wide segmenter must then map it, not rebuild.
  std::error_code ec;
  fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (ec || !fs::exists(exe.parent_path() / "../share/cxmap/jieba_dict.img")) {
    GTEST_SKIP() << "no dictionary image in this build (python3-jieba missing at build time)";
  }
  EXPECT_EQ(ChineseSegmenter::Get().origin(), Origin::kImage);
}

}  // namespace
}  // namespace cxmap::core
