// A rule is a unit found by its name: rules/<ID>-<name>/ holds its data (rule.toml), its page
// (README.md) and its fixtures both ways; a rule decided by code names a registered check. These
// tests fail when any part is missing, so a new rule cannot land half-made.
#include <gtest/gtest.h>

#include <iostream>
#include <set>

#include "checks/check.h"
#include "core/rules.h"
#include "fixture_annotations.h"

namespace obolint {
namespace {

namespace fs = std::filesystem;
const fs::path kRules = fs::path(OBOLINT_SOURCE_DIR) / "rules";

std::string read(const fs::path& p) {
  std::ifstream in(p);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

TEST(RuleUnits, EachRuleHasItsPageWithTheHouseSections) {
  RuleSet rules = RuleSet::load(kRules);
  for (const auto& r : rules.all()) {
    std::string page = read(r.folder / "README.md");
    ASSERT_FALSE(page.empty()) << r.id << ": " << (r.folder / "README.md") << " is missing";
    EXPECT_NE(page.find("# " + r.id), std::string::npos) << r.id << ": page title names the id";
    for (const char* section :
         {"## What it does", "## Why is this bad?", "## Example", "## Use instead"}) {
      EXPECT_NE(page.find(section), std::string::npos) << r.id << ": README lacks " << section;
    }
  }
}

// A rule whose facts an analysis does not produce yet (its check is written, the analysis is
// not) states what it will find as `todo-expect` lines: they count as its positive side, and the
// fixture runner fails as soon as one is found, so they cannot stay behind unnoticed.
TEST(RuleUnits, EachRuleHasFixturesBothWays) {
  RuleSet rules = RuleSet::load(kRules);
  for (const auto& r : rules.all()) {
    fs::path dir = r.folder / "fixtures";
    ASSERT_TRUE(fs::is_directory(dir)) << r.id << ": no fixtures/ folder";
    int expect = 0, todo = 0, ok = 0;
    for (const auto& a : test::annotations_under(dir, {})) {
      for (const auto& e : a.expect) expect += e.rule == r.id;
      for (const auto& id : a.todo) todo += id == r.id;
      for (const auto& id : a.ok) ok += id == r.id;
    }
    EXPECT_GT(expect + todo, 0) << r.id << ": no `expect: " << r.id << "` line in " << dir;
    EXPECT_GT(ok, 0) << r.id << ": no `ok: " << r.id << "` look-alike in " << dir;
    if (expect == 0 && todo > 0) {
      std::cout << "[ pending  ] " << r.id << ": " << todo
                << " todo-expect line(s), no finding yet (its facts are not produced)\n";
    }
  }
}

TEST(RuleUnits, ChecksAndRulesNameEachOther) {
  RuleSet rules = RuleSet::load(kRules);
  std::set<std::string_view> named;
  for (const auto& r : rules.all()) {
    if (r.check.empty()) continue;
    EXPECT_NE(find_check(r.check), nullptr) << r.id << " names unregistered check " << r.check;
    EXPECT_TRUE(named.insert(r.check).second) << "two rules name check " << r.check;
  }
  for (const auto& c : registered_checks()) {
    EXPECT_TRUE(named.count(c.name)) << "check " << c.name << " is decided by no rule";
  }
}

}  // namespace
}  // namespace obolint
