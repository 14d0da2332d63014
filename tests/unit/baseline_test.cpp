// `obolint baseline` and `obolint scan --baseline`: fingerprints, never secrets; hidden and stale
// counts; fingerprints that survive moved lines; broken files are usage errors.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "cli_support.h"

namespace obolint::test {
namespace {

std::string token(char c) {
  return "dapi" + std::string(32, c);
}

class BaselineDir : public ::testing::Test {
 protected:
  void SetUp() override {
    dir.write("src/app.py", "import os\nA = \"" + token('a') + "\"\nB = \"" + token('b') + "\"\n");
    dir.write("src/other.py", "C = \"" + token('c') + "\"\n");
  }
  nlohmann::json scan_json(const std::vector<std::string>& extra, int expect_status,
                           const fs::path& cwd = {}) {
    std::vector<std::string> args{"scan", "--format", "json"};
    args.insert(args.end(), extra.begin(), extra.end());
    auto r = run_obolint(args, cwd.empty() ? dir.path() : cwd);
    EXPECT_EQ(r.status, expect_status) << r.all();
    return nlohmann::json::parse(r.out);
  }
  TempDir dir{"obolint-baseline"};
};

TEST_F(BaselineDir, WritesSortedEntriesWithoutSecrets) {
  auto r = run_obolint({"baseline"}, dir.path());
  ASSERT_EQ(r.status, 0) << r.all();
  EXPECT_NE(r.err.find("3 baseline entries"), std::string::npos) << r.err;
  std::string text = dir.read(".obolint-baseline.json");
  for (char c : {'a', 'b', 'c'}) {
    EXPECT_EQ(text.find(token(c)), std::string::npos) << "secret in baseline";
    EXPECT_EQ(text.find(std::string(12, c)), std::string::npos) << "secret fragment in baseline";
  }
  auto doc = nlohmann::json::parse(text);
  EXPECT_EQ(doc["version"], 1);
  ASSERT_EQ(doc["entries"].size(), 3u);
  std::vector<std::string> keys;
  for (const auto& e : doc["entries"]) {
    EXPECT_EQ(e["rule"], "OBO003");
    keys.push_back(e["path"].get<std::string>() + " " + e["fingerprint"].get<std::string>());
  }
  EXPECT_TRUE(std::is_sorted(keys.begin(), keys.end()));
  EXPECT_EQ(doc["entries"][2]["path"], "src/other.py");
  // Deterministic: a second run writes the same bytes.
  ASSERT_EQ(run_obolint({"baseline"}, dir.path()).status, 0);
  EXPECT_EQ(dir.read(".obolint-baseline.json"), text);
}

TEST_F(BaselineDir, HidesListedFindingsAndCountsStaleEntries) {
  ASSERT_EQ(run_obolint({"baseline", "-o", "ci/baseline.json"}, dir.path()).status, 0);
  auto doc = scan_json({"--baseline", "ci/baseline.json"}, 0);
  EXPECT_EQ(doc["findings"].size(), 0u);
  EXPECT_EQ(doc["summary"]["baseline_hidden"], 3);
  EXPECT_EQ(doc["summary"]["baseline_stale"], 0);

  // Lines move (an import and blank lines above), B is fixed, D is new.
  dir.write("src/app.py",
            "import os\nimport sys\n\n\nA = \"" + token('a') + "\"\nD = \"" + token('d') + "\"\n");
  doc = scan_json({"--baseline", "ci/baseline.json"}, 1);
  ASSERT_EQ(doc["findings"].size(), 1u) << doc.dump(2);
  EXPECT_EQ(doc["findings"][0]["line"], 6);
  EXPECT_EQ(doc["summary"]["baseline_hidden"], 2);  // A (moved) and C
  EXPECT_EQ(doc["summary"]["baseline_stale"], 1);   // B

  // The text report says so too.
  auto r = run_obolint({"scan", "--baseline", "ci/baseline.json"}, dir.path());
  EXPECT_NE(r.out.find("2 hidden by the baseline, 1 stale baseline entry"), std::string::npos)
      << r.out;

  // Paths are relative to the baseline file: the same result from another directory.
  doc = scan_json({"..", "--baseline", "../ci/baseline.json"}, 1, dir / "src");
  EXPECT_EQ(doc["summary"]["baseline_hidden"], 2);
  EXPECT_EQ(doc["summary"]["baseline_stale"], 1);

  // A narrower scan does not call entries for unscanned files stale.
  doc = scan_json({"src/other.py", "--baseline", "ci/baseline.json"}, 0);
  EXPECT_EQ(doc["summary"]["baseline_hidden"], 1);
  EXPECT_EQ(doc["summary"]["baseline_stale"], 0);

  // A deleted file's entries are stale.
  fs::remove(dir / "src/other.py");
  doc = scan_json({"--baseline", "ci/baseline.json"}, 1);
  EXPECT_EQ(doc["summary"]["baseline_stale"], 2);
}

TEST_F(BaselineDir, MissingOrBrokenBaselineIsAnError) {
  auto r = run_obolint({"scan", "--baseline", "nope.json"}, dir.path());
  EXPECT_EQ(r.status, 2) << r.all();
  EXPECT_NE(r.err.find("nope.json"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("obolint baseline"), std::string::npos) << r.err;

  dir.write("bad.json", "{ not json");
  r = run_obolint({"scan", "--baseline", "bad.json"}, dir.path());
  EXPECT_EQ(r.status, 2) << r.all();
  EXPECT_NE(r.err.find("not valid JSON"), std::string::npos) << r.err;

  dir.write("wrong.json", "{\"version\": 1, \"entries\": [{\"rule\": \"OBO003\"}]}");
  r = run_obolint({"scan", "--baseline", "wrong.json"}, dir.path());
  EXPECT_EQ(r.status, 2) << r.all();
  EXPECT_NE(r.err.find("not an obolint baseline"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace obolint::test
