// SPDX-License-Identifier: Apache-2.0
// Stop words for themes, written for this project (folded keys: lower
// case, Vietnamese without diacritics, Simplified Chinese). Deliberately
// short: sentiment and journey words must stay themes ("slow", "cham",
// "ช้า", "慢" are exactly what a pain point is made of).
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "core/journey/keyphrases.h"

namespace cxmap::core {

namespace {

const std::unordered_set<std::string_view>& StopWords() {
  static const std::unordered_set<std::string_view> kWords = {
      // en
      "a", "an", "the", "and", "or", "but", "so", "to", "of", "in", "on", "at", "for", "with",
      "from", "by", "as", "is", "are", "was", "were", "be", "been", "being", "am", "it", "its",
      "it's", "this", "that", "these", "those", "i", "i'm", "im", "me", "my", "we", "our", "us",
      "you", "your", "they", "them", "their", "he", "she", "his", "her", "there", "here", "have",
      "has", "had", "do", "does", "did", "will", "would", "can", "could", "should", "just",
      "very", "really", "also", "then", "than", "too", "if", "when", "what", "which", "who",
      "how", "all", "any", "some", "about", "again", "after", "before", "up", "out", "get",
      "got", "one", "still", "even", "much", "more", "most", "only", "now", "ve", "ll", "s", "t",
      "re", "d", "m", "not", "no", "don't", "dont", "didn't", "didnt",
      // issue 17
      "please", "thanks", "thank", "thx", "pls", "u", "ur", "lol", "amp", "via", "rt", "hi",
      "hey", "hello", "ok", "okay", "yes", "yeah", "guys", "because", "while", "since", "into",
      "over", "off", "like", "ever", "every", "another", "other", "way",
      // generic verbs and modals that came out as airline pain labels
      "can't", "cant", "cannot", "won't", "wont", "doesn't", "doesnt", "isn't", "isnt",
      "wasn't", "wasnt", "aren't", "couldn't", "wouldn't", "need", "needs", "make", "made",
      "take", "took", "use", "used", "go", "going", "went", "come", "came", "let", "leave",
      "want", "know", "say", "said", "see", "try", "trying", "tried", "today", "yesterday",
      // question words, contracted pronouns and indefinites (airline labels
      // "Why", "I've", "Someone", "until", "few")
      "why", "where", "whom", "whose", "i've", "ive", "i'll", "i'd", "you're", "you've",
      "we're", "we've", "they're", "someone", "something", "anyone", "anything", "everyone",
      "everything", "few", "until",
      // vi (diacritics folded)
      "toi", "minh", "em", "anh", "chi", "ban", "ho", "no", "chung", "la", "va", "thi", "ma",
      "cua", "cho", "voi", "nhung", "cac", "mot", "nay", "do", "kia", "da", "dang", "se", "co",
      "khong", "ko", "k", "duoc", "dc", "bi", "rat", "qua", "lam", "cung", "van", "con", "nua",
      "roi", "thoi", "nhe", "a", "ah", "oi", "vay", "the", "nen", "vi", "de", "khi", "o", "tai",
      "tu", "ra", "vao", "len", "xuong", "nao", "gi", "ai", "day", "luc", "lai", "hon", "nhat",
      "shop", "ben",
      // issue 17: fillers and particles that came out as pain-point labels
      // ("moi", "Mong"; mỗi/mới, mong), politeness and pronouns
      "moi", "mong", "nha", "nhen", "ha", "ak", "z", "vs", "nhieu", "cam", "on", "xin",
      "ad", "mn", "mk", "t", "tui", "e", "b", "ng", "j", "gium", "giup", "dum",
      // th
      "ที่", "และ", "ก็", "ได้", "ให้", "ไป", "มา", "แล้ว", "จะ", "ของ", "ใน", "กับ", "เป็น", "คือ",
      "มี", "ไม่", "นี้", "นั้น", "เรา", "ผม", "ฉัน", "ดิฉัน", "เค้า", "เขา", "คุณ", "ค่ะ", "คะ", "ครับ",
      "นะ", "จ้า", "จ้ะ", "อ่ะ", "อะ", "เลย", "มาก", "ๆ", "แต่", "หรือ", "ด้วย", "ก่อน", "ยัง", "อีก",
      "ว่า", "ซึ่ง", "เพราะ", "ถ้า", "ตอน", "ทุก", "บ้าง", "แค่", "กัน", "นิด", "หน่อย", "อยู่",
      // issue 17
      "จ้ะ", "ค่า", "คับ", "ฮะ", "นะคะ", "นะครับ", "เนี่ย", "เลยค่ะ", "เลยครับ", "555", "5555",
      // zh (Simplified keys)
      "的", "了", "是", "我", "你", "他", "她", "我们", "他们", "也", "都", "就", "在", "和", "跟",
      "与", "还", "又", "很", "太", "非常", "这", "那", "这个", "那个", "有", "没", "没有", "不",
      "吧", "吗", "呢", "啊", "呀", "哦", "嗯", "给", "对", "把", "被", "让", "到", "去", "来",
      "说", "要", "会", "能", "可以", "一个", "一下", "什么", "怎么", "真的", "就是", "但是",
      "而且", "因为", "所以", "如果", "还是", "已经", "比较", "有点", "一点", "个", "次", "得",
      "地", "着", "过", "啦", "嘛", "咗", "嘅", "係", "唔", "佢", "啲",
      // issue 17
      "喔", "耶", "哈", "哈哈", "谢谢", "请", "麻烦", "帮", "我的", "你们", "他们的", "这家", "那家"};
  return kWords;
}

}  // namespace

namespace {

// The user's own stop words (AddStopWords), folded like phrase keys. Set
// once at start-up, before any thread reads it.
std::unordered_set<std::string>& UserStopWords() {
  static std::unordered_set<std::string> words;
  return words;
}

}  // namespace

bool IsNeverLastWord(std::string_view key) {
  // Words that carry a theme's meaning only with the word after them:
  // "bao" is "how" (bao giờ, bao lâu) but starts "bao bì" (packaging);
  // "ngay" is "right away" but starts "ngay cả"; "đồng"/"đóng" start
  // "đóng gói" (packing); the units of a wait say nothing without the
  // wait. They may open or sit inside a theme, never end one (issue 17:
  // "bao", "ngay", "app bao", "dong", "weeks" came out as pain points).
  static const std::unordered_set<std::string_view> kWords = {
      "bao", "ngay", "dong", "gio", "phut", "tuan", "thang", "luon", "lien",
      "week", "weeks", "day", "days", "hour", "hours", "minute", "minutes", "mins"};
  return kWords.count(key) != 0;
}

bool IsStopWord(std::string_view key) {
  if (StopWords().count(key) != 0) return true;
  const auto& user = UserStopWords();
  return !user.empty() && user.count(std::string(key)) != 0;
}

void AddStopWords(const std::vector<std::string>& words) {
  TextAnalyzer analyzer;
  for (const std::string& w : words) {
    // Folded as the phrases are (lower case, Vietnamese marks off,
    // Simplified Chinese); a word the segmenter splits adds each part.
    const TextAnalysis& a = analyzer.Analyze(w);
    for (const Token& t : a.tokens) {
      if (t.kind == TokenKind::kWord) UserStopWords().emplace(a.key(t));
    }
  }
}

}  // namespace cxmap::core
