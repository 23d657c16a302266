#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Builds the survey fixtures no platform publishes a sample of.

Each file follows its platform's documented export layout (see the SOURCE.md
next to it); the answers are invented, in Vietnamese, Thai, Chinese (both
scripts) and English. Deterministic: running it again gives the same bytes.

    python3 plugins/source_csv_survey/tests/data/make_survey_fixtures.py

writes tests/data/fixtures/{qualtrics,surveymonkey,google_forms,limesurvey,
typeform,microsoft_forms}/built_* and plugins/source_csv_survey/tests/data/xlsx/*.
Only the Python standard library is used (zipfile writes the XLSX packages).
"""
import csv
import io
import os
import zipfile
from datetime import datetime
from xml.sax.saxutils import escape

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.abspath(os.path.join(HERE, "..", "..", "..", ".."))
FIXTURES = os.path.join(REPO, "tests", "data", "fixtures")
XLSX_DIR = os.path.join(HERE, "xlsx")
FIXED_TIME = (2024, 3, 5, 12, 0, 0)  # zip entry times, for identical bytes


def csv_text(rows, delimiter=",", line_end="\r\n"):
    out = io.StringIO()
    w = csv.writer(out, delimiter=delimiter, lineterminator=line_end, quoting=csv.QUOTE_MINIMAL)
    for r in rows:
        w.writerow(r)
    return out.getvalue()


def write(path, data):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data)


# --------------------------------------------------------------------------
# Qualtrics: "Download data table" as TSV, which Qualtrics writes in UTF-16
# (LE, with BOM), CRLF; three header rows: ids, question text, ImportId
# descriptors (dates carry their timeZone). Choice text export; Q1 is an NPS
# question with its Q1_NPS_GROUP column; Q3 a text entry; Q4 a multiple
# choice with an "Other" text box (Q4_5_TEXT).
def qualtrics():
    ids = ["StartDate", "EndDate", "Status", "IPAddress", "Progress", "Duration (in seconds)",
           "Finished", "RecordedDate", "ResponseId", "RecipientLastName", "RecipientFirstName",
           "RecipientEmail", "ExternalReference", "LocationLatitude", "LocationLongitude",
           "DistributionChannel", "UserLanguage", "Q1", "Q1_NPS_GROUP", "Q2", "Q3", "Q4",
           "Q4_5_TEXT"]
    labels = ["Start Date", "End Date", "Response Type", "IP Address", "Progress",
              "Duration (in seconds)", "Finished", "Recorded Date", "Response ID",
              "Recipient Last Name", "Recipient First Name", "Recipient Email",
              "External Data Reference", "Location Latitude", "Location Longitude",
              "Distribution Channel", "User Language",
              "How likely are you to recommend Cafe Sao to a friend or colleague?",
              "How likely are you to recommend Cafe Sao to a friend or colleague? - Group",
              "How satisfied were you with your last order?",
              "What is the main reason for your score?",
              "How did you order? - Selected Choice",
              "How did you order? - Other - Text"]
    tz = ',"timeZone":"Asia/Ho_Chi_Minh"'
    imports = ['{"ImportId":"startDate"%s}' % tz, '{"ImportId":"endDate"%s}' % tz,
               '{"ImportId":"status"}', '{"ImportId":"ipAddress"}', '{"ImportId":"progress"}',
               '{"ImportId":"duration"}', '{"ImportId":"finished"}',
               '{"ImportId":"recordedDate"%s}' % tz, '{"ImportId":"_recordId"}',
               '{"ImportId":"recipientLastName"}', '{"ImportId":"recipientFirstName"}',
               '{"ImportId":"recipientEmail"}', '{"ImportId":"externalDataReference"}',
               '{"ImportId":"locationLatitude"}', '{"ImportId":"locationLongitude"}',
               '{"ImportId":"distributionChannel"}', '{"ImportId":"userLanguage"}',
               '{"ImportId":"QID1"}', '{"ImportId":"QID1_NPS_GROUP"}', '{"ImportId":"QID2"}',
               '{"ImportId":"QID3_TEXT"}', '{"ImportId":"QID4"}', '{"ImportId":"QID4_5_TEXT"}']

    def row(n, day, lang, nps, group, csat, why, how, other, finished="True", progress="100"):
        t = "2024-03-%02d 09:%02d:22" % (day, 10 + n)
        return [t, t, "IP Address", "203.0.113.%d" % n, progress, str(60 + n), finished, t,
                "R_%s" % ("1a2B3c4D5e6F7g"[:12] + str(n)), "", "", "", "", "10.77", "106.70",
                "anonymous", lang, nps, group, csat, why, how, other]

    data = [
        row(1, 5, "VI", "9", "Promoter", "Very satisfied",
            "Giao hàng nhanh, cà phê vẫn còn nóng. Nhân viên rất thân thiện!", "App", ""),
        row(2, 5, "TH", "3", "Detractor", "Somewhat dissatisfied",
            "แอปค้างตอนชำระเงิน ต้องสั่งใหม่สองครั้ง", "App", ""),
        row(3, 6, "ZH-S", "10", "Promoter", "Extremely satisfied",
            "配送很快，包装也很好，下次还会再点。", "Website", ""),
        row(4, 6, "ZH-T", "6", "Detractor", "Neither satisfied nor dissatisfied",
            "等了四十分鐘才送到，咖啡都涼了。", "Phone", ""),
        row(5, 7, "EN", "8", "Passive", "Somewhat satisfied", "", "Other",
            "Through the office canteen kiosk; the loyalty points never showed up."),
        row(6, 7, "EN", "", "", "", "Couldn't find where to enter the promo code.", "", "",
            finished="False", progress="40"),
    ]
    text = csv_text([ids, labels, imports] + data, delimiter="\t")
    write(os.path.join(FIXTURES, "qualtrics", "built_qualtrics_utf16.tsv"),
          b"\xff\xfe" + text.encode("utf-16-le"))


# --------------------------------------------------------------------------
# SurveyMonkey "All responses data", expanded: row 1 question text over the
# first column of each question (blank continuation cells), row 2
# "Response" / "Open-Ended Response" / choice labels. Written as CSV and XLSX.
def surveymonkey_rows():
    head = ["Respondent ID", "Collector ID", "Start Date", "End Date", "IP Address",
            "Email Address", "First Name", "Last Name", "Custom Data 1",
            "How likely is it that you would recommend Mì Ngon to a friend or colleague?",
            "Which channels did you use to order?<br>Select all that apply.", "", "",
            "What is the main reason for your score?",
            "Overall, how satisfied are you with the delivery?"]
    sub = ["", "", "", "", "", "", "", "", "", "Response", "App", "Website",
           "Other (please specify)", "Open-Ended Response", "Response"]
    people = [
        ("11468523401", "03/05/2024 09:12:44 AM", "03/05/2024 09:15:02 AM", "lan.nguyen@example.com",
         "Lan", "Nguyễn", "VN-HCM", "10", "App", "", "", "Mì rất ngon, giao đúng giờ. Sẽ giới thiệu cho bạn bè.",
         "Very satisfied"),
        ("11468523402", "03/05/2024 01:40:10 PM", "03/05/2024 01:44:51 PM", "somchai@example.com",
         "Somchai", "Suksawat", "TH-BKK", "4", "App", "Website", "", "รอนานเกินไป อาหารมาถึงก็เย็นแล้ว",
         "Somewhat dissatisfied"),
        ("11468523403", "03/06/2024 08:05:00 AM", "03/06/2024 08:07:30 AM", "", "", "", "CN-SH", "9",
         "", "Website", "", "服务态度很好，面条的味道很正宗。", "Very satisfied"),
        ("11468523404", "03/06/2024 07:55:12 PM", "03/06/2024 07:58:40 PM", "", "", "", "TW-TPE", "2",
         "App", "", "LINE 官方帳號", "外送員找不到地址，打電話也沒有人接。", "Very dissatisfied"),
        ("11468523405", "03/07/2024 11:30:00 AM", "03/07/2024 11:31:10 AM", "sam@example.com", "Sam",
         "Taylor", "US-SEA", "7", "", "Website", "", "Good food but the app kept logging me out.",
         "Neither satisfied nor dissatisfied"),
        ("11468523406", "03/07/2024 12:02:00 PM", "03/07/2024 12:02:30 PM", "", "", "", "", "8", "App",
         "", "Zalo", "", "Somewhat satisfied"),
    ]
    rows = [head, sub]
    for (rid, start, end, email, first, last, custom, nps, app, web, other, why, sat) in people:
        rows.append([rid, "431882071", start, end, "198.51.100.%s" % rid[-1], email, first, last,
                     custom, nps, app, web, other, why, sat])
    return rows


# --------------------------------------------------------------------------
# Minimal OOXML writer: shared strings (optionally inline strings), numbers,
# date cells (a serial number in a date style), booleans.
def serial(dt_text, fmt):
    dt = datetime.strptime(dt_text, fmt)
    delta = dt - datetime(1899, 12, 30)
    return delta.days + delta.seconds / 86400.0


def col_name(i):
    s = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        s = chr(65 + r) + s
    return s


class Sheet:
    """Cells: str -> shared string, ("inline", s), ("date", serial), ("bool", b), int/float,
    ("raw", xml) for hand-written cells; None -> no cell."""

    def __init__(self, name, rows, date1904=False):
        self.name, self.rows, self.date1904 = name, rows, date1904


def xlsx_bytes(sheets, date_style_code=None, sheet_xml_override=None, prefix=""):
    strings, index = [], {}

    def sst(s):
        if s not in index:
            index[s] = len(strings)
            strings.append(s)
        return index[s]

    sheet_xml = []
    for sh in sheets:
        out = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n',
               '<%sworksheet xmlns%s="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
               % (prefix, (":" + prefix[:-1]) if prefix else ""),
               "<%ssheetData>" % prefix]
        for r, cells in enumerate(sh.rows, start=1):
            out.append('<%srow r="%d">' % (prefix, r))
            for c, v in enumerate(cells):
                ref = "%s%d" % (col_name(c), r)
                p = prefix
                if v is None or v == "":
                    continue
                if isinstance(v, str):
                    out.append('<%sc r="%s" t="s"><%sv>%d</%sv></%sc>' % (p, ref, p, sst(v), p, p))
                elif isinstance(v, tuple) and v[0] == "inline":
                    out.append('<%sc r="%s" t="inlineStr"><%sis><%st>%s</%st></%sis></%sc>'
                               % (p, ref, p, p, escape(v[1]), p, p, p))
                elif isinstance(v, tuple) and v[0] == "date":
                    out.append('<%sc r="%s" s="1"><%sv>%r</%sv></%sc>' % (p, ref, p, v[1], p, p))
                elif isinstance(v, tuple) and v[0] == "bool":
                    out.append('<%sc r="%s" t="b"><%sv>%d</%sv></%sc>' % (p, ref, p, v[1], p, p))
                elif isinstance(v, tuple) and v[0] == "raw":
                    out.append(v[1].replace("REF", ref))
                else:
                    out.append('<%sc r="%s"><%sv>%s</%sv></%sc>' % (p, ref, p, v, p, p))
            out.append("</%srow>" % prefix)
        out.append("</%ssheetData></%sworksheet>" % (prefix, prefix))
        sheet_xml.append("".join(out))
    if sheet_xml_override is not None:
        sheet_xml[0] = sheet_xml_override
    sst_xml = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
               '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="%d" '
               'uniqueCount="%d">' % (len(strings), len(strings))
               + "".join('<si><t xml:space="preserve">%s</t></si>' % escape(s) for s in strings)
               + "</sst>")
    num_fmts = ""
    date_fmt_id = 22  # built-in "m/d/yy h:mm"
    if date_style_code:
        date_fmt_id = 164
        num_fmts = '<numFmts count="1"><numFmt numFmtId="164" formatCode="%s"/></numFmts>' % escape(
            date_style_code, {'"': "&quot;"})
    styles = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
              '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
              + num_fmts +
              '<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>'
              '<fills count="1"><fill><patternFill patternType="none"/></fill></fills>'
              '<borders count="1"><border/></borders>'
              '<cellStyleXfs count="1"><xf numFmtId="0"/></cellStyleXfs>'
              '<cellXfs count="2"><xf numFmtId="0" xfId="0"/>'
              '<xf numFmtId="%d" xfId="0" applyNumberFormat="1"/></cellXfs>'
              "</styleSheet>" % date_fmt_id)
    wb_pr = '<workbookPr date1904="1"/>' if sheets[0].date1904 else "<workbookPr/>"
    workbook = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
                'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
                + wb_pr + "<sheets>"
                + "".join('<sheet name="%s" sheetId="%d" r:id="rId%d"/>' % (escape(s.name), i + 1, i + 1)
                          for i, s in enumerate(sheets))
                + "</sheets></workbook>")
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    wb_rels = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
               '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
               + "".join('<Relationship Id="rId%d" Type="%s/worksheet" Target="worksheets/sheet%d.xml"/>'
                         % (i + 1, rel, i + 1) for i in range(len(sheets)))
               + '<Relationship Id="rId%d" Type="%s/sharedStrings" Target="sharedStrings.xml"/>'
               % (len(sheets) + 1, rel)
               + '<Relationship Id="rId%d" Type="%s/styles" Target="styles.xml"/>' % (len(sheets) + 2, rel)
               + "</Relationships>")
    root_rels = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                 '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                 '<Relationship Id="rId1" Type="%s/officeDocument" Target="xl/workbook.xml"/>'
                 "</Relationships>" % rel)
    ct = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
          '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
          '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
          '<Default Extension="xml" ContentType="application/xml"/>'
          '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
          + "".join('<Override PartName="/xl/worksheets/sheet%d.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' % (i + 1) for i in range(len(sheets)))
          + '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
          '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
          "</Types>")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        def add(name, text):
            info = zipfile.ZipInfo(name, FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, text.encode("utf-8") if isinstance(text, str) else text)
        add("[Content_Types].xml", ct)
        add("_rels/.rels", root_rels)
        add("xl/workbook.xml", workbook)
        add("xl/_rels/workbook.xml.rels", wb_rels)
        for i, x in enumerate(sheet_xml):
            add("xl/worksheets/sheet%d.xml" % (i + 1), x)
        add("xl/sharedStrings.xml", sst_xml)
        add("xl/styles.xml", styles)
    return buf.getvalue()


def surveymonkey():
    rows = surveymonkey_rows()
    write(os.path.join(FIXTURES, "surveymonkey", "built_surveymonkey_expanded.csv"),
          csv_text(rows).encode("utf-8"))
    cells = [rows[0], rows[1]]
    for r in rows[2:]:
        fmt = "%m/%d/%Y %I:%M:%S %p"
        cells.append([int(r[0]), int(r[1]), ("date", serial(r[2], fmt)), ("date", serial(r[3], fmt))]
                     + r[4:9] + [int(r[9])] + r[10:])
    write(os.path.join(FIXTURES, "surveymonkey", "built_surveymonkey_expanded.xlsx"),
          xlsx_bytes([Sheet("Sheet", cells)], date_style_code="m/d/yyyy h:mm:ss AM/PM"))


# --------------------------------------------------------------------------
# Microsoft Forms "Open in Excel": one sheet, ID, Start time, Completion time,
# Email, Name, then one column per question; times are date cells.
def microsoft_forms():
    head = ["ID", "Start time", "Completion time", "Email", "Name",
            "How satisfied are you with the store visit?",
            "How likely are you to recommend Chợ Xanh to a friend?",
            "What did you like or dislike about the visit?", "Which store did you visit?"]
    fmt = "%Y-%m-%d %H:%M:%S"
    data = [
        (1, "2024-04-01 08:00:05", "2024-04-01 08:02:40", "anonymous", "", 5, 9,
         "Rau củ tươi, nhân viên tư vấn nhiệt tình.", "Quận 1"),
        (2, "2024-04-01 10:15:00", "2024-04-01 10:19:12", "mai.tran@example.com", "Trần Mai", 2, 4,
         "Xếp hàng thanh toán quá lâu, chỉ mở một quầy.", "Quận 3"),
        (3, "2024-04-02 14:20:00", "2024-04-02 14:21:30", "anonymous", "", 4, 8,
         "ผักสดดี แต่ที่จอดรถน้อยมาก", "Quận 1"),
        (4, "2024-04-02 18:45:10", "2024-04-02 18:49:55", "anonymous", "", 3, 7,
         "水果很新鲜，但是价格有点贵。", "Thủ Đức"),
        (5, "2024-04-03 09:05:00", "2024-04-03 09:06:00", "anonymous", "", 1, 0,
         "店員態度很差，結帳時還算錯錢。", "Quận 3"),
        (6, "2024-04-03 11:11:11", "2024-04-03 11:13:00", "anonymous", "", 5, 10, "", "Thủ Đức"),
        (7, "2024-04-03 16:30:00", "2024-04-03 16:33:20", "alex@example.com", "Alex Kim", 4, 9,
         "Great selection of local produce and the self-checkout worked well.", "Quận 1"),
    ]
    cells = [head]
    for (i, start, end, email, name, sat, nps, why, store) in data:
        cells.append([i, ("date", serial(start, fmt)), ("date", serial(end, fmt)), email, name, sat,
                      nps, why, store])
    write(os.path.join(FIXTURES, "microsoft_forms", "built_microsoft_forms.xlsx"),
          xlsx_bytes([Sheet("Sheet1", cells)]))


# --------------------------------------------------------------------------
# Google Forms responses downloaded as CSV from the linked sheet: Timestamp
# (M/D/YYYY H:MM:SS), then one column per question; checkbox answers joined
# by ", ".
def google_forms():
    head = ["Timestamp", "Email Address", "How likely are you to recommend Xe Nhanh? (0-10)",
            "Which features do you use?", "What should we improve?", "Preferred language"]
    data = [
        ["3/10/2024 8:01:12", "hoa@example.com", "9", "Booking, Tracking",
         "Tài xế đến đúng giờ nhưng ứng dụng hay báo lỗi khi thanh toán.", "Tiếng Việt"],
        ["3/10/2024 8:15:40", "", "6", "Booking", "คนขับสุภาพ แต่ราคาช่วงเย็นแพงเกินไป", "ภาษาไทย"],
        ["3/10/2024 9:02:03", "", "10", "Booking, Tracking, Payments", "", "English"],
        ["3/11/2024 12:30:00", "wei@example.com", "3", "Tracking, Payments",
         "司机绕路，多收了车费，客服也不回复。", "中文"],
        ["3/11/2024 13:45:21", "", "7", "Booking, Payments", "希望增加電子發票的選項。", "中文"],
        ["3/12/2024 18:05:09", "", "8", "Booking, Tracking",
         "Smooth rides overall, but the map froze twice during pickup.", "English"],
        ["3/12/2024 19:22:47", "", "4", "Payments",
         "Không áp dụng được mã giảm giá, phải liên hệ tổng đài.", "Tiếng Việt"],
        ["3/13/2024 7:50:00", "", "9", "Booking, Tracking, Payments", "", "English"],
    ]
    write(os.path.join(FIXTURES, "google_forms", "built_google_forms.csv"),
          csv_text([head] + data).encode("utf-8"))


# --------------------------------------------------------------------------
# Typeform "Download responses" CSV: # (response token), one column per
# question, then Response Type, Start Date (UTC), Stage Date (UTC),
# Submit Date (UTC), Network ID, Tags.
def typeform():
    head = ["#", "How likely are you to recommend Phở Online to a friend?",
            "What could we do better?", "Which city do you live in?", "Response Type",
            "Start Date (UTC)", "Stage Date (UTC)", "Submit Date (UTC)", "Network ID", "Tags"]
    data = [
        ["q8x2m1rmp0f1n7zq8x2mdk3b0c1k2vp9", "9", "Thêm nhiều món chay hơn nhé, phở rất ngon!",
         "Hanoi", "completed", "2024-05-02 01:10:00", "", "2024-05-02 01:12:31", "5e1c7a9b02", ""],
        ["w3r9t2yb4k6h8j1lw3r9t2ybb1u5sd0a", "5", "ส่งช้ามาก รอเกือบชั่วโมง", "Bangkok", "completed",
         "2024-05-02 11:40:00", "", "2024-05-02 11:44:10", "a81f55c3e7", ""],
        ["z1x2c3v4b5n6m7l8z1x2c3v4rr9qx2mf", "10", "汤底很香，外卖包装也很用心。", "Shanghai",
         "completed", "2024-05-03 04:00:00", "", "2024-05-03 04:01:05", "0c3b2e9d11", "vip"],
        ["p0o9i8u7y6t5r4e3p0o9i8u7kz7ee8wq", "2", "訂單被取消了卻沒有通知我。", "Taipei", "completed",
         "2024-05-03 12:20:00", "", "2024-05-03 12:22:40", "77d1ac0e95", ""],
        ["a9s8d7f6g5h4j3k2a9s8d7f6uu1mm3zt", "8", "Portions could be bigger for the price.",
         "Seattle", "completed", "2024-05-04 20:00:00", "", "2024-05-04 20:03:00", "3f9e8d7c6b", ""],
        ["m5n6b7v8c9x0z1a2m5n6b7v8yy2pp0qd", "", "", "Hanoi", "partial", "2024-05-05 02:00:00",
         "2024-05-05 02:00:40", "", "5e1c7a9b02", ""],
    ]
    write(os.path.join(FIXTURES, "typeform", "built_typeform.csv"), csv_text([head] + data).encode("utf-8"))


# --------------------------------------------------------------------------
# LimeSurvey Responses > Export > CSV with "Question code" headings; and the
# survey-structure .txt (TSV: class, type/scale, name, text…), which holds
# no responses.
def limesurvey():
    head = ["id", "submitdate", "lastpage", "startlanguage", "seed", "startdate", "datestamp",
            "ipaddr", "satisfaction", "improve", "channels[SQ001]", "channels[SQ002]",
            "channels[other]"]
    data = [
        ["1", "2024-06-01 09:00:12", "2", "vi", "129384756", "2024-06-01 08:58:00",
         "2024-06-01 09:00:12", "192.0.2.10", "4", "Ứng dụng dễ dùng nhưng thông báo đến trễ.", "Y", "", ""],
        ["2", "2024-06-01 10:30:45", "2", "th", "564738291", "2024-06-01 10:29:00",
         "2024-06-01 10:30:45", "192.0.2.11", "2", "ติดต่อพนักงานยากมาก รอสายนาน", "", "Y", ""],
        ["3", "2024-06-02 14:12:00", "2", "zh-Hans", "918273645", "2024-06-02 14:10:00",
         "2024-06-02 14:12:00", "192.0.2.12", "5", "界面清晰，操作很方便。", "Y", "Y", ""],
        ["4", "", "1", "zh-Hant-TW", "283746519", "2024-06-02 15:00:00", "2024-06-02 15:01:00",
         "192.0.2.13", "", "", "", "", ""],
        ["5", "2024-06-03 08:45:30", "2", "en", "847362519", "2024-06-03 08:44:00",
         "2024-06-03 08:45:30", "192.0.2.14", "3", "The survey link in the email was broken at first.",
         "", "", "Word of mouth from a colleague"],
    ]
    write(os.path.join(FIXTURES, "limesurvey", "built_limesurvey_codes.csv"),
          csv_text([head] + data, line_end="\n").encode("utf-8"))
    structure = [
        ["id", "related_id", "class", "type/scale", "name", "relevance", "text", "help", "language",
         "validation", "mandatory", "other", "default", "same_default"],
        ["", "", "S", "", "sid", "", "512345", "", "", "", "", "", "", ""],
        ["", "", "S", "", "format", "", "G", "", "", "", "", "", "", ""],
        ["", "", "SL", "", "surveyls_title", "", "Khảo sát khách hàng", "", "vi", "", "", "", "", ""],
        ["1", "", "G", "0", "Feedback", "1", "", "", "vi", "", "", "", "", ""],
        ["2", "", "Q", "5", "satisfaction", "1", "Bạn hài lòng đến mức nào?", "", "vi", "", "Y", "N",
         "", "0"],
        ["3", "", "Q", "T", "improve", "1", "Chúng tôi nên cải thiện điều gì?", "", "vi", "", "N", "N",
         "", "0"],
    ]
    write(os.path.join(FIXTURES, "limesurvey", "built_limesurvey_structure.txt"),
          csv_text(structure, delimiter="\t", line_end="\n").encode("utf-8"))


# --------------------------------------------------------------------------
# Hostile and broken workbooks for the reader's own tests.
def bad_xlsx():
    header = ["ID", "Comment", "Score"]
    good = Sheet("Data", [header, [1, "first good row", 4], [2, "second good row", 5]])
    base = xlsx_bytes([good])
    # A zip bomb: 64 MiB of whitespace inside <sheetData> deflates ~1000:1.
    bomb_xml = ('<?xml version="1.0" encoding="UTF-8"?>\n<worksheet '
                'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
                + " " * (64 << 20) + "</sheetData></worksheet>")
    write(os.path.join(XLSX_DIR, "zip_bomb.xlsx"), xlsx_bytes([good], sheet_xml_override=bomb_xml))
    # Entity expansion (billion laughs) in the sheet: must be refused, not expanded.
    lol = ('<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE worksheet [\n'
           '<!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">\n'
           + "".join('<!ENTITY %s "%s">\n' % (chr(98 + i), ("&%s;" % chr(97 + i)) * 10) for i in range(9))
           + ']>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
           '<row r="1"><c r="A1" t="inlineStr"><is><t>&j;</t></is></c></row></sheetData></worksheet>')
    write(os.path.join(XLSX_DIR, "entities.xlsx"), xlsx_bytes([good], sheet_xml_override=lol))
    # Cells that cannot be read, between good rows; then the XML stops mid-row.
    rows = [header, [1, "good before", 4],
            [2, ("raw", '<c r="REF" t="s"><v>999</v></c>'), 3],
            [3, "good between", ("raw", '<c r="REF"><v>4</v></c>')],
            [4, "bad number", ("raw", '<c r="REF"><v>four</v></c>')],
            [5, "good after", 5]]
    write(os.path.join(XLSX_DIR, "bad_cells.xlsx"), xlsx_bytes([Sheet("Data", rows)]))
    full = xlsx_bytes([Sheet("Data", rows)])
    z = zipfile.ZipFile(io.BytesIO(full))
    sheet = z.read("xl/worksheets/sheet1.xml").decode()
    cut = sheet[: sheet.index('<row r="5"') + 30]  # mid-row: expat reports where
    write(os.path.join(XLSX_DIR, "malformed_tail.xlsx"), xlsx_bytes([Sheet("Data", rows)],
                                                                    sheet_xml_override=cut))
    # Value kinds: inline strings, booleans, errors, a 1904 date system, a
    # second sheet, a prefixed namespace (<x:c>), gaps between cells.
    kinds = [["Name", "Flag", "When", "Note", "Gap", "Last"],
             [("inline", "inline text"), ("bool", 1), ("date", 43890.5 - 1462), "_x000D_x",
              None, ("raw", '<x:c r="REF" t="e"><x:v>#N/A</x:v></x:c>')],
             [("inline", "second"), ("bool", 0), ("date", 0.75), None, None, 12.5]]
    write(os.path.join(XLSX_DIR, "value_kinds.xlsx"),
          xlsx_bytes([Sheet("Kinds", kinds, date1904=True), Sheet("Other", [["A"], ["b"]])],
                     prefix="x:"))
    return base


def main():
    qualtrics()
    surveymonkey()
    microsoft_forms()
    google_forms()
    typeform()
    limesurvey()
    bad_xlsx()


if __name__ == "__main__":
    main()
