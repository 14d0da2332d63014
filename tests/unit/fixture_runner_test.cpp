// Fixture runner: every file under rules/<ID>-<name>/fixtures/, tests/fixtures/ and
// examples/pm-hub/ carries its expectations inline (fixture_annotations.h). The runner scans each
// fixture root with the real binary and compares the whole multiset of (path, line, rule) both
// ways: a missing finding and an extra one both fail; columns and message texts are checked where
// an expectation names them; `# todo-expect:` lines are listed, and fail once they are found.
#include <gtest/gtest.h>

#include <map>
#include <set>

#include <nlohmann/json.hpp>

#include "cli_support.h"
#include "fixture_annotations.h"

namespace obolint {
namespace {

namespace fs = std::filesystem;
using Key = std::tuple<std::string, int, std::string>;  // path relative to root, line, rule

const fs::path kSourceDir = OBOLINT_SOURCE_DIR;

// A directory holding compile_commands.json or .obolint.toml is its own root (the database or
// configuration applies to it alone).
bool is_own_root(const fs::path& dir) {
  return fs::exists(dir / "compile_commands.json") || fs::exists(dir / ".obolint.toml");
}

std::vector<fs::path> fixture_roots() {
  std::vector<fs::path> roots;
  auto add = [&](const fs::path& p) {
    if (std::find(roots.begin(), roots.end(), p) == roots.end()) roots.push_back(p);
  };
  for (const auto& e : fs::directory_iterator(kSourceDir / "tests/fixtures")) {
    if (e.is_directory()) add(e.path());
  }
  for (const auto& e : fs::directory_iterator(kSourceDir / "rules")) {
    if (fs::is_directory(e.path() / "fixtures")) add(e.path() / "fixtures");
  }
  for (const auto& base : {kSourceDir / "tests/fixtures", kSourceDir / "rules"}) {
    for (const auto& e : fs::recursive_directory_iterator(base)) {
      if (e.is_directory() && is_own_root(e.path())) add(e.path());
    }
  }
  add(kSourceDir / "examples/pm-hub");
  std::sort(roots.begin(), roots.end());
  return roots;
}

struct Found {
  int column;
  std::string message;
};

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
  std::multimap<Key, Found> found;
  for (const auto& f : doc["findings"]) {
    Key k{f["path"].get<std::string>(), f["line"].get<int>(), f["rule"].get<std::string>()};
    actual.insert(k);
    found.emplace(k, Found{f["column"].get<int>(), f["message"].get<std::string>()});
  }
  std::multiset<Key> expected;
  std::ostringstream diff, todo;
  int todo_count = 0;
  for (const auto& a : test::annotations_under(root, nested)) {
    for (const auto& e : a.expect) {
      Key k{a.path, a.line, e.rule};
      expected.insert(k);
      if (!e.column && e.message.empty()) continue;
      auto [lo, hi] = found.equal_range(k);
      bool any = std::any_of(lo, hi, [&](const auto& kv) {
        return (!e.column || kv.second.column == *e.column) &&
               kv.second.message.find(e.message) != std::string::npos;
      });
      if (lo != hi && !any) {
        diff << "  mismatch " << a.path << ":" << a.line << " " << e.rule << ": expected";
        if (e.column) diff << " column " << *e.column;
        if (!e.message.empty()) diff << " message with \"" << e.message << "\"";
        diff << ", found column " << lo->second.column << " \"" << lo->second.message << "\"\n";
      }
    }
    for (const auto& id : a.todo) {
      ++todo_count;
      if (actual.count({a.path, a.line, id})) {
        diff << "  todo now found " << a.path << ":" << a.line << " " << id
             << ": promote `todo-expect` to `expect`\n";
        expected.insert({a.path, a.line, id});
      } else {
        todo << "  todo " << a.path << ":" << a.line << " " << id << "\n";
      }
    }
    for (const auto& id : a.ok) {
      if (actual.count({a.path, a.line, id})) {
        diff << "  ok line reported " << a.path << ":" << a.line << " " << id << "\n";
      }
    }
  }
  for (const auto& k : expected) {
    if (actual.count(k) < expected.count(k)) {
      diff << "  missing " << std::get<0>(k) << ":" << std::get<1>(k) << " " << std::get<2>(k)
           << "\n";
    }
  }
  for (const auto& k : actual) {
    if (actual.count(k) > expected.count(k)) {
      diff << "  extra   " << std::get<0>(k) << ":" << std::get<1>(k) << " " << std::get<2>(k)
           << "  (" << found.find(k)->second.message << ")\n";
    }
  }
  if (todo_count > 0) {
    std::cout << "[ todo     ] " << root.lexically_relative(kSourceDir).generic_string() << ": "
              << todo_count << " known gap(s)\n"
              << todo.str();
  }
  EXPECT_TRUE(diff.str().empty()) << "fixture root " << root.lexically_relative(kSourceDir) << " ("
                                  << expected.size() << " expected, " << actual.size()
                                  << " found):\n"
                                  << diff.str();
  EXPECT_FALSE(expected.empty() && todo_count == 0)
      << "a fixture root without expectations tests nothing";
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
