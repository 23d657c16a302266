// SPDX-License-Identifier: Apache-2.0
#include "core/text/word_lists.h"

#include <map>
#include <string>

#include "core/text/key_trie.h"

namespace cxmap::core {
namespace {

// Common Vietnamese syllables in customer feedback, folded. Syllables that
// are also frequent English words (a, an, to, do, me, he, so, no, on, in,
// may, the, ban?) are left out on purpose: they must not vote either way.
constexpr const char* kViSyllables =
    "khong cham nhanh giao hang tot qua lam rat duoc nhung nhan vien san pham don chat luong "
    "gia re dat thai phuc vu ngon dep xau kem te thich hai long that vong lan sau se mua lai "
    "dong goi can than hoan tien doi tra cua cho voi cung nay kia roi chua nua thi la co va "
    "cac nhieu it hon nhat minh em anh chi toi ho ngay gio phut tuan thang nam sao vay nhe nha "
    "oi ui troi dung sai moi cu hu hong loi van de tro tu khach dich toan goi dien thoai nhiet "
    "tinh thien chuyen nghiep luon bao lau vui buon chan tuyet binh thuong tam xin cam hay dang "
    "ca phi hop bi mop meo vo rach thieu ta khac hinh mau sac vua rong vai mong day mem thom "
    "hoi bay sach muon som tre hen chong hom mai sang chieu dem ung dung khoan nhap cap nhat "
    "ngan khuyen giam uu dai hoa chu dao lich su kho chiu ve tang hanh sua thoi gian de chinh "
    "nhai luc nao bat tien nguoi cong ty nhu the nao gi dau ai biet muon phai khi nen vi neu "
    "tai trong ngoai len xuong ra vao het duoc cuc ky kha hoi tam hai long ok ban ban "
    "chang cha ko k hok hong dc vs mik mk ak uh ko nhung lai cung thi con nua oi "
    "shop quan ao giay tui sach dien thoai may tinh pin sac man hinh loa tai nghe";

// Common English function and feedback words.
constexpr const char* kEnglishWords =
    "the a an and or but not no is are was were be been being it its this that these those i "
    "you he she we they my your our their me us them to of in on at for with from by about as "
    "very so too really quite just only also again never always product products service "
    "delivery order ordered shipping shipped package item items staff store shop app price "
    "prices quality customer support refund return late slow fast quick good great bad terrible "
    "awful poor nice excellent amazing love loved hate like ok okay thanks thank please help wait "
    "waited waiting days day hours hour time still yet got get received arrived came broken "
    "damaged wrong missing happy unhappy disappointed disappointing satisfied recommend worst "
    "best better worse rude friendly helpful experience will would could should can cant dont "
    "didnt wont isnt wasnt cheap expensive money worth fine well done had have has do does did "
    "what when why how which who there here all any some more most much many yes sure crashes "
    "crash update login account payment card delivered courier driver call called email "
    "response answer answered problem issue fixed lol omg wow awesome fantastic horrible "
    "nothing everything ever after before because if than then up down out over first last "
    "one two three week weeks month tried try works work working useless cool super fresh "
    "food taste tasty cold hot small big size color app's it's i'm don't didn't can't won't";

constexpr const char* kViCompounds =
    "giao hang|nhan vien|san pham|don hang|chat luong|dich vu|khach hang|cua hang|thai do|"
    "phuc vu|hoan tien|doi tra|dong goi|van chuyen|thanh toan|dien thoai|tra loi|nhiet tinh|"
    "than thien|chuyen nghiep|hai long|that vong|tuyet voi|binh thuong|ho tro|tu van|gia ca|"
    "mau sac|hinh anh|mo ta|cham soc|phi van chuyen|ung dung|tai khoan|dang nhap|cap nhat|"
    "giao dich|ngan hang|khuyen mai|giam gia|uu dai|dat hang|nhan hang|hang hoa|chu dao|"
    "lich su|kho chiu|vui ve|tam duoc|qua tang|bao hanh|sua chua|thoi gian|cham tre|"
    "nhanh chong|de thuong|chinh hang|hang gia|hang nhai|lan sau|ung ho|bat tien|tien loi|"
    "nguoi ban|van de|cong ty|chi nhanh|man hinh|tai nghe|may tinh|quan ao|cuc ky|hang ngay|"
    "bao bi|dong goi can than|giao hang nhanh|chat luong san pham|thai do phuc vu";

// Folded words → kVi | kEnglish | kCompound bits (a word may be in several
// lists). A trie rather than three hash sets: one walk answers every list
// and a compound is walked syllable by syllable without building its key.
constexpr int32_t kVi = 1, kEnglish = 2, kCompound = 4;

void Split(const char* list, char sep, int32_t bit, std::map<std::string_view, int32_t>* out) {
  std::string_view rest(list);
  while (!rest.empty()) {
    size_t end = rest.find(sep);
    std::string_view word = rest.substr(0, end);
    if (!word.empty()) (*out)[word] |= bit;
    if (end == std::string_view::npos) break;
    rest.remove_prefix(end + 1);
  }
}

}  // namespace

struct WordLists::Impl {
  KeyTrie words;
};

const WordLists& WordLists::Get() {
  static const WordLists lists;
  return lists;
}

WordLists::WordLists() {
  auto* impl = new Impl();  // process lifetime, never freed (like a static table)
  std::map<std::string_view, int32_t> bits;  // views into the literals above
  Split(kViSyllables, ' ', kVi, &bits);
  Split(kEnglishWords, ' ', kEnglish, &bits);
  Split(kViCompounds, '|', kCompound, &bits);
  impl->words.Build({bits.begin(), bits.end()});
  impl_ = impl;
}

bool WordLists::IsViSyllable(std::string_view folded) const {
  int32_t v = impl_->words.Find(folded);
  return v >= 0 && (v & kVi);
}
bool WordLists::IsEnglishWord(std::string_view folded) const {
  int32_t v = impl_->words.Find(folded);
  return v >= 0 && (v & kEnglish);
}
void WordLists::Classify(std::string_view folded, bool* vi, bool* en) const {
  int32_t v = impl_->words.Find(folded);
  *vi = v >= 0 && (v & kVi);
  *en = v >= 0 && (v & kEnglish);
}

int WordLists::ViCompoundLength(std::string_view first, std::string_view second,
                                std::string_view third) const {
  // Compounds were looked up in a 96-byte key buffer: longer ones never matched.
  if (first.size() + second.size() + 1 + third.size() + 1 > 96) return 0;
  const KeyTrie& t = impl_->words;
  KeyTrie::Cursor c;
  if (t.Walk(first, &c) == KeyTrie::kNoKey || t.Walk(" ", &c) == KeyTrie::kNoKey) return 0;
  int32_t two = t.Walk(second, &c);
  if (two == KeyTrie::kNoKey) return 0;
  if (!third.empty() && t.Walk(" ", &c) != KeyTrie::kNoKey) {
    int32_t three = t.Walk(third, &c);
    if (three >= 0 && (three & kCompound)) return 3;
  }
  return two >= 0 && (two & kCompound) ? 2 : 0;
}

}  // namespace cxmap::core
