// Inline suppressions: the comment lexers, the directive parser, and end to end through the CLI
// (text summary count, SARIF suppressions, exit status, --report-unused-suppressions, C++).
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "cli_support.h"
#include "engine/suppress.h"

namespace obolint {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

std::vector<std::string> comment_texts(std::string_view text, bool cpp) {
  std::vector<std::string> out;
  for (auto [b, e] : cpp ? cpp_comments(text) : python_comments(text)) {
    out.emplace_back(text.substr(b, e - b));
  }
  return out;
}

std::vector<Suppression> collect(const std::string& path, const std::string& text) {
  Language lang = path.ends_with(".cpp") ? Language::Cpp : Language::Python;
  SourceFile f(path, text, lang);
  return collect_suppressions(f);
}

TEST(PythonComments, SkipsStringsAndTripleQuotedStrings) {
  auto c = comment_texts(
      "a = '# not'  # one\n"
      "b = \"it's # not\"\n"
      "c = '''\n# not a comment\n'''  # two\n"
      "d = \"\\\"# still a string\"  # three\n"
      "e = r'\\'' # four\r\n",
      false);
  ASSERT_EQ(c.size(), 4u);
  EXPECT_EQ(c[0], "# one");
  EXPECT_EQ(c[1], "# two");
  EXPECT_EQ(c[2], "# three");
  EXPECT_EQ(c[3], "# four");
}

TEST(CppComments, SkipsStringCharAndRawStringLiterals) {
  auto c = comment_texts(
      "auto a = \"// not\"; // one\n"
      "auto b = R\"x(// not )\" still)x\"; /* two */\n"
      "char q = '\"'; int n = 1'000; // three\n",
      true);
  ASSERT_EQ(c.size(), 3u);
  EXPECT_EQ(c[0], "// one");
  EXPECT_EQ(c[1], "/* two */");
  EXPECT_EQ(c[2], "// three");
}

TEST(Directives, NoqaForms) {
  auto s = collect("a.py",
                   "x = 1  # noqa: OBO004\n"
                   "x = 1  # noqa:OBO004,obo001 E501\n"
                   "x = 1  # noqa\n"
                   "x = 1  # noqa: E501\n"
                   "x = 1  # noqa: OBO003 -- test fixture token\n"
                   "x = '# noqa: OBO001'\n");
  ASSERT_EQ(s.size(), 4u);
  EXPECT_EQ(s[0].ids, std::vector<std::string>{"OBO004"});
  EXPECT_EQ(s[0].target_line, 1);
  EXPECT_EQ(s[0].justification, "noqa");
  EXPECT_EQ(s[0].span.column, 8);
  EXPECT_EQ(s[1].ids, (std::vector<std::string>{"OBO004", "OBO001"}));
  EXPECT_TRUE(s[2].ids.empty());  // bare
  EXPECT_EQ(s[2].target_line, 3);
  EXPECT_EQ(s[3].target_line, 5);  // "# noqa: E501" is another tool's and not collected
  EXPECT_EQ(s[3].justification, "test fixture token");
}

TEST(Directives, ObolintIgnoreWithReason) {
  auto s = collect("a.py", "t = 'x'  # obolint: ignore[OBO003, OBO004] rotated, fixture only\n");
  ASSERT_EQ(s.size(), 1u);
  EXPECT_EQ(s[0].ids, (std::vector<std::string>{"OBO003", "OBO004"}));
  EXPECT_EQ(s[0].justification, "rotated, fixture only");
}

TEST(Directives, NolintAndNolintNextLine) {
  auto s = collect("a.cpp",
                   "int a;  // NOLINT(OBO004): checked by the gateway\n"
                   "// NOLINTNEXTLINE(OBO001, OBO003)\n"
                   "int b;\n"
                   "int c;  // NOLINT\n"
                   "int d;  // NOLINT(bugprone-branch-clone)\n"
                   "int e;  /* NOLINT(OBO002) */\n"
                   "const char* f = \"// NOLINT(OBO001)\";\n");
  ASSERT_EQ(s.size(), 4u);
  EXPECT_EQ(s[0].ids, std::vector<std::string>{"OBO004"});
  EXPECT_EQ(s[0].target_line, 1);
  EXPECT_EQ(s[0].justification, "checked by the gateway");
  EXPECT_EQ(s[1].target_line, 3);
  EXPECT_EQ(s[1].ids, (std::vector<std::string>{"OBO001", "OBO003"}));
  EXPECT_TRUE(s[2].ids.empty());
  EXPECT_EQ(s[2].justification, "NOLINT");
  EXPECT_EQ(s[3].target_line, 6);
}

TEST(ApplySuppressions, BareHidesFlagOnlyAndUnusedAreReported) {
  std::vector<std::unique_ptr<SourceFile>> sources;
  sources.push_back(std::make_unique<SourceFile>("a.py",
                                                 "x  # noqa\n"
                                                 "y  # noqa\n"
                                                 "z  # noqa: OBO003, OBO099\n",
                                                 Language::Python));
  auto finding = [](const char* rule, Severity sev, int line) {
    Finding f;
    f.rule_id = rule;
    f.severity = sev;
    f.path = "a.py";
    f.span = {line, 1, line, 2};
    return f;
  };
  std::vector<Finding> findings = {finding("OBO001", Severity::Flag, 1),
                                   finding("OBO003", Severity::Block, 2),
                                   finding("OBO003", Severity::Block, 3)};
  RuleSet rules = RuleSet::load(default_rules_dir());
  ScanOptions opts;
  opts.report_unused_suppressions = true;
  apply_suppressions(findings, sources, {}, rules, opts);
  EXPECT_TRUE(findings[0].suppressed);
  EXPECT_EQ(findings[0].suppression_justification, "noqa");
  EXPECT_FALSE(findings[1].suppressed);  // a bare noqa never hides BLOCK
  EXPECT_TRUE(findings[2].suppressed);   // named
  ASSERT_EQ(findings.size(), 5u);
  EXPECT_EQ(findings[3].rule_id, "OBO900");
  EXPECT_EQ(findings[3].span.line, 2);
  EXPECT_EQ(findings[4].rule_id, "OBO900");
  EXPECT_NE(findings[4].message.find("unknown rule OBO099"), std::string::npos)
      << findings[4].message;
}

// The pipeline applies severity overrides before suppressions (engine/run.cpp): a FLAG rule raised
// to BLOCK is no longer hidden by a bare noqa. End to end in
// ConfigCli.SeverityOverrideBeatsBareNoqa.
TEST(ApplySuppressions, BareNoqaFollowsTheFindingsOwnSeverity) {
  std::vector<std::unique_ptr<SourceFile>> sources;
  sources.push_back(std::make_unique<SourceFile>("a.py", "x  # noqa\n", Language::Python));
  Finding f;
  f.rule_id = "OBO001";
  f.severity = Severity::Block;  // OBO001 is FLAG by default: as overridden by the configuration
  f.path = "a.py";
  f.span = {1, 1, 1, 2};
  std::vector<Finding> findings = {f};
  RuleSet rules = RuleSet::load(default_rules_dir());
  apply_suppressions(findings, sources, {}, rules, ScanOptions{});
  EXPECT_EQ(findings[0].severity, Severity::Block);
  EXPECT_FALSE(findings[0].suppressed);
  findings[0].severity = Severity::Flag;
  apply_suppressions(findings, sources, {}, rules, ScanOptions{});
  EXPECT_TRUE(findings[0].suppressed);
}

// --- end to end ----------------------------------------------------------------------------------

const char* kPython =
    "from databricks import sql\n"
    "from databricks.sdk.core import Config\n"
    "cfg = Config()\n"
    "\n"
    "def a():\n"
    "    return sql.connect(credentials_provider=lambda: cfg.authenticate)  # noqa: OBO001\n"
    "\n"
    "def b():\n"
    "    return sql.connect(access_token=\"dapi0123456789abcdef0123456789abcd11\")  # noqa\n"
    "\n"
    "def c():\n"
    "    return sql.connect(access_token=\"dapi0123456789abcdef0123456789abcd12\")  "
    "# obolint: ignore[OBO003] revoked test token\n"
    "x = 1  # noqa: OBO002\n";

TEST(SuppressionsCli, TextSummaryCountsSuppressedAndExitIgnoresThem) {
  test::TempDir dir("obolint-suppress");
  test::git_init(dir.path());
  dir.write("app.py", kPython);
  auto r = test::run_obolint({"scan", "app.py", "--color", "never"}, dir.path());
  EXPECT_EQ(r.status, 1) << r.all();  // the BLOCK token under a bare noqa is still reported
  EXPECT_NE(r.out.find("app.py:9:"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("app.py:6:"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("app.py:12:"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("2 suppressed inline"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("OBO900"), std::string::npos) << "only with --report-unused-suppressions";

  // Once the only unsuppressed BLOCK is fixed, the suppressed BLOCK does not fail the scan.
  std::string fixed = kPython;
  fixed.replace(fixed.find("abcd11\")  # noqa"), 15, "abcd11\")  # noqa: OBO003");
  dir.write("app.py", fixed);
  r = test::run_obolint({"scan", "app.py"}, dir.path());
  EXPECT_EQ(r.status, 0) << r.all();
  EXPECT_NE(r.out.find("3 suppressed inline"), std::string::npos) << r.out;
}

// GitHub code scanning ignores SARIF `suppressions` and would open an alert for each: suppressed
// findings are left out unless asked for.
TEST(SuppressionsCli, SarifLeavesSuppressedFindingsOutByDefault) {
  test::TempDir dir("obolint-suppress");
  dir.write("app.py", kPython);
  auto r = test::run_obolint({"scan", "app.py", "--format", "sarif"}, dir.path());
  ASSERT_EQ(r.status, 1) << r.all();
  json doc = json::parse(r.out);
  ASSERT_FALSE(doc["runs"][0]["results"].empty()) << r.out;
  for (const auto& res : doc["runs"][0]["results"]) {
    EXPECT_FALSE(res.contains("suppressions")) << res.dump();
    EXPECT_NE(res["locations"][0]["physicalLocation"]["region"]["startLine"], 6) << res.dump();
  }
}

TEST(SuppressionsCli, SarifKeepsSuppressionsWithJustificationWhenAsked) {
  test::TempDir dir("obolint-suppress");
  dir.write("app.py", kPython);
  auto r = test::run_obolint({"scan", "app.py", "--format", "sarif", "--sarif-keep-suppressed"},
                             dir.path());
  ASSERT_EQ(r.status, 1) << r.all();
  json doc = json::parse(r.out);
  int suppressed = 0;
  bool justified = false;
  for (const auto& res : doc["runs"][0]["results"]) {
    if (!res.contains("suppressions")) continue;
    ++suppressed;
    EXPECT_EQ(res["suppressions"][0]["kind"], "inSource");
    if (res["suppressions"][0]["justification"] == "revoked test token") justified = true;
  }
  EXPECT_EQ(suppressed, 2);
  EXPECT_TRUE(justified) << r.out;
  fs::path sarif = dir.write("out.sarif", r.out);
  fs::path validator = fs::path(OBOLINT_SHARED_DIR) / "sarif/validate-sarif";
  if (fs::exists(validator)) {
    auto v = test::run({validator.string(), sarif.string()});
    EXPECT_EQ(v.status, 0) << v.all();
  }
}

TEST(SuppressionsCli, ReportUnusedSuppressions) {
  test::TempDir dir("obolint-suppress");
  dir.write("app.py", kPython);
  auto r = test::run_obolint(
      {"scan", "app.py", "--format", "json", "--report-unused-suppressions", "--fail-on", "never"},
      dir.path());
  ASSERT_EQ(r.status, 0) << r.all();
  json doc = json::parse(r.out);
  std::vector<int> lines;
  for (const auto& f : doc["findings"]) {
    if (f["rule"] == "OBO900") lines.push_back(f["line"].get<int>());
  }
  // Line 9: the bare noqa hides nothing (the token is BLOCK); line 13: no OBO002 there.
  EXPECT_EQ(lines, (std::vector<int>{9, 13})) << r.out;

  // Ignoring OBO900 turns it off again; and the SARIF with OBO900 results is valid.
  r = test::run_obolint({"scan", "app.py", "--format", "json", "--report-unused-suppressions",
                         "--ignore", "OBO900", "--fail-on", "never"},
                        dir.path());
  EXPECT_EQ(r.out.find("OBO900"), std::string::npos) << r.out;
  r = test::run_obolint({"scan", "app.py", "--format", "sarif", "--report-unused-suppressions"},
                        dir.path());
  fs::path sarif = dir.write("unused.sarif", r.out);
  fs::path validator = fs::path(OBOLINT_SHARED_DIR) / "sarif/validate-sarif";
  if (fs::exists(validator)) {
    auto v = test::run({validator.string(), sarif.string()});
    EXPECT_EQ(v.status, 0) << v.all();
  }
}

TEST(SuppressionsCli, CppNolintAndNolintNextLine) {
  test::TempDir dir("obolint-suppress");
  dir.write("conn.cpp",
            "#include <string>\n"
            "std::string a(const std::string& id) {\n"
            "  return \"Driver=Simba;AuthMech=11;Auth_Flow=1;Auth_Client_ID=\" + id;  "
            "// NOLINT(OBO001): reviewed\n"
            "}\n"
            "std::string b(const std::string& id) {\n"
            "  // NOLINTNEXTLINE(OBO001)\n"
            "  return \"Driver=Simba;AuthMech=11;Auth_Flow=1;Auth_Client_ID=\" + id;\n"
            "}\n"
            "std::string c(const std::string& id) {\n"
            "  return \"Driver=Simba;AuthMech=11;Auth_Flow=1;Auth_Client_ID=\" + id;\n"
            "}\n");
  auto r =
      test::run_obolint({"scan", "conn.cpp", "--format", "json", "--fail-on", "never"}, dir.path());
  ASSERT_EQ(r.status, 0) << r.all();
  json doc = json::parse(r.out);
  std::vector<int> lines;
  for (const auto& f : doc["findings"]) {
    if (f["rule"] == "OBO001") lines.push_back(f["line"].get<int>());
  }
  EXPECT_EQ(lines, std::vector<int>{10}) << r.out;
  EXPECT_EQ(doc["summary"]["suppressed"], 2) << r.out;
}

}  // namespace
}  // namespace obolint
