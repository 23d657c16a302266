// SPDX-License-Identifier: Apache-2.0
// Complaints without an opinion word (issue 17): a waited-for duration
// (AppendWaitComplaints) and something stuck or tried again and again
// (AppendStuckComplaints), with their per-language word tables.
#include <algorithm>
#include <string>

#include "context_rules.h"
#include "context_words.h"

namespace cxmap::sentiment {

using namespace context;

namespace {

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

// A clock time in one token: Vietnamese "10h30", "8h45" (hour, h, minutes);
// Chinese "十二点", "十点" (a numeral other than 一, then 点/點 folded).
bool IsClockTime(std::string_view k, std::string_view group) {
  if (group == "vi") {
    size_t h = k.find('h');
    if (h == 0 || h == std::string_view::npos || h > 2 || k.size() != h + 3) return false;
    for (size_t i = 0; i < k.size(); ++i) {
      if (i != h && (k[i] < '0' || k[i] > '9')) return false;
    }
    return true;
  }
  if (group == "zh" && k.size() > 3 && k.substr(k.size() - 3) == "点") {
    std::string_view n = k.substr(0, k.size() - 3);
    return n != "一" && n != "有" && IsNumberWord(n, group);
  }
  return false;
}

// A duration ending at token `t` ("40 minutes", "2h", "hai tuần", "สอง
// ชั่วโมง", "两个小时", "半天"); `*first` is its first token.
bool DurationAt(const TextAnalysis& a, size_t t, std::string_view group, size_t* first) {
  if (!IsWord(a, t)) return false;
  std::string_view k = Key(a, t);
  *first = t;
  if (IsLongTime(a, t, group)) return true;
  // A clock time followed by a late marker ("12h45 mới tới", "十二点才看到"):
  // the hour it finally happened (issue 17, round 4).
  if (IsClockTime(k, group)) return true;
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
         {"到", "来", "送", "收", "发", "回", "上", "轮", "处理", "退", "看到", "有人", "接",
          "恢复", "入座", "入场", "排到", "叫到"}) {
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
    AddSpanCue(a, text, first, t, praise ? kQuickPraise : kWaitComplaint, cues);
    done = sentence;
  }
  SortAppendedCues(before, cues);
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
    for (std::string_view m :
         {"还没", "仍没", "还未", "仍未", "迟迟", "一直没", "至今没", "至今未"}) {
      if (k.substr(0, m.size()) == m) return 1;
    }
    if (In(k, {"还", "仍", "仍然", "依然", "一直", "至今"}) &&
        In(next(t + 1), {"没", "没有", "未", "不见"}))
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
  if (k == "yet" && next(t + 1) == "to" && t > 0 &&
      In(Key(a, t - 1), {"still", "is", "are", "am", "have", "has"}))
    return 2;
  if (k != "still") return 0;
  std::string_view n = next(t + 1);
  if (In(n, {"no",      "not",     "nothing", "haven't", "hasn't", "havent", "hasnt", "didn't",
             "didnt",   "doesn't", "doesnt",  "don't",   "dont",   "isn't",  "isnt",  "waiting",
             "missing", "broken",  "can't",   "cant",    "cannot", "won't",  "wont",  "never"})) {
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
  auto same = [&](size_t u) {
    return u < a.tokens.size() && a.tokens[u].sentence == a.tokens[t].sentence;
  };
  std::string_view k = Key(a, t);
  auto count = [&](std::string_view w) {
    return IsNumberWord(w, group) &&
           !In(w,
               {"1",   "一", "mot", "หนึ่ง", "one", "a",  "an",   "all",    "whole",  "ca",   "ทั้ง",
                "เป็น", "ตั้ง", "个",  "半",  "整",  "好", "over", "nearly", "almost", "half", "nua"});
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
    AddSpanCue(a, text, t, t + n - 1, kStuckComplaint, cues);
    done = sentence;
  }
  SortAppendedCues(before, cues);
}

}  // namespace cxmap::sentiment
