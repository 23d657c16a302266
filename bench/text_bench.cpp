// SPDX-License-Identifier: Apache-2.0
// Throughput of the text services plus lexicon sentiment on short feedback,
// one thread: analyse (matching form, language ID, sentences, tokens), match
// the lexicon of every script run's language group, sum the cue weights into
// a score as analysis_sentiment does. Prints texts per second of CPU time
// (user+sys of this process, so other processes on a shared box do not
// count), wall-clock rate, and peak RSS.
//   text_bench [--texts N] [--seconds S] [--rounds R] [--corpus FILE [--tsv]]
//              [--lexicon-dir DIR | --mini-lexicon] [--lang vi|th|zh|en] [--dump]
// The S CPU seconds are split into R rounds; the best and the median round
// are printed (on a shared box the best round is the least disturbed one).
// --corpus: one text per line (with --tsv: label<TAB>text) instead of the
// generated mixed vi/th/zh/en corpus. --lexicon-dir: the sentiment plugin's
// data folder (default: the one in the source tree, else the mini lexicon).
// --lang: the generated corpus from that language's fragments only (to see
// which language costs most).
// --dump: print every token and match of every corpus text instead of
// timing, for before/after differential checks of the text services.
#include <sys/resource.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <map>
#include <memory>
#include <random>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "core/text/lexicon_matcher.h"
#include "core/text/text_analyzer.h"

namespace {

using cxmap::core::Lexicon;
using cxmap::core::LexiconMatch;
using cxmap::core::LexiconMatcher;
using cxmap::core::TextAnalysis;
using cxmap::core::TextAnalyzer;

const char* kFragments[] = {
    "Giao hàng chậm quá", "nhân viên rất nhiệt tình", "giao hang cham qua", "san pham khong tot",
    "giá rẻ nhưng chất lượng kém", "shop tư vấn nhiệt tình 👍", "ส่งของช้ามาก", "พนักงานบริการดีมาก",
    "สินค้าไม่ตรงปก", "ไม่ดีเลย ผิดหวังมาก 555", "物流太慢了", "客服态度很好", "质量不错，价格实惠",
    "門市服務很差", "送貨太慢了，體驗不好", "The delivery was late", "staff were very friendly",
    "not worth the money :(", "great product, fast shipping!", "app keeps crashing 😡",
    "hàng ok =))", "很好 👍", "good but slow", "không hài lòng lắm", "ดีมาก ส่งไว", "退款一直没到账"};
// The language of each fragment above, for --lang.
constexpr std::string_view kFragmentLangs[] = {
    "vi", "vi", "vi", "vi", "vi", "vi", "th", "th", "th", "th", "zh", "zh", "zh",
    "zh", "zh", "en", "en", "en", "en", "en", "vi", "zh", "en", "vi", "th", "zh"};
static_assert(std::size(kFragmentLangs) == std::size(kFragments));

constexpr const char* kMiniLexicon =
    "chậm\t-2\tcue\nnhiệt tình\t2\tcue\ntốt\t2\tcue\nkém\t-2\tcue\nrẻ\t1\tcue\nhài lòng\t2\tcue\n"
    "không\t\tnegator\nrất\t1.5\tintensifier\nquá\t1.5\tintensifier\nlắm\t1.5\tintensifier\n"
    "nhưng\t\tcontrast\nช้า\t-2\tcue\nดี\t2\tcue\nผิดหวัง\t-2\tcue\nไม่\t\tnegator\nมาก\t1.5\tintensifier\n"
    "慢\t-2\tcue\n好\t2\tcue\n不错\t2\tcue\n差\t-2\tcue\n实惠\t1\tcue\n不\t\tnegator\n没\t\tnegator\n"
    "很\t1.5\tintensifier\n太\t1.5\tintensifier\n但是\t\tcontrast\nlate\t-1\tcue\nfriendly\t2\tcue\n"
    "great\t3\tcue\nslow\t-2\tcue\ngood\t2\tcue\nnot\t\tnegator\nvery\t1.5\tintensifier\nbut\t\tcontrast\n"
    "😡\t-3\tcue\n👍\t2\tcue\n:(\t-2\tcue\n=))\t1\tcue\n555\t1\tcue\n";

// The sentiment plugin's files per language group, in its order
// (plugins/analysis_sentiment/lexicon_set.cpp; the bench must not link a
// plugin, so the list is repeated here).
const std::map<std::string, std::vector<std::string>> kGroupFiles = {
    {"en", {"en.tsv", "en_vader_afinn.tsv", "emoticons.tsv", "emoji_sentiment_ranking.tsv"}},
    {"vi", {"vi.tsv", "emoticons.tsv", "emoji_sentiment_ranking.tsv"}},
    {"th", {"th.tsv", "th_wisesight.tsv", "th_pythainlp.tsv", "emoticons.tsv",
            "emoji_sentiment_ranking.tsv"}},
    {"zh", {"zh.tsv", "emoticons.tsv", "emoji_sentiment_ranking.tsv"}},
};

// Groups in the plugin's order (std::set of names: sorted).
constexpr const char* kGroups[] = {"en", "th", "vi", "zh"};

size_t GroupOf(std::string_view tag) {
  for (size_t g = 1; g < std::size(kGroups); ++g) {
    if (tag.substr(0, 2) == kGroups[g]) return g;
  }
  return 0;  // every other tag is scored with the English lexicon
}

struct Options {
  size_t texts = 20000;
  double seconds = 3;
  int rounds = 5;
  std::string corpus, lexicon_dir, lang;
  bool tsv = false, mini = false, dump = false;
};

bool ReadFile(const std::string& path, std::string* out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::stringstream buf;
  buf << in.rdbuf();
  *out = buf.str();
  return true;
}

struct Lexicons {
  std::map<std::string, std::unique_ptr<Lexicon>> by_group;
  const Lexicon& For(const std::string& group) const {
    auto it = by_group.find(group);
    return *(it != by_group.end() ? it : by_group.find("en"))->second;
  }
};

bool LoadLexicons(const Options& o, TextAnalyzer* analyzer, Lexicons* out) {
  for (const auto& [group, files] : kGroupFiles) {
    std::string tsv = kMiniLexicon;
    if (!o.mini) {
      tsv.clear();
      for (const std::string& name : files) {
        std::string part;
        if (!ReadFile(o.lexicon_dir + "/" + name, &part)) {
          std::fprintf(stderr, "text_bench: cannot read %s/%s\n", o.lexicon_dir.c_str(), name.c_str());
          return false;
        }
        tsv += part;
        if (!tsv.empty() && tsv.back() != '\n') tsv += '\n';
      }
    }
    auto lexicon = Lexicon::Parse(tsv, o.mini ? "mini" : o.lexicon_dir + "/[" + group + "]", analyzer);
    if (!lexicon.ok()) {
      std::fprintf(stderr, "text_bench: %s\n", lexicon.status().ToString().c_str());
      return false;
    }
    out->by_group.emplace(group, std::move(lexicon).value());
  }
  return true;
}

// One text through the services and the lexicon of each of its groups;
// returns the score analysis_sentiment would give (sum / sqrt(sum² + 15)).
// With `dump`, prints the cues it used.
double ScoreText(const TextAnalysis& a, const Lexicons& lexicons, LexiconMatcher* matcher,
                 std::vector<LexiconMatch>* matches, FILE* dump) {
  unsigned present = 0;
  for (const auto& run : a.language.runs) present |= 1u << GroupOf(run.tag);
  if (present == 0) present = 1u << GroupOf(a.language.tag);
  bool several = (present & (present - 1)) != 0;
  double sum = 0;
  for (size_t g = 0; g < std::size(kGroups); ++g) {
    if (!(present & (1u << g))) continue;
    const Lexicon& lexicon = lexicons.For(kGroups[g]);
    matcher->Match(a, lexicon, matches);
    for (const LexiconMatch& m : *matches) {
      bool inside = !several;
      for (const auto& run : a.language.runs) {
        inside |= GroupOf(run.tag) == g && m.begin >= run.begin && m.end <= run.end;
      }
      if (!inside) continue;
      const auto& entry = lexicon.entries()[m.entry];
      if (entry.kind == cxmap::core::EntryKind::kCue) sum += m.final_weight;
      if (dump != nullptr) {
        std::fprintf(dump, "  match %s [%u,%u) entry=%u '%s' base=%.17g final=%.17g flags=%u s=%u tok=%u+%u\n",
                     kGroups[g], m.begin, m.end, m.entry, entry.term.c_str(), m.base_weight,
                     m.final_weight, m.flags, m.sentence, m.first_token, m.token_count);
      }
    }
  }
  return sum / std::sqrt(sum * sum + 15);
}

// The unit of work timed (and what `valgrind --tool=callgrind
// --toggle-collect=*AnalyzeAndScore*` counts): one text through everything.
__attribute__((noinline)) double AnalyzeAndScore(std::string_view text, TextAnalyzer* analyzer,
                                                 const Lexicons& lexicons, LexiconMatcher* matcher,
                                                 std::vector<LexiconMatch>* matches) {
  return ScoreText(analyzer->Analyze(text), lexicons, matcher, matches, nullptr);
}

void DumpAnalysis(const TextAnalysis& a, FILE* out) {
  std::fprintf(out, "lang %s diacritics=%d\n", a.language.tag.c_str(), int(a.has_diacritics));
  for (const auto& r : a.language.runs) std::fprintf(out, "  run [%zu,%zu) %s\n", r.begin, r.end, r.tag.c_str());
  for (const auto& s : a.sentences) {
    std::fprintf(out, "  sentence [%u,%u) tokens %u+%u\n", s.begin, s.end, s.first_token, s.token_count);
  }
  for (const auto& t : a.tokens) {
    std::string key(a.key(t)), exact(a.exact(t));
    std::fprintf(out, "  token [%u,%u) kind=%d s=%u run=%u syl=%u key='%s' exact='%s'\n", t.begin, t.end,
                 int(t.kind), t.sentence, unsigned(t.run), unsigned(t.syllables), key.c_str(), exact.c_str());
  }
}

double CpuSeconds() {
  timespec ts{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return double(ts.tv_sec) + ts.tv_nsec * 1e-9;
}

double WallSeconds() {
  timespec ts{};
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return double(ts.tv_sec) + ts.tv_nsec * 1e-9;
}

long PeakRssKb() {
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  return ru.ru_maxrss;
}

std::vector<std::string> MakeCorpus(const Options& o) {
  std::vector<std::string> texts;
  if (!o.corpus.empty()) {
    std::ifstream in(o.corpus, std::ios::binary);
    if (!in) std::fprintf(stderr, "text_bench: cannot read %s\n", o.corpus.c_str()), std::exit(1);
    std::string line;
    while (std::getline(in, line)) {
      if (!line.empty() && line.back() == '\r') line.pop_back();
      size_t tab = o.tsv ? line.find('\t') : std::string::npos;
      texts.push_back(tab == std::string::npos ? line : line.substr(tab + 1));
    }
    return texts;
  }
  std::vector<const char*> fragments;
  for (size_t f = 0; f < std::size(kFragments); ++f) {
    if (o.lang.empty() || kFragmentLangs[f] == o.lang) fragments.push_back(kFragments[f]);
  }
  if (fragments.empty()) std::fprintf(stderr, "text_bench: --lang is one of vi, th, zh, en\n"), std::exit(2);
  // Distinct texts (1–2 fragments + a number) so caches are not all hot.
  std::mt19937 rng(42);
  for (size_t i = 0; i < o.texts; ++i) {
    std::string t = fragments[rng() % fragments.size()];
    if (rng() % 2) t.append(". ").append(fragments[rng() % fragments.size()]);
    if (rng() % 4 == 0) t.append(" ").append(std::to_string(rng() % 1000));
    texts.push_back(std::move(t));
  }
  return texts;
}

Options ParseArgs(int argc, char** argv) {
  Options o;
#ifdef CXMAP_SENTIMENT_DATA_DIR
  o.lexicon_dir = CXMAP_SENTIMENT_DATA_DIR;
#endif
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto value = [&] {
      if (i + 1 >= argc) std::fprintf(stderr, "text_bench: %s needs a value\n", a.c_str()), std::exit(2);
      return std::string(argv[++i]);
    };
    if (a == "--texts") o.texts = std::strtoul(value().c_str(), nullptr, 10);
    else if (a == "--seconds") o.seconds = std::atof(value().c_str());
    else if (a == "--rounds") o.rounds = std::max(1, std::atoi(value().c_str()));
    else if (a == "--corpus") o.corpus = value();
    else if (a == "--lexicon-dir") o.lexicon_dir = value();
    else if (a == "--lang") o.lang = value();
    else if (a == "--tsv") o.tsv = true;
    else if (a == "--mini-lexicon") o.mini = true;
    else if (a == "--dump") o.dump = true;
    else std::fprintf(stderr, "text_bench: unknown argument %s (see the file's header)\n", a.c_str()), std::exit(2);
  }
  std::ifstream probe(o.lexicon_dir + "/en.tsv");
  if (!o.mini && !probe) {
    std::fprintf(stderr, "text_bench: no lexicons in '%s'; using the mini lexicon\n", o.lexicon_dir.c_str());
    o.mini = true;
  }
  return o;
}

}  // namespace

int main(int argc, char** argv) {
  Options o = ParseArgs(argc, argv);
  std::vector<std::string> texts = MakeCorpus(o);
  size_t bytes = 0;
  for (const auto& t : texts) bytes += t.size();
  TextAnalyzer analyzer;
  Lexicons lexicons;
  if (!LoadLexicons(o, &analyzer, &lexicons)) return 1;
  LexiconMatcher matcher;
  std::vector<LexiconMatch> matches;
  if (o.dump) {
    for (const auto& t : texts) {
      std::printf("text %s\n", t.c_str());
      const TextAnalysis& a = analyzer.Analyze(t);
      DumpAnalysis(a, stdout);
      std::printf("  score %.17g\n", ScoreText(a, lexicons, &matcher, &matches, stdout));
    }
    return 0;
  }
  long setup_rss = PeakRssKb();
  double checksum = 0;  // of the warm-up pass: the same for the same corpus and lexicons
  for (const auto& t : texts) checksum += AnalyzeAndScore(t, &analyzer, lexicons, &matcher, &matches);
  double sink = 0;  // keeps the timed work observable
  struct Round {
    double rate, wall_rate;
  };
  std::vector<Round> done_rounds;
  double total_cpu = 0;
  size_t total_done = 0;
  for (int r = 0; r < o.rounds; ++r) {
    double cpu0 = CpuSeconds(), wall0 = WallSeconds(), cpu = 0, wall = 0;
    size_t done = 0;
    while (cpu < o.seconds / o.rounds || done == 0) {
      for (const auto& t : texts) sink += AnalyzeAndScore(t, &analyzer, lexicons, &matcher, &matches);
      done += texts.size();
      cpu = CpuSeconds() - cpu0;
      wall = WallSeconds() - wall0;
    }
    done_rounds.push_back({done / cpu, done / wall});
    total_cpu += cpu;
    total_done += done;
  }
  std::sort(done_rounds.begin(), done_rounds.end(), [](const Round& a, const Round& b) { return a.rate > b.rate; });
  const Round& best = done_rounds.front();
  const Round& median = done_rounds[done_rounds.size() / 2];
  std::printf("corpus: %zu texts (%s), avg %.1f bytes; lexicons: %s; checksum %.3f\n", texts.size(),
              !o.corpus.empty() ? o.corpus.c_str() : o.lang.empty() ? "generated mixed vi/th/zh/en" : ("generated " + o.lang).c_str(), double(bytes) / texts.size(),
              o.mini ? "mini (40 entries)" : o.lexicon_dir.c_str(), checksum + 0 * sink);
  std::printf("throughput: %.0f texts per CPU second, one thread (best of %d rounds; median %.0f; "
              "%.2f us/text, %.1f MB/s at best)\n",
              best.rate, o.rounds, median.rate, 1e6 / best.rate, double(bytes) / texts.size() * best.rate / 1e6);
  std::printf("overall: %zu texts in %.2f CPU s; wall clock of the best round %.0f texts/s "
              "(below the CPU rate when the core was shared)\n",
              total_done, total_cpu, best.wall_rate);
  std::printf("peak RSS: %.1f MB (%.1f MB after loading dictionaries and lexicons)\n", PeakRssKb() / 1024.0,
              setup_rss / 1024.0);
  return 0;
}
