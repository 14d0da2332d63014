// docs/ci examples (parsed, and their obolint command lines run in a pull-request-like
// repository), --format gitlab, and `cmake --install` (the installed binary finds its rules).
#include <gtest/gtest.h>

#include <cstdlib>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <sstream>

#include "cli_support.h"

namespace obolint::test {
namespace {

const std::string kToken = "dapi0123456789abcdef0123456789abcdef";

fs::path source_dir() {
  return fs::path(OBOLINT_TEST_FIXTURES).parent_path().parent_path();
}
fs::path build_dir() {
  return fs::path(obolint_binary()).parent_path();
}

// The YAML file as JSON, through PyYAML (a pre-commit dependency); null when unavailable.
nlohmann::json yaml_as_json(const fs::path& file) {
  auto r = run({"/usr/bin/python3", "-c",
                "import json, sys, yaml\n"
                "print(json.dumps(yaml.safe_load(open(sys.argv[1])), default=str))",
                file.string()});
  if (r.status != 0) return nullptr;
  return nlohmann::json::parse(r.out);
}

// Every `obolint ...` command line in a CI file: `run: obolint ...`, `- obolint ...`, or a line
// of a block script.
std::vector<std::string> obolint_commands(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    std::size_t i = line.find_first_not_of(' ');
    if (i == std::string::npos) continue;
    std::string s = line.substr(i);
    for (const char* prefix : {"- ", "run: "}) {
      if (s.rfind(prefix, 0) == 0) s = s.substr(std::string(prefix).size());
    }
    if (s.rfind("obolint ", 0) == 0) out.push_back(s);
  }
  return out;
}

// A clone whose origin/main is clean and whose branch adds a token: what a CI job checks out.
class CiCheckout : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!have_program("git")) GTEST_SKIP() << "git not installed";
    ASSERT_EQ(git_init(upstream.path()).status, 0);
    upstream.write("app/main.py", "import os\nTOKEN = os.environ['DATABRICKS_TOKEN']\n");
    ASSERT_EQ(git(upstream.path(), {"add", "-A"}).status, 0);
    ASSERT_EQ(git(upstream.path(), {"commit", "-q", "-m", "base"}).status, 0);
    ASSERT_EQ(run({"git", "clone", "-q", upstream.str(), checkout.str() + "/repo"}).status, 0);
    repo = checkout / "repo";
    ASSERT_EQ(git(repo, {"config", "user.email", "ci@example.com"}).status, 0);
    ASSERT_EQ(git(repo, {"config", "user.name", "CI"}).status, 0);
    ASSERT_EQ(git(repo, {"checkout", "-q", "-b", "feature"}).status, 0);
    write_text(repo / "app/leak.py", "TOKEN = \"" + kToken + "\"\n");
    ASSERT_EQ(git(repo, {"add", "-A"}).status, 0);
    ASSERT_EQ(git(repo, {"commit", "-q", "-m", "leak"}).status, 0);
  }
  // Runs each obolint line as CI would (obolint on PATH, the CI's variables set).
  void run_commands(const fs::path& ci_file) {
    auto commands = obolint_commands(read_text(ci_file));
    ASSERT_GE(commands.size(), 2u) << ci_file;
    std::string env = "export PATH=" + shell_quote(build_dir().string()) +
                      ":\"$PATH\" GITHUB_BASE_REF=main CI_MERGE_REQUEST_TARGET_BRANCH_NAME=main; ";
    for (const auto& cmd : commands) {
      SCOPED_TRACE(cmd);
      auto r = run_shell(env + cmd, repo);
      int expected = cmd.find("--fail-on block") != std::string::npos ? 1 : 0;
      EXPECT_EQ(r.status, expected) << r.all();
      if (expected == 1) {
        EXPECT_NE(r.all().find("OBO003"), std::string::npos) << r.all();
      }
      EXPECT_EQ(r.all().find(kToken), std::string::npos) << "token printed";
    }
  }
  TempDir upstream{"obolint-ci-upstream"};
  TempDir checkout{"obolint-ci"};
  fs::path repo;
};

// Every `uses:` of a workflow or action is pinned to a full commit SHA with its version beside it.
void expect_pinned(const std::string& text, const std::string& file) {
  std::regex uses(R"(uses:\s*([^\s#]+)(\s*#.*)?)");
  for (std::sregex_iterator it(text.begin(), text.end(), uses), end; it != end; ++it) {
    std::string ref = (*it)[1];
    if (ref.rfind("./", 0) == 0) continue;
    std::string sha = ref.substr(ref.find('@') + 1);
    EXPECT_TRUE(std::regex_match(sha, std::regex("[0-9a-f]{40}"))) << file << ": " << ref;
    EXPECT_TRUE((*it)[2].matched) << file << ": " << ref << " has no version comment";
  }
}

// action.yml: a composite action whose steps each name their shell, pinned actions, SARIF
// uploaded with upload-sarif v4 even when the scan found something, the gate last.
TEST(GithubAction, ActionMetadata) {
  fs::path file = source_dir() / "action.yml";
  std::string text = read_text(file);
  expect_pinned(text, "action.yml");
  EXPECT_NE(text.find("github/codeql-action/upload-sarif@"), std::string::npos);
  EXPECT_NE(text.find("# v4."), std::string::npos) << "upload-sarif v4 (v3 is deprecated)";
  nlohmann::json doc = yaml_as_json(file);
  if (doc.is_null()) GTEST_SKIP() << "PyYAML not available";
  EXPECT_EQ(doc["runs"]["using"], "composite");
  const auto& steps = doc["runs"]["steps"];
  ASSERT_GE(steps.size(), 5u);
  for (const auto& step : steps) {
    if (step.contains("run")) EXPECT_TRUE(step.contains("shell")) << step.dump();
    if (step.contains("uses") &&
        step["uses"].get<std::string>().find("upload-sarif") != std::string::npos) {
      EXPECT_NE(step["if"].get<std::string>().find("always()"), std::string::npos);
    }
  }
  EXPECT_EQ(steps.back()["name"], "obolint gate");
  for (const char* input : {"paths", "fail-on", "diff-base", "baseline", "sarif-file", "package"}) {
    EXPECT_TRUE(doc["inputs"].contains(input)) << input;
  }
}

// The action's scan step, run as the runner would (obolint on PATH, the step's environment): one
// run writes annotations and SARIF, the status is kept for the gate; on a pull request with
// diff-base the SARIF keeps every finding while the gate looks at changed lines.
TEST_F(CiCheckout, GithubActionScanStep) {
  fs::path script = source_dir() / "tools/action/scan.sh";
  std::string env = "export PATH=" + shell_quote(build_dir().string()) + ":\"$PATH\" " +
                    "GITHUB_OUTPUT=" + shell_quote((repo / "out.txt").string()) + "; ";
  auto r = run_shell(env + "OBOLINT_FAIL_ON=block " + shell_quote(script.string()), repo);
  EXPECT_EQ(r.status, 0) << "the step itself never fails: " << r.all();
  EXPECT_NE(r.out.find("::error file=app/leak.py"), std::string::npos) << r.out;
  std::string outputs = read_text(repo / "out.txt");
  EXPECT_NE(outputs.find("exit-code=1"), std::string::npos) << outputs;
  EXPECT_NE(outputs.find("sarif-file=obolint.sarif"), std::string::npos) << outputs;
  auto sarif = nlohmann::json::parse(read_text(repo / "obolint.sarif"));
  EXPECT_EQ(sarif["runs"][0]["results"].size(), 1u);

  // Pull request: a token that was already on main is in the SARIF (code scanning compares it
  // with main's own) but does not fail the gate, which looks only at the branch's lines.
  write_text(upstream / "old.py", "OLD = \"dapi" + std::string(32, 'c') + "\"\n");
  ASSERT_EQ(git(upstream.path(), {"add", "old.py"}).status, 0);
  ASSERT_EQ(git(upstream.path(), {"commit", "-qm", "old token"}).status, 0);
  ASSERT_EQ(git(repo, {"fetch", "-q", "origin"}).status, 0);
  ASSERT_EQ(git(repo, {"merge", "-q", "--no-edit", "origin/main"}).status, 0);
  fs::remove(repo / "out.txt");
  std::string pr = env + "GITHUB_EVENT_NAME=pull_request OBOLINT_DIFF_BASE=origin/main ";
  r = run_shell(pr + "OBOLINT_ARGS='--exclude app/leak.py' " + shell_quote(script.string()), repo);
  EXPECT_EQ(r.status, 0) << r.all();
  EXPECT_NE(read_text(repo / "out.txt").find("exit-code=0"), std::string::npos) << r.all();
  sarif = nlohmann::json::parse(read_text(repo / "obolint.sarif"));
  ASSERT_EQ(sarif["runs"][0]["results"].size(), 1u) << sarif.dump(1);
  EXPECT_EQ(
      sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
      "old.py");
  // Without the exclusion the branch's own leak fails the gate.
  fs::remove(repo / "out.txt");
  r = run_shell(pr + shell_quote(script.string()), repo);
  EXPECT_NE(read_text(repo / "out.txt").find("exit-code=1"), std::string::npos) << r.all();
  EXPECT_EQ(r.all().find(kToken), std::string::npos);
}

// The action's install step on a cache hit: the cached prefix is put on PATH, nothing is built.
TEST(GithubAction, InstallStepUsesACachedBuild) {
  if (!have_program("cmake")) GTEST_SKIP() << "cmake not installed";
  TempDir prefix("obolint-action-prefix");
  ASSERT_EQ(run({"cmake", "--install", build_dir().string(), "--prefix", prefix.str()}).status, 0);
  TempDir work("obolint-action-work");
  fs::path path_file = work / "github_path";
  auto r = run_shell("OBOLINT_PREFIX=" + shell_quote(prefix.str()) +
                         " GITHUB_PATH=" + shell_quote(path_file.string()) + " " +
                         shell_quote((source_dir() / "tools/action/install.sh").string()),
                     work.path());
  ASSERT_EQ(r.status, 0) << r.all();
  EXPECT_NE(r.out.find("cached build"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("C++ front end: " + (prefix / "lib/obolint/obolint-cpp.so").string()),
            std::string::npos)
      << r.out;
  EXPECT_EQ(read_text(path_file), (prefix / "bin").string() + "\n");
  auto key = run({(source_dir() / "tools/action/cache-key.sh").string()});
  EXPECT_TRUE(std::regex_search(key.out, std::regex("key=obolint-[a-z]+-[0-9.a-z]+-[a-z0-9_]+-"
                                                    "[0-9a-f]{16}\n")))
      << key.out;
}

// docs/ci/github-actions-deb.yml: the same as commands, its obolint lines run as CI would.
TEST_F(CiCheckout, GithubActionsWithoutTheAction) {
  fs::path file = source_dir() / "docs/ci/github-actions-deb.yml";
  expect_pinned(read_text(file), file.filename().string());
  nlohmann::json doc = yaml_as_json(file);
  if (!doc.is_null()) EXPECT_EQ(doc["permissions"]["security-events"], "write");
  run_commands(file);
  auto sarif = nlohmann::json::parse(read_text(repo / "obolint.sarif"));
  EXPECT_EQ(sarif["version"], "2.1.0");
  EXPECT_FALSE(sarif["runs"][0]["results"].empty());
}

TEST(GithubAction, ExampleUsesThePinnedAction) {
  fs::path file = source_dir() / "docs/ci/github-actions.yml";
  std::string text = read_text(file);
  expect_pinned(text, file.filename().string());
  EXPECT_NE(text.find("uses: obolint/obolint@"), std::string::npos);
  EXPECT_NE(text.find("PLACEHOLDER"), std::string::npos) << "the placeholder SHA is marked";
  nlohmann::json doc = yaml_as_json(file);
  if (doc.is_null()) GTEST_SKIP() << "PyYAML not available";
  EXPECT_EQ(doc["permissions"]["security-events"], "write");
  EXPECT_EQ(doc["jobs"]["obolint"]["steps"][1]["with"]["fetch-depth"], 0);
}

TEST_F(CiCheckout, GitlabCiJob) {
  fs::path file = source_dir() / "docs/ci/gitlab-ci.yml";
  nlohmann::json doc = yaml_as_json(file);
  if (!doc.is_null()) {
    EXPECT_EQ(doc["obolint"]["artifacts"]["reports"]["codequality"], "gl-code-quality-report.json");
    EXPECT_EQ(doc["obolint"]["artifacts"]["when"], "always");
    EXPECT_EQ(doc["obolint"]["cache"]["paths"][0], ".obolint/");
    EXPECT_NE(doc["obolint"]["cache"]["key"].get<std::string>().find("$OBOLINT_REF"),
              std::string::npos);
    EXPECT_TRUE(std::regex_match(doc["obolint"]["variables"]["OBOLINT_REF"].get<std::string>(),
                                 std::regex("[0-9a-f]{40}")))
        << "pinned to a commit";
  }
  run_commands(file);
  auto report = nlohmann::json::parse(read_text(repo / "gl-code-quality-report.json"));
  ASSERT_TRUE(report.is_array());
  ASSERT_EQ(report.size(), 1u) << report.dump(2);
  const auto& issue = report[0];
  EXPECT_EQ(issue["check_name"], "OBO003");
  EXPECT_EQ(issue["severity"], "critical");
  EXPECT_EQ(issue["location"]["path"], "app/leak.py");
  EXPECT_EQ(issue["location"]["lines"]["begin"], 1);
  EXPECT_EQ(issue["fingerprint"].get<std::string>().size(), 32u);
  EXPECT_NE(issue["description"].get<std::string>().find("OBO003"), std::string::npos);
}

TEST(GitlabFormat, FingerprintsAreUniqueAndStable) {
  TempDir dir("obolint-gitlab");
  dir.write("a.py", "A = \"" + kToken + "\"\nB = \"" + kToken + "\"\n");
  auto r1 = run_obolint({"scan", "--format", "gitlab"}, dir.path());
  EXPECT_EQ(r1.status, 1) << r1.all();
  auto report = nlohmann::json::parse(r1.out);
  ASSERT_EQ(report.size(), 2u);
  EXPECT_NE(report[0]["fingerprint"], report[1]["fingerprint"]);
  dir.write("a.py", "\n\nA = \"" + kToken + "\"\nB = \"" + kToken + "\"\n");
  auto moved = nlohmann::json::parse(run_obolint({"scan", "--format", "gitlab"}, dir.path()).out);
  EXPECT_EQ(moved[0]["fingerprint"], report[0]["fingerprint"]) << "survives moved lines";
}

// `cmake --install` into a temporary prefix: the binary, rule data and docs land in the usual
// places and the installed binary reads the installed rules (not the source tree's).
TEST(Install, InstalledBinaryFindsItsRules) {
  if (!have_program("cmake")) GTEST_SKIP() << "cmake not installed";
  if (!fs::exists(build_dir() / "cmake_install.cmake")) GTEST_SKIP() << "not a CMake build dir";
  TempDir prefix("obolint-install");
  auto r = run({"cmake", "--install", build_dir().string(), "--prefix", prefix.str()});
  ASSERT_EQ(r.status, 0) << r.all();
  EXPECT_TRUE(fs::exists(prefix / "bin/obolint"));
  EXPECT_TRUE(fs::exists(prefix / "share/obolint/rules/OBO003-hardcoded-token/rule.toml"));
  EXPECT_TRUE(fs::exists(prefix / "share/obolint/rules/OBO003-hardcoded-token/README.md"));
  EXPECT_TRUE(fs::exists(prefix / "share/obolint/rules/languages/python.toml"));
  EXPECT_TRUE(fs::exists(prefix / "share/doc/obolint/README.md"));
  EXPECT_TRUE(fs::exists(prefix / "share/doc/obolint/pre-commit.md"));
  EXPECT_TRUE(fs::exists(prefix / "share/doc/obolint/ci/github-actions.yml"));

  // Mark the installed copy of a rule so the test can tell which rule data was read.
  fs::path rule = prefix / "share/obolint/rules/OBO002-sdk-statement-execution/rule.toml";
  std::string text = read_text(rule);
  auto pos = text.find("\nsummary = \"");
  ASSERT_NE(pos, std::string::npos);
  text.insert(pos + 12, "INSTALLED-COPY ");
  write_text(rule, text);

  TempDir elsewhere("obolint-install-cwd");
  r = run({(prefix / "bin/obolint").string(), "rules"}, elsewhere.path());
  EXPECT_EQ(r.status, 0) << r.all();
  EXPECT_NE(r.out.find("INSTALLED-COPY"), std::string::npos) << r.out;
  r = run({(prefix / "bin/obolint").string(), "explain", "OBO003"}, elsewhere.path());
  EXPECT_EQ(r.status, 0) << r.all();
  EXPECT_NE(r.out.find("OBO003"), std::string::npos) << r.out;
  elsewhere.write("x.py", "T = \"" + kToken + "\"\n");
  r = run({(prefix / "bin/obolint").string(), "scan", "-q"}, elsewhere.path());
  EXPECT_EQ(r.status, 1) << r.all();
}

// A project another folder holds: a Python finding, and a C++ one only the C++ component finds
// (a URL split across adjacent literals).
void write_mixed_project(const TempDir& dir) {
  dir.write("app/main.py", "T = \"" + kToken + "\"\n");
  dir.write("native/client.cpp",
            "#include <string>\n"
            "std::string url(const std::string& host) {\n"
            "  return host + \"/api/2.0/sql/\" \"statements\";\n"
            "}\n");
}

// Runs an unpacked obolint (`root`/bin or `root`/usr/bin) from another folder, C++ included.
void check_unpacked(const fs::path& bin) {
  TempDir project("obolint-pkg-project");
  write_mixed_project(project);
  auto r = run({bin.string(), "version", "--verbose"}, project.path());
  EXPECT_EQ(r.status, 0) << r.all();
  EXPECT_NE(r.out.find("lib/obolint/obolint-cpp.so"), std::string::npos) << r.out;
  r = run({bin.string(), "scan", "--format", "json"}, project.path());
  EXPECT_EQ(r.status, 1) << r.all();
  auto doc = nlohmann::json::parse(r.out);
  std::set<std::string> rules;
  for (const auto& f : doc["findings"]) rules.insert(f["rule"].get<std::string>());
  EXPECT_TRUE(rules.count("OBO003")) << r.out;
  EXPECT_TRUE(rules.count("OBO002")) << "the C++ component ran: " << r.out;
  EXPECT_EQ(r.all().find(kToken), std::string::npos);
}

std::string dpkg_field(const fs::path& deb, const std::string& field) {
  return run({"dpkg-deb", "-f", deb.string(), field}).out;
}

// The .deb and the release tarball: `cpack` first brings every target up to date (minutes on 2
// cores from a cold build, seconds after tools/test.sh), so this check is opt-in:
// OBOLINT_TEST_DEB=1 ctest -R Install.Packages (.ci/run runs it after the suite).
TEST(Install, Packages) {
  const char* want = std::getenv("OBOLINT_TEST_DEB");
  if (want == nullptr || std::string(want) != "1") GTEST_SKIP() << "set OBOLINT_TEST_DEB=1";
  TempDir out("obolint-deb");
  auto r = run({"cpack", "-G", "DEB;TGZ", "-B", out.str()}, build_dir());
  ASSERT_EQ(r.status, 0) << r.all();
  fs::path deb, tgz;
  for (const auto& e : fs::directory_iterator(out.path())) {
    if (e.path().extension() == ".deb") deb = e.path();
    if (e.path().string().ends_with(".tar.gz")) tgz = e.path();
  }
  ASSERT_FALSE(deb.empty()) << r.all();
  ASSERT_FALSE(tgz.empty()) << r.all();
  EXPECT_EQ(deb.filename().string().rfind("obolint_", 0), 0u);

  // Dependencies: computed from the binaries (dpkg-shlibdeps), plus what no binary shows.
  std::string depends = dpkg_field(deb, "Depends");
  for (const char* dep : {"git", "libclang-common-19-dev", "libtree-sitter0", "libclang-cpp19",
                          "libstdc++6", "libc6"}) {
    EXPECT_NE(depends.find(dep), std::string::npos) << dep << " missing from: " << depends;
  }
  r = run({"dpkg-deb", "-c", deb.string()});
  EXPECT_NE(r.out.find("./usr/bin/obolint"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("./usr/lib/obolint/obolint-cpp.so"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("./usr/share/obolint/rules/"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("fixtures/"), std::string::npos) << "test fixtures are not installed";
  if (have_program("apt-get")) {
    r = run({"apt-get", "install", "--simulate", "-qq", deb.string()});
    EXPECT_EQ(r.status, 0) << "the dependencies resolve: " << r.all();
  }
  TempDir root("obolint-deb-root");
  ASSERT_EQ(run({"dpkg-deb", "-x", deb.string(), root.str()}).status, 0);
  check_unpacked(root / "usr/bin/obolint");

  TempDir tar_root("obolint-tgz-root");
  ASSERT_EQ(run({"tar", "-xzf", tgz.string(), "-C", tar_root.str(), "--strip-components=1"}).status,
            0);
  check_unpacked(tar_root / "bin/obolint");
}

}  // namespace
}  // namespace obolint::test
