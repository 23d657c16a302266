// SPDX-License-Identifier: Apache-2.0
// Field roles: what an analysis plugin's field means to the host's readers
// ("stage", "touchpoint", "sentiment.label", ... — the vocabulary is in
// docs/plugin_guide.md). Plugins declare them (cxmap_field_decl.role, ABI
// 1.4); the store keeps them in `field_roles`, and readers ask for a role,
// never for a plugin's or a field's name. The `facts` view is made here from
// the roles.
#pragma once

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "core/storage/sqlite_db.h"
#include "cxmap/status.h"

namespace cxmap::core {

/// Where a role's values are stored.
struct RoleField {
  std::string plugin, field;
};

/// (field, role) pairs of one plugin; fields without a role are left out.
using FieldRoles = std::vector<std::pair<std::string, std::string>>;

/// role -> its field. When several plugins declare a role, the one that
/// declared it first serves it (a vendor plugin does not silently replace a
/// built-in one already in the database).
Result<std::map<std::string, RoleField>> ResolveRoles(SqliteDb& db);

/// The fields of the plugin that serves `role` in `roles` (ResolveRoles()),
/// by role (empty when no plugin declares it): how a reader finds a
/// plugin's other fields.
Result<std::map<std::string, std::string>> FieldsOfRolePlugin(
    SqliteDb& db, const std::map<std::string, RoleField>& roles, const std::string& role);

/// Replaces what `plugin` declared with `roles` and remakes the `facts`
/// view, in one transaction; writes nothing when they are unchanged.
Status DeclareFieldRoles(SqliteDb& db, const std::string& plugin, const FieldRoles& roles);

/// (Re)creates the `facts` view: one row per unit with its response's
/// columns and the unit-level values of the roles touchpoint, stage, owner,
/// touchpoint.confidence, sentiment.label and sentiment.score (NULL where no
/// plugin declares them). Inside the caller's transaction.
Status RebuildFactsView(SqliteDb& db);

}  // namespace cxmap::core
