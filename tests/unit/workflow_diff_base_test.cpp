// --diff-base REV (pull-request mode): the diff parser, and end to end on a branch.
#include <gtest/gtest.h>

#include "cli_support.h"
#include "workflow/diff_base.h"
#include "workflow/git_paths.h"

namespace obolint::test {
namespace {

std::string token(char c) {
  return "dapi" + std::string(32, c);
}

TEST(DiffParser, AddedAndChangedRanges) {
  const std::string diff =
      "diff --git a/src/app.py b/src/app.py\n"
      "index 1111111..2222222 100644\n"
      "--- a/src/app.py\n"
      "+++ b/src/app.py\n"
      "@@ -3 +3 @@ def f():\n"
      "-old\n"
      "+new\n"
      "@@ -10,0 +11,3 @@\n"
      "+a\n+b\n+c\n"
      "@@ -20,2 +23,0 @@\n"
      "-gone\n-gone\n"
      "diff --git a/gone.py b/gone.py\n"
      "deleted file mode 100644\n"
      "--- a/gone.py\n"
      "+++ /dev/null\n"
      "@@ -1 +0,0 @@\n"
      "-x\n"
      "diff --git a/new file.py b/new file.py\n"
      "new file mode 100644\n"
      "--- /dev/null\n"
      "+++ \"b/new\\tfile.py\"\n"
      "@@ -0,0 +1,2 @@\n"
      "+x\n+y\n";
  ChangedLines c = parse_unified_diff(diff);
  EXPECT_TRUE(c.contains("src/app.py", 3));
  EXPECT_FALSE(c.contains("src/app.py", 4));
  EXPECT_FALSE(c.contains("src/app.py", 10));
  EXPECT_TRUE(c.contains("src/app.py", 11));
  EXPECT_TRUE(c.contains("src/app.py", 13));
  EXPECT_FALSE(c.contains("src/app.py", 14));
  EXPECT_FALSE(c.contains("src/app.py", 23));  // pure deletion adds no line
  EXPECT_FALSE(c.contains("gone.py", 1));
  EXPECT_TRUE(c.contains("new\tfile.py", 2));
  EXPECT_FALSE(c.contains("unrelated.py", 1));
}

TEST(GitPaths, Unquote) {
  EXPECT_EQ(git_unquote("plain"), "plain");
  EXPECT_EQ(git_unquote("\"a\\\"b\\\\c\\303\\251\""), "a\"b\\c\xc3\xa9");
}

class DiffBaseRepo : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!have_program("git")) GTEST_SKIP() << "git not installed";
    ASSERT_EQ(git_init(dir.path()).status, 0);
    dir.write("src/old.py", "A = \"" + token('a') + "\"\n");
    dir.write("src/keep.py", "x = 1\n");
    ASSERT_EQ(git(dir.path(), {"add", "-A"}).status, 0);
    ASSERT_EQ(git(dir.path(), {"commit", "-q", "-m", "base"}).status, 0);
    ASSERT_EQ(git(dir.path(), {"checkout", "-q", "-b", "feature"}).status, 0);
    // Lines inserted above A (A moves, unchanged), a new token in a committed change, one in an
    // uncommitted change and one in an untracked file.
    dir.write("src/old.py", "# header\n\nA = \"" + token('a') + "\"\nB = \"" + token('b') + "\"\n");
    ASSERT_EQ(git(dir.path(), {"commit", "-q", "-am", "B"}).status, 0);
    dir.write("src/keep.py", "x = 1\nC = \"" + token('c') + "\"\n");
    dir.write("src/new.py", "D = \"" + token('d') + "\"\n");
  }
  TempDir dir{"obolint-diffbase"};
};

TEST_F(DiffBaseRepo, ReportsOnlyAddedOrChangedLines) {
  auto all = run_obolint({"scan", "-q"}, dir.path());
  EXPECT_EQ(all.status, 1);
  EXPECT_NE(all.out.find("src/old.py:3:"), std::string::npos) << all.out;

  auto r = run_obolint({"scan", "-q", "--diff-base", "main"}, dir.path());
  EXPECT_EQ(r.status, 1) << r.all();
  EXPECT_EQ(r.out.find("src/old.py:3:"), std::string::npos) << "moved, unchanged line\n" << r.out;
  EXPECT_NE(r.out.find("src/old.py:4:"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("src/keep.py:2:"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("src/new.py:1:"), std::string::npos) << r.out;

  // From a subdirectory, with a path argument: display paths are mapped to git's paths.
  r = run_obolint({"scan", "-q", "--diff-base", "main", "."}, dir / "src");
  EXPECT_EQ(r.status, 1) << r.all();
  EXPECT_EQ(r.out.find("old.py:3:"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("old.py:4:"), std::string::npos) << r.out;

  // Merge-base semantics: a token added on main after the branch point is not this branch's.
  ASSERT_EQ(git(dir.path(), {"stash", "-u", "-q"}).status, 0);
  ASSERT_EQ(git(dir.path(), {"checkout", "-q", "main"}).status, 0);
  dir.write("src/main_only.py", "E = \"" + token('e') + "\"\n");
  ASSERT_EQ(git(dir.path(), {"add", "-A"}).status, 0);
  ASSERT_EQ(git(dir.path(), {"commit", "-q", "-m", "main moves on"}).status, 0);
  ASSERT_EQ(git(dir.path(), {"checkout", "-q", "feature"}).status, 0);
  r = run_obolint({"scan", "-q", "--diff-base", "main", "--format", "json"}, dir.path());
  EXPECT_EQ(r.status, 1) << r.all();
  EXPECT_EQ(r.out.find("main_only.py"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("src/old.py"), std::string::npos) << r.out;
}

TEST_F(DiffBaseRepo, NothingChangedIsClean) {
  auto r = run_obolint({"scan", "--diff-base", "HEAD", "src/old.py"}, dir.path());
  EXPECT_EQ(r.status, 0) << r.all();
}

TEST_F(DiffBaseRepo, UnknownRevisionIsAUsageError) {
  auto r = run_obolint({"scan", "--diff-base", "no-such-branch"}, dir.path());
  EXPECT_EQ(r.status, 2) << r.all();
  EXPECT_NE(r.err.find("no-such-branch"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace obolint::test
