// Fixture runner: every file under tests/fixtures/ and examples/pm-hub/ carries its expectations
// inline (`# expect: OBO003` / `// expect: OBO001, OBO003` at the end of the reported line).
// The runner scans each fixture root with the real binary and compares the whole multiset of
// (path, line, rule): a missing finding and an extra finding both fail.
#include <gtest/gtest.h>

#include <map>
#include <regex>
#include <set>

#include <nlohmann/json.hpp>

#include "cli_support.h"

namespace obolint {
namespace {

namespace fs = std::filesystem;
using Key = std::tuple<std::string, int, std::string>;  // path relative to root, line, rule

const fs::path kSourceDir = OBOLINT_SOURCE_DIR;

// A directory holding compile_commands.json is its own root (the database applies to it alone).
bool is_own_root(const fs::path& dir) {
  return fs::exists(dir / "compile_commands.json");
}

std::vector<fs::path> fixture_roots() {
  std::vector<fs::path> roots;
  for (const auto& e : fs::directory_iterator(kSourceDir / "tests/fixtures")) {
    if (e.is_directory()) roots.push_back(e.path());
  }
  for (const auto& e : fs::recursive_directory_iterator(kSourceDir / "tests/fixtures")) {
    if (e.is_directory() && is_own_root(e.path()) &&
        std::find(roots.begin(), roots.end(), e.path()) == roots.end()) {
      roots.push_back(e.path());
    }
  }
  roots.push_back(kSourceDir / "examples/pm-hub");
  std::sort(roots.begin(), roots.end());
  return roots;
}

std::multiset<Key> expected_in(const fs::path& root, const std::vector<fs::path>& nested) {
  static const std::regex kExpect(R"((?:#|//)\s*expect:\s*((?:OBO\d{3})(?:\s*,\s*OBO\d{3})*))");
  static const std::regex kId(R"(OBO\d{3})");
  std::multiset<Key> out;
  for (auto it = fs::recursive_directory_iterator(root); it != fs::recursive_directory_iterator();
       ++it) {
    if (it->is_directory() && std::find(nested.begin(), nested.end(), it->path()) != nested.end()) {
      it.disable_recursion_pending();
      continue;
    }
    if (!it->is_regular_file()) continue;
    std::ifstream in(it->path(), std::ios::binary);
    std::string line;
    int n = 0;
    std::string rel = it->path().lexically_relative(root).generic_string();
    while (std::getline(in, line)) {
      ++n;
      std::smatch m;
      if (!std::regex_search(line, m, kExpect)) continue;
      std::string ids = m[1].str();
      for (std::sregex_iterator id(ids.begin(), ids.end(), kId), end; id != end; ++id) {
        out.insert({rel, n, id->str()});
      }
    }
  }
  return out;
}

class FixtureTest : public ::testing::TestWithParam<fs::path> {};

TEST_P(FixtureTest, FindingsMatchInlineExpectations) {
  const fs::path root = GetParam();
  std::vector<fs::path> nested;
  for (const auto& r : fixture_roots()) {
    if (r != root && r.string().rfind(root.string() + "/", 0) == 0) nested.push_back(r);
  }
  std::vector<std::string> args = {"scan", ".", "--format", "json", "--fail-on", "never"};
  for (const auto& n : nested) {
    args.push_back("--exclude");
    args.push_back(n.lexically_relative(root).generic_string());
  }
  auto run = test::run_obolint(args, root);
  ASSERT_EQ(run.status, 0) << run.err;
  auto doc = nlohmann::json::parse(run.out);
  std::multiset<Key> actual;
  std::map<Key, std::string> messages;
  for (const auto& f : doc["findings"]) {
    Key k{f["path"].get<std::string>(), f["line"].get<int>(), f["rule"].get<std::string>()};
    actual.insert(k);
    messages[k] = f["message"].get<std::string>();
  }
  std::multiset<Key> expected = expected_in(root, nested);
  std::ostringstream diff;
  for (const auto& k : expected) {
    if (actual.count(k) < expected.count(k)) {
      diff << "  missing " << std::get<0>(k) << ":" << std::get<1>(k) << " " << std::get<2>(k)
           << "\n";
    }
  }
  for (const auto& k : actual) {
    if (actual.count(k) > expected.count(k)) {
      diff << "  extra   " << std::get<0>(k) << ":" << std::get<1>(k) << " " << std::get<2>(k)
           << "  (" << messages[k] << ")\n";
    }
  }
  EXPECT_TRUE(diff.str().empty()) << "fixture root " << root.lexically_relative(kSourceDir) << " ("
                                  << expected.size() << " expected, " << actual.size()
                                  << " found):\n"
                                  << diff.str();
  EXPECT_FALSE(expected.empty()) << "a fixture root without expectations tests nothing";
}

INSTANTIATE_TEST_SUITE_P(Roots, FixtureTest, ::testing::ValuesIn(fixture_roots()),
                         [](const ::testing::TestParamInfo<fs::path>& param_info) {
                           std::string name =
                               param_info.param.lexically_relative(kSourceDir).generic_string();
                           for (auto& c : name) {
                             if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
                           }
                           return name;
                         });

}  // namespace
}  // namespace obolint
