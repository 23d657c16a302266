// SPDX-License-Identifier: Apache-2.0
#include "placement.h"

#include <cmath>
#include <cstdio>

namespace cxmap::stakeholder {
namespace {

struct Quadrant {
  std::string_view name, strategy, action;
};

constexpr Quadrant kQuadrants[2][2] = {
    // [support high][influence high]
    {{"low_support_low_influence", "monitor", "keep them informed"},
     {"low_support_high_influence", "defend",
      "investigate their concerns, bring partners to them"}},
    {{"high_support_low_influence", "collaborate", "involve them, use their enthusiasm"},
     {"high_support_high_influence", "engage", "partner on the project"}},
};

/// "support 4.0 (explicit) ≥ 3.5" or "support unknown (no score, no notes)".
std::string Compare(std::string_view what, const Score& s, double threshold, bool* high) {
  std::string out(what);
  if (!s.value) return out + " unknown (" + (s.detail.empty() ? "no score" : s.detail) + ")";
  double v = Round2(*s.value);
  *high = v >= Round2(threshold);
  out += " " + FormatScore(v) + " (" + s.detail + ") ";
  out += *high ? "≥ " : "< ";
  return out + FormatScore(threshold);
}

}  // namespace

std::string_view BasisName(Basis b) {
  switch (b) {
    case Basis::kExplicit: return "explicit";
    case Basis::kSentiment: return "sentiment";
    case Basis::kRole: return "role";
    case Basis::kUnknown: break;
  }
  return "unknown";
}

double Round2(double v) { return std::round(v * 100.0) / 100.0; }

std::string FormatScore(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f", Round2(v));
  std::string s(buf);
  if (s.back() == '0') s.pop_back();  // "4.00" → "4.0", "3.50" → "3.5"; "3.49" stays
  return s;
}

Placement Place(const Score& support, const Score& influence, const Thresholds& t) {
  bool support_high = false, influence_high = false;
  Placement p;
  p.reason = Compare("support", support, t.support, &support_high) + ", " +
             Compare("influence", influence, t.influence, &influence_high);
  if (!support.value || !influence.value) {
    p.reason += " → not placed";
    return p;
  }
  const Quadrant& q = kQuadrants[support_high][influence_high];
  p.quadrant = std::string(q.name);
  p.strategy = std::string(q.strategy);
  p.action = std::string(q.action);
  p.reason += " → " + *p.strategy;
  return p;
}

}  // namespace cxmap::stakeholder
