// Every Databricks credential format is its own rule ([[text.secret]] data, no code): tokens are
// built here at test time from random hex digits (nothing format-valid is committed for these
// tests), found with their own rule id, and never printed whole in any report format.
#include <gtest/gtest.h>

#include <random>

#include "cli_support.h"
#include "core/rules.h"
#include "text/secret_scanner.h"

namespace obolint {
namespace {

struct Format {
  const char* rule;
  const char* prefix;
};
constexpr Format kFormats[] = {{"OBO003", "dapi"}, {"OBO011", "dose"}, {"OBO012", "doau"}};

const RuleSet& rules() {
  static RuleSet r = RuleSet::load(std::filesystem::path(OBOLINT_SOURCE_DIR) / "rules");
  return r;
}

std::string random_token(const char* prefix) {
  static std::mt19937 gen{std::random_device{}()};
  std::uniform_int_distribution<int> digit(0, 15);
  std::string t = prefix;
  for (int i = 0; i < 32; ++i) t += "0123456789abcdef"[digit(gen)];
  return t;
}

TEST(SecretFormats, EachFormatIsFoundByItsOwnRuleAndRedacted) {
  SecretScanner scanner(rules());
  for (const auto& f : kFormats) {
    std::string token = random_token(f.prefix);
    SourceFile file("settings.env", "KEY=" + token + "\n", Language::Text);
    std::vector<Finding> found;
    scanner.scan(file, found);
    ASSERT_EQ(found.size(), 1u) << f.prefix;
    EXPECT_EQ(found[0].rule_id, f.rule);
    EXPECT_EQ(found[0].severity, Severity::Block);
    EXPECT_TRUE(found[0].span_is_secret);
    EXPECT_EQ(found[0].span.column, 5);
    EXPECT_EQ(found[0].message.find(token), std::string::npos) << found[0].message;
    EXPECT_NE(found[0].message.find(token.substr(0, 4) + "****" + token.substr(32)),
              std::string::npos)
        << found[0].message;
  }
}

TEST(SecretFormats, LookAlikesOfEachFormatAreNotSecrets) {
  SecretScanner scanner(rules());
  for (const auto& f : kFormats) {
    std::string token = random_token(f.prefix);
    for (const std::string& text :
         {token.substr(0, 35), std::string(f.prefix) + " is the prefix of a token"}) {
      EXPECT_TRUE(scanner.find(text).empty()) << text;
    }
    // Glued to a word or to more hex digits it is still a secret (issue 11).
    for (const std::string& text : {"x" + token, token + "a"}) {
      EXPECT_EQ(scanner.find(text).size(), 1u) << text;
    }
  }
}

TEST(SecretFormats, NoReportFormatPrintsATokenWhole) {
  test::TempDir dir("obolint-secret-formats");
  std::vector<std::string> tokens;
  std::string env, py = "from databricks import sql\n";
  for (const auto& f : kFormats) {
    tokens.push_back(random_token(f.prefix));
    env += std::string("SECRET_") + f.prefix + "=" + tokens.back() + "\n";
    py += std::string(f.prefix) + " = \"" + tokens.back() + "\"\n";
  }
  dir.write(".env", env);
  dir.write("app.py", py);
  for (const char* format : {"text", "json", "sarif", "github", "gitlab"}) {
    auto r = test::run_obolint({"scan", ".", "--format", format, "--no-gitignore"}, dir.path());
    EXPECT_EQ(r.status, 1) << format << ": " << r.err;
    for (const auto& t : tokens) {
      EXPECT_EQ(r.out.find(t), std::string::npos) << format << " printed " << t.substr(0, 4);
      EXPECT_EQ(r.err.find(t), std::string::npos) << format;
    }
    for (const auto& f : kFormats) {
      EXPECT_NE(r.out.find(f.rule), std::string::npos) << format << " lacks " << f.rule;
    }
  }
}

}  // namespace
}  // namespace obolint
