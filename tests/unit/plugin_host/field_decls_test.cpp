// SPDX-License-Identifier: Apache-2.0
// Field declarations are read by the plugin's own struct size: a plugin
// built before ABI 1.4 (no role) loads, with every field roleless.
#include <gtest/gtest.h>

#include <array>

#include "core/plugin_host/plugin_registry.h"
#include "cxmap/options.h"

namespace cxmap::core {
namespace {

// cxmap_field_decl as ABI 1.0-1.3 laid it out.
struct FieldDeclV1_3 {
  uint32_t struct_size;
  cxmap_str name;
  int32_t type;
  cxmap_str description;
};

TEST(ReadFieldDecls, RolesOfThisAbiAndNoneFromAnOlderPlugin) {
  static constexpr std::array kNew = {
      Field("giai_doan", FieldType::kString, "stage id", "stage"),
      Field("diem", FieldType::kReal, "score")};
  cxmap_plugin_descriptor d{};
  d.fields = kNew.data();
  d.field_count = kNew.size();
  auto fields = ReadFieldDecls(d);
  ASSERT_TRUE(fields.ok()) << fields.status().ToString();
  ASSERT_EQ(fields->size(), 2u);
  EXPECT_EQ((*fields)[0].name, "giai_doan");
  EXPECT_EQ((*fields)[0].role, "stage");
  EXPECT_EQ((*fields)[1].role, "");

  const std::array<FieldDeclV1_3, 2> old = {
      FieldDeclV1_3{sizeof(FieldDeclV1_3), ToC("label"), CXMAP_TYPE_STRING, ToC("positive…")},
      FieldDeclV1_3{sizeof(FieldDeclV1_3), ToC("score"), CXMAP_TYPE_REAL, ToC("−1..1")}};
  d.fields = reinterpret_cast<const cxmap_field_decl*>(old.data());
  d.field_count = old.size();
  fields = ReadFieldDecls(d);
  ASSERT_TRUE(fields.ok()) << fields.status().ToString();
  ASSERT_EQ(fields->size(), 2u);
  EXPECT_EQ((*fields)[1].name, "score") << "the second entry is found by the old stride";
  EXPECT_EQ((*fields)[1].type, CXMAP_TYPE_REAL);
  EXPECT_EQ((*fields)[1].role, "");

  std::array<FieldDeclV1_3, 1> broken = {FieldDeclV1_3{4, ToC("x"), CXMAP_TYPE_REAL, ToC("")}};
  d.fields = reinterpret_cast<const cxmap_field_decl*>(broken.data());
  d.field_count = broken.size();
  EXPECT_FALSE(ReadFieldDecls(d).ok());

  // The last element claiming more bytes than the array has is refused,
  // not read past the end.
  std::array<FieldDeclV1_3, 2> uneven = old;
  uneven[1].struct_size = sizeof(cxmap_field_decl);
  d.fields = reinterpret_cast<const cxmap_field_decl*>(uneven.data());
  d.field_count = uneven.size();
  EXPECT_FALSE(ReadFieldDecls(d).ok());

  // A NUL inside a name would cut generated SQL short.
  static constexpr std::string_view kNul("bad\0name", 8);
  const std::array<cxmap_field_decl, 1> nul = {Field(kNul, FieldType::kReal, "")};
  d.fields = nul.data();
  d.field_count = nul.size();
  EXPECT_FALSE(ReadFieldDecls(d).ok());
}

}  // namespace
}  // namespace cxmap::core
