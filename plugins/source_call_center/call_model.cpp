// SPDX-License-Identifier: Apache-2.0
#include "call_model.h"

#include <iterator>
#include <map>

#include "text_values.h"

namespace cxmap::callcenter {

std::string_view RoleName(Role role) {
  switch (role) {
    case Role::kCustomer: return "customer";
    case Role::kAgent: return "agent";
    case Role::kSystem: return "system";
    case Role::kUnknown: break;
  }
  return "unknown";
}

void AddAttribute(std::vector<std::pair<std::string, std::string>>& attrs, std::string_view key,
                  std::string_view value) {
  if (value.empty() || key.empty() || FindAttribute(attrs, key) != nullptr) return;
  attrs.emplace_back(key, value);
}

void AddAttribute(Call& call, std::string_view key, std::string_view value) {
  if (value.empty() || key.empty()) return;
  if (call.attribute_keys.size() != call.attributes.size()) {
    call.attribute_keys.clear();
    for (const auto& [k, v] : call.attributes) call.attribute_keys.insert(k);
  }
  if (!call.attribute_keys.insert(std::string(key)).second) return;
  call.attributes.emplace_back(key, value);
}

const std::string* FindAttribute(const std::vector<std::pair<std::string, std::string>>& attrs,
                                 std::string_view key) {
  for (const auto& [k, v] : attrs) {
    if (k == key) return &v;
  }
  return nullptr;
}

void InferMissingRoles(Call& call) {
  // Two speakers and one known role: the other one has the other role.
  std::map<std::string, Role> roles;
  for (const Turn& t : call.turns) {
    Role& r = roles[FoldLabel(t.speaker)];
    if (t.role != Role::kUnknown) r = t.role;
  }
  if (roles.size() != 2) return;
  auto a = roles.begin(), b = std::next(a);
  auto other = [](Role r) { return r == Role::kAgent ? Role::kCustomer : Role::kAgent; };
  if (a->second == Role::kUnknown && (b->second == Role::kAgent || b->second == Role::kCustomer)) {
    a->second = other(b->second);
  } else if (b->second == Role::kUnknown &&
             (a->second == Role::kAgent || a->second == Role::kCustomer)) {
    b->second = other(a->second);
  }
  for (Turn& t : call.turns) {
    if (t.role == Role::kUnknown) t.role = roles[FoldLabel(t.speaker)];
  }
}

}  // namespace cxmap::callcenter
