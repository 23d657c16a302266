// SPDX-License-Identifier: Apache-2.0
// cxmap_dictionary_image DICT_TXT OUT_IMAGE: run by the build to save
// jieba's dictionary as the trie image ChineseSegmenter maps at start-up,
// instead of every command spending half a second building it.
#include <cstdio>

#include "core/text/chinese_segmenter.h"

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: %s DICT_TXT OUT_IMAGE\n", argv[0]);
    return 2;
  }
  auto segmenter = cxmap::core::ChineseSegmenter::Open(argv[1], "");
  cxmap::Status s = segmenter->WriteImage(argv[2]);
  if (!s.ok()) {
    std::fprintf(stderr, "cxmap_dictionary_image: %s\n", s.ToString().c_str());
    return 1;
  }
  return 0;
}
