// SPDX-License-Identifier: Apache-2.0
// ReadCdr: Asterisk call detail records as call metadata without text.
#include "cdr_reader.h"

#include <boost/spirit/home/x3.hpp>

#include <array>
#include <cstdlib>

#include "text_values.h"

namespace cxmap::callcenter {
namespace {

namespace x3 = boost::spirit::x3;

const x3::rule<class close_quote_class> close_quote = "'\"' closing the field";
const auto close_quote_def = x3::lit('"');
BOOST_SPIRIT_DEFINE(close_quote)
const x3::rule<class field_end_class> field_end = "',' after the quoted field";
const auto field_end_def = &(x3::lit(',') | x3::eoi);
BOOST_SPIRIT_DEFINE(field_end)

const x3::rule<class field_class, std::string> field = "a CSV field";
const auto field_def = (x3::lit('"') > *((x3::lit("\"\"") >> x3::attr('"')) | ~x3::char_('"')) >
                        close_quote > field_end) |
                       *~x3::char_(',');
BOOST_SPIRIT_DEFINE(field)
const auto csv_line = field % ',';

constexpr std::array<std::string_view, 21> kCdrCsv = {
    "accountcode", "src", "dst", "dcontext", "clid", "channel", "dstchannel",
    "lastapp", "lastdata", "start", "answer", "end", "duration", "billsec",
    "disposition", "amaflags", "uniqueid", "userfield", "peeraccount", "linkedid", "sequence"};
constexpr std::array<std::string_view, 19> kCdrCustom = {
    "clid", "src", "dst", "dcontext", "channel", "dstchannel", "lastapp", "lastdata", "start",
    "answer", "end", "duration", "billsec", "disposition", "amaflags", "accountcode",
    "uniqueid", "userfield", "sequence"};

std::string_view Field(const std::vector<std::string>& f, const std::string_view* names,
                       size_t count, std::string_view name) {
  for (size_t i = 0; i < count && i < f.size(); ++i) {
    if (names[i] == name) return f[i];
  }
  return {};
}

/// Asterisk writes start/answer/end in the PBX's local time but uniqueid
/// as "[systemname-]<unix seconds>.<sequence>": their difference, when it
/// is a whole number of quarter hours, is the PBX's UTC offset.
std::optional<int64_t> OffsetFromUniqueId(std::string_view uniqueid, int64_t start_as_utc_ms) {
  std::string_view epoch = uniqueid.substr(uniqueid.rfind('-') + 1);
  epoch = epoch.substr(0, epoch.find('.'));
  auto seconds = ParseNumber(epoch);
  // Unix seconds of a plausible call (10^11 s is about the year 5100):
  // anything larger is not a time, and would overflow the milliseconds
  // below.
  if (!seconds || epoch.size() < 9 || *seconds < 0 || *seconds >= 1e11) return std::nullopt;
  int64_t delta = start_as_utc_ms - static_cast<int64_t>(*seconds) * 1000;
  constexpr int64_t kQuarter = 15 * 60000;
  int64_t rounded = (delta >= 0 ? delta + kQuarter / 2 : delta - kQuarter / 2) / kQuarter * kQuarter;
  if (std::llabs(delta - rounded) > 5000 || std::llabs(rounded) > 14 * 3600000LL) return std::nullopt;
  return rounded;
}

Call RowToCall(const std::vector<std::string>& f, bool custom, uint64_t line,
               std::optional<int> tz) {
  const std::string_view* names = custom ? kCdrCustom.data() : kCdrCsv.data();
  size_t count = custom ? kCdrCustom.size() : kCdrCsv.size();
  auto get = [&](std::string_view name) { return TrimBlanks(Field(f, names, count, name)); };
  Call call;
  call.line = line;
  call.sub_channel = "asterisk";
  call.id = std::string(get("uniqueid"));
  call.disposition = std::string(get("disposition"));
  call.customer = std::string(get("src"));
  call.start_ms = ParseDateTime(get("start"), tz.value_or(0));
  auto answer = ParseDateTime(get("answer"), tz.value_or(0));
  if (!tz && call.start_ms) {
    if (auto offset = OffsetFromUniqueId(call.id, *call.start_ms)) {
      *call.start_ms -= *offset;
      if (answer) *answer -= *offset;
      AddAttribute(call.attributes, "utc_offset_from_uniqueid", FormatSeconds(static_cast<double>(*offset) / 60000) + " min");
    }
  }
  call.duration_s = ParseNumber(get("duration"));
  if (auto bill = ParseNumber(get("billsec"))) AddAttribute(call.attributes, "talk_s", FormatSeconds(*bill));
  if (answer && call.start_ms && *answer >= *call.start_ms) {
    AddAttribute(call.attributes, "wait_s", FormatSeconds(static_cast<double>(*answer - *call.start_ms) / 1000));
  }
  // The answering channel without its unique suffix names the agent's
  // device ("PJSIP/2001-0000001a" → "PJSIP/2001"); Queue() names the queue.
  std::string_view dstchannel = get("dstchannel");
  if (call.disposition == "ANSWERED" && !dstchannel.empty()) {
    size_t dash = dstchannel.rfind('-');
    call.agent = std::string(dash == std::string_view::npos ? dstchannel : dstchannel.substr(0, dash));
  }
  if (get("lastapp") == "Queue") {
    std::string_view data = get("lastdata");
    call.queue = std::string(data.substr(0, data.find(',')));
  }
  for (size_t i = 0; i < count && i < f.size(); ++i) {
    AddAttribute(call.attributes, "cdr_" + std::string(names[i]), TrimBlanks(f[i]));
  }
  AddAttribute(call.attributes, "cdr_layout", custom ? "cdr_custom" : "cdr_csv");
  return call;
}

}  // namespace

std::vector<std::string_view> CdrColumnNames(std::string_view layout) {
  if (layout == "cdr_custom") return {kCdrCustom.begin(), kCdrCustom.end()};
  return {kCdrCsv.begin(), kCdrCsv.end()};
}

bool IsAsteriskDisposition(std::string_view s) {
  s = TrimBlanks(s);
  return s == "ANSWERED" || s == "NO ANSWER" || s == "BUSY" || s == "FAILED" || s == "CONGESTION";
}

bool SplitCsvLine(std::string_view line, std::vector<std::string>& fields, size_t& error_column) {
  fields.clear();
  const char* first = line.data();
  const char* it = first;
  const char* last = first + line.size();
  try {
    if (x3::parse(it, last, csv_line, fields) && it == last) return true;
    error_column = static_cast<size_t>(it - first) + 1;
  } catch (const x3::expectation_failure<const char*>& e) {
    error_column = static_cast<size_t>(e.where() - first) + 1;
  }
  return false;
}

ParsedInput ReadCdr(std::string_view data, std::optional<int> utc_offset_minutes) {
  ParsedInput out;
  out.format = "cdr";
  if (data.substr(0, 3) == "\xEF\xBB\xBF") data.remove_prefix(3);
  std::vector<std::string> fields;
  uint64_t number = 0, csv_rows = 0, custom_rows = 0;
  for (size_t pos = 0; pos < data.size();) {
    size_t end = std::min(data.find('\n', pos), data.size());
    std::string_view line = data.substr(pos, end - pos);
    pos = end + 1;
    ++number;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (TrimBlanks(line).empty()) continue;
    std::string excerpt(TruncateUtf8(line, 200));
    if (size_t bad = FirstInvalidUtf8(line); bad != std::string_view::npos) {
      out.rejects.push_back({number, bad + 1, "invalid UTF-8 at byte column " + std::to_string(bad + 1),
                             std::string(TruncateUtf8(line.substr(0, bad), 200))});
      continue;
    }
    size_t column = 0;
    if (!SplitCsvLine(line, fields, column)) {
      out.rejects.push_back({number, column, "broken CSV quoting at column " + std::to_string(column), excerpt});
      continue;
    }
    size_t n = fields.size();
    bool csv = n > 14 && IsAsteriskDisposition(fields[14]) && (n == 16 || n == 17 || n == 18 || n == 21);
    bool custom = !csv && n > 13 && IsAsteriskDisposition(fields[13]) && (n == 18 || n == 19);
    if (!csv && !custom) {
      out.rejects.push_back(
          {number, 0,
           std::to_string(n) + " fields" +
               ((n > 14 && IsAsteriskDisposition(fields[14])) ||
                        (n > 13 && IsAsteriskDisposition(fields[13]))
                    ? ""
                    : " and no Asterisk disposition (ANSWERED, NO ANSWER, BUSY, FAILED, CONGESTION)") +
               "; an Asterisk CDR row has 16-18 or 21 fields (cdr_csv) or 18-19 (cdr_custom)",
           excerpt});
      continue;
    }
    (custom ? custom_rows : csv_rows) += 1;
    out.calls.push_back(RowToCall(fields, custom, number, utc_offset_minutes));
  }
  out.details.emplace_back("cdr_layout", custom_rows > csv_rows ? "cdr_custom" : "cdr_csv");
  return out;
}

}  // namespace cxmap::callcenter
