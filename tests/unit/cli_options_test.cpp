// The command line as a Ruff user expects it: suggestions for typos, -q / --silent, --statistics,
// several reports in one run, --show-files, -j; and output integrity: write errors exit 2,
// reports are replaced atomically, nothing is ever written through a planted symbolic link.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "cli_support.h"

namespace obolint::test {
namespace {

const std::string kToken = "dapi0123456789abcdef0123456789abcdef";

void write_app(const TempDir& dir) {
  dir.write("app.py", "from databricks import sql\nTOKEN = \"" + kToken +
                          "\"\n"
                          "conn = sql.connect(credentials_provider=None)\n");
}

TEST(CliSuggestions, MistypedCommandsOptionsAndValues) {
  TempDir dir;
  auto r = run_obolint({"scna"}, dir.path());
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("did you mean 'scan'?"), std::string::npos) << r.err;
  r = run_obolint({"scan", "--formt", "json"}, dir.path());
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("did you mean '--format'?"), std::string::npos) << r.err;
  r = run_obolint({"scan", "--format=sarfi"}, dir.path());
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("did you mean 'sarif'?"), std::string::npos) << r.err;
  r = run_obolint({"baseline", "--exlude", "x"}, dir.path());
  EXPECT_NE(r.err.find("did you mean '--exclude'?"), std::string::npos) << r.err;
  r = run_obolint({"frobnicate"}, dir.path());
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(r.err.find("did you mean"), std::string::npos) << "no far-fetched guess: " << r.err;
  EXPECT_NE(r.err.find("commands: scan"), std::string::npos) << r.err;
}

TEST(CliQuietSilent, QuietPrintsFindingsOnlySilentNothing) {
  TempDir dir;
  write_app(dir);
  auto r = run_obolint({"scan", "-q"}, dir.path());
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.out.find("app.py:2:10: BLOCK OBO003"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("Scanned"), std::string::npos) << "no summary with -q: " << r.out;
  EXPECT_EQ(r.out.find(" | "), std::string::npos) << "no source lines with -q";
  r = run_obolint({"scan", "--silent"}, dir.path());
  EXPECT_EQ(r.status, 1) << "the exit status still tells";
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err, "");
  r = run_obolint({"baseline", "-q"}, dir.path());
  EXPECT_EQ(r.status, 0);
  EXPECT_EQ(r.all(), "");
}

TEST(CliStatistics, CountPerRule) {
  TempDir dir;
  write_app(dir);
  dir.write("b.py", "B = \"dapi" + std::string(32, 'b') + "\"\n");
  auto r = run_obolint({"scan", "--statistics"}, dir.path());
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(r.out,
            "2  OBO003  hardcoded-token             BLOCK\n"
            "1  OBO001  credentials-provider        FLAG\n");
  r = run_obolint({"scan", "--statistics", "--format", "json"}, dir.path());
  auto doc = nlohmann::json::parse(r.out);
  ASSERT_EQ(doc.size(), 2u);
  EXPECT_EQ(doc[0]["code"], "OBO003");
  EXPECT_EQ(doc[0]["count"], 2);
}

TEST(CliOutputs, SeveralReportsInOneRun) {
  TempDir dir;
  write_app(dir);
  auto r = run_obolint({"scan", "--format", "text", "--output-format", "sarif:out/o.sarif",
                        "--output-format", "json:o.json", "--output-format", "gitlab:gl.json"},
                       dir.path());
  // out/ does not exist: that report fails (exit 2, a message), the others are still written.
  EXPECT_EQ(r.status, 2) << r.all();
  EXPECT_NE(r.out.find("BLOCK OBO003"), std::string::npos) << r.out;
  EXPECT_EQ(nlohmann::json::parse(dir.read("o.json"))["findings"].size(), 2u);
  EXPECT_EQ(nlohmann::json::parse(dir.read("gl.json")).size(), 2u);
  EXPECT_FALSE(fs::exists(dir / "out/o.sarif"));
  EXPECT_NE(r.err.find("out/o.sarif"), std::string::npos) << r.err;
  fs::create_directories(dir / "out");
  r = run_obolint({"scan", "--output-format", "sarif:out/o.sarif", "--output-format", "json"},
                  dir.path());
  EXPECT_EQ(r.status, 1) << r.all();
  EXPECT_EQ(nlohmann::json::parse(r.out)["findings"].size(), 2u) << "stdout took json";
  EXPECT_EQ(nlohmann::json::parse(dir.read("out/o.sarif"))["version"], "2.1.0");
  r = run_obolint({"scan", "--format", "sarif", "--output-format", "json"}, dir.path());
  EXPECT_EQ(r.status, 2) << "two formats for standard output";
}

TEST(CliShowFiles, ListsWhatWouldBeScannedAndExits) {
  TempDir dir;
  write_app(dir);
  dir.write("node_modules/x.js", "x");
  dir.write("pkg/b.py", "x = 1\n");
  auto r = run_obolint({"scan", "--show-files"}, dir.path());
  EXPECT_EQ(r.status, 0) << "no scan, no findings";
  EXPECT_EQ(r.out, "app.py\npkg/b.py\n");
}

TEST(CliJobs, AnyJobCountGivesTheSameReport) {
  TempDir dir;
  write_app(dir);
  for (int i = 0; i < 12; ++i) dir.write("m" + std::to_string(i) + ".py", dir.read("app.py"));
  auto one = run_obolint({"scan", "-j", "1", "--format", "json"}, dir.path());
  auto four = run_obolint({"scan", "--jobs", "4", "--format", "json"}, dir.path());
  EXPECT_EQ(one.status, 1);
  EXPECT_EQ(one.out, four.out);
}

TEST(CliOutputIntegrity, WriteErrorsExitTwo) {
  TempDir dir;
  write_app(dir);
  auto r = run_obolint({"scan", "-o", "/dev/full"}, dir.path());
  EXPECT_EQ(r.status, 2) << r.all();
  EXPECT_NE(r.err.find("No space left on device"), std::string::npos) << r.err;
  r = run_shell(shell_quote(obolint_binary()) + " scan > /dev/full", dir.path());
  EXPECT_EQ(r.status, 2) << r.all();
  EXPECT_NE(r.err.find("standard output"), std::string::npos) << r.err;
  r = run_obolint({"baseline", "-o", "/dev/full"}, dir.path());
  EXPECT_EQ(r.status, 2) << r.all();
}

TEST(CliOutputIntegrity, OldReportStaysWholeUntilTheNewOneIsWritten) {
  TempDir dir;
  write_app(dir);
  dir.write("report.json", "previous");
  // A broken configuration stops the run before any report: the old one is untouched.
  dir.write(".obolint.toml", "select = [\n");
  auto r = run_obolint({"scan", "--format", "json", "-o", "report.json"}, dir.path());
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(dir.read("report.json"), "previous");
  fs::remove(dir / ".obolint.toml");
  r = run_obolint({"scan", "--format", "json", "-o", "report.json"}, dir.path());
  EXPECT_EQ(r.status, 1);
  EXPECT_NO_THROW((void)nlohmann::json::parse(dir.read("report.json")));
  for (const auto& e : fs::directory_iterator(dir.path())) {
    EXPECT_NE(e.path().extension(), ".tmp") << "temporary file left: " << e.path();
  }
}

TEST(CliOutputIntegrity, PlantedLinksAreNeverWrittenThrough) {
  TempDir outside("obolint-victim");
  outside.write("victim", "precious");
  TempDir dir;
  write_app(dir);
  // A committed link where the report, the baseline or its old fixed temporary name would go.
  fs::create_symlink(outside / "victim", dir / "report.sarif");
  fs::create_symlink(outside / "victim", dir / ".obolint-baseline.json.tmp");
  auto r = run_obolint({"scan", "--format", "sarif", "-o", "report.sarif"}, dir.path());
  EXPECT_EQ(r.status, 2) << r.all();
  EXPECT_NE(r.err.find("symbolic link"), std::string::npos) << r.err;
  r = run_obolint({"baseline"}, dir.path());
  EXPECT_EQ(r.status, 0) << r.all();
  EXPECT_TRUE(fs::is_regular_file(fs::symlink_status(dir / ".obolint-baseline.json")));
  fs::create_symlink(outside / "victim", dir / "b.json");
  r = run_obolint({"baseline", "-o", "b.json"}, dir.path());
  EXPECT_EQ(r.status, 2) << r.all();
  EXPECT_EQ(outside.read("victim"), "precious");
}

TEST(CliInstallHook, ForceTwiceKeepsTheFirstBackup) {
  if (!have_program("git")) GTEST_SKIP() << "git not installed";
  TempDir dir("obolint-hook-force");
  ASSERT_EQ(git_init(dir.path()).status, 0);
  dir.write(".git/hooks/pre-commit.local", "#!/bin/sh\nexit 0\n");
  dir.write(".git/hooks/pre-commit", "#!/bin/sh\necho first-foreign-hook\n");
  ASSERT_EQ(run_obolint({"install-hook", "--force"}, dir.path()).status, 0);
  dir.write(".git/hooks/pre-commit", "#!/bin/sh\necho second-foreign-hook\n");
  auto r = run_obolint({"install-hook", "--force"}, dir.path());
  ASSERT_EQ(r.status, 0) << r.all();
  EXPECT_NE(dir.read(".git/hooks/pre-commit.obolint-backup").find("first-foreign-hook"),
            std::string::npos);
  EXPECT_NE(dir.read(".git/hooks/pre-commit.obolint-backup.1").find("second-foreign-hook"),
            std::string::npos);
  // A link planted under the installer's old fixed temporary name is left alone.
  TempDir outside("obolint-victim");
  outside.write("victim", "precious");
  fs::create_symlink(outside / "victim", dir / ".git/hooks/pre-commit.obolint-tmp");
  ASSERT_EQ(run_obolint({"install-hook"}, dir.path()).status, 0);
  EXPECT_EQ(outside.read("victim"), "precious");
}

}  // namespace
}  // namespace obolint::test
