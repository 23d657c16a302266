// SPDX-License-Identifier: Apache-2.0
// The line grammar of text transcripts and call logs, in Boost.Spirit X3.
// X3 checks the shape of a line; the numbers inside a timestamp are checked
// afterwards so that "[00:61:00]" is reported as a bad time, not a bad shape.
#include "transcript_grammar.h"

#include <boost/fusion/include/std_pair.hpp>
#include <boost/range/iterator_range.hpp>
#include <boost/spirit/home/x3.hpp>

#include "text_values.h"

namespace cxmap::callcenter {
namespace {

namespace x3 = boost::spirit::x3;
using It = const char*;
using Range = boost::iterator_range<It>;
using x3::char_;
using x3::lit;

// Byte-safe classes: X3's standard::digit/blank/alpha assert on bytes above
// 0x7F, and every Vietnamese, Thai or Chinese label has them.
const auto digit = char_('0', '9');
const auto blank = char_(" \t");
const auto alpha = char_("a-zA-Z");
const auto alnum = char_("a-zA-Z0-9");
using x3::raw;
using x3::repeat;

// Timestamps: [date (T|blank)] h:mm[:ss][.fff][ AM|PM][Z|±hh[:]mm]
const auto date_sep = char_("-/.");
const auto date_part = (repeat(4)[digit] >> date_sep >> repeat(1, 2)[digit] >> date_sep >>
                        repeat(1, 2)[digit]) |
                       (repeat(1, 2)[digit] >> date_sep >> repeat(1, 2)[digit] >> date_sep >>
                        repeat(4)[digit]);
const auto clock = repeat(1, 2)[digit] >> ':' >> repeat(2)[digit] >> -(':' >> repeat(2)[digit]) >>
                   -(char_(".,") >> +digit) >> -(*blank >> x3::no_case[lit("am") | lit("pm")] >> !alpha);
const auto zone = lit('Z') | (char_("+-") >> repeat(2)[digit] >> -lit(':') >> repeat(2)[digit]);
const x3::rule<class stamp_class, Range> stamp = "a time such as 00:01:23";
const auto stamp_def = raw[-(date_part >> (lit('T') | +blank)) >> clock >> -zone];
BOOST_SPIRIT_DEFINE(stamp)

// What tells a line is a stamped turn before the whole stamp is read.
const auto stamp_start = repeat(1, 4)[digit] >> char_("-:/.");
const auto full_colon = lit("\xEF\xBC\x9A");  // U+FF1A FULLWIDTH COLON, as zh exports write
const auto colon_any = lit(':') | full_colon;
const x3::rule<class colon_class> colon = "':' after the speaker";
const auto colon_def = colon_any;
BOOST_SPIRIT_DEFINE(colon)

const auto label_char = char_ - colon_any - char_("[]") - (lit('(') >> digit);
const x3::rule<class speaker_class, Range> speaker = "a speaker label";
const auto speaker_def = raw[label_char >> *label_char];
BOOST_SPIRIT_DEFINE(speaker)

// Named so that an expectation failure reads "expected a speaker label".
const x3::rule<class speaker_ahead_class> speaker_ahead = "a speaker label";
const auto speaker_ahead_def = &label_char;
BOOST_SPIRIT_DEFINE(speaker_ahead)

const x3::rule<class close_class> close_bracket = "']' closing the timestamp";
const auto close_bracket_def = lit(']');
BOOST_SPIRIT_DEFINE(close_bracket)

const auto separator = *blank >> (repeat(3, x3::inf)[lit('-')] | repeat(3, x3::inf)[lit('=')] |
                                  repeat(3, x3::inf)[lit('*')] | repeat(3, x3::inf)[lit('#')] |
                                  repeat(3, x3::inf)[lit('~')] | repeat(3, x3::inf)[lit('_')]);

// key=value records: call_id=C1, agent="Nguyễn Lan"; csat=4 | queue=billing
const auto key = raw[(alpha | char_('_')) >> *(alnum | char_("_.-"))];
const auto pair_sep = +(blank | char_(",;|"));
const x3::rule<class quote_class> closing_quote = "a closing '\"'";
const auto closing_quote_def = lit('"');
BOOST_SPIRIT_DEFINE(closing_quote)
const auto quoted =
    '"' > *((lit("\"\"") >> x3::attr('"')) | (lit("\\\"") >> x3::attr('"')) | ~char_('"')) >
    closing_quote;
// An unquoted value runs up to the next " key=" or the trailing separators.
// Separator runs are taken whole, so a long run of blanks costs one pass,
// not one look-ahead per blank.
const auto sep_char = blank | char_(",;|");
const auto plain =
    raw[*(+(char_ - sep_char) | (+sep_char >> !(key >> *blank >> '=') >> !x3::eoi))];
const x3::rule<class kv_pair_class, std::pair<std::string, std::string>> kv_pair = "key=value";
const auto kv_pair_def = key >> x3::omit[*blank] >> '=' >> x3::omit[*blank] >> (quoted | plain);
BOOST_SPIRIT_DEFINE(kv_pair)
const auto kv_line =
    x3::omit[*blank] >> (kv_pair % pair_sep) >> x3::omit[*(blank | char_(",;|"))] >> x3::eoi;

std::string_view View(const Range& r) { return {r.begin(), static_cast<size_t>(r.size())}; }

/// Reads the numbers of a stamp the grammar accepted; nullopt when out of range.
std::optional<Stamp> ReadStamp(std::string_view text, int utc_offset_minutes) {
  Stamp s;
  s.text = std::string(text);
  if (text.find_first_of("-/.") < text.find(':') && text.find(':') != std::string_view::npos) {
    s.absolute_ms = ParseDateTime(text, utc_offset_minutes);
    if (!s.absolute_ms) return std::nullopt;
    size_t t = text.find_first_of("T ");
    text = TrimBlanks(text.substr(t + 1));
  }
  int parts[3] = {0, 0, 0}, n = 0;
  size_t i = 0;
  while (n < 3) {
    int v = 0;
    size_t b = i;
    while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]))) v = v * 10 + (text[i++] - '0');
    if (i == b) break;
    parts[n++] = v;
    if (i >= text.size() || text[i] != ':') break;
    ++i;
  }
  int frac_ms = 0;
  if (i < text.size() && (text[i] == '.' || text[i] == ',')) {
    int scale = 100;
    for (++i; i < text.size() && std::isdigit(static_cast<unsigned char>(text[i])); ++i) {
      frac_ms += (text[i] - '0') * scale;
      scale /= 10;
    }
  }
  std::string_view rest = TrimBlanks(text.substr(i));
  bool pm = !rest.empty() && (rest[0] == 'p' || rest[0] == 'P');
  bool am = !rest.empty() && (rest[0] == 'a' || rest[0] == 'A');
  s.has_hours = n == 3 || am || pm;
  int h = n == 3 ? parts[0] : (am || pm ? parts[0] : 0);
  int m = n == 3 ? parts[1] : (am || pm ? parts[1] : parts[0]);
  int sec = n == 3 ? parts[2] : (am || pm ? 0 : parts[1]);
  if (am || pm) {
    if (h < 1 || h > 12) return std::nullopt;
    h = h % 12 + (pm ? 12 : 0);
  }
  // Offsets may run past 24 h only in theory; a call longer than a day is a typo.
  if (h > 23 || m > 59 || sec > 59) return std::nullopt;
  s.clock_ms = ((h * 60 + m) * 60 + sec) * int64_t{1000} + frac_ms;
  return s;
}

TranscriptLine Error(It first, It where, std::string reason) {
  TranscriptLine out;
  out.kind = TranscriptLine::Kind::kError;
  out.column = static_cast<uint64_t>(where - first) + 1;
  out.reason = std::move(reason);
  return out;
}

/// Parses "[stamp] [-|] speaker [(stamp)] : text" into spans. With `committed`
/// the bracketed stamp has begun, and every later part is an expectation.
struct TurnSpans {
  Range before, label, after, text;
};

}  // namespace

TranscriptLine ParseTranscriptLine(std::string_view line, int utc_offset_minutes) {
  TranscriptLine out;
  It first = line.data(), last = line.data() + line.size();
  if (TrimBlanks(line).empty()) {
    out.kind = TranscriptLine::Kind::kBlank;
    return out;
  }
  if (It it = first; x3::parse(it, last, separator)) {
    out.kind = TranscriptLine::Kind::kSeparator;
    return out;
  }
  TurnSpans spans;
  auto keep = [](Range& target) { return [&target](auto& ctx) { target = x3::_attr(ctx); }; };
  const auto after_stamp = *blank >> -((lit('(') >> stamp[keep(spans.after)] >> ')') |
                                       (lit('[') >> stamp[keep(spans.after)] >> ']'));
  const auto text = *blank >> raw[*char_][keep(spans.text)];
  try {
    std::vector<std::pair<std::string, std::string>> pairs;
    if (It it = first; x3::parse(it, last, kv_line, pairs)) {
      out.kind = TranscriptLine::Kind::kKeyValues;
      for (auto& [k, v] : pairs) v = std::string(TrimBlanks(v));
      out.pairs = std::move(pairs);
      return out;
    }
    // A '[' followed by digits and a time separator commits the line to
    // being a stamped turn: from there on a break is an error, not text.
    const auto bracketed = (*blank >> lit('[') >> &stamp_start) > stamp[keep(spans.before)] >
                           close_bracket > *blank > -(char_("-|>") >> *blank) > speaker_ahead >
                           speaker[keep(spans.label)] > after_stamp > *blank > colon > text;
    const auto bare = *blank >> stamp[keep(spans.before)] >> +blank >> -(char_("-|>") >> *blank) >>
                      speaker[keep(spans.label)] >> after_stamp >> *blank >> colon >> text;
    const auto unstamped = *blank >> speaker[keep(spans.label)] >> after_stamp >> *blank >> colon >> text;
    bool ok = false;
    if (It it = first; x3::parse(it, last, bracketed)) ok = true;
    if (!ok) spans = {};
    if (It it = first; !ok && x3::parse(it, last, bare)) ok = true;
    if (!ok) spans = {};
    if (It it = first; !ok && x3::parse(it, last, unstamped)) ok = true;
    if (!ok) {
      out.text = std::string(line);
      return out;
    }
  } catch (const x3::expectation_failure<It>& e) {
    std::string which = e.which();
    return Error(first, e.where(), "expected " + which);
  }
  Range stamp_range = !spans.before.empty() ? spans.before : spans.after;
  if (!stamp_range.empty()) {
    out.stamp = ReadStamp(View(stamp_range), utc_offset_minutes);
    if (!out.stamp) {
      return Error(first, stamp_range.begin(), "invalid time '" + std::string(View(stamp_range)) + "'");
    }
  }
  out.kind = TranscriptLine::Kind::kLabelled;
  out.label = std::string(TrimBlanks(View(spans.label)));
  out.text = std::string(TrimBlanks(View(spans.text)));
  if (out.label.empty()) return Error(first, spans.label.begin(), "expected a speaker label");
  return out;
}

}  // namespace cxmap::callcenter
