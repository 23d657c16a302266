// SPDX-License-Identifier: Apache-2.0
// A tiny hand-made sentiment corpus in four languages, shared by the
// core/ml learner tests (fastText and nblr) so both learn the same thing.
#pragma once

#include <vector>

namespace cxmap::core::ml::testdata {

// Subjects and clearly positive / negative predicates per language; Thai
// and Chinese are written without spaces, as customers type them.
struct Language {
  const char* joiner;
  std::vector<const char*> subjects, positive, negative;
};
inline const std::vector<Language>& Languages() {
  static const std::vector<Language> langs = {
      {" ", {"the delivery", "the staff", "the app", "the food", "the price"},
       {"was great", "is excellent", "very good", "made me happy"},
       {"was terrible", "is awful", "very bad", "made me angry"}},
      {" ", {"giao hàng", "nhân viên", "sản phẩm", "ứng dụng", "giá"},
       {"rất tốt", "tuyệt vời", "nhanh lắm", "hài lòng"},
       {"quá tệ", "chậm quá", "thất vọng", "rất kém"}},
      {" ", {"giao hang", "nhan vien", "san pham", "ung dung", "gia"},
       {"rat tot", "tuyet voi", "nhanh lam", "hai long"},
       {"qua te", "cham qua", "that vong", "rat kem"}},
      {"", {"อาหาร", "พนักงาน", "แอป", "การจัดส่ง", "ราคา"},
       {"ดีมาก", "อร่อย", "ประทับใจ", "สุดยอด"},
       {"แย่มาก", "ช้ามาก", "ผิดหวัง", "ห่วย"}},
      {"", {"外卖", "客服", "快递", "价格", "质量"},
       {"很好", "非常满意", "太棒了", "很快"},
       {"很差", "太慢了", "非常失望", "态度恶劣"}},
  };
  return langs;
}

}  // namespace cxmap::core::ml::testdata
