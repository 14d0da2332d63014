// py::ModuleNames: an imported name finds the module named exactly so, else one whose name ends
// with it at a component boundary; ties go to the lowest index.
#include "python/module_names.h"

#include <gtest/gtest.h>

namespace obolint::py {
namespace {

ModuleNames names(std::initializer_list<const char*> list) {
  ModuleNames out;
  for (const char* n : list) out.add(n);
  out.finish();
  return out;
}

TEST(ModuleNames, ExactNameBeforeLongerNames) {
  auto n = names({"root.app.db", "app.db", "x.app.db"});
  EXPECT_EQ(n.find("app.db"), 1);
  EXPECT_EQ(n.find("db"), 0);  // no exact "db": the lowest index among the matches
  EXPECT_EQ(n.find("root.app.db"), 0);
}

TEST(ModuleNames, OnlyWholeComponentsMatch) {
  auto n = names({"pkg.xdb", "pkg.db.sub", "db"});
  EXPECT_EQ(n.find("db"), 2);
  EXPECT_EQ(n.find("pkg.db"), -1);  // a prefix of "pkg.db.sub" is not its module
  EXPECT_EQ(n.find("xdb"), 0);
  EXPECT_EQ(n.find("b"), -1);
  EXPECT_EQ(n.find(""), -1);
}

TEST(ModuleNames, ManyModulesSharingTheLastComponent) {
  ModuleNames n;
  for (int i = 0; i < 500; ++i) n.add("p" + std::to_string(i) + ".utils");
  n.add("utils");
  n.add("p7.utils.extra");
  n.finish();
  EXPECT_EQ(n.find("utils"), 500);
  EXPECT_EQ(n.find("p7.utils"), 7);
  EXPECT_EQ(n.find("utils.extra"), 501);
  EXPECT_EQ(n.find("p9999.utils"), -1);
}

TEST(ModuleNames, EmptyComponentsDoNotConfuseTheOrder) {
  auto n = names({"a..b", ".b", "b"});
  EXPECT_EQ(n.find("b"), 2);
  EXPECT_EQ(n.find("a..b"), 0);
  EXPECT_EQ(n.find(".b"), 1);
}

}  // namespace
}  // namespace obolint::py

namespace obolint::py {
namespace {

TEST(ModuleNames, TheImportersOwnFolderFirst) {
  auto n = names({"app_a.settings", "app_b.settings", "app_b.main", "shared.settings"});
  EXPECT_EQ(n.find("settings", "app_b.main"), 1);
  EXPECT_EQ(n.find("settings", "app_a.pages.home"), 0);
  EXPECT_EQ(n.find("settings", "other.main"), 0);  // none nearer: the lowest index
  EXPECT_EQ(n.find("settings"), 0);
  auto exact = names({"app_b.settings", "settings"});
  EXPECT_EQ(exact.find("settings", "app_b.main"), 1);  // named exactly so wins
}

}  // namespace
}  // namespace obolint::py
