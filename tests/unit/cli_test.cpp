// End-to-end tests of the command line: formats, exit statuses, bad input, redaction.
#include <gtest/gtest.h>

#include <regex>
#include <set>

#include <nlohmann/json.hpp>

#include "cli_support.h"

namespace obolint {
namespace {

using test::run_obolint;
using test::TempDir;

const std::string kToken = "dapi0123456789abcdef0123456789abcdef";

// One BLOCK (token) and one FLAG (credentials_provider) finding.
void write_app(const TempDir& dir) {
  dir.write("app.py",
            "from databricks import sql\n"
            "TOKEN = \"" +
                kToken +
                "\"\n"
                "def connect(cfg):\n"
                "    return sql.connect(server_hostname='h', http_path='/p', "
                "credentials_provider=cfg)\n");
}

void write_flag_only(const TempDir& dir) {
  dir.write("flag.py",
            "from databricks import sql\n"
            "conn = sql.connect(server_hostname='h', http_path='/p', credentials_provider=None)\n");
}

TEST(Cli, TextReportShowsLocationSeveritySnippetAndSummary) {
  TempDir dir;
  write_app(dir);
  auto r = run_obolint({"scan", "."}, dir.path());
  EXPECT_EQ(r.status, 1) << r.err;
  EXPECT_NE(r.out.find("app.py:2:10: BLOCK OBO003"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("app.py:4:61: FLAG OBO001"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("^"), std::string::npos);
  EXPECT_NE(r.out.find("Scanned 1 file"), std::string::npos);
  EXPECT_NE(r.out.find("1 BLOCK, 1 FLAG"), std::string::npos);
  EXPECT_EQ(r.out.find(kToken), std::string::npos) << "full token printed";
  EXPECT_EQ(r.out.find("\033["), std::string::npos) << "colour when not on a terminal";
}

TEST(Cli, ColourOnlyWhenAskedAndNoColorRespected) {
  TempDir dir;
  write_app(dir);
  EXPECT_NE(run_obolint({"scan", ".", "--color", "always"}, dir.path()).out.find("\033["),
            std::string::npos);
  auto r = test::run_shell("NO_COLOR=1 " + test::shell_quote(test::obolint_binary()) + " scan .",
                           dir.path());
  EXPECT_EQ(r.out.find("\033["), std::string::npos);
}

TEST(Cli, JsonReportFollowsDocumentedSchema) {
  TempDir dir;
  write_app(dir);
  auto r = run_obolint({"scan", "--format", "json", "."}, dir.path());
  ASSERT_EQ(r.status, 1) << r.err;
  auto doc = nlohmann::json::parse(r.out);
  EXPECT_EQ(doc["schema_version"], 1);
  ASSERT_EQ(doc["findings"].size(), 2u);
  const auto& f = doc["findings"][0];
  for (const char* key : {"path", "line", "column", "end_line", "end_column", "rule", "rule_name",
                          "severity", "message", "snippet", "fingerprint"}) {
    EXPECT_TRUE(f.contains(key)) << key;
  }
  EXPECT_EQ(f["rule"], "OBO003");
  EXPECT_EQ(f["severity"], "BLOCK");
  EXPECT_EQ(doc["summary"]["findings"]["BLOCK"], 1);
  EXPECT_EQ(r.out.find(kToken), std::string::npos) << "full token in JSON";
}

TEST(Cli, SarifPassesValidatorStrict) {
  TempDir dir;
  write_app(dir);
  dir.write("sub dir/other.py", "x = 1\n");
  auto r = run_obolint({"scan", "--format", "sarif", "--output", "out.sarif", "."}, dir.path());
  ASSERT_EQ(r.status, 1) << r.err;
  std::string sarif = dir.read("out.sarif");
  EXPECT_EQ(sarif.find(kToken), std::string::npos) << "full token in SARIF";
  auto doc = nlohmann::json::parse(sarif);
  const auto& run = doc["runs"][0];
  EXPECT_EQ(run["tool"]["driver"]["rules"].size(), run["tool"]["driver"]["rules"].size());
  const auto& res = run["results"][0];
  EXPECT_EQ(res["ruleId"], "OBO003");
  EXPECT_EQ(res["level"], "error");
  EXPECT_EQ(res["locations"][0]["physicalLocation"]["artifactLocation"]["uri"], "app.py");
  EXPECT_EQ(res["locations"][0]["physicalLocation"]["artifactLocation"]["uriBaseId"], "%SRCROOT%");
  EXPECT_TRUE(run["originalUriBaseIds"].contains("%SRCROOT%"));
  auto v = test::run({std::string(OBOLINT_SHARED_DIR) + "/sarif/validate-sarif", "--strict",
                      (dir / "out.sarif").string()});
  EXPECT_EQ(v.status, 0) << v.all();
}

TEST(Cli, SarifUrisRelativeToProjectRoot) {
  TempDir dir;
  write_app(dir);
  auto r = run_obolint({"scan", "--format", "sarif", "--project-root", dir.str(), dir.str()});
  auto doc = nlohmann::json::parse(r.out);
  EXPECT_EQ(
      doc["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
      "app.py");
}

TEST(Cli, FingerprintsSurviveLinesMovingAbove) {
  TempDir dir;
  write_app(dir);
  auto before =
      nlohmann::json::parse(run_obolint({"scan", "--format", "json", "."}, dir.path()).out);
  std::string moved = "# a new comment\n\n\n" + dir.read("app.py");
  dir.write("app.py", moved);
  auto after =
      nlohmann::json::parse(run_obolint({"scan", "--format", "json", "."}, dir.path()).out);
  ASSERT_EQ(before["findings"].size(), after["findings"].size());
  for (std::size_t i = 0; i < before["findings"].size(); ++i) {
    EXPECT_NE(before["findings"][i]["line"], after["findings"][i]["line"]);
    EXPECT_EQ(before["findings"][i]["fingerprint"], after["findings"][i]["fingerprint"]);
  }
}

TEST(Cli, GithubFormatEmitsWorkflowCommands) {
  TempDir dir;
  write_app(dir);
  auto r = run_obolint({"scan", "--format", "github", "."}, dir.path());
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.out.find("::error file=app.py,line=2,col=10,"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("::warning file=app.py,line=4,"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("title=OBO003 hardcoded-token::"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find(kToken), std::string::npos);
}

TEST(Cli, ExitStatusFollowsFailOn) {
  TempDir block_dir, flag_dir, clean_dir;
  write_app(block_dir);
  write_flag_only(flag_dir);
  clean_dir.write("ok.py", "print('hello')\n");
  EXPECT_EQ(run_obolint({"scan", "."}, block_dir.path()).status, 1);  // default: block
  EXPECT_EQ(run_obolint({"scan", "."}, flag_dir.path()).status, 0);
  EXPECT_EQ(run_obolint({"scan", "--fail-on", "flag", "."}, flag_dir.path()).status, 1);
  EXPECT_EQ(run_obolint({"scan", "--fail-on", "never", "."}, block_dir.path()).status, 0);
  EXPECT_EQ(run_obolint({"scan", "--fail-on", "flag", "."}, clean_dir.path()).status, 0);
  EXPECT_EQ(run_obolint({"scan", "--ignore", "OBO003", "."}, block_dir.path()).status, 0);
  EXPECT_EQ(
      run_obolint({"scan", "--select", "OBO003", "--fail-on", "flag", "."}, flag_dir.path()).status,
      0);
}

TEST(Cli, UsageErrorsExitTwoWithClearMessage) {
  TempDir dir;
  auto missing = run_obolint({"scan", "no/such/path"}, dir.path());
  EXPECT_EQ(missing.status, 2);
  EXPECT_NE(missing.err.find("no/such/path"), std::string::npos) << missing.err;
  EXPECT_EQ(run_obolint({"scan", "--format", "xml", "."}, dir.path()).status, 2);
  EXPECT_EQ(run_obolint({"scan", "--fail-on", "sometimes", "."}, dir.path()).status, 2);
  EXPECT_EQ(run_obolint({"scan", "--no-such-flag"}, dir.path()).status, 2);
  EXPECT_EQ(run_obolint({}, dir.path()).status, 2);
  auto unknown_rule = run_obolint({"scan", "--select", "OBO777", "."}, dir.path());
  EXPECT_EQ(unknown_rule.status, 2);
  EXPECT_NE(unknown_rule.err.find("OBO777"), std::string::npos);
  auto bad_output = run_obolint({"scan", "--output", "/nonexistent/dir/out.txt", "."}, dir.path());
  EXPECT_EQ(bad_output.status, 2);
}

TEST(Cli, BrokenRuleFileExitsTwoNamingTheFile) {
  TempDir dir;
  dir.write("rules/OBO001-x/rule.toml", "id = \"OBO001\"\nname = \"x\"\nseverity = \"SEVERE\"\n");
  auto r = run_obolint({"scan", "--rules-dir", "rules", "."}, dir.path());
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("OBO001-x/rule.toml:3"), std::string::npos) << r.err;
}

TEST(Cli, BinaryFilesAreSkippedAndCounted) {
  TempDir dir;
  dir.write("blob.bin", std::string("\x7f"
                                    "ELF\0\0\0",
                                    7) +
                            kToken);
  dir.write("ok.py", "x = 1\n");
  auto r = run_obolint({"scan", "--format", "json", "."}, dir.path());
  auto doc = nlohmann::json::parse(r.out);
  EXPECT_EQ(doc["summary"]["files_skipped"], 1);
  EXPECT_EQ(doc["summary"]["files_scanned"], 1);
  EXPECT_NE(r.out.find("binary file skipped"), std::string::npos);
}

TEST(Cli, InvalidUtf8IsStillScannedForSecrets) {
  TempDir dir;
  dir.write("latin1.py", "# caf\xe9\nTOKEN = '" + kToken + "'\n");
  auto r = run_obolint({"scan", "--format", "json", "."}, dir.path());
  EXPECT_EQ(r.status, 1) << r.err;
  auto doc = nlohmann::json::parse(r.out);
  ASSERT_EQ(doc["findings"].size(), 1u);
  EXPECT_EQ(doc["findings"][0]["rule"], "OBO003");
  EXPECT_NE(r.out.find("not valid UTF-8"), std::string::npos);
}

TEST(Cli, SyntaxErrorsGiveANoteAndFindingsFromTheRest) {
  TempDir dir;
  dir.write("broken.py",
            "from databricks import sql\n"
            "def broken(:\n"
            "    pass\n"
            "conn = sql.connect(server_hostname='h', http_path='/p', credentials_provider=1)\n");
  auto r = run_obolint({"scan", "--format", "json", "--fail-on", "flag", "."}, dir.path());
  EXPECT_EQ(r.status, 1) << r.err;
  auto doc = nlohmann::json::parse(r.out);
  ASSERT_EQ(doc["findings"].size(), 1u);
  EXPECT_EQ(doc["findings"][0]["rule"], "OBO001");
  ASSERT_GE(doc["notes"].size(), 1u);
  EXPECT_EQ(doc["notes"][0]["kind"], "parse-error");
  EXPECT_EQ(doc["notes"][0]["line"], 2);
}

TEST(Cli, LargeFilesAreSkippedWithANote) {
  TempDir dir;
  dir.write("big.txt", std::string(2000, 'x') + kToken);
  auto r = run_obolint({"scan", "--max-file-size", "1000", "."}, dir.path());
  EXPECT_EQ(r.status, 0);
  EXPECT_NE(r.out.find("larger than --max-file-size"), std::string::npos) << r.out;
}

TEST(Cli, DiscoveryHonoursGitignoreDefaultsAndGlobs) {
  TempDir dir;
  std::string leak = "T = '" + kToken + "'\n";
  dir.write(".gitignore", "*.secret\n/generated/\n!keep.secret\n");
  dir.write("a.secret", leak);
  dir.write("keep.secret", leak);
  dir.write("generated/x.py", leak);
  dir.write("node_modules/pkg/index.js", leak);
  dir.write(".venv/lib/x.py", leak);
  dir.write("env2/pyvenv.cfg", "home = /usr\n");
  dir.write("env2/lib/y.py", leak);
  dir.write(".git/config", leak);
  dir.write("src/app.py", leak);
  dir.write("tests/test_app.py", leak);
  auto paths = [&](std::vector<std::string> extra) {
    std::vector<std::string> args = {"scan", "--format", "json", "--fail-on", "never"};
    args.insert(args.end(), extra.begin(), extra.end());
    args.push_back(".");
    auto doc = nlohmann::json::parse(run_obolint(args, dir.path()).out);
    std::set<std::string> out;
    for (const auto& f : doc["findings"]) out.insert(f["path"].get<std::string>());
    return out;
  };
  EXPECT_EQ(paths({}), (std::set<std::string>{"keep.secret", "src/app.py", "tests/test_app.py"}));
  EXPECT_EQ(paths({"--exclude", "tests"}), (std::set<std::string>{"keep.secret", "src/app.py"}));
  EXPECT_EQ(paths({"--include", "*.py"}),
            (std::set<std::string>{"src/app.py", "tests/test_app.py"}));
  EXPECT_TRUE(paths({"--no-gitignore"}).count("a.secret"));
  EXPECT_TRUE(paths({"--no-default-excludes"}).count("node_modules/pkg/index.js"));
}

TEST(Cli, ExplicitFilesAreScannedAndPathsKeepTheirSpelling) {
  TempDir dir;
  write_app(dir);
  auto r = run_obolint({"scan", "--format", "json", "./app.py"}, dir.path());
  auto doc = nlohmann::json::parse(r.out);
  ASSERT_FALSE(doc["findings"].empty());
  EXPECT_EQ(doc["findings"][0]["path"], "app.py");
}

TEST(Cli, RulesExplainAndVersion) {
  auto rules = run_obolint({"rules"});
  EXPECT_EQ(rules.status, 0);
  for (const char* id : {"OBO001", "OBO002", "OBO003", "OBO004", "OBO005"}) {
    EXPECT_NE(rules.out.find(id), std::string::npos) << id;
  }
  EXPECT_NE(rules.out.find("hardcoded-token"), std::string::npos);
  auto explain = run_obolint({"explain", "OBO003"});
  EXPECT_EQ(explain.status, 0);
  EXPECT_NE(explain.out.find("# OBO003"), std::string::npos) << explain.out;
  EXPECT_EQ(run_obolint({"explain", "OBO999"}).status, 2);
  auto version = run_obolint({"--version"});
  EXPECT_EQ(version.status, 0);
  EXPECT_NE(version.out.find("obolint "), std::string::npos);
}

}  // namespace
}  // namespace obolint

namespace obolint {
namespace {

// The promise that matters most: no report format ever prints a whole token, over every fixture
// (tokens in comments, literals, concatenations, notebooks, C++, config files).
TEST(Cli, NoFormatPrintsAWholeTokenOverAllFixtures) {
  const std::regex whole_token("dapi[0-9a-fA-F]{32}");
  for (const char* format : {"text", "json", "sarif", "github", "gitlab"}) {
    auto r = run_obolint({"scan", "tests/fixtures", "examples", "--format", format, "--fail-on",
                          "never", "--color", "always"},
                         OBOLINT_SOURCE_DIR);
    EXPECT_EQ(r.status, 0) << format << ": " << r.err;
    EXPECT_NE(r.out.find("OBO003"), std::string::npos) << format;
    EXPECT_FALSE(std::regex_search(r.all(), whole_token)) << format << " printed a whole token";
  }
}

}  // namespace
}  // namespace obolint
