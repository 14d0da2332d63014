// `obolint scan --history`: a token committed and later deleted is found in the history (commit,
// path, line, redacted; exit 1) while the tree scan is clean.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <random>

#include "cli_support.h"

namespace obolint::test {
namespace {

// A token made at run time: none is written in the repository.
std::string random_token(const char* prefix) {
  std::random_device rd;
  std::mt19937 gen(rd());
  const char* hex = "0123456789abcdef";
  std::string t = prefix;
  for (int i = 0; i < 32; ++i) t += hex[gen() % 16];
  return t;
}

class HistoryRepo : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(have_program("git"));
    ASSERT_EQ(git_init(dir.path()).status, 0);
    dir.write("app.py", "import os\n\nHOST = os.environ['HOST']\n");
    commit("first");
    dir.write("conf/settings.env", "HOST=example\nDATABRICKS_TOKEN=" + token + "\n");
    dir.write("notes.txt", "secret for the service principal: " + oauth + "\n");
    commit("add settings");
    added = git(dir.path(), {"rev-parse", "HEAD"}).out.substr(0, 10);
    std::filesystem::remove(dir / "conf/settings.env");
    std::filesystem::remove(dir / "notes.txt");
    commit("remove the settings");
  }

  void commit(const std::string& message) {
    ASSERT_EQ(git(dir.path(), {"add", "-A"}).status, 0);
    ASSERT_EQ(git(dir.path(), {"commit", "-q", "-m", message}).status, 0);
  }

  TempDir dir{"obolint-history"};
  std::string token = random_token("dapi");
  std::string oauth = random_token("dose");
  std::string added;
};

TEST_F(HistoryRepo, TreeScanIsClean) {
  auto r = run_obolint({"scan"}, dir.path());
  EXPECT_EQ(r.status, 0) << r.all();
}

TEST_F(HistoryRepo, HistoryReportsCommitPathAndLineRedacted) {
  auto r = run_obolint({"scan", "--history"}, dir.path());
  EXPECT_EQ(r.status, 1) << r.all();
  EXPECT_NE(r.out.find(added + ":conf/settings.env:2:"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("OBO003"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find(added + ":notes.txt:1:"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("OBO011"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("added in commit " + added), std::string::npos) << r.out;
  EXPECT_EQ(r.all().find(token), std::string::npos) << "the token was printed whole";
  EXPECT_EQ(r.all().find(oauth), std::string::npos) << "the secret was printed whole";
  EXPECT_NE(r.out.find(token.substr(0, 4) + "****" + token.substr(32)), std::string::npos);
}

TEST_F(HistoryRepo, JsonAndRanges) {
  auto r = run_obolint({"scan", "--history", "HEAD~1..HEAD", "--format", "json"}, dir.path());
  EXPECT_EQ(r.status, 0) << r.all();  // the last commit only deleted files
  r = run_obolint({"scan", "--history", "HEAD~2..HEAD~1", "--format", "json"}, dir.path());
  ASSERT_EQ(r.status, 1) << r.all();
  auto j = nlohmann::json::parse(r.out);
  ASSERT_EQ(j["findings"].size(), 2u) << r.out;
  EXPECT_EQ(j["findings"][0]["path"], added + ":conf/settings.env");
  EXPECT_EQ(j["findings"][0]["line"], 2);
  EXPECT_EQ(r.out.find(token), std::string::npos);
}

TEST_F(HistoryRepo, EachBlobOnceAndOnlySecretRules) {
  // The same token committed again in another file: the blob is new, so it is reported there too;
  // the same blob restored is not reported a second time.
  dir.write("conf/settings.env", "HOST=example\nDATABRICKS_TOKEN=" + token + "\n");
  commit("restore");
  auto r = run_obolint({"scan", "--history", "--format", "json"}, dir.path());
  ASSERT_EQ(r.status, 1) << r.all();
  auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["findings"].size(), 2u) << r.out;
  for (const auto& f : j["findings"]) {
    std::string rule = f["rule"];
    EXPECT_TRUE(rule == "OBO003" || rule == "OBO011") << rule;
  }
}

TEST_F(HistoryRepo, BadRangeAndUsageErrors) {
  auto r = run_obolint({"scan", "--history", "no-such-rev"}, dir.path());
  EXPECT_EQ(r.status, 2) << r.all();
  r = run_obolint({"scan", "--history=--all"}, dir.path());
  EXPECT_EQ(r.status, 2) << r.all();
  EXPECT_NE(r.err.find("cannot start with '-'"), std::string::npos) << r.err;
  r = run_obolint({"scan", "--history", "--staged"}, dir.path());
  EXPECT_EQ(r.status, 2) << r.all();
}

}  // namespace
}  // namespace obolint::test
