// Configuration: discovery (walk up, .obolint.toml wins, .git boundary), parsing and errors with
// file:line, rule data merging, and end to end in a temporary git repository (severity override,
// per-path ignores, exclude, fail-on, command-line precedence, --show-config, --config,
// --isolated).
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "cli_support.h"
#include "engine/config.h"

namespace obolint {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

const RuleSet& rules() {
  static RuleSet r = RuleSet::load(default_rules_dir());
  return r;
}

std::string load_error(const test::TempDir& dir, const std::string& name, const std::string& text) {
  fs::path p = dir.write(name, text);
  try {
    load_config(p, rules());
  } catch (const ConfigError& e) {
    return e.what();
  }
  return "no error";
}

TEST(FindConfig, WalksUpAndPrefersObolintToml) {
  test::TempDir dir("obolint-config");
  test::git_init(dir.path());
  dir.write("pyproject.toml", "[tool.obolint]\nselect = [\"OBO001\"]\n");
  dir.write("pkg/sub/mod.py", "x = 1\n");
  dir.write("pkg/pyproject.toml", "[project]\nname = \"no obolint table\"\n");
  EXPECT_EQ(find_config(dir / "pkg/sub"), dir / "pyproject.toml");
  EXPECT_EQ(find_config(dir / "pkg/sub/mod.py"), dir / "pyproject.toml");
  dir.write("pkg/.obolint.toml", "select = [\"OBO002\"]\n");
  dir.write("pkg/pyproject.toml", "[tool.obolint]\nselect = [\"OBO003\"]\n");
  EXPECT_EQ(find_config(dir / "pkg/sub"), dir / "pkg/.obolint.toml");
}

TEST(FindConfig, StopsAtTheRepositoryRoot) {
  test::TempDir outer("obolint-config");
  outer.write(".obolint.toml", "select = [\"OBO001\"]\n");
  outer.write("repo/.git/HEAD", "ref: refs/heads/main\n");
  outer.write("repo/app.py", "x = 1\n");
  EXPECT_EQ(find_config(outer / "repo"), std::nullopt);
}

TEST(LoadConfig, ReadsEverySetting) {
  test::TempDir dir("obolint-config");
  fs::path p = dir.write("pyproject.toml",
                         "[project]\nname = \"x\"\n\n"
                         "[tool.obolint]\n"
                         "select = [\"OBO00\"]\n"
                         "ignore = [\"OBO005\"]\n"
                         "exclude = [\"migrations/**\"]\n"
                         "include = [\"*.py\"]\n"
                         "fail-on = \"flag\"\n"
                         "report-unused-suppressions = true\n"
                         "[tool.obolint.severity]\n"
                         "OBO001 = \"block\"\n"
                         "[tool.obolint.per-path-ignores]\n"
                         "\"tests/**\" = [\"OBO003\"]\n"
                         "[tool.obolint.obo004]\n"
                         "sources = [\"myapp.auth.user_token\"]\n"
                         "checks = [\"myapp.auth.require_token\"]\n");
  Config c = load_config(p, rules());
  EXPECT_EQ(c.select.value, std::vector<std::string>{"OBO00"});
  EXPECT_EQ(c.select.origin, p.string() + ":5");
  EXPECT_EQ(c.ignore.value, std::vector<std::string>{"OBO005"});
  EXPECT_EQ(c.exclude.value, std::vector<std::string>{"migrations/**"});
  EXPECT_EQ(c.include.value, std::vector<std::string>{"*.py"});
  EXPECT_EQ(c.fail_on.value, "flag");
  EXPECT_TRUE(c.report_unused_suppressions.value);
  ASSERT_TRUE(c.severity.count("OBO001"));
  EXPECT_EQ(c.severity["OBO001"].value, Severity::Block);
  EXPECT_EQ(c.severity["OBO001"].origin, p.string() + ":12");
  ASSERT_EQ(c.per_path_ignores.size(), 1u);
  EXPECT_EQ(c.per_path_ignores[0].glob, "tests/**");
  EXPECT_EQ(c.obo004["source_functions"].value, std::vector<std::string>{"myapp.auth.user_token"});
  EXPECT_EQ(c.obo004["check_calls"].value, std::vector<std::string>{"myapp.auth.require_token"});
  EXPECT_EQ(c.base, dir.path());

  std::string shown = describe_config(c);
  EXPECT_NE(shown.find("OBO001 = \"BLOCK\""), std::string::npos) << shown;
  EXPECT_NE(shown.find(p.string() + ":12"), std::string::npos) << shown;
}

TEST(LoadConfig, ErrorsNameFileLineAndProblem) {
  test::TempDir dir("obolint-config");
  std::string e = load_error(dir, ".obolint.toml", "select = [\"OBO001\"]\nselct = [\"OBO002\"]\n");
  EXPECT_NE(e.find(".obolint.toml:2:1: unknown key 'selct'"), std::string::npos) << e;
  e = load_error(dir, "pyproject.toml", "[tool.obolint]\n\nfail-on = 3\n");
  EXPECT_NE(e.find("pyproject.toml:3:11: 'fail-on' must be"), std::string::npos) << e;
  e = load_error(dir, ".obolint.toml", "ignore = \"OBO001\"\n");
  EXPECT_NE(e.find(":1:10: 'ignore' must be an array of strings"), std::string::npos) << e;
  e = load_error(dir, ".obolint.toml", "select = [\"OBO001\", \"OBX1\"]\n");
  EXPECT_NE(e.find(":1:21: unknown rule 'OBX1' in 'select'"), std::string::npos) << e;
  e = load_error(dir, ".obolint.toml", "[severity]\nOBO001 = \"HIGH\"\n");
  EXPECT_NE(e.find(":2:10: severity of OBO001 must be"), std::string::npos) << e;
  e = load_error(dir, ".obolint.toml", "[severity]\nOBO123 = \"BLOCK\"\n");
  EXPECT_NE(e.find(":2:1: unknown rule 'OBO123'"), std::string::npos) << e;
  e = load_error(dir, ".obolint.toml", "[obo004]\nsauces = [\"x\"]\n");
  EXPECT_NE(e.find(":2:1: unknown key 'sauces' in [obo004]"), std::string::npos) << e;
  e = load_error(dir, ".obolint.toml", "select = [\"OBO001\"\n");
  EXPECT_NE(e.find(".obolint.toml:"), std::string::npos) << e;
  EXPECT_NE(e.find("invalid TOML"), std::string::npos) << e;
}

TEST(MergeRuleData, SeverityAndObo004Arrays) {
  test::TempDir dir("obolint-config");
  fs::path p = dir.write(".obolint.toml",
                         "[severity]\nOBO001 = \"BLOCK\"\n"
                         "[obo004]\nsources = [\"myapp.auth.user_token\"]\n"
                         "headers = [\"X-My-Token\"]\n");
  RuleSet r = RuleSet::load(default_rules_dir());
  Config c = load_config(p, r);
  merge_rule_data(r, c);
  // Severity overrides are the pipeline's (applied once, to findings), not the rule data's.
  EXPECT_EQ(r.find("OBO001")->severity, Severity::Flag);
  ScanOptions opts;
  apply_config(c, opts);
  EXPECT_EQ(opts.severity_overrides.at("OBO001"), Severity::Block);
  auto arr = string_array(r.language("python")["token_flow"]["source_functions"]);
  ASSERT_FALSE(arr.empty());
  EXPECT_EQ(arr.back(), "myapp.auth.user_token");
  auto headers = string_array(r.language("common")["token"]["headers"]);
  EXPECT_EQ(headers.back(), "X-My-Token");
  EXPECT_GE(headers.size(), 2u);  // appended to, not replacing, the rule's own
}

// --- end to end ----------------------------------------------------------------------------------

const char* kApp =
    "from databricks import sql\n"
    "from databricks.sdk.core import Config\n"
    "cfg = Config()\n"
    "conn = sql.connect(credentials_provider=lambda: cfg.authenticate)\n";
const char* kTokenTest = "TOKEN = \"dapi0123456789abcdef0123456789abcd21\"\n";

struct Repo {
  test::TempDir dir{"obolint-config-e2e"};
  Repo() {
    test::git_init(dir.path());
    dir.write("src/app.py", kApp);
    dir.write("tests/test_app.py", kTokenTest);
    dir.write("migrations/old.py", kApp);
  }
  std::multiset<std::string> findings(const std::vector<std::string>& extra, int* status = nullptr,
                                      const fs::path& cwd = {}) {
    std::vector<std::string> args = {"scan", "--format", "json"};
    args.insert(args.end(), extra.begin(), extra.end());
    auto r = test::run_obolint(args, cwd.empty() ? dir.path() : cwd);
    if (status) *status = r.status;
    std::multiset<std::string> out;
    if (r.status == 2) {
      ADD_FAILURE() << r.all();
      return out;
    }
    json doc = json::parse(r.out);
    for (const auto& f : doc["findings"]) {
      out.insert(f["path"].get<std::string>() + " " + f["rule"].get<std::string>() + " " +
                 f["severity"].get<std::string>());
    }
    return out;
  }
};

TEST(ConfigCli, WithoutConfigurationDefaultsApply) {
  Repo repo;
  int status = 0;
  auto f = repo.findings({}, &status);
  EXPECT_EQ(f.count("src/app.py OBO001 FLAG"), 1u);
  EXPECT_EQ(f.count("tests/test_app.py OBO003 BLOCK"), 1u);
  EXPECT_EQ(f.count("migrations/old.py OBO001 FLAG"), 1u);
  EXPECT_EQ(status, 1);
}

TEST(ConfigCli, PyprojectSettingsApplyAndFlagsOverrideThem) {
  Repo repo;
  repo.dir.write("pyproject.toml",
                 "[project]\nname = \"app\"\n"
                 "[tool.obolint]\n"
                 "exclude = [\"migrations\"]\n"
                 "fail-on = \"never\"\n"
                 "[tool.obolint.severity]\n"
                 "OBO001 = \"BLOCK\"\n"
                 "[tool.obolint.per-path-ignores]\n"
                 "\"tests/**\" = [\"OBO003\"]\n");
  int status = -1;
  auto f = repo.findings({}, &status);
  EXPECT_EQ(f, (std::multiset<std::string>{"src/app.py OBO001 BLOCK"}));
  EXPECT_EQ(status, 0);  // fail-on = "never"
  // From a subdirectory the same file is found (walking up).
  f = repo.findings({"."}, &status, repo.dir / "src");
  EXPECT_EQ(f, (std::multiset<std::string>{"app.py OBO001 BLOCK"}));
  // Command-line flags win over the file.
  f = repo.findings({"--fail-on", "block", "--exclude", "nothing"}, &status);
  EXPECT_EQ(status, 1);
  EXPECT_EQ(f.count("migrations/old.py OBO001 BLOCK"), 1u);
  // --isolated ignores the file.
  f = repo.findings({"--isolated"}, &status);
  EXPECT_EQ(f.count("src/app.py OBO001 FLAG"), 1u);
  EXPECT_EQ(f.count("tests/test_app.py OBO003 BLOCK"), 1u);

  // SARIF level follows the override, and the log stays valid.
  auto r = test::run_obolint({"scan", "src", "--format", "sarif"}, repo.dir.path());
  json doc = json::parse(r.out);
  EXPECT_EQ(doc["runs"][0]["results"][0]["level"], "error") << r.out;
}

// Overrides are applied once, before suppressions: a bare noqa (FLAG only) no longer hides OBO001
// raised to BLOCK, and the SARIF rule descriptor carries the configured level.
TEST(ConfigCli, SeverityOverrideBeatsBareNoqa) {
  Repo repo;
  repo.dir.write("src/app.py", std::string(kApp).insert(std::string(kApp).size() - 1, "  # noqa"));
  repo.dir.write(".obolint.toml", "[severity]\nOBO001 = \"BLOCK\"\n");
  int status = -1;
  auto f = repo.findings({"src"}, &status);
  EXPECT_EQ(f, (std::multiset<std::string>{"src/app.py OBO001 BLOCK"}));
  EXPECT_EQ(status, 1);
  repo.dir.write(".obolint.toml", "");
  f = repo.findings({"src"}, &status);
  EXPECT_TRUE(f.empty()) << "without the override the bare noqa hides the FLAG finding";
  repo.dir.write(".obolint.toml", "[severity]\nOBO001 = \"BLOCK\"\n");
  auto r = test::run_obolint({"scan", "src", "--format", "sarif"}, repo.dir.path());
  json doc = json::parse(r.out);
  for (const auto& rule : doc["runs"][0]["tool"]["driver"]["rules"]) {
    if (rule["id"] == "OBO001") {
      EXPECT_EQ(rule["defaultConfiguration"]["level"], "error");
    }
  }
}

TEST(ConfigCli, ExcludeGlobsAreRelativeToTheConfigFile) {
  Repo repo;
  repo.dir.write("src/legacy/old.py", kApp);
  repo.dir.write(".obolint.toml", "exclude = [\"src/legacy/**\"]\n");
  auto f = repo.findings({"--fail-on", "never"});
  EXPECT_EQ(f.count("src/legacy/old.py OBO001 FLAG"), 0u);
  EXPECT_EQ(f.count("src/app.py OBO001 FLAG"), 1u);
  f = repo.findings({"--fail-on", "never"}, nullptr, repo.dir / "src");
  EXPECT_EQ(f, (std::multiset<std::string>{"app.py OBO001 FLAG"}));
}

TEST(ConfigCli, ObolintTomlWinsAndExplicitConfig) {
  Repo repo;
  repo.dir.write("pyproject.toml", "[tool.obolint]\nselect = [\"OBO003\"]\n");
  repo.dir.write(".obolint.toml", "select = [\"OBO001\"]\n");
  auto f = repo.findings({});
  EXPECT_EQ(f.count("tests/test_app.py OBO003 BLOCK"), 0u);
  EXPECT_EQ(f.count("src/app.py OBO001 FLAG"), 1u);
  repo.dir.write("other.toml", "ignore = [\"OBO001\"]\n");
  f = repo.findings({"--config", "other.toml"});
  EXPECT_EQ(f, (std::multiset<std::string>{"tests/test_app.py OBO003 BLOCK"}));
}

TEST(ConfigCli, BrokenFileExitsTwoWithFileAndLine) {
  Repo repo;
  repo.dir.write(".obolint.toml", "select = [\"OBO001\"]\n\n[severity]\nOBO001 = \"CRITICAL\"\n");
  auto r = test::run_obolint({"scan"}, repo.dir.path());
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find(".obolint.toml:4:10: severity of OBO001 must be"), std::string::npos)
      << r.err;
  repo.dir.write(".obolint.toml", "[tool]\nselct = 1\n");
  r = test::run_obolint({"scan", "--show-config"}, repo.dir.path());
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("unknown key 'tool'"), std::string::npos) << r.err;
}

TEST(ConfigCli, ShowConfigPrintsValuesAndOrigins) {
  Repo repo;
  repo.dir.write(".obolint.toml", "ignore = [\"OBO005\"]\n[severity]\nOBO001 = \"BLOCK\"\n");
  auto r = test::run_obolint({"scan", "--show-config", "--fail-on", "flag"}, repo.dir.path());
  ASSERT_EQ(r.status, 0) << r.all();
  std::string cfg = (repo.dir / ".obolint.toml").string();
  EXPECT_NE(r.out.find("# configuration file: " + cfg), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("ignore = [\"OBO005\"]"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("# " + cfg + ":1"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("fail-on = \"flag\""), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("# command line"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("# " + cfg + ":3"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("OBO001 connection"), std::string::npos) << "no scan with --show-config";
}

TEST(ConfigCli, Obo004ExtraSourcesAndChecks) {
  test::TempDir dir("obolint-config-obo004");
  test::git_init(dir.path());
  dir.write("app.py",
            "from databricks import sql\n"
            "from myapp.auth import require_token, user_token\n"
            "\n"
            "def unchecked():\n"
            "    token = user_token()\n"
            "    return sql.connect(server_hostname=\"h\", http_path=\"p\", access_token=token)\n"
            "\n"
            "def checked():\n"
            "    token = user_token()\n"
            "    require_token(token)\n"
            "    return sql.connect(server_hostname=\"h\", http_path=\"p\", access_token=token)\n");
  auto lines = [&]() {
    auto r = test::run_obolint({"scan", "--format", "json", "--select", "OBO004"}, dir.path());
    EXPECT_NE(r.status, 2) << r.all();
    std::vector<int> out;
    json doc = json::parse(r.out);
    for (const auto& f : doc["findings"]) out.push_back(f["line"].get<int>());
    return out;
  };
  EXPECT_EQ(lines(), std::vector<int>{});  // unknown helpers: nothing to say
  dir.write(".obolint.toml",
            "[obo004]\n"
            "sources = [\"myapp.auth.user_token\"]\n"
            "checks = [\"myapp.auth.require_token\"]\n");
  EXPECT_EQ(lines(), std::vector<int>{6});
}

}  // namespace
}  // namespace obolint
