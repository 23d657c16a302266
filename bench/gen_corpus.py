#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Generates a synthetic multilingual survey export for benchmarks.

    bench/gen_corpus.py --rows 100000 --seed 42 --out /tmp/corpus_100k.csv

Columns: id,date,channel,language,segment,nps,csat,comment -- the header of
samples/data/survey_demo.csv, so source_csv_survey reads it the same way.
Comments are built from clause lists written for this file (en, vi, th,
zh-Hans, zh-Hant) about delivery, checkout, hotline, app, store, refunds and
pricing, with random numbers, openers, closers and emoji. About a third of
the Vietnamese rows are typed without diacritics, ~11% of comments span
several lines, some hold embedded quotes and commas, ~25% of NPS and ~10%
of CSAT cells are empty. Mean comment length is about 100 bytes.

Python 3 standard library only; the output depends only on --seed and
--rows (same arguments -> byte-identical file). Every row is valid CSV and a
valid survey row: a benchmark should see no rejects.
"""
import argparse
import csv
import datetime
import random
import signal
import sys
import unicodedata

TOPICS = ["delivery", "checkout", "hotline", "app", "store", "refund", "price"]

# Per language and topic: (positive, negative, neutral) clause lists. "{n}"
# is replaced by a count of days or times, "{m}" by minutes, "{q}" by a
# quoted UI message.
CLAUSES = {
    "en": {
        "delivery": (["the parcel came a day earlier than promised",
                      "the courier called ahead and was really polite",
                      "packaging was neat and nothing was damaged"],
                     ["delivery took {n} days longer than the app said",
                      "the driver left the box at the gate without calling",
                      "my order was marked delivered but never arrived",
                      "the box was crushed and one glass was broken"],
                     ["delivery was on the estimated day",
                      "tracking updated about once a day"]),
        "checkout": (["checkout took less than a minute",
                      "paying by e-wallet was quick and easy"],
                     ["checkout failed {n} times with {q}",
                      "the voucher would not apply at checkout",
                      "I was charged twice for one order"],
                     ["I paid cash on delivery as usual"]),
        "hotline": (["the hotline agent solved it in one call",
                     "the chat agent was patient and actually read my message"],
                    ["I waited {m} minutes on hold and then got cut off",
                     "the hotline kept sending me back to the main menu",
                     "chat support only pasted the same template answer"],
                    ["I called the hotline to change my address"]),
        "app": (["the new app version is much faster",
                 "search finds what I want even with typos"],
                ["the app crashes every time I open my cart",
                 "the app logged me out after the update",
                 "the price filter resets whenever I scroll"],
                ["the app works, nothing special"]),
        "store": (["staff at the store helped me find my size",
                   "click and collect was ready in {n} hours"],
                  ["the store queue took {m} minutes",
                   "the shelf price was different from the till price"],
                  ["I picked up my order at the store"]),
        "refund": (["the refund reached my card within {n} days",
                    "returning the item was simple, they collected it from home"],
                   ["my refund has been pending for {n} days",
                    "they asked for photos {n} times before approving the return"],
                   ["I asked for a refund for a wrong-size shirt"]),
        "price": (["prices are lower than at the mall",
                   "the flash sale really was a good deal"],
                  ["shipping fees are too high for small orders",
                   "the sale price was the same as last week's normal price"],
                  ["prices are about the same as elsewhere"]),
    },
    "vi": {
        "delivery": (["giao hàng nhanh, chỉ {n} ngày là nhận được",
                      "shipper thân thiện, gọi trước khi giao",
                      "đóng gói cẩn thận, hàng không bị móp"],
                     ["giao hàng chậm quá, trễ {n} ngày so với dự kiến",
                      "shipper để hàng ở bảo vệ mà không hỏi ý mình",
                      "app báo đã giao nhưng mình chưa nhận được gì",
                      "hộp bị móp, ly bên trong vỡ mất một cái"],
                     ["hàng đến đúng ngày dự kiến",
                      "đơn vị vận chuyển cập nhật trạng thái mỗi ngày"]),
        "checkout": (["thanh toán bằng ví điện tử rất nhanh",
                      "đặt hàng và thanh toán chưa tới một phút"],
                     ["thanh toán bị lỗi {n} lần, app báo {q}",
                      "mã giảm giá không áp dụng được lúc thanh toán",
                      "bị trừ tiền hai lần cho cùng một đơn"],
                     ["mình vẫn chọn trả tiền khi nhận hàng"]),
        "hotline": (["tổng đài viên xử lý nhanh, gọi một lần là xong",
                     "nhân viên chat hỗ trợ nhiệt tình"],
                    ["gọi tổng đài chờ {m} phút rồi tự ngắt máy",
                     "bấm phím mãi vẫn quay về menu chính",
                     "nhắn tin fanpage chỉ nhận được trả lời tự động"],
                    ["mình gọi tổng đài để đổi địa chỉ giao hàng"]),
        "app": (["app bản mới chạy mượt hơn hẳn",
                 "tìm sản phẩm trên app rất nhanh"],
                ["app bị văng ra mỗi lần mở giỏ hàng",
                 "cập nhật xong app cứ đăng xuất liên tục",
                 "bộ lọc theo giá hay bị reset"],
                ["app dùng được, không có gì đặc biệt"]),
        "store": (["nhân viên cửa hàng tư vấn nhiệt tình",
                   "đặt online nhận tại cửa hàng, {n} tiếng là có hàng"],
                  ["xếp hàng thanh toán ở cửa hàng mất {m} phút",
                   "giá trên kệ khác giá lúc tính tiền"],
                  ["mình ghé cửa hàng lấy đơn đặt trên app"]),
        "refund": (["hoàn tiền về thẻ sau {n} ngày, nhanh",
                    "đổi trả dễ, shipper đến tận nhà lấy hàng"],
                   ["chờ hoàn tiền {n} ngày rồi vẫn chưa thấy",
                    "yêu cầu chụp ảnh {n} lần mới duyệt đổi trả"],
                   ["mình yêu cầu hoàn tiền vì giao sai size"]),
        "price": (["giá rẻ hơn ngoài cửa hàng khá nhiều",
                   "flash sale giảm giá thật, rất đáng"],
                  ["phí ship đắt so với đơn nhỏ",
                   "giá khuyến mãi y như giá thường tuần trước"],
                  ["giá cũng tương đương chỗ khác"]),
    },
    "th": {
        "delivery": (["ส่งเร็วมาก {n} วันก็ได้ของ",
                      "พนักงานส่งของโทรมาก่อนและสุภาพมาก",
                      "แพ็คของมาดี ไม่บุบเลย"],
                     ["ส่งช้ากว่าที่แจ้งไว้ {n} วัน",
                      "คนส่งวางกล่องไว้หน้าบ้านโดยไม่โทรบอก",
                      "ระบบขึ้นว่าส่งแล้วแต่ไม่ได้รับของ",
                      "กล่องบุบ แก้วข้างในแตกไปหนึ่งใบ"],
                     ["ของมาถึงตามวันที่แจ้ง"]),
        "checkout": (["จ่ายเงินผ่าน QR ง่ายและเร็ว"],
                     ["จ่ายเงินไม่ผ่าน {n} ครั้ง ขึ้นว่า {q}",
                      "ใช้โค้ดส่วนลดตอนจ่ายเงินไม่ได้",
                      "โดนตัดเงินซ้ำสองครั้ง"],
                     ["เลือกเก็บเงินปลายทางเหมือนเดิม"]),
        "hotline": (["คอลเซ็นเตอร์แก้ปัญหาให้ในสายเดียว",
                     "แอดมินในแชทตอบเร็วและใจเย็น"],
                    ["รอสาย {m} นาทีแล้วสายก็ตัด",
                     "กดเมนูวนไปวนมาไม่ได้คุยกับคน",
                     "แชทตอบกลับเป็นข้อความอัตโนมัติอย่างเดียว"],
                    ["โทรไปขอเปลี่ยนที่อยู่จัดส่ง"]),
        "app": (["แอปเวอร์ชันใหม่เร็วขึ้นเยอะ",
                 "ค้นหาสินค้าในแอปง่าย"],
                ["แอปเด้งออกทุกครั้งที่เปิดตะกร้า",
                 "อัปเดตแล้วต้องล็อกอินใหม่ตลอด"],
                ["แอปใช้ได้ ไม่มีอะไรพิเศษ"]),
        "store": (["พนักงานที่สาขาบริการดีมาก",
                   "สั่งออนไลน์แล้วไปรับที่สาขา {n} ชั่วโมงก็ได้"],
                  ["ต่อคิวจ่ายเงินที่สาขา {m} นาที",
                   "ราคาป้ายไม่ตรงกับราคาที่แคชเชียร์"],
                  ["ไปรับของที่สาขาใกล้บ้าน"]),
        "refund": (["ได้เงินคืนภายใน {n} วัน",
                    "คืนสินค้าง่าย มีคนมารับถึงบ้าน"],
                   ["ขอคืนเงินไป {n} วันแล้วยังไม่ได้",
                    "ต้องส่งรูปถึง {n} รอบกว่าจะอนุมัติ"],
                   ["ขอคืนเงินเพราะได้ไซซ์ผิด"]),
        "price": (["ราคาถูกกว่าห้าง",
                   "โปรลดราคาคุ้มจริง"],
                  ["ค่าส่งแพงไปสำหรับออเดอร์เล็ก",
                   "ราคาโปรเท่ากับราคาปกติเมื่อสัปดาห์ก่อน"],
                  ["ราคาพอๆ กับที่อื่น"]),
    },
    "zh-Hans": {
        "delivery": (["快递很快，{n}天就到了",
                      "快递员提前打电话，态度很好",
                      "包装很仔细，没有压坏"],
                     ["比预计晚了{n}天才送到",
                      "快递员没打电话就把包裹放在门口",
                      "显示已签收但我根本没收到",
                      "箱子压扁了，里面的杯子碎了一个"],
                     ["按预计时间送到了"]),
        "checkout": (["用支付宝付款很顺利"],
                     ["付款失败了{n}次，提示{q}",
                      "结账时优惠券用不了",
                      "同一个订单被扣了两次钱"],
                     ["还是选了货到付款"]),
        "hotline": (["客服一次就帮我解决了",
                     "在线客服很耐心"],
                    ["客服电话等了{m}分钟还是没人接",
                     "按键菜单绕来绕去找不到人工",
                     "在线客服只会发模板回复"],
                    ["打客服电话改了收货地址"]),
        "app": (["新版App快了很多",
                 "搜索很准，打错字也能找到"],
                ["一打开购物车App就闪退",
                 "更新后老是被退出登录"],
                ["App能用，没什么特别的"]),
        "store": (["门店店员很热情",
                   "线上下单门店自提，{n}小时就备好货了"],
                  ["门店排队结账等了{m}分钟",
                   "货架标价和结账价格不一样"],
                  ["去门店取了网上订的货"]),
        "refund": (["{n}天内就退款到账了",
                    "退货很方便，上门取件"],
                   ["申请退款{n}天了还没到账",
                    "上传了{n}次照片才通过退货"],
                   ["因为尺码不对申请了退款"]),
        "price": (["价格比商场便宜",
                   "秒杀活动确实划算"],
                  ["小订单运费太贵",
                   "活动价和上周原价一样"],
                  ["价格和别家差不多"]),
    },
    "zh-Hant": {
        "delivery": (["宅配很快，{n}天就收到了",
                      "司機先打電話來，很有禮貌",
                      "包裝很用心，完全沒有損壞"],
                     ["比預計晚了{n}天才送達",
                      "司機沒通知就把包裹放在門口",
                      "顯示已送達但我沒有收到",
                      "箱子被壓扁，杯子破了一個"],
                     ["在預計的日期送到了"]),
        "checkout": (["用行動支付結帳很快"],
                     ["結帳失敗了{n}次，畫面顯示{q}",
                      "結帳時折扣碼不能用",
                      "同一筆訂單被重複扣款"],
                     ["還是選擇貨到付款"]),
        "hotline": (["客服一通電話就處理好了",
                     "線上客服很有耐心"],
                    ["客服專線等了{m}分鐘還是沒人接",
                     "語音選單一直繞回主選單",
                     "線上客服只會貼制式回覆"],
                    ["打客服電話更改收件地址"]),
        "app": (["新版App順暢很多",
                 "搜尋很準，打錯字也找得到"],
                ["一打開購物車App就閃退",
                 "更新後一直被登出"],
                ["App可以用，沒什麼特別"]),
        "store": (["門市人員很親切",
                   "網路下單門市取貨，{n}小時就備好了"],
                  ["門市排隊結帳等了{m}分鐘",
                   "貨架標價跟結帳金額不一樣"],
                  ["到門市領了網路訂的商品"]),
        "refund": (["{n}天內就退款到帳",
                    "退貨很方便，有人到府收件"],
                   ["申請退款{n}天了還沒收到",
                    "上傳了{n}次照片才核准退貨"],
                   ["因為尺寸不合申請退款"]),
        "price": (["價格比百貨公司便宜",
                   "限時特賣真的划算"],
                  ["小額訂單運費太貴",
                   "特價跟上週原價一樣"],
                  ["價格跟別家差不多"]),
    },
}

QUOTED = {
    "en": ['"payment declined"', '"something went wrong"', '"session expired"', '"try again later"'],
    "vi": ['"giao dịch thất bại"', '"lỗi hệ thống"', '"phiên đã hết hạn"', '"vui lòng thử lại"'],
    "th": ['"ชำระเงินไม่สำเร็จ"', '"เกิดข้อผิดพลาด"', '"กรุณาลองใหม่"'],
    "zh-Hans": ['"支付失败"', '"系统繁忙"', '"请稍后再试"'],
    "zh-Hant": ['"付款失敗"', '"系統忙碌中"', '"請稍後再試"'],
}
JOIN = {  # (same sentiment, contrast) connectors
    "en": ([", and ", ". Also ", "; "], [", but ", ". However, ", ", although "]),
    "vi": ([", ", ", lại còn ", ". Ngoài ra "], [", nhưng ", ". Tuy nhiên ", ", có điều "]),
    "th": ([" ", " แล้วก็", " อีกอย่าง"], [" แต่", " แต่ว่า", " ถึงอย่างนั้น"]),
    "zh-Hans": (["，", "，而且", "。另外，"], ["，但是", "，不过", "。可是"]),
    "zh-Hant": (["，", "，而且", "。另外，"], ["，但是", "，不過", "。可是"]),
}
CLOSE = {  # (positive, negative) closers
    "en": ([" Will order again.", " Thanks!", " 10/10.", ""], [" Please fix this.", " Very disappointed.", " Not ordering again.", ""]),
    "vi": ([" Sẽ ủng hộ tiếp.", " Cảm ơn shop!", " Rất hài lòng.", ""], [" Mong shop khắc phục.", " Thất vọng quá.", " Lần sau không mua nữa.", ""]),
    "th": ([" จะสั่งอีกแน่นอน", " ขอบคุณค่ะ", " ประทับใจ", ""], [" ช่วยแก้ไขด้วย", " ผิดหวังมาก", " ไม่สั่งอีกแล้ว", ""]),
    "zh-Hans": (["会再买的。", "谢谢！", "很满意。", ""], ["希望改进。", "太失望了。", "不会再买了。", ""]),
    "zh-Hant": (["會再回購。", "謝謝！", "很滿意。", ""], ["希望改善。", "太失望了。", "不會再買了。", ""]),
}
END = {"en": ".", "vi": ".", "th": "", "zh-Hans": "。", "zh-Hant": "。"}
EMOJI = ["😊", "👍", "😡", "🙏", "😢", "🚚", "💸", "⭐⭐⭐⭐⭐", "😤", "❤️", "🤔", "📦"]
MIXED = ["ship nhanh, good job shop 👍", "Delivery เร็วดี แต่ tracking ไม่อัปเดต",
         "customer service thì slow quá", "App 很好用 but checkout is slow",
         "refund ok rồi, thanks", "門市 pickup 很方便"]
LANG_WEIGHTS = [("en", 30), ("vi", 30), ("th", 15), ("zh-Hans", 15), ("zh-Hant", 10)]
CHANNELS = ["app", "web", "email", "sms", "store", "hotline"]
SEGMENTS = ["new", "returning", "vip"]


def strip_diacritics(s):
    """Vietnamese as typed on a keyboard without an IME: 'giao hàng' -> 'giao hang'."""
    s = s.replace("đ", "d").replace("Đ", "D")
    return "".join(c for c in unicodedata.normalize("NFD", s) if not unicodedata.combining(c))


def clause(rng, lang, topic, tone):
    text = rng.choice(CLAUSES[lang][topic][tone])
    return (text.replace("{n}", str(rng.choice([2, 3, 4, 5, 6, 7, 10, 14])))
            .replace("{m}", str(rng.choice([10, 12, 15, 20, 25, 30, 40, 45, 60])))
            .replace("{q}", rng.choice(QUOTED[lang])))


def comment(rng, lang):
    """Returns (text, tone) with tone 0 positive, 1 negative, 2 neutral."""
    tone = rng.choices([0, 1, 2], weights=[40, 45, 15])[0]
    cjk_or_thai = lang in ("th", "zh-Hans", "zh-Hant")
    n = rng.choices([1, 2, 3], weights=[45, 40, 15] if not cjk_or_thai else [35, 45, 20])[0]
    topics = rng.sample(TOPICS, n)
    parts = [clause(rng, lang, topics[0], tone)]
    multiline = rng.random() < 0.11
    for t in topics[1:]:
        contrast = tone != 2 and rng.random() < 0.35
        c_tone = (1 - tone) if contrast else tone
        sep = "\n" if multiline else rng.choice(JOIN[lang][1 if contrast else 0])
        parts.append(sep)
        parts.append(clause(rng, lang, t, c_tone))
    if multiline and n == 1:
        parts.append("\n" + clause(rng, lang, rng.choice(TOPICS), tone))
    text = "".join(parts)
    if lang in ("en", "vi"):
        text = text[0].upper() + text[1:]
    text += END[lang]
    if tone != 2 and rng.random() < 0.3:
        text += CLOSE[lang][tone][rng.randrange(4)]
    if rng.random() < 0.08:
        text += " " + rng.choice(EMOJI)
    return text, tone


def row(rng, i, start):
    lang = rng.choices([l for l, _ in LANG_WEIGHTS], weights=[w for _, w in LANG_WEIGHTS])[0]
    text, tone = comment(rng, lang)
    if lang == "vi" and rng.random() < 0.35:
        text = strip_diacritics(text).lower()
    if rng.random() < 0.03:  # code-switching; language left for detection
        text = rng.choice(MIXED) + (", " if rng.random() < 0.5 else " - ") + text
        lang = ""
    base_nps = (9, 2, 7)[tone]
    nps = "" if rng.random() < 0.25 else str(max(0, min(10, base_nps + rng.randint(-2, 1))))
    csat = "" if rng.random() < 0.10 else str(max(1, min(5, (5, 2, 3)[tone] + rng.randint(-1, 0))))
    date = start + datetime.timedelta(seconds=rng.randrange(730 * 86400))
    return [f"B-{i:08d}", date.strftime("%Y-%m-%d %H:%M:%S"), rng.choice(CHANNELS), lang,
            rng.choice(SEGMENTS), nps, csat, text]


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, required=True, help="number of data rows")
    ap.add_argument("--seed", type=int, default=42, help="random seed (default 42)")
    ap.add_argument("--out", required=True, help="output CSV file ('-' for stdout)")
    args = ap.parse_args()
    if args.rows < 0:
        ap.error("--rows must be >= 0")
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)  # quiet under `| head`
    rng = random.Random(args.seed)
    start = datetime.datetime(2023, 1, 1)
    out = sys.stdout if args.out == "-" else open(args.out, "w", encoding="utf-8", newline="")
    with out:
        w = csv.writer(out, lineterminator="\n")
        w.writerow(["id", "date", "channel", "language", "segment", "nps", "csat", "comment"])
        for i in range(1, args.rows + 1):
            w.writerow(row(rng, i, start))


if __name__ == "__main__":
    main()
