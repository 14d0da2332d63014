// The project's .pre-commit-hooks.yaml, end to end with the real pre-commit framework: a hook
// repository made from this source tree's manifest, a temporary project whose
// .pre-commit-config.yaml points at it by local path (no network), `pre-commit install`, commits.
#include <gtest/gtest.h>

#include "cli_support.h"

namespace obolint::test {
namespace {

const std::string kToken = "dapi0123456789abcdef0123456789abcdef";
const std::string kRedacted = "dapi****cdef";

fs::path source_dir() {
  return fs::path(OBOLINT_TEST_FIXTURES).parent_path().parent_path();
}

class PreCommitFramework : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!have_program("git")) GTEST_SKIP() << "git not installed";
    if (!have_program("pre-commit"))
      GTEST_SKIP() << "pre-commit not installed (tools/setup.sh --with-test-tools)";
    // The hook repository: this tree's manifest (the working-tree version, so the test checks
    // what is being committed), committed in a repository of its own.
    ASSERT_EQ(git_init(hooks.path()).status, 0);
    fs::copy_file(source_dir() / ".pre-commit-hooks.yaml", hooks / ".pre-commit-hooks.yaml");
    ASSERT_EQ(git(hooks.path(), {"add", ".pre-commit-hooks.yaml"}).status, 0);
    ASSERT_EQ(git(hooks.path(), {"commit", "-q", "-m", "hooks"}).status, 0);
    std::string rev = git(hooks.path(), {"rev-parse", "HEAD"}).out;
    rev.erase(rev.find_last_not_of("\n") + 1);

    ASSERT_EQ(git_init(project.path()).status, 0);
    project.write(".pre-commit-config.yaml", "repos:\n  - repo: " + hooks.str() + "\n    rev: " +
                                                 rev + "\n    hooks:\n      - id: obolint\n");
    project.write("app.py", "import os\n");
    // obolint on PATH (language: system), pre-commit's cache in a temp dir.
    env = "PATH=" + shell_quote(fs::path(obolint_binary()).parent_path().string()) +
          ":\"$PATH\" PRE_COMMIT_HOME=" + shell_quote(cache.str()) + " ";
    auto r = run_shell(env + "pre-commit install", project.path());
    ASSERT_EQ(r.status, 0) << r.all();
    r = run_shell("git add -A && " + env + "git commit -q -m init", project.path());
    ASSERT_EQ(r.status, 0) << r.all();
  }
  RunResult commit(const std::string& msg) {
    return run_shell(env + "git commit -m " + shell_quote(msg), project.path());
  }
  TempDir hooks{"obolint-hookrepo"};
  TempDir project{"obolint-precommit"};
  TempDir cache{"obolint-precommit-home"};
  std::string env;
};

TEST_F(PreCommitFramework, TokenIsRefusedCleanCommitPasses) {
  project.write("app.py", "import os\nTOKEN = \"" + kToken + "\"\n");
  ASSERT_EQ(git(project.path(), {"add", "app.py"}).status, 0);
  auto r = commit("add a token");
  EXPECT_NE(r.status, 0) << r.all();
  EXPECT_NE(r.all().find("obolint"), std::string::npos) << r.all();
  EXPECT_NE(r.all().find("Failed"), std::string::npos) << r.all();
  EXPECT_NE(r.all().find("OBO003"), std::string::npos) << r.all();
  EXPECT_NE(r.all().find(kRedacted), std::string::npos) << r.all();
  EXPECT_EQ(r.all().find(kToken), std::string::npos) << r.all();
  EXPECT_EQ(git(project.path(), {"rev-list", "--count", "HEAD"}).out, "1\n");

  project.write("app.py", "import os\nTOKEN = os.environ['DATABRICKS_TOKEN']\n");
  ASSERT_EQ(git(project.path(), {"add", "app.py"}).status, 0);
  r = commit("clean");
  EXPECT_EQ(r.status, 0) << r.all();
  EXPECT_NE(r.all().find("Passed"), std::string::npos) << r.all();
  EXPECT_EQ(git(project.path(), {"rev-list", "--count", "HEAD"}).out, "2\n");
}

TEST_F(PreCommitFramework, FlagFindingsAreShownButDoNotBlock) {
  // OBO001 (FLAG): a SQL connection authenticating as the app's service principal.
  project.write("db.py",
                "from databricks import sql\n"
                "from databricks.sdk.core import Config, oauth_service_principal\n"
                "cfg = Config()\n"
                "conn = sql.connect(server_hostname=cfg.host, http_path='/sql/1.0/x',\n"
                "                   credentials_provider=lambda: oauth_service_principal(cfg))\n");
  ASSERT_EQ(git(project.path(), {"add", "db.py"}).status, 0);
  auto r = commit("flagged but allowed");
  EXPECT_EQ(r.status, 0) << r.all();
  EXPECT_NE(r.all().find("OBO001"), std::string::npos) << r.all();
  EXPECT_NE(r.all().find("FLAG"), std::string::npos) << r.all();
}

// `pre-commit try-repo` on this source repository itself (a local clone made by pre-commit,
// uncommitted changes included): the manifest as the project ships it.
TEST(PreCommitTryRepo, ThisRepository) {
  if (!have_program("git") || !have_program("pre-commit")) GTEST_SKIP() << "needs pre-commit";
  if (!fs::exists(source_dir() / ".git")) GTEST_SKIP() << "source tree is not a git checkout";
  TempDir project("obolint-tryrepo");
  TempDir cache("obolint-tryrepo-home");
  ASSERT_EQ(git_init(project.path()).status, 0);
  project.write("settings.env", "DATABRICKS_TOKEN=" + kToken + "\n");
  project.write("clean.py", "import os\n");
  ASSERT_EQ(git(project.path(), {"add", "-A"}).status, 0);
  std::string env = "PATH=" + shell_quote(fs::path(obolint_binary()).parent_path().string()) +
                    ":\"$PATH\" PRE_COMMIT_HOME=" + shell_quote(cache.str()) + " ";
  std::string try_repo =
      env + "pre-commit try-repo " + shell_quote(source_dir().string()) + " obolint --files ";
  auto r = run_shell(try_repo + "settings.env", project.path());
  EXPECT_EQ(r.status, 1) << r.all();
  EXPECT_NE(r.all().find("OBO003"), std::string::npos) << r.all();
  EXPECT_NE(r.all().find(kRedacted), std::string::npos) << r.all();
  EXPECT_EQ(r.all().find(kToken), std::string::npos) << r.all();
  r = run_shell(try_repo + "clean.py", project.path());
  EXPECT_EQ(r.status, 0) << r.all();
}

TEST(PreCommitManifest, IsValid) {
  if (!have_program("pre-commit")) GTEST_SKIP() << "pre-commit not installed";
  auto r =
      run({"pre-commit", "validate-manifest", (source_dir() / ".pre-commit-hooks.yaml").string()});
  EXPECT_EQ(r.status, 0) << r.all();
  std::string text = read_text(source_dir() / ".pre-commit-hooks.yaml");
  EXPECT_NE(text.find("id: obolint"), std::string::npos);
  EXPECT_NE(text.find("pass_filenames: true"), std::string::npos);
}

}  // namespace
}  // namespace obolint::test
