// SPDX-License-Identifier: Apache-2.0
#include "core/text/thai_segmenter.h"

#include <datrie/trie.h>
#include <thai/thbrk.h>
#include <unistd.h>

#include <cstdlib>
#include <mutex>

#include "core/text/utf8.h"

namespace cxmap::core {
namespace {

constexpr const char* kDefaultDict = "/usr/share/libthai/thbrk.tri";

std::mutex& DictMutex() {
  static std::mutex mu;
  return mu;
}
std::string& DictPath() {  // guarded by DictMutex(); empty = libthai default
  static std::string path;
  return path;
}
std::vector<std::u32string>& DomainWords() {  // guarded by DictMutex()
  static std::vector<std::u32string> words;
  return words;
}

}  // namespace

ThaiSegmenter::ThaiSegmenter() {
  std::lock_guard<std::mutex> lock(DictMutex());
  brk_ = th_brk_new(DictPath().empty() ? nullptr : DictPath().c_str());
}

ThaiSegmenter::~ThaiSegmenter() {
  if (brk_ != nullptr) th_brk_delete(brk_);
}

void ThaiSegmenter::Segment(std::string_view thai, std::vector<size_t>* breaks) {
  // libthai works on TIS-620, which is Unicode Thai shifted: U+0E01 → 0xA1.
  tis_.clear();
  char_bytes_.clear();
  for (size_t i = 0; i < thai.size();) {
    char32_t c = utf8::Next(thai, &i);
    tis_.push_back(static_cast<char>(utf8::IsThai(c) ? c - 0x0E00 + 0xA0 : '?'));
    char_bytes_.push_back(i);
  }
  pos_.resize(tis_.size() + 1);
  int n = brk_ == nullptr ? 0
                          : th_brk_find_breaks(brk_, reinterpret_cast<const thchar_t*>(tis_.c_str()),
                                               pos_.data(), pos_.size());
  for (int k = 0; k < n; ++k) {
    if (pos_[k] > 0 && static_cast<size_t>(pos_[k]) < tis_.size()) {
      breaks->push_back(char_bytes_[pos_[k] - 1]);
    }
  }
  if (!thai.empty()) breaks->push_back(thai.size());
}

Status ThaiSegmenter::AddDomainWords(const std::vector<std::string>& words) {
  std::lock_guard<std::mutex> lock(DictMutex());
  for (const std::string& w : words) {
    std::u32string u;
    for (size_t i = 0; i < w.size();) u.push_back(utf8::Next(w, &i));
    DomainWords().push_back(std::move(u));
  }
  Trie* trie = trie_new_from_file(kDefaultDict);
  if (trie == nullptr) return Status::NotFound(std::string("libthai dictionary ") + kDefaultDict);
  for (const std::u32string& w : DomainWords()) {
    std::vector<AlphaChar> key(w.begin(), w.end());
    key.push_back(0);
    trie_store(trie, key.data(), 1);
  }
  char path[] = "/tmp/cxmap-thbrk-XXXXXX";
  int fd = mkstemp(path);
  if (fd < 0) {
    trie_free(trie);
    return Status::IoError("cannot create a temp file for the Thai dictionary");
  }
  close(fd);
  bool saved = trie_save(trie, path) == 0;
  trie_free(trie);
  if (!saved) return Status::IoError(std::string("cannot write ") + path);
  if (!DictPath().empty()) unlink(DictPath().c_str());
  DictPath() = path;
  return Status::Ok();
}

}  // namespace cxmap::core
