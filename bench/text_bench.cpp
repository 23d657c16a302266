// SPDX-License-Identifier: Apache-2.0
// Throughput of the text services plus lexicon matching on short mixed-
// language feedback, one thread: analyse (normalise, language ID, sentences,
// tokens) + match a small sentiment lexicon. Prints texts/s and peak RSS.
//   text_bench [texts=20000] [seconds=3]
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>
#include <vector>

#include "core/text/lexicon_matcher.h"
#include "core/text/text_analyzer.h"

namespace {

const char* kFragments[] = {
    "Giao hàng chậm quá", "nhân viên rất nhiệt tình", "giao hang cham qua", "san pham khong tot",
    "giá rẻ nhưng chất lượng kém", "shop tư vấn nhiệt tình 👍", "ส่งของช้ามาก", "พนักงานบริการดีมาก",
    "สินค้าไม่ตรงปก", "ไม่ดีเลย ผิดหวังมาก 555", "物流太慢了", "客服态度很好", "质量不错，价格实惠",
    "門市服務很差", "送貨太慢了，體驗不好", "The delivery was late", "staff were very friendly",
    "not worth the money :(", "great product, fast shipping!", "app keeps crashing 😡",
    "hàng ok =))", "很好 👍", "good but slow", "không hài lòng lắm", "ดีมาก ส่งไว", "退款一直没到账"};

constexpr const char* kLexicon =
    "chậm\t-2\tcue\nnhiệt tình\t2\tcue\ntốt\t2\tcue\nkém\t-2\tcue\nrẻ\t1\tcue\nhài lòng\t2\tcue\n"
    "không\t\tnegator\nrất\t1.5\tintensifier\nquá\t1.5\tintensifier\nlắm\t1.5\tintensifier\n"
    "nhưng\t\tcontrast\nช้า\t-2\tcue\nดี\t2\tcue\nผิดหวัง\t-2\tcue\nไม่\t\tnegator\nมาก\t1.5\tintensifier\n"
    "慢\t-2\tcue\n好\t2\tcue\n不错\t2\tcue\n差\t-2\tcue\n实惠\t1\tcue\n不\t\tnegator\n没\t\tnegator\n"
    "很\t1.5\tintensifier\n太\t1.5\tintensifier\n但是\t\tcontrast\nlate\t-1\tcue\nfriendly\t2\tcue\n"
    "great\t3\tcue\nslow\t-2\tcue\ngood\t2\tcue\nnot\t\tnegator\nvery\t1.5\tintensifier\nbut\t\tcontrast\n"
    "😡\t-3\tcue\n👍\t2\tcue\n:(\t-2\tcue\n=))\t1\tcue\n555\t1\tcue\n";

long PeakRssKb() {
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  return ru.ru_maxrss;
}

}  // namespace

int main(int argc, char** argv) {
  size_t n = argc > 1 ? std::strtoul(argv[1], nullptr, 10) : 20000;
  double seconds = argc > 2 ? std::atof(argv[2]) : 3;
  // Distinct texts (1–2 fragments + a number) so caches are not all hot.
  std::mt19937 rng(42);
  std::vector<std::string> texts;
  size_t bytes = 0;
  for (size_t i = 0; i < n; ++i) {
    std::string t = kFragments[rng() % std::size(kFragments)];
    if (rng() % 2) t += std::string(". ") + kFragments[rng() % std::size(kFragments)];
    if (rng() % 4 == 0) t += " " + std::to_string(rng() % 1000);
    bytes += t.size();
    texts.push_back(std::move(t));
  }
  cxmap::core::TextAnalyzer analyzer;
  auto lexicon = cxmap::core::Lexicon::Parse(kLexicon, "bench", &analyzer);
  if (!lexicon.ok()) return std::fprintf(stderr, "%s\n", lexicon.status().ToString().c_str()), 1;
  cxmap::core::LexiconMatcher matcher;
  std::vector<cxmap::core::LexiconMatch> matches;
  double sum = 0;
  for (const auto& t : texts) matcher.Match(analyzer.Analyze(t), **lexicon, &matches);  // warm-up
  auto start = std::chrono::steady_clock::now();
  size_t done = 0;
  double elapsed = 0;
  while (elapsed < seconds) {
    for (const auto& t : texts) {
      matcher.Match(analyzer.Analyze(t), **lexicon, &matches);
      for (const auto& m : matches) sum += m.final_weight;
    }
    done += texts.size();
    elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  }
  std::printf("texts: %zu distinct, avg %.1f bytes; checksum %.1f\n", n, double(bytes) / n, sum);
  std::printf("throughput: %.0f texts/s on one core (%.2f us/text, %.1f MB/s)\n", done / elapsed,
              elapsed / done * 1e6, double(bytes) / n * done / elapsed / 1e6);
  std::printf("peak RSS: %.1f MB (includes the jieba dictionary)\n", PeakRssKb() / 1024.0);
  return 0;
}
