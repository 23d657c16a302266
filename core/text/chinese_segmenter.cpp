// SPDX-License-Identifier: Apache-2.0
#include "core/text/chinese_segmenter.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <mutex>
#include <shared_mutex>

#include "core/text/dictionary_generation.h"
#include "core/text/key_trie.h"
#include "core/text/utf8.h"
#include "core/util/files.h"

namespace cxmap::core {
namespace {

constexpr size_t kMaxWordChars = 8;
constexpr const char* kDictPaths[] = {"/usr/share/python3-jieba/dict.txt",
                                      "/usr/lib/python3/dist-packages/jieba/dict.txt"};
// Relative to the folder of the running binary: build and install trees alike.
constexpr const char* kImageRelPath = "../share/cxmap/jieba_dict.img";

// The image: this header, then word_count log-probabilities (doubles, the
// trie's values index them), then the trie's units. Native byte order: it
// is made by the build on the machine that runs it.
struct ImageHeader {
  char magic[8];
  uint32_t version;
  uint32_t unit_size;
  uint64_t source_size;     // dict.txt's size and modification time: an
  int64_t source_mtime_ns;  // image of another file is not used
  double total;             // sum of the frequencies
  uint64_t word_count;
  uint64_t unit_bytes;
};
constexpr char kImageMagic[8] = {'C', 'X', 'J', 'I', 'E', 'B', 'A', '\n'};
constexpr uint32_t kImageVersion = 1;
static_assert(sizeof(ImageHeader) == 56 && sizeof(ImageHeader) % alignof(double) == 0);

bool StatSource(const std::string& path, uint64_t* size, int64_t* mtime_ns) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return false;
  *size = uint64_t(st.st_size);
  *mtime_ns = int64_t(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec;
  return true;
}

std::string DefaultDictPath() {
  std::vector<std::string> candidates;
  if (const char* env = std::getenv("CXMAP_JIEBA_DICT")) candidates.emplace_back(env);
  for (const char* p : kDictPaths) candidates.emplace_back(p);
  for (const std::string& p : candidates) {
    if (std::ifstream(p).is_open()) return p;
  }
  return "";
}

std::string DefaultImagePath() {
  const std::filesystem::path dir = ExecutableDir();
  return dir.empty() ? "" : (dir / kImageRelPath).lexically_normal().string();
}

}  // namespace

// The dictionary as a double-array trie over the words (jieba's own "prefix
// dictionary" in one structure: a walk that fails means no word starts so)
// with log-probabilities beside it, in memory or in a mapped image. About a
// third of the memory of the hash map of words and prefixes it replaces,
// and the DAG scan extends a word one character at a time instead of
// hashing every candidate from its start.
struct ChineseSegmenter::Impl {
  std::string path;        // dict.txt, "" if none was found
  std::string image_path;  // "" to always read the text
  KeyTrie trie;            // word → index into log_prob
  const double* log_prob = nullptr;
  size_t word_count = 0;
  std::vector<double> own_log_prob;   // when read from the text
  std::shared_ptr<const void> image;  // the mapping, when read from an image
  double total = 0;
  double min_log_prob = -20;
  Origin origin = Origin::kNone;
  // Domain words: their own trie, all with one log-probability; where a word
  // is in both, the domain's wins.
  std::vector<std::string> domain_words;
  KeyTrie domain_trie;
  double domain_log_prob = 0;
  mutable std::shared_mutex mu;  // writers: loading and AddWords
  std::once_flag once;
  bool built = false;  // under mu

  bool LoadImage(uint64_t source_size, int64_t source_mtime_ns);
  void LoadText();
  void RebuildDomainTrie() {
    std::vector<std::pair<std::string_view, int32_t>> keys;
    for (const std::string& w : domain_words) keys.emplace_back(w, 0);
    domain_trie.Build(std::move(keys));
  }
};

bool ChineseSegmenter::Impl::LoadImage(uint64_t source_size, int64_t source_mtime_ns) {
  int fd = ::open(image_path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  struct stat st {};
  void* map = MAP_FAILED;
  if (::fstat(fd, &st) == 0 && size_t(st.st_size) >= sizeof(ImageHeader)) {
    map = ::mmap(nullptr, size_t(st.st_size), PROT_READ, MAP_PRIVATE, fd, 0);
  }
  ::close(fd);
  if (map == MAP_FAILED) return false;
  size_t size = size_t(st.st_size);
  std::shared_ptr<const void> keeper(
      map, [size](const void* p) { ::munmap(const_cast<void*>(p), size); });
  ImageHeader h;
  std::memcpy(&h, map, sizeof h);
  // Sizes are checked by division so that no product can overflow.
  size_t body = size - sizeof h;
  if (std::memcmp(h.magic, kImageMagic, sizeof h.magic) != 0 || h.version != kImageVersion ||
      h.unit_size != 8 || h.source_size != source_size || h.source_mtime_ns != source_mtime_ns ||
      !(h.total > 0) || h.word_count == 0 || h.word_count > uint64_t(INT32_MAX) ||
      h.word_count > body / sizeof(double) ||
      h.unit_bytes != body - h.word_count * sizeof(double)) {
    return false;
  }
  const char* base = static_cast<const char*>(map) + sizeof h;
  if (!trie.Adopt(base + h.word_count * sizeof(double), h.unit_bytes, int32_t(h.word_count),
                  keeper)) {
    return false;
  }
  log_prob = reinterpret_cast<const double*>(base);
  word_count = h.word_count;
  total = h.total;
  image = std::move(keeper);
  return true;
}

void ChineseSegmenter::Impl::LoadText() {
  std::ifstream in(path);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::vector<std::pair<std::string_view, double>> rows;  // views into `text`
  double sum = 0;
  for (std::string_view rest = text; !rest.empty();) {  // "word freq tag" lines
    size_t nl = rest.find('\n');
    std::string_view line = rest.substr(0, nl);
    rest.remove_prefix(nl == std::string_view::npos ? rest.size() : nl + 1);
    size_t sp = line.find(' ');
    if (sp == std::string_view::npos) continue;
    // atof stops at the next space or at the newline the file text keeps.
    double freq = std::atof(line.data() + sp + 1);
    if (freq <= 0) continue;
    sum += freq;
    rows.emplace_back(line.substr(0, sp), freq);
  }
  // For a word given twice the last row wins, as assignment into a map would.
  std::stable_sort(rows.begin(), rows.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<std::pair<std::string_view, int32_t>> keys;
  std::vector<double> probs;
  for (size_t i = 0; i < rows.size(); ++i) {
    if (i + 1 < rows.size() && rows[i + 1].first == rows[i].first) continue;
    keys.emplace_back(rows[i].first, int32_t(probs.size()));
    probs.push_back(std::log(rows[i].second / sum));
  }
  rows = {};
  if (keys.empty() || !trie.Build(std::move(keys))) return;  // behaves as "no dictionary"
  own_log_prob = std::move(probs);
  log_prob = own_log_prob.data();
  word_count = own_log_prob.size();
  total = sum;
}

const ChineseSegmenter& ChineseSegmenter::Get() {
  // Never destroyed: worker threads may still segment while the process exits.
  static const ChineseSegmenter* segmenter =
      new ChineseSegmenter(DefaultDictPath(), DefaultImagePath());
  return *segmenter;
}

std::unique_ptr<ChineseSegmenter> ChineseSegmenter::Open(std::string dict_path,
                                                         std::string image_path) {
  return std::unique_ptr<ChineseSegmenter>(
      new ChineseSegmenter(std::move(dict_path), std::move(image_path)));
}

ChineseSegmenter::ChineseSegmenter(std::string dict_path, std::string image_path)
    : impl_(new Impl()) {
  impl_->path = std::move(dict_path);
  impl_->image_path = std::move(image_path);
}

ChineseSegmenter::~ChineseSegmenter() = default;

void ChineseSegmenter::Load() const {
  std::call_once(impl_->once, [this] {
    std::unique_lock lock(impl_->mu);
    LoadLocked();
    impl_->built = true;
  });
}

void ChineseSegmenter::LoadLocked() const {
  Impl& impl = *impl_;
  uint64_t size = 0;
  int64_t mtime_ns = 0;
  if (impl.path.empty() || !StatSource(impl.path, &size, &mtime_ns)) return;
  if (!impl.image_path.empty() && impl.LoadImage(size, mtime_ns)) {
    impl.origin = Origin::kImage;
  } else {
    impl.LoadText();
    if (impl.word_count == 0) return;
    impl.origin = Origin::kText;
  }
  impl.min_log_prob = std::log(1.0 / impl.total);
  // Frequency 1e5 of ~6e7: more likely than splitting into common characters.
  impl.domain_log_prob = std::log(1e5 / impl.total);
}

bool ChineseSegmenter::loaded() const {
  Load();
  return impl_->word_count > 0;
}

ChineseSegmenter::Origin ChineseSegmenter::origin() const {
  Load();
  return impl_->origin;
}

size_t ChineseSegmenter::size() const {
  Load();
  std::shared_lock lock(impl_->mu);
  size_t n = impl_->word_count;
  for (const std::string& w : impl_->domain_words) n += impl_->trie.Find(w) < 0;
  return n;
}

bool ChineseSegmenter::AddDomainWords(const std::vector<std::string>& words) {
  bool added = Get().AddWords(words);
  // After the words are in: an analysis cached under the new generation
  // must have been made with them (thai_segmenter.cpp does the same).
  DictionaryChanged();
  return added;
}

bool ChineseSegmenter::AddWords(const std::vector<std::string>& words) const {
  Impl& impl = *impl_;
  if (impl.path.empty()) return false;
  std::unique_lock lock(impl.mu);
  if (impl.built && impl.word_count == 0) return false;  // the file was unreadable
  size_t before = impl.domain_words.size();
  for (const std::string& w : words) {
    if (!w.empty() && std::find(impl.domain_words.begin(), impl.domain_words.end(), w) ==
                          impl.domain_words.end()) {
      impl.domain_words.push_back(w);
    }
  }
  if (impl.domain_words.size() != before) impl.RebuildDomainTrie();
  return true;
}

Status ChineseSegmenter::WriteImage(const std::string& path) const {
  if (!loaded()) return Status::NotFound("no Chinese dictionary to save (" + impl_->path + ")");
  const Impl& impl = *impl_;
  ImageHeader h{};
  std::memcpy(h.magic, kImageMagic, sizeof h.magic);
  h.version = kImageVersion;
  h.unit_size = 8;
  if (!StatSource(impl.path, &h.source_size, &h.source_mtime_ns)) {
    return Status::IoError(impl.path + ": cannot stat");
  }
  h.total = impl.total;
  h.word_count = impl.word_count;
  std::string_view units = impl.trie.ImageBytes();
  h.unit_bytes = units.size();
  std::string bytes(reinterpret_cast<const char*>(&h), sizeof h);
  bytes.append(reinterpret_cast<const char*>(impl.log_prob), impl.word_count * sizeof(double));
  bytes.append(units);
  return WriteFileAtomically(path, bytes);
}

void ChineseSegmenter::Segment(std::string_view han, std::vector<size_t>* breaks,
                               std::vector<double>* scratch, bool domain_words) const {
  // Character start offsets; offsets[n] = end.
  thread_local std::vector<size_t> offsets;
  thread_local std::vector<size_t> next;
  offsets.clear();
  for (size_t i = 0; i < han.size();) {
    offsets.push_back(i);
    utf8::Next(han, &i);
  }
  size_t n = offsets.size();
  offsets.push_back(han.size());
  if (!loaded()) {
    for (size_t k = 1; k <= n; ++k) breaks->push_back(offsets[k]);
    return;
  }
  const Impl& impl = *impl_;
  std::shared_lock lock(impl.mu);
  bool has_domain = domain_words && !impl.domain_trie.empty();
  // route[i] = best log-probability of han[i..n); filled right to left.
  std::vector<double>& route = *scratch;
  route.assign(n + 1, 0);
  next.assign(n + 1, n);
  for (size_t i = n; i-- > 0;) {
    route[i] = impl.min_log_prob + route[i + 1];  // single unknown character
    next[i] = i + 1;
    KeyTrie::Cursor cursor, domain_cursor;
    bool in_dict = true, in_domain = has_domain;
    for (size_t j = i + 1; j <= n && j - i <= kMaxWordChars && (in_dict || in_domain); ++j) {
      std::string_view ch = han.substr(offsets[j - 1], offsets[j] - offsets[j - 1]);
      int32_t word = in_dict ? impl.trie.Walk(ch, &cursor) : KeyTrie::kNoKey;
      int32_t domain = in_domain ? impl.domain_trie.Walk(ch, &domain_cursor) : KeyTrie::kNoKey;
      in_dict = word != KeyTrie::kNoKey;
      in_domain = domain != KeyTrie::kNoKey;
      double log_prob;
      if (domain >= 0) {
        log_prob = impl.domain_log_prob;
      } else if (word >= 0) {
        log_prob = impl.log_prob[word];
      } else {
        continue;
      }
      double score = log_prob + route[j];
      if (score > route[i]) route[i] = score, next[i] = j;
    }
  }
  for (size_t i = 0; i < n; i = next[i]) breaks->push_back(offsets[next[i]]);
}

}  // namespace cxmap::core
