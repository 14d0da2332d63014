// File selection like git: inside a work tree obolint scans what git would consider (tracked files
// plus untracked ones no .gitignore, .git/info/exclude or core.excludesFile ignores), whatever
// subdirectory is scanned; checked against `git check-ignore` file by file. Outside a repository
// the .gitignore files are read directly. Git runs hardened: a repository's fsmonitor or clean
// filter never runs.
#include <gtest/gtest.h>

#include <set>

#include "cli_support.h"

namespace obolint::test {
namespace {

std::set<std::string> lines_of(const std::string& out) {
  std::set<std::string> s;
  std::istringstream in(out);
  for (std::string l; std::getline(in, l);) {
    if (!l.empty()) s.insert(l);
  }
  return s;
}

class GitSelection : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!have_program("git")) GTEST_SKIP() << "git not installed";
    ASSERT_EQ(git_init(repo.path()).status, 0);
    repo.write(".gitignore", "*.log\n!keep.log\nbuild-out/\n/only-root.txt\n");
    repo.write("sub/.gitignore", "local.py\n");
    repo.write(".git/info/exclude", "excluded-by-info.py\n");
    repo.write("global-excludes", "excluded-globally.py\n");
    ASSERT_EQ(git(repo.path(), {"config", "core.excludesFile", (repo / "global-excludes").string()})
                  .status,
              0);
    for (const char* f :
         {"a.py", "debug.log", "keep.log", "only-root.txt", "sub/only-root.txt", "sub/local.py",
          "sub/x.py", "sub/deeper/debug.log", "build-out/y.py", "excluded-by-info.py",
          "sub/excluded-globally.py", "tracked.log", "node_modules/dep.py"}) {
      repo.write(f, "x = 1\n");
    }
    ASSERT_EQ(git(repo.path(), {"add", "-f", "tracked.log", "a.py"}).status, 0);
  }

  // What git considers: every file on disk that `git check-ignore` does not report (tracked
  // files never are), outside .git and obolint's default-skipped folders.
  std::set<std::string> git_view(const fs::path& from) {
    std::set<std::string> out;
    for (auto it = fs::recursive_directory_iterator(from); it != fs::recursive_directory_iterator();
         ++it) {
      std::string name = it->path().filename().string();
      if (it->is_directory() && (name == ".git" || name == "node_modules")) {
        it.disable_recursion_pending();
        continue;
      }
      if (!it->is_regular_file()) continue;
      std::string rel = it->path().lexically_relative(from).generic_string();
      if (git(from, {"check-ignore", "-q", "--", rel}).status != 0) out.insert(rel);
    }
    return out;
  }

  TempDir repo{"obolint-gitsel"};
};

TEST_F(GitSelection, SameFilesAsGitFromTheRoot) {
  auto r = run_obolint({"scan", "--show-files"}, repo.path());
  ASSERT_EQ(r.status, 0) << r.all();
  std::set<std::string> listed = lines_of(r.out);
  EXPECT_EQ(listed, git_view(repo.path()));
  // The cases that differed before: .git/info/exclude, core.excludesFile, tracked-but-ignored.
  EXPECT_FALSE(listed.count("excluded-by-info.py"));
  EXPECT_FALSE(listed.count("sub/excluded-globally.py"));
  EXPECT_TRUE(listed.count("tracked.log"));
  EXPECT_TRUE(listed.count("keep.log"));
  EXPECT_FALSE(listed.count("node_modules/dep.py")) << "default excludes still apply";
}

TEST_F(GitSelection, SameFilesAsGitFromASubdirectory) {
  fs::path sub = repo / "sub";
  auto r = run_obolint({"scan", "--show-files", "."}, sub);
  ASSERT_EQ(r.status, 0) << r.all();
  std::set<std::string> listed = lines_of(r.out);
  EXPECT_EQ(listed, git_view(sub));
  // The root's .gitignore holds for a subdirectory scan: *.log is ignored here too.
  EXPECT_FALSE(listed.count("deeper/debug.log"));
  EXPECT_TRUE(listed.count("only-root.txt")) << "/only-root.txt is anchored at the root";
  // Named from the root, the same files with the argument's prefix.
  r = run_obolint({"scan", "--show-files", "sub"}, repo.path());
  std::set<std::string> prefixed;
  for (const auto& f : listed) prefixed.insert("sub/" + f);
  EXPECT_EQ(lines_of(r.out), prefixed);
}

TEST_F(GitSelection, IgnoredDirectoryIsExplainedAndNoGitignoreScansIt) {
  auto r = run_obolint({"scan", "build-out", "--format", "json"}, repo.path());
  ASSERT_EQ(r.status, 0) << r.all();
  EXPECT_NE(r.out.find("ignored by git"), std::string::npos) << r.out;
  r = run_obolint({"scan", "--show-files", "--no-gitignore"}, repo.path());
  std::set<std::string> all = lines_of(r.out);
  EXPECT_TRUE(all.count("build-out/y.py"));
  EXPECT_TRUE(all.count("excluded-by-info.py"));
}

TEST_F(GitSelection, NestedRepositoriesAndSubmodulesAreNotedNotLost) {
  repo.write("vendor/nested/f.py", "x = 1\n");
  ASSERT_EQ(git_init(repo / "vendor/nested").status, 0);
  auto r = run_obolint({"scan", "--format", "json"}, repo.path());
  ASSERT_EQ(r.status, 0) << r.all();
  EXPECT_NE(r.out.find("a separate git repository"), std::string::npos) << r.out;
}

TEST(GitHardening, RepositoryConfigCannotRunPrograms) {
  if (!have_program("git")) GTEST_SKIP() << "git not installed";
  TempDir repo("obolint-githard");
  ASSERT_EQ(git_init(repo.path()).status, 0);
  repo.write("a.py", "x = 1\n");
  ASSERT_EQ(git(repo.path(), {"add", "a.py"}).status, 0);
  ASSERT_EQ(git(repo.path(), {"commit", "-qm", "init"}).status, 0);
  fs::path marker = repo / "RAN";
  fs::path hook = repo.write("hook.sh", "#!/bin/sh\ntouch '" + marker.string() + "'\ncat\n");
  fs::permissions(hook, fs::perms::owner_all);
  // Both would run without the hardening (ls-files consults fsmonitor, diff runs clean filters).
  ASSERT_EQ(git(repo.path(), {"config", "core.fsmonitor", hook.string()}).status, 0);
  ASSERT_EQ(git(repo.path(), {"config", "filter.evil.clean", hook.string()}).status, 0);
  ASSERT_EQ(git(repo.path(), {"config", "filter.evil.required", "true"}).status, 0);
  repo.write(".gitattributes", "*.py filter=evil\n");
  repo.write("a.py", "x = 2\n");
  for (const auto& args : std::vector<std::vector<std::string>>{
           {"scan"}, {"scan", "--diff-base", "HEAD"}, {"scan", "--staged"}}) {
    auto r = run_obolint(args, repo.path());
    EXPECT_EQ(r.status, 0) << r.all();
    EXPECT_FALSE(fs::exists(marker))
        << "a program from .git/config ran during obolint " << args.back();
    fs::remove(marker);
  }
}

TEST(OutsideARepository, GitignoreFilesAreReadDirectly) {
  TempDir dir("obolint-nogit");
  dir.write(".gitignore", "*.log\n");
  dir.write("a.py", "x = 1\n");
  dir.write("b.log", "x\n");
  auto r = run_obolint({"scan", "--show-files"}, dir.path());
  ASSERT_EQ(r.status, 0) << r.all();
  EXPECT_EQ(lines_of(r.out), (std::set<std::string>{".gitignore", "a.py"}));
}

}  // namespace
}  // namespace obolint::test
