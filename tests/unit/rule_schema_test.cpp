// The rule schema on copies of rules/: every mistake the issue lists stops the load with the file,
// the line and what is wrong, whatever the scan would hold; a new token format added as data gets
// its own id, message and severity.
#include <gtest/gtest.h>

#include "checks/check.h"
#include "core/rules.h"
#include "core/source_file.h"
#include "cpp/cpp_frontend.h"
#include "engine/analyze.h"
#include "engine/scan.h"
#include "rules_copy.h"

namespace obolint {
namespace {

// Loads the copy and returns the error, or "" when it loads.
std::string load_error(const test::RulesCopy& copy) {
  set_rule_validators(
      {&validate_matcher, [](std::string_view n) { return find_check(n) != nullptr; }});
  try {
    RuleSet::load(copy.dir());
  } catch (const RuleError& e) {
    return e.what();
  }
  return "";
}

TEST(RuleSchema, ShippedRulesLoad) {
  test::RulesCopy copy("obolint-schema-ok");
  EXPECT_EQ(load_error(copy), "");
}

TEST(RuleSchema, MisspeltKeyIsAnErrorWithLineAndHint) {
  test::RulesCopy copy("obolint-schema-typo");
  copy.replace("languages/python.toml", "header_maps =", "header_mapz =");
  std::string err = load_error(copy);
  EXPECT_NE(err.find("languages/python.toml:"), std::string::npos) << err;
  EXPECT_NE(err.find("unknown key 'header_mapz'"), std::string::npos) << err;
  EXPECT_NE(err.find("did you mean 'header_maps'"), std::string::npos) << err;
}

TEST(RuleSchema, WrongTypeIsAnError) {
  test::RulesCopy copy("obolint-schema-type");
  copy.replace("OBO003-hardcoded-token/rule.toml", "position = 2", "position = \"2\"");
  std::string err = load_error(copy);
  EXPECT_NE(err.find("OBO003-hardcoded-token/rule.toml:"), std::string::npos) << err;
  EXPECT_NE(err.find("'position'"), std::string::npos) << err;
  EXPECT_NE(err.find("must be an integer"), std::string::npos) << err;
}

TEST(RuleSchema, BrokenPythonRegexIsAnError) {
  test::RulesCopy copy("obolint-schema-pyregex");
  copy.replace("OBO003-hardcoded-token/rule.toml", "variable_regex = \"(?i)^(",
               "variable_regex = \"(?i)^((");
  std::string err = load_error(copy);
  EXPECT_NE(err.find("OBO003-hardcoded-token/rule.toml:"), std::string::npos) << err;
  EXPECT_NE(err.find("invalid regex"), std::string::npos) << err;
}

TEST(RuleSchema, BrokenCppRegexIsAnError) {
  test::RulesCopy copy("obolint-schema-cppregex");
  copy.replace("OBO002-sdk-statement-execution/rule.toml",
               "regex = \"/api/2\\\\.0/sql/statements\"",
               "regex = \"/api/2\\\\.0/sql/statements[\"");
  std::string err = load_error(copy);
  EXPECT_NE(err.find("OBO002-sdk-statement-execution/rule.toml:"), std::string::npos) << err;
  EXPECT_NE(err.find("invalid regex"), std::string::npos) << err;
}

TEST(RuleSchema, BrokenMatcherIsAnError) {
  test::RulesCopy copy("obolint-schema-matcher");
  copy.replace("languages/cpp.toml",
               "callExpr(anyOf(callee(expr(anyOf(memberExpr(member(hasName(\"getHeader\"",
               "calExpr(anyOf(callee(expr(anyOf(memberExpr(member(hasName(\"getHeader\"");
  std::string err = load_error(copy);
  EXPECT_NE(err.find("languages/cpp.toml:"), std::string::npos) << err;
  EXPECT_NE(err.find("invalid AST matcher"), std::string::npos) << err;
}

TEST(RuleSchema, UnknownCheckIsAnError) {
  test::RulesCopy copy("obolint-schema-check");
  copy.replace("OBO004-unvalidated-header-token/rule.toml", "check = \"unvalidated-header-token\"",
               "check = \"unvalidated-header-tokens\"");
  std::string err = load_error(copy);
  EXPECT_NE(err.find("unknown check 'unvalidated-header-tokens'"), std::string::npos) << err;
}

TEST(RuleSchema, MissingRequiredKeyIsAnError) {
  test::RulesCopy copy("obolint-schema-required");
  copy.replace(
      "OBO002-sdk-statement-execution/rule.toml",
      "callee = \"databricks.sdk.WorkspaceClient().statement_execution.execute_statement\"",
      "# no callee");
  std::string err = load_error(copy);
  EXPECT_NE(err.find("[[python.call]] needs 'callee'"), std::string::npos) << err;
}

// A second secret format added as data only: its findings carry its own id, message and severity
// while the dapi tokens keep OBO003's.
TEST(RuleSchema, NewSecretFormatAsDataGetsItsOwnId) {
  test::RulesCopy copy("obolint-schema-secret");
  std::filesystem::create_directories(copy.dir() / "OBO950-example-token");
  std::ofstream(copy.dir() / "OBO950-example-token/rule.toml") << R"(id = "OBO950"
name = "example-token"
severity = "FLAG"
summary = "An example token format"
description = "A token of the example service."
message = "rotate the example token"
[[text.secret]]
description = "Example service token"
keywords = ["exm_"]
regex = "exm_[0-9a-f]{16}"
)";
  ASSERT_EQ(load_error(copy), "");
  RuleSet rules = RuleSet::load(copy.dir());
  std::vector<InputFile> files;
  files.push_back(
      {"app.env",
       {},
       std::make_unique<SourceFile>(
           "app.env", "A=exm_0123456789abcdef\nB=dapi0123456789abcdef0123456789abcdef\n",
           Language::Text)});
  Analysis a = analyze(std::move(files), rules, ScanOptions{});
  ASSERT_EQ(a.findings.size(), 2u);
  std::sort(a.findings.begin(), a.findings.end(), finding_less);
  EXPECT_EQ(a.findings[0].rule_id, "OBO950");
  EXPECT_EQ(a.findings[0].severity, Severity::Flag);
  EXPECT_NE(a.findings[0].message.find("rotate the example token"), std::string::npos);
  EXPECT_EQ(a.findings[1].rule_id, "OBO003");
  EXPECT_EQ(a.findings[1].severity, Severity::Block);
}

}  // namespace
}  // namespace obolint
