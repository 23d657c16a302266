// SPDX-License-Identifier: Apache-2.0
#include "context_rules.h"
// Longer than 400 lines: one file keeps the per-language word tables of the
// duration, question and wish rules beside the rules that read them.

#include <algorithm>
#include <cmath>
#include <initializer_list>
#include <string>

namespace cxmap::sentiment {

namespace {

using Words = std::initializer_list<std::string_view>;

bool In(std::string_view key, Words words) {
  return std::find(words.begin(), words.end(), key) != words.end();
}

std::string_view Key(const TextAnalysis& a, size_t t) { return FromC(a.tokens[t].key); }

// The key with Vietnamese diacritics kept where the host gives it ("chờ",
// not "cho"); else the folded key.
std::string_view Exact(const TextAnalysis& a, size_t t) {
  if (t < a.exact_keys.size() && a.exact_keys[t].size > 0) return FromC(a.exact_keys[t]);
  return Key(a, t);
}

bool IsNeedless(const TextAnalysis& a, const Cue& neg, std::string_view group);

bool IsWord(const TextAnalysis& a, size_t t) {
  return a.tokens[t].kind == CXMAP_TOKEN_WORD || a.tokens[t].kind == CXMAP_TOKEN_NUMBER;
}

bool AllDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Chinese numerals and quantity words (Simplified keys), one UTF-8
// character each: 两个, 三, 半, 几, 好几, 整.
bool IsZhNumeral(std::string_view s) {
  static constexpr std::string_view kChars[] = {"一", "二", "两", "三", "四", "五", "六",
                                                "七", "八", "九", "十", "百", "半", "几",
                                                "好", "整", "个", "俩", "多"};
  if (s.empty()) return false;
  while (!s.empty()) {
    if (s.front() >= '0' && s.front() <= '9') {
      s.remove_prefix(1);
      continue;
    }
    bool found = false;
    for (std::string_view c : kChars) {
      if (s.substr(0, c.size()) == c) {
        s.remove_prefix(c.size()), found = true;
        break;
      }
    }
    if (!found) return false;
  }
  return true;
}

bool IsNumberWord(std::string_view k, std::string_view group) {
  if (AllDigits(k)) return true;
  if (group == "zh") return IsZhNumeral(k);
  if (group == "th") {
    return In(k, {"หนึ่ง", "สอง", "สาม", "สี่", "ห้า", "หก", "เจ็ด", "แปด", "เก้า", "สิบ", "ยี่สิบ", "ครึ่ง",
                  "หลาย", "ทั้ง", "เป็น", "ตั้ง", "ร้อย", "ตั้งหลาย"});
  }
  if (group == "vi") {
    return In(k, {"mot", "hai", "ba", "bon", "nam", "bay", "tam", "chin", "muoi", "may", "vai",
                  "nua", "ca", "nhieu"});
  }
  return In(k, {"a",      "an",    "one",  "two",    "three",   "four",    "five",   "six",
                "seven",  "eight", "nine", "ten",    "twelve",  "fifteen", "twenty", "thirty",
                "forty",  "fifty", "few",  "couple", "several", "half",    "all",    "whole",
                "entire", "many",  "24",   "48",     "over",    "nearly",  "almost"});
}

// Time units by language (folded keys), and words that are a long time on
// their own ("for hours", "đợi mãi", "รอนาน", "等了半天").
bool IsUnit(std::string_view k, std::string_view group) {
  if (group == "zh") {
    return In(k, {"分钟", "分", "小时", "钟头", "钟", "天", "日", "周", "星期", "礼拜", "月", "年",
                  "晚"});
  }
  if (group == "th") {
    return In(k, {"นาที", "ชั่วโมง", "ชม", "วัน", "อาทิตย์", "สัปดาห์", "เดือน", "ปี", "คืน"});
  }
  if (group == "vi") {
    return In(k, {"phut", "tieng", "gio", "ngay", "tuan", "thang", "nam", "hom", "buoi"});
  }
  return In(k, {"min", "mins", "minute", "minutes", "hour", "hours", "hr", "hrs", "day", "days",
                "week", "weeks", "wk", "wks", "month", "months", "year", "years", "night"});
}

bool IsLongTime(const TextAnalysis& a, size_t t, std::string_view group) {
  std::string_view k = Key(a, t);
  if (group == "zh")
    return In(k, {"半天", "好久", "很久", "老半天", "这么久", "那么久", "太久", "好耐", "成日",
                  "半个月", "大半天", "一整天", "整天"});
  if (group == "th") return In(k, {"นาน", "นานมาก", "ตั้งนาน", "นานๆ", "ทั้งวัน", "ครึ่งวัน"});
  if (group == "vi") return In(Exact(a, t), {"mãi", "lâu", "lâu lắm", "cả buổi", "cả ngày"});
  return In(k, {"hours", "days", "weeks", "months", "ages", "forever", "eternity"});
}

// A duration ending at token `t` ("40 minutes", "2h", "hai tuần", "สอง
// ชั่วโมง", "两个小时", "半天"); `*first` is its first token.
bool DurationAt(const TextAnalysis& a, size_t t, std::string_view group, size_t* first) {
  if (!IsWord(a, t)) return false;
  std::string_view k = Key(a, t);
  *first = t;
  if (IsLongTime(a, t, group)) return true;
  // A unit glued to its number in one token: "2h", "40min", "3天", "两个小时".
  for (size_t cut = 1; cut < k.size(); ++cut) {
    std::string_view unit = k.substr(cut);
    if ((IsUnit(unit, group) || unit == "h" || unit == "p") &&
        IsNumberWord(k.substr(0, cut), group)) {
      return true;
    }
  }
  if (!IsUnit(k, group)) return false;
  // The number is up to two tokens before ("2 tiếng", "an hour", "两 个 小时").
  for (size_t back = 1; back <= 2 && back <= t; ++back) {
    size_t p = t - back;
    if (a.tokens[p].sentence != a.tokens[t].sentence || !IsWord(a, p)) break;
    if (IsNumberWord(Key(a, p), group)) {
      *first = p;
      return true;
    }
  }
  return false;
}

// Whether any token of the text carries Vietnamese marks (then "cho" is
// cho, not a mark-less chờ).
bool HasViMarks(const TextAnalysis& a) {
  for (size_t t = 0; t < a.tokens.size() && t < a.exact_keys.size(); ++t) {
    if (a.exact_keys[t].size > 0 && Exact(a, t) != Key(a, t)) return true;
  }
  return false;
}

bool IsWaitWord(const TextAnalysis& a, size_t t, std::string_view group, bool next_to_duration) {
  std::string_view k = Key(a, t);
  if (group == "zh") {
    return In(k, {"等", "等了", "等到", "排队", "排了", "花了", "耗了", "拖了", "延误", "晚了",
                  "迟了", "足足", "整整", "等咗", "等左", "拖", "延迟"});
  }
  if (group == "th") {
    return In(k, {"รอ", "รอมา", "รอไป", "กว่าจะ", "ตั้ง", "ใช้เวลา", "ดีเลย์", "เลท", "ช้า", "ช้าไป",
                  "เสียเวลา", "ล่าช้า"});
  }
  if (group == "vi") {
    std::string_view e = Exact(a, t);
    if (In(e, {"đợi", "chờ", "mất", "trễ", "muộn", "delay", "đợi mãi", "chờ mãi", "ngồi đợi",
               "ngồi chờ"})) {
      return true;
    }
    // Typed without diacritics these collide (cho = for, doi = change):
    // only right next to the duration, and only in text typed without marks.
    return next_to_duration && !HasViMarks(a) && In(e, {"doi", "cho", "tre"});
  }
  return In(k, {"wait", "waited", "waiting", "waits", "hold", "held", "took", "takes", "taking",
                "queue", "queued", "queuing", "delayed", "spent", "late", "overdue"});
}

// "3 ngày mới giao", "两个小时才到", "สองชั่วโมงกว่าจะได้", "a week later".
bool IsLateMarker(const TextAnalysis& a, size_t t, std::string_view group) {
  std::string_view k = Key(a, t);
  if (group == "zh") {
    // 才 then what was waited for arrives or happens: 才到, 才轮到我, 才发货.
    if (k.substr(0, 3) != "才") return false;
    std::string_view rest = k.substr(3);
    if (rest.empty() && t + 1 < a.tokens.size()) rest = Key(a, t + 1);
    for (std::string_view v :
         {"到", "来", "送", "收", "发", "回", "上", "轮", "处理", "退", "看到", "有人", "接"}) {
      if (rest.substr(0, v.size()) == v) return true;
    }
    return false;
  }
  if (group == "th") return In(k, {"กว่าจะ", "ถึงจะ", "ถึงได้"});
  if (group == "vi") return In(Exact(a, t), {"mới", "moi"});
  return In(k, {"later", "late"});
}

// "only 10 minutes", "chỉ 5 phút", "แค่ 10 นาที", "只等了五分钟", "两天内".
bool IsShortMarker(const TextAnalysis& a, size_t t, std::string_view group) {
  std::string_view k = Key(a, t);
  if (group == "zh") {
    return In(k, {"只", "只有", "只用", "只要", "才", "不到", "仅", "仅仅", "没几", "内", "以内",
                  "之内", "不用", "只需"});
  }
  if (group == "th") return In(k, {"แค่", "เพียง", "ไม่ถึง", "ภายใน", "ไม่กี่", "ไม่นาน", "เร็ว"});
  if (group == "vi") {
    return In(Exact(a, t), {"chỉ", "chỉ có", "chưa tới", "chưa đến", "không tới", "ko tới", "dưới",
                            "trong vòng", "trong", "có", "chi", "nhanh"});
  }
  return In(k, {"only", "just", "within", "under", "less", "barely", "fast", "quick"});
}

// "5 phút là xong", "ห้านาทีเสร็จ", "两分钟搞定", "三天就到了", "done in 2
// minutes" (the marker after the duration; English "done in" before it).
bool IsDoneMarker(const TextAnalysis& a, size_t t, std::string_view group) {
  std::string_view k = Key(a, t);
  if (group == "zh") {
    return In(k,
              {"搞定", "就好", "就到", "就到了", "办好", "办完", "到账", "解决", "就搞定", "完成"});
  }
  if (group == "th") return In(k, {"เสร็จ", "ก็เสร็จ", "เรียบร้อย", "ได้ของ", "เข้าบัญชี"});
  if (group == "vi")
    return In(Exact(a, t), {"xong", "là xong", "đã xong", "là có", "là tới", "là nhận"});
  return In(k, {"done", "flat", "fixed", "sorted", "resolved"});
}

// In Chinese 就 after a duration is "already": fast when what follows
// arrives or is done (三天就到了), an early failure otherwise (两天就坏了).
bool ZhFastAfter(const TextAnalysis& a, size_t t) {
  if (Key(a, t) != "就") return false;
  for (size_t u = t + 1; u <= t + 2 && u < a.tokens.size(); ++u) {
    std::string_view k = Key(a, u);
    if (k.substr(0, 3) == "到" || k.substr(0, 3) == "好" ||
        In(k, {"搞定", "解决", "上菜", "送到", "办好", "完成"})) {
      return true;
    }
  }
  return false;
}

}  // namespace

void AppendWaitComplaints(const TextAnalysis& a, std::string_view text, std::string_view group,
                          std::vector<Cue>* cues) {
  size_t before = cues->size();
  uint32_t done = UINT32_MAX;  // the last sentence that got its cue
  for (size_t t = 0; t < a.tokens.size(); ++t) {
    uint32_t sentence = a.tokens[t].sentence;
    size_t first = t;
    if (sentence == done || !DurationAt(a, t, group, &first)) continue;
    auto same = [&](size_t u) { return u < a.tokens.size() && a.tokens[u].sentence == sentence; };
    bool wait = false, late = false, shortened = false;
    // A wait word up to six tokens before; a short marker up to three
    // before (or 内 just after); a late marker up to two after.
    for (size_t back = 1; back <= 6 && back <= first && same(first - back); ++back) {
      size_t p = first - back;
      wait |= IsWaitWord(a, p, group, back <= 2);
      if (back <= 3 && IsShortMarker(a, p, group)) shortened = true;
    }
    for (size_t ahead = 1; ahead <= 2 && same(t + ahead); ++ahead) {
      late |= IsLateMarker(a, t + ahead, group);
      wait |=
          ahead == 1 && group != "vi" && IsWaitWord(a, t + ahead, group, false);  // "2 hours late"
      if (ahead == 1 && IsShortMarker(a, t + ahead, group) && group == "zh") shortened = true;
    }
    bool done_fast = false;
    for (size_t ahead = 1; ahead <= 2 && same(t + ahead); ++ahead) {
      done_fast |=
          IsDoneMarker(a, t + ahead, group) || (group == "zh" && ZhFastAfter(a, t + ahead));
    }
    // A duration called short, or something done within it, is praise.
    // "only 7 days of warranty" is no praise: a short wait, or something done.
    bool praise = (shortened && !late && (wait || done_fast)) || (done_fast && !wait && !late);
    // "才买五天就充不进电了": a short time before a failure is no praise.
    if (praise) {
      for (const Cue& c : *cues) {
        if (c.sentence != sentence || c.first_token <= t) continue;
        if ((c.kind == CueKind::kCue && c.base_weight < 0) ||
            (c.kind == CueKind::kNegator && !IsNeedless(a, c, group))) {
          praise = false;
        }
      }
    }
    if (!praise && (shortened || !(wait || late))) continue;
    if (a.tokens[t].end > text.size()) continue;
    Cue c;
    c.begin = a.tokens[first].begin;
    c.text = text.substr(c.begin, a.tokens[t].end - c.begin);
    c.base_weight = c.final_weight = praise ? kQuickPraise : kWaitComplaint;
    c.sentence = sentence;
    c.first_token = first;
    c.token_count = t - first + 1;
    cues->push_back(c);
    done = sentence;
  }
  if (cues->size() == before) return;
  std::stable_sort(cues->begin(), cues->end(),
                   [](const Cue& x, const Cue& y) { return x.text.data() < y.text.data(); });
}

namespace {

// "still not" followed by what should have happened: 还没到, 仍未退款,
// "vẫn chưa nhận được", "mãi chưa giao", "ยังไม่ได้รับ", "still no refund",
// "still haven't", "yet to". Returns the tokens it spans (0: none).
size_t StillNotAt(const TextAnalysis& a, size_t t, std::string_view group) {
  auto next = [&](size_t u) -> std::string_view {
    return u < a.tokens.size() && a.tokens[u].sentence == a.tokens[t].sentence ? Key(a, u)
                                                                               : std::string_view();
  };
  std::string_view k = Key(a, t);
  if (group == "zh") {
    for (std::string_view m : {"还没", "仍没", "还未", "仍未", "迟迟", "一直没", "至今没", "至今未"}) {
      if (k.substr(0, m.size()) == m) return 1;
    }
    if (In(k, {"还", "仍", "仍然", "依然", "一直", "至今"}) && In(next(t + 1), {"没", "没有", "未", "不见"}))
      return 2;
    return 0;
  }
  if (group == "th") {
    // ยังไม่ then a verb of arrival, reply or payment: "ยังไม่เคยผิดหวัง"
    // (never yet disappointed) is no complaint.
    auto arrival = [](std::string_view w) {
      for (std::string_view v : {"ได้", "มา", "ถึง", "ส่ง", "คืน", "ตอบ", "โอน", "แก้", "ติดต่อ", "เข้า"}) {
        if (w.substr(0, v.size()) == v) return true;
      }
      return false;
    };
    if (k.substr(0, 18) == "ยังไม่") {  // 6 Thai characters, 3 bytes each
      std::string_view rest = k.substr(18);
      if (!rest.empty()) return arrival(rest) ? 1 : 0;
      return arrival(next(t + 1)) ? 2 : 0;
    }
    if (k == "ยัง" && next(t + 1).substr(0, 9) == "ไม่") {
      std::string_view rest = next(t + 1).substr(9);
      if (!rest.empty()) return arrival(rest) ? 2 : 0;
      return arrival(next(t + 2)) ? 3 : 0;
    }
    return 0;
  }
  if (group == "vi") {
    std::string_view e = Exact(a, t);
    if (In(e, {"vẫn chưa", "mãi chưa", "vẫn không", "vẫn ko", "van chua", "mai chua"})) return 1;
    std::string_view n = t + 1 < a.tokens.size() && a.tokens[t + 1].sentence == a.tokens[t].sentence
                             ? Exact(a, t + 1)
                             : std::string_view();
    if (In(e, {"vẫn", "mãi", "van", "mai"}) && In(n, {"chưa", "chua", "không", "ko", "khong"}))
      return 2;
    return 0;
  }
  if (k == "yet" && next(t + 1) == "to" && t > 0 && In(Key(a, t - 1), {"still", "is", "are", "am", "have", "has"}))
    return 2;
  if (k != "still") return 0;
  std::string_view n = next(t + 1);
  if (In(n, {"no", "not", "nothing", "haven't", "hasn't", "havent", "hasnt", "didn't", "didnt",
             "doesn't", "doesnt", "don't", "dont", "isn't", "isnt", "waiting", "missing",
             "broken", "can't", "cant", "cannot", "won't", "wont", "never"})) {
    return 2;
  }
  return 0;
}

bool IsOrdinalAbove1(std::string_view k) {
  return In(k, {"second", "third", "fourth", "fifth", "sixth", "2nd", "3rd", "4th", "5th", "6th",
                "umpteenth", "nth"});
}

// A count of attempts above one: "交了三遍", "第三次", "打了5次", "gọi 3 lần",
// "lần thứ 3", "โทรไปสามครั้ง", "ครั้งที่ 3", "third time", "5 times".
// Returns the tokens it spans (0: none).
size_t RepeatAt(const TextAnalysis& a, size_t t, std::string_view group) {
  auto same = [&](size_t u) { return u < a.tokens.size() && a.tokens[u].sentence == a.tokens[t].sentence; };
  std::string_view k = Key(a, t);
  auto count = [&](std::string_view w) {
    return IsNumberWord(w, group) && !In(w, {"1", "一", "mot", "หนึ่ง", "one", "a", "an", "all",
                                             "whole", "ca", "ทั้ง", "เป็น", "ตั้ง", "个", "半", "整",
                                             "好", "over", "nearly", "almost", "half", "nua"});
  };
  if (group == "zh") {
    // 第三次 / 三遍 / 三 次, glued or not; the count above one.
    for (std::string_view unit : {"遍", "次", "回"}) {
      if (k.size() > unit.size() && k.substr(k.size() - unit.size()) == unit) {
        std::string_view n = k.substr(0, k.size() - unit.size());
        if (n.substr(0, 3) == "第") n.remove_prefix(3);
        if (!n.empty() && count(n) && n != "多") return 1;
      }
      if (same(t + 1) && Key(a, t + 1) == unit && count(k) && k != "多") return 2;
    }
    return In(k, {"老是", "总是出", "屡次", "反复", "一再", "三番五次", "三番两次"}) ? 1 : 0;
  }
  if (group == "th") {
    for (std::string_view unit : {"ครั้ง", "รอบ"}) {
      if (k.size() > unit.size() && k.substr(k.size() - unit.size()) == unit &&
          count(k.substr(0, k.size() - unit.size()))) {
        return 1;
      }
      if (same(t + 1) && Key(a, t + 1) == unit && count(k)) return 2;
    }
    if (k == "ครั้งที่" && same(t + 1) && count(Key(a, t + 1))) return 2;
    return 0;
  }
  if (group == "vi") {
    std::string_view e = Exact(a, t);
    bool marks = HasViMarks(a);
    auto lan = [&](std::string_view w) { return w == "lần" || (!marks && w == "lan"); };
    if (In(e, {"lần thứ", "lan thu"}) && same(t + 1) && count(Key(a, t + 1))) return 2;
    if (lan(e) && same(t + 1) && In(Exact(a, t + 1), {"thứ", "thu"}) && same(t + 2) &&
        count(Key(a, t + 2))) {
      return 3;
    }
    if (count(k) && same(t + 1) && lan(Exact(a, t + 1))) return 2;
    return 0;
  }
  if (IsOrdinalAbove1(k) && same(t + 1) && Key(a, t + 1) == "time") return 2;
  if (count(k) && same(t + 1) && Key(a, t + 1) == "times") return 2;
  return 0;
}

}  // namespace

void AppendStuckComplaints(const TextAnalysis& a, std::string_view text, std::string_view group,
                           std::vector<Cue>* cues) {
  size_t before = cues->size();
  uint32_t done = UINT32_MAX;
  for (size_t t = 0; t < a.tokens.size(); ++t) {
    uint32_t sentence = a.tokens[t].sentence;
    if (sentence == done) continue;
    size_t n = StillNotAt(a, t, group);
    bool repeat = false;
    if (n == 0) n = RepeatAt(a, t, group), repeat = n > 0;
    if (n == 0 || a.tokens[t + n - 1].end > text.size()) continue;
    // Praise beside it, or a question about a count, is no complaint
    // ("lần thứ 3 quay lại vẫn ngon", "cần tiêm mấy lần?").
    bool praised = false;
    for (const Cue& c : *cues) {
      praised |= c.sentence == sentence && c.kind == CueKind::kCue && c.final_weight > 0;
    }
    if (praised || (repeat && SentenceIsQuestion(a, sentence, group))) continue;
    Cue c;
    c.begin = a.tokens[t].begin;
    c.text = text.substr(c.begin, a.tokens[t + n - 1].end - c.begin);
    c.base_weight = c.final_weight = kStuckComplaint;
    c.sentence = sentence;
    c.first_token = t;
    c.token_count = n;
    cues->push_back(c);
    done = sentence;
  }
  if (cues->size() == before) return;
  std::stable_sort(cues->begin(), cues->end(),
                   [](const Cue& x, const Cue& y) { return x.text.data() < y.text.data(); });
}

namespace {

// Whether tokens [begin, end) ask (see SentenceIsQuestion).
bool RangeIsQuestion(const TextAnalysis& a, size_t begin, size_t end, std::string_view group) {
  bool exclaims = false;
  size_t first_word = end, last_word = end;
  for (size_t t = begin; t < end; ++t) {
    std::string_view k = Key(a, t);
    if (a.tokens[t].kind == CXMAP_TOKEN_PUNCT) {
      if (k.find('?') != std::string_view::npos) return true;
      exclaims |= k.find('!') != std::string_view::npos;
      continue;
    }
    if (!IsWord(a, t)) continue;
    if (first_word == end) first_word = t;
    last_word = t;
    if (group == "zh" &&
        In(k, {"吗", "么", "请问", "是否", "能否", "能不能", "可不可以", "有没有", "多少", "几时",
               "什么时候", "哪里", "咩", "未呢", "几耐", "点解"})) {
      return true;
    }
    if (group == "th" &&
        In(k, {"ไหม", "มั้ย", "มั๊ย", "ไม๊", "เหรอ", "หรอ", "หรือเปล่า", "รึเปล่า", "หรือยัง", "รึยัง", "ยังไง",
               "อย่างไร", "เท่าไหร่", "เท่าไร", "ที่ไหน", "ได้ไหม", "ดีไหม", "สอบถาม", "กี่"})) {
      return true;
    }
    if (group == "vi") {
      // Two-syllable question words: "bao lâu", "bao giờ", "ở đâu", "thế
      // nào", "cho hỏi" (hỏi only with its marks or after cho: hơi = a bit).
      std::string_view prev = t > begin ? Key(a, t - 1) : std::string_view();
      if ((prev == "bao" && In(k, {"lau", "gio", "nhieu"})) || (prev == "o" && k == "dau") ||
          (In(prev, {"the", "nhu"}) && k == "nao") || Exact(a, t) == "hỏi" ||
          (In(prev, {"cho", "minh", "em", "toi"}) && k == "hoi")) {
        return true;
      }
    }
  }
  if (first_word == end || exclaims) return false;
  if (group == "en") {
    return In(Key(a, first_word),
              {"is",    "are",    "was", "were", "do",     "does",    "did",     "can",
               "could", "should", "has", "have", "how",    "what",    "when",    "where",
               "which", "who",    "why", "any",  "anyone", "anybody", "is there"});
  }
  if (group == "vi") {
    // "có … không", "được không ạ", "còn hàng chưa shop": a final negator
    // asks, also before up to two sentence-final particles.
    size_t t = last_word;
    for (int particles = 0; particles < 2 && t > first_word; ++particles) {
      if (!In(Key(a, t), {"a", "ah", "ak", "vay", "z", "shop", "sh", "ad", "ban", "nha", "nhe",
                          "chi", "anh", "em", "ta", "the", "mn", "moi nguoi"})) {
        break;
      }
      --t;
    }
    return t > first_word &&
           In(Key(a, t), {"khong", "ko", "k", "kh", "hok", "hong", "khum", "chua", "ha", "nhi"});
  }
  return false;
}

}  // namespace

bool SentenceIsQuestion(const TextAnalysis& a, uint32_t sentence, std::string_view group) {
  if (sentence >= a.sentences.size()) return false;
  const cxmap_sentence& s = a.sentences[sentence];
  return RangeIsQuestion(a, s.first_token,
                         std::min<size_t>(s.first_token + s.token_count, a.tokens.size()), group);
}

bool ClauseIsQuestion(const TextAnalysis& a, size_t token, std::string_view group) {
  if (token >= a.tokens.size() || a.tokens[token].sentence >= a.sentences.size()) return false;
  const cxmap_sentence& s = a.sentences[a.tokens[token].sentence];
  size_t send = std::min<size_t>(s.first_token + s.token_count, a.tokens.size());
  size_t lo = token, hi = token + 1;
  while (lo > s.first_token && a.tokens[lo - 1].kind != CXMAP_TOKEN_PUNCT) --lo;
  while (hi < send && a.tokens[hi].kind != CXMAP_TOKEN_PUNCT) ++hi;
  // The clause and the punctuation that closes it ("很好吃?，…": only 很好吃 asks).
  return RangeIsQuestion(a, lo, std::min(hi + 1, send), group);
}

namespace {

bool IsWishWord(const TextAnalysis& a, size_t t, std::string_view group) {
  std::string_view k = Key(a, t);
  if (group == "zh") return In(k, {"希望", "建议", "要是", "请", "麻烦", "期待"});
  if (group == "th") {
    // อยากให้ may come segmented as อยาก + ให้.
    if (k == "ให้" && t > 0 && Key(a, t - 1) == "อยาก") return true;
    return In(k, {"อยากให้", "หวังว่า", "ขอให้", "ควร", "ควรจะ", "น่าจะ", "รบกวน", "ช่วย"});
  }
  if (group == "vi") {
    return In(Exact(a, t),
              {"mong", "mong muốn", "hy vọng", "hi vọng", "hy vong", "hi vong", "ước gì", "giá mà",
               "nên", "cần", "đề nghị", "góp ý", "làm ơn", "vui lòng", "xin"});
  }
  return false;
}

}  // namespace

namespace {

// "why", "tại sao", "ทำไม", "为什么": a question that complains.
bool AsksWhy(const TextAnalysis& a, uint32_t sentence) {
  const cxmap_sentence& s = a.sentences[sentence];
  size_t end = std::min<size_t>(s.first_token + s.token_count, a.tokens.size());
  for (size_t t = s.first_token; t < end; ++t) {
    std::string_view k = Key(a, t);
    if (In(k, {"why", "sao", "tai sao", "vi sao", "ทำไม", "为什么", "为啥", "怎么", "凭什么",
               "点解", "咋", "干嘛"})) {
      return true;
    }
  }
  return false;
}

bool IsQuote(std::string_view text, size_t at, size_t* len) {
  static constexpr std::string_view kQuotes[] = {"\"",     "\u201C", "\u201D", "\u300C",
                                                 "\u300D", "\u300E", "\u300F"};
  for (std::string_view q : kQuotes) {
    if (text.substr(at, q.size()) == q) {
      *len = q.size();
      return true;
    }
  }
  return false;
}

// Whether [begin, end) sits inside a short quotation: "fresh" bread,
// ship "hỏa tốc", 可真"特快". Scare quotes around praise are irony.
bool InScareQuotes(std::string_view text, size_t begin, size_t end) {
  constexpr size_t kReach = 24;  // bytes between a quote and the word
  bool open = false, close = false;
  size_t len = 0;
  for (size_t at = begin; at-- > 0 && begin - at <= kReach;) {
    if (IsQuote(text, at, &len)) {
      open = true;
      break;
    }
  }
  for (size_t at = end; at < text.size() && at - end <= kReach; ++at) {
    if (IsQuote(text, at, &len)) {
      close = true;
      break;
    }
  }
  return open && close;
}

bool HasIronySmile(std::string_view text) {
  // 🙂 slightly smiling face, 👏 clapping hands: praise beside a complaint.
  return text.find("\U0001F642") != std::string_view::npos ||
         text.find("\U0001F44F") != std::string_view::npos;
}

bool IsLaughter(const TextAnalysis& a, const Cue& c) {
  return c.token_count == 1 && c.first_token < a.tokens.size() &&
         (a.tokens[c.first_token].kind == CXMAP_TOKEN_LAUGHTER || Key(a, c.first_token) == "lol");
}

// The first word of its sentence is 麻烦 / 麻煩 / รบกวน (please, would you).
bool IsRequestOpener(const TextAnalysis& a, const Cue& c) {
  if (c.first_token >= a.tokens.size() || c.sentence >= a.sentences.size()) return false;
  size_t first = a.sentences[c.sentence].first_token;
  while (first < c.first_token && !IsWord(a, first)) ++first;
  return first == c.first_token && In(Key(a, first), {"麻烦", "รบกวน"});
}

// A negator that says "no need" rather than "did not happen".
bool IsNeedless(const TextAnalysis& a, const Cue& neg, std::string_view group) {
  std::string_view k = neg.token_count > 0 ? Key(a, neg.first_token) : std::string_view();
  size_t next = neg.first_token + neg.token_count;
  std::string_view after = next < a.tokens.size() && a.tokens[next].sentence == neg.sentence
                               ? Key(a, next)
                               : std::string_view();
  if (group == "th") return In(k, {"ไม่ต้อง"}) || (k == "ไม่" && after.substr(0, 9) == "ต้อง");
  if (group == "zh") {
    return In(k, {"不用", "不必", "无需", "无须", "免"}) ||
           (k == "不" && (after.substr(0, 3) == "用" || after.substr(0, 3) == "必"));
  }
  if (group == "vi") {
    // "không cần", "khỏi"; "không phải" is also "is not" (không phải hàng
    // chính hãng): needless only before an everyday verb (ko phải chờ).
    if (In(after, {"can"}) || In(k, {"khoi"})) return true;
    std::string_view verb =
        next + 1 < a.tokens.size() && a.tokens[next + 1].sentence == neg.sentence
            ? Key(a, next + 1)
            : std::string_view();
    return after == "phai" && In(verb, {"noi", "cho", "doi", "di", "lam", "goi", "hoi", "tra",
                                        "xep", "giai", "dien", "mang", "ra", "len", "nhac"});
  }
  return In(k, {"without"}) || In(after, {"need", "needed", "fuss", "hassle", "questions",
                                          "problem", "problems", "issues", "issue", "complaints"});
}

// "issue", "sự cố", "ปัญหา", "问题": what "never had a single …" denies.
bool IsProblemNoun(const TextAnalysis& a, const Cue& c) {
  if (c.token_count == 0 || c.first_token >= a.tokens.size()) return false;
  std::string_view k = Key(a, c.first_token + c.token_count - 1);
  return In(
      k, {"issue", "issues", "problem", "problems", "complaint", "complaints", "trouble", "hiccup",
          "hiccups", "su co", "van de", "loi", "ปัญหา", "มีปัญหา", "问题", "毛病", "故障", "出问题"});
}

bool SameClause(const TextAnalysis& a, size_t from, size_t to) {
  for (size_t t = from; t < to && t < a.tokens.size(); ++t) {
    if (a.tokens[t].kind == CXMAP_TOKEN_PUNCT) return false;
  }
  return true;
}

// The negator passes of ApplyContextRules: needless negators and far
// negation of problem nouns.
void ApplyNegationPasses(const TextAnalysis& a, std::string_view group, std::vector<Cue>* cues) {
  std::vector<Cue>& cs = *cues;
  // "No need to" is no complaint: ไม่ต้องเล่าซ้ำ, 不用发票, ko phải nói lại,
  // khỏi chờ, "without us even asking", "no fuss".
  for (Cue& neg : cs) {
    if (neg.bare_negation && IsNeedless(a, neg, group)) {
      neg.bare_negation = false;
      neg.final_weight = 0;
    }
  }
  // A negator the matcher found too far from its negative word ("never had
  // a single issue", "không phải nói lại lần nào") negates it still.
  for (size_t i = 0; i < cs.size(); ++i) {
    Cue& neg = cs[i];
    if (!neg.bare_negation) continue;
    size_t after = neg.first_token + neg.token_count;
    for (size_t j = i + 1; j < cs.size() && cs[j].sentence == neg.sentence; ++j) {
      Cue& c = cs[j];
      if (c.kind == CueKind::kNegator || c.first_token > after + kNegationReach) break;
      if (c.kind != CueKind::kCue || c.base_weight >= 0 || c.negated) continue;
      if (!IsProblemNoun(a, c)) break;  // "didn't say I was dumb" stays a complaint
      if (!SameClause(a, after, c.first_token)) break;
      c.negated = true;
      c.final_weight = -c.final_weight * kFarNegationScale;
      neg.bare_negation = false;
      neg.final_weight = 0;
      break;
    }
  }
}

}  // namespace

void ApplyContextRules(const TextAnalysis& a, std::string_view group, std::vector<Cue>* cues,
                       std::string_view text) {
  std::vector<Cue>& cs = *cues;
  ApplyNegationPasses(a, group, &cs);
  bool has_negative = false;
  for (const Cue& c : cs) {
    has_negative |= (c.kind == CueKind::kCue || c.bare_negation) && c.final_weight < 0;
  }
  bool irony = has_negative && HasIronySmile(text);
  for (const Cue& c : cs) {
    irony |= c.kind == CueKind::kCue && c.base_weight > 0 &&
             InScareQuotes(text, c.begin, c.begin + c.text.size());
  }
  for (Cue& c : cs) {
    bool positive = c.base_weight > 0 && c.final_weight > 0;
    // Once irony is marked, all the praise of the text is ironic ("yeah
    // sure, \"fresh\" bread that's hard as a rock. amazing.").
    if (irony && positive && (c.kind == CueKind::kCue || c.kind == CueKind::kEmoji)) {
      c.final_weight *= kIronyMarkScale;
      continue;
    }
    // Laughter beside a complaint is bitter, not glad ("sold me an expired
    // yogurt lol").
    if (has_negative && positive && c.kind == CueKind::kEmoji && IsLaughter(a, c)) {
      c.final_weight = 0;
      continue;
    }
    if (c.kind != CueKind::kCue) continue;
    // 麻烦… / รบกวน… opening a sentence asks a favour.
    if (c.base_weight < 0 && IsRequestOpener(a, c)) {
      c.final_weight = 0;
      continue;
    }
    int8_t q = ClauseIsQuestion(a, c.first_token, group) ? (AsksWhy(a, c.sentence) ? 2 : 1) : 0;
    if (q > 0 && positive) {
      c.final_weight *= kQuestionPraiseScale;
      continue;
    }
    // Not English: there (airline tweets) a question is mostly a complaint;
    // never an emphatic "??" (rules.h).
    bool emphatic = c.text.find_first_not_of("?!\xEF\xBC\x9F\x81") == std::string_view::npos;
    if (q == 1 && group != "en" && !emphatic && c.base_weight < 0 && c.final_weight < 0) {
      c.final_weight *= kQuestionComplaintScale;  // asked about, not complained of
      continue;
    }
    if (!positive || group == "en") continue;  // English wishes: rules.h
    for (size_t back = 1; back <= kWishWindow && back <= c.first_token; ++back) {
      size_t p = c.first_token - back;
      if (a.tokens[p].sentence != c.sentence) break;
      if (IsWishWord(a, p, group)) {
        c.final_weight *= kForeignWishScale;
        break;
      }
    }
  }
}

}  // namespace cxmap::sentiment

namespace cxmap::sentiment {

bool AsksOnly(const TextAnalysis& a, const std::vector<Cue>& cues, size_t first_token,
              size_t token_count, std::string_view group) {
  if (group == "en" || token_count == 0 || first_token + token_count > a.tokens.size()) return false;
  uint32_t first = a.tokens[first_token].sentence;
  uint32_t last = a.tokens[first_token + token_count - 1].sentence;
  for (uint32_t s = first; s <= last; ++s) {
    if (!SentenceIsQuestion(a, s, group) || AsksWhy(a, s)) return false;
  }
  if (group == "th") {
    // Thai social posts ask rhetorically ("ดีกว่ามั้ย", "ต้องทำยังไง",
    // "จะพามากินหรอ"): only a question for information counts (how many,
    // how much, when, "can I …?" asked politely).
    bool informs = false;
    for (size_t t = first_token; t < first_token + token_count; ++t) {
      std::string_view k = Key(a, t);
      if (In(k, {"ยังไง", "หรอ", "เหรอ", "ดีกว่า"})) return false;
      informs |= In(k, {"เท่าไหร่", "เท่าไร", "เมื่อไหร่", "เมื่อไร", "ได้ไหม", "ไหมคะ", "ไหมครับ",
                        "มั้ยคะ", "มั้ยครับ", "อะไรบ้าง", "หรือเปล่า", "รึเปล่า"}) ||
                 k.substr(0, 9) == "กี่";
      // ไหม / มั้ย after ได้ ("can I …?") or before a polite particle.
      informs |= In(k, {"ไหม", "มั้ย"}) &&
                 ((t > first_token && Key(a, t - 1) == "ได้") ||
                  (t + 1 < a.tokens.size() &&
                   In(Key(a, t + 1), {"ครับ", "คะ", "ค่ะ", "คับ", "จ๊ะ", "จ้ะ", "ขา"})));
    }
    if (!informs) return false;
  }
  for (const Cue& c : cues) {
    if (c.sentence < first || c.sentence > last) continue;
    // A negator among the last words of a question is its particle ("có màu
    // be ko ạ", "co kem ong dong ko shop"); anywhere else it negates ("ko
    // bao giờ quay lại", "hỏi gì cũng ko biết"). An opinion that survives
    // the question rules still speaks.
    if (c.kind == CueKind::kNegator) {
      size_t end = c.first_token + c.token_count, words_after = 0;
      for (size_t t = end; t < a.tokens.size() && a.tokens[t].sentence == c.sentence; ++t) {
        words_after += IsWord(a, t) ? 1 : 0;
      }
      if (words_after > 2) return false;
      continue;
    }
    if (std::abs(c.final_weight) >= kAskedOpinion) return false;
  }
  return true;
}

}  // namespace cxmap::sentiment
