// `obolint scan --staged` and `obolint install-hook`, end to end in temporary git repositories.
#include <gtest/gtest.h>

#include "cli_support.h"

namespace obolint::test {
namespace {

// A fake token (dapi + 32 hex digits) the OBO003 secret scanner recognises.
const std::string kToken = "dapi0123456789abcdef0123456789abcdef";
const std::string kRedacted = "dapi****cdef";

class StagedRepo : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!have_program("git")) GTEST_SKIP() << "git not installed";
    ASSERT_EQ(git_init(dir.path()).status, 0);
    dir.write("app.py", "import os\nprint('hello')\n");
    ASSERT_EQ(git(dir.path(), {"add", "app.py"}).status, 0);
    ASSERT_EQ(git(dir.path(), {"commit", "-q", "--no-verify", "-m", "init"}).status, 0);
  }
  RunResult commit(const std::string& msg) { return git(dir.path(), {"commit", "-q", "-m", msg}); }
  TempDir dir{"obolint-hook"};
};

TEST_F(StagedRepo, StagedScansTheIndexNotTheWorkingTree) {
  // Token only in the working tree: nothing staged, nothing found.
  dir.write("app.py", "import os\nTOKEN = \"" + kToken + "\"\n");
  auto r = run_obolint({"scan", "--staged"}, dir.path());
  EXPECT_EQ(r.status, 0) << r.all();
  EXPECT_EQ(r.out.find("OBO003"), std::string::npos) << r.out;

  // Staged, then removed from the working tree: the commit would still hold it.
  ASSERT_EQ(git(dir.path(), {"add", "app.py"}).status, 0);
  dir.write("app.py", "import os\n");
  r = run_obolint({"scan", "--staged"}, dir.path());
  EXPECT_EQ(r.status, 1) << r.all();
  EXPECT_NE(r.out.find("app.py:2:"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("OBO003"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find(kRedacted), std::string::npos) << r.out;
  EXPECT_EQ(r.all().find(kToken), std::string::npos) << "the token must never be printed";

  // A path argument limits the staged set.
  dir.write("other.py", "x = 1\n");
  ASSERT_EQ(git(dir.path(), {"add", "other.py"}).status, 0);
  r = run_obolint({"scan", "--staged", "--format", "json", "other.py"}, dir.path());
  EXPECT_EQ(r.status, 0) << r.all();
  EXPECT_NE(r.out.find("\"files_scanned\": 1"), std::string::npos) << r.out;
}

TEST_F(StagedRepo, StagedFromSubdirectoryAndNewFiles) {
  dir.write("pkg/settings.env", "DATABRICKS_TOKEN=" + kToken + "\n");
  dir.write("pkg/blob.bin", std::string("\0\1\2", 3) + kToken);
  ASSERT_EQ(git(dir.path(), {"add", "pkg"}).status, 0);
  auto r = run_obolint({"scan", "--staged", "--format", "json"}, dir / "pkg");
  EXPECT_EQ(r.status, 1) << r.all();
  EXPECT_NE(r.out.find("\"path\": \"settings.env\""), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("binary file skipped"), std::string::npos) << r.out;
  // --exclude applies to staged files too.
  r = run_obolint({"scan", "--staged", "--exclude", "*.env"}, dir.path());
  EXPECT_EQ(r.status, 0) << r.all();
}

TEST(StagedScan, OutsideARepositoryIsAnError) {
  TempDir dir("obolint-norepo");
  auto r = run_shell("GIT_CEILING_DIRECTORIES=" + shell_quote(dir.path().parent_path().string()) +
                         " " + shell_quote(obolint_binary()) + " scan --staged",
                     dir.path());
  EXPECT_EQ(r.status, 2) << r.all();
  EXPECT_NE(r.err.find("obolint: error:"), std::string::npos) << r.err;
}

TEST_F(StagedRepo, NativeHookRefusesATokenAndPassesACleanCommit) {
  auto r = run_obolint({"install-hook"}, dir.path());
  ASSERT_EQ(r.status, 0) << r.all();
  ASSERT_TRUE(fs::exists(dir / ".git/hooks/pre-commit"));

  dir.write("app.py", "import os\nTOKEN = \"" + kToken + "\"\n");
  ASSERT_EQ(git(dir.path(), {"add", "app.py"}).status, 0);
  r = commit("add a token");
  EXPECT_NE(r.status, 0) << "commit with a staged token must be refused";
  EXPECT_NE(r.all().find("OBO003"), std::string::npos) << r.all();
  EXPECT_NE(r.all().find(kRedacted), std::string::npos) << r.all();
  EXPECT_EQ(r.all().find(kToken), std::string::npos) << r.all();
  EXPECT_EQ(git(dir.path(), {"rev-list", "--count", "HEAD"}).out, "1\n");

  // Fixed in the index: the commit goes through.
  dir.write("app.py", "import os\nTOKEN = os.environ['DATABRICKS_TOKEN']\n");
  ASSERT_EQ(git(dir.path(), {"add", "app.py"}).status, 0);
  r = commit("read the token from the environment");
  EXPECT_EQ(r.status, 0) << r.all();
  EXPECT_EQ(git(dir.path(), {"rev-list", "--count", "HEAD"}).out, "2\n");

  // Unstaged token in the working tree does not block a commit of other files.
  dir.write("app.py", "TOKEN = \"" + kToken + "\"\n");
  dir.write("readme.txt", "hello\n");
  ASSERT_EQ(git(dir.path(), {"add", "readme.txt"}).status, 0);
  r = commit("docs");
  EXPECT_EQ(r.status, 0) << r.all();

  // `git commit -a` and `git commit <path>` stage through a temporary index (GIT_INDEX_FILE):
  // the hook sees what they commit.
  r = git(dir.path(), {"commit", "-q", "-a", "-m", "all"});
  EXPECT_NE(r.status, 0) << r.all();
  EXPECT_NE(r.all().find("OBO003"), std::string::npos) << r.all();
  r = git(dir.path(), {"commit", "-q", "-m", "one path", "app.py"});
  EXPECT_NE(r.status, 0) << r.all();
  EXPECT_EQ(git(dir.path(), {"rev-list", "--count", "HEAD"}).out, "3\n");

  // Re-running install-hook updates the hook in place.
  r = run_obolint({"install-hook"}, dir.path());
  EXPECT_EQ(r.status, 0) << r.all();
  EXPECT_NE(r.out.find("Updated"), std::string::npos) << r.out;
  EXPECT_FALSE(fs::exists(dir / ".git/hooks/pre-commit.local"));
}

TEST_F(StagedRepo, NativeHookChainsAnExistingHook) {
  dir.write(".git/hooks/pre-commit", "#!/bin/sh\necho team-hook-ran\nexit 0\n");
  fs::permissions(dir / ".git/hooks/pre-commit", fs::perms::owner_all, fs::perm_options::add);
  auto r = run_obolint({"install-hook"}, dir.path());
  ASSERT_EQ(r.status, 0) << r.all();
  EXPECT_NE(r.out.find("pre-commit.local"), std::string::npos) << r.out;
  EXPECT_NE(dir.read(".git/hooks/pre-commit.local").find("team-hook-ran"), std::string::npos);

  dir.write("b.py", "x = 1\n");
  ASSERT_EQ(git(dir.path(), {"add", "b.py"}).status, 0);
  r = commit("clean");
  EXPECT_EQ(r.status, 0) << r.all();
  EXPECT_NE(r.all().find("team-hook-ran"), std::string::npos) << r.all();

  // The chained hook failing refuses the commit too.
  dir.write(".git/hooks/pre-commit.local", "#!/bin/sh\necho team-hook-says-no\nexit 3\n");
  dir.write("c.py", "y = 2\n");
  ASSERT_EQ(git(dir.path(), {"add", "c.py"}).status, 0);
  r = commit("refused by the team hook");
  EXPECT_NE(r.status, 0) << r.all();
  EXPECT_NE(r.all().find("team-hook-says-no"), std::string::npos) << r.all();

  // A second foreign hook cannot be chained (pre-commit.local is taken): refused without --force.
  dir.write(".git/hooks/pre-commit", "#!/bin/sh\nexit 0\n");
  r = run_obolint({"install-hook"}, dir.path());
  EXPECT_EQ(r.status, 2) << r.all();
  EXPECT_NE(r.err.find("--force"), std::string::npos) << r.err;
  r = run_obolint({"install-hook", "--force"}, dir.path());
  EXPECT_EQ(r.status, 0) << r.all();
  EXPECT_TRUE(fs::exists(dir / ".git/hooks/pre-commit.obolint-backup"));
}

TEST_F(StagedRepo, NativeHookHonoursCoreHooksPathAndBaseline) {
  ASSERT_EQ(git(dir.path(), {"config", "core.hooksPath", ".githooks"}).status, 0);
  auto r = run_obolint({"install-hook"}, dir / "");
  ASSERT_EQ(r.status, 0) << r.all();
  EXPECT_TRUE(fs::exists(dir / ".githooks/pre-commit"));
  EXPECT_FALSE(fs::exists(dir / ".git/hooks/pre-commit"));

  // A token recorded in .obolint-baseline.json does not block; a new one does.
  dir.write("legacy.py", "OLD = \"" + kToken + "\"\n");
  r = run_obolint({"baseline"}, dir.path());
  ASSERT_EQ(r.status, 0) << r.all();
  ASSERT_EQ(git(dir.path(), {"add", "legacy.py", ".obolint-baseline.json"}).status, 0);
  r = commit("adopt obolint with a baseline");
  EXPECT_EQ(r.status, 0) << r.all();
  EXPECT_NE(r.all().find("1 hidden by the baseline"), std::string::npos) << r.all();

  dir.write("legacy.py", "OLD = \"" + kToken + "\"\nNEW = \"dapi" + std::string(32, 'a') + "\"\n");
  ASSERT_EQ(git(dir.path(), {"add", "legacy.py"}).status, 0);
  r = commit("a new token");
  EXPECT_NE(r.status, 0) << r.all();
  EXPECT_NE(r.all().find("legacy.py:2:"), std::string::npos) << r.all();
}

}  // namespace
}  // namespace obolint::test
