#include <gtest/gtest.h>
#include <fstream>

#include "core/rules.h"
#include "rules_copy.h"
#include "text/secret_scanner.h"

namespace obolint {
namespace {

const RuleSet& rules() {
  static RuleSet r = RuleSet::load(std::filesystem::path(OBOLINT_SOURCE_DIR) / "rules");
  return r;
}

std::vector<std::string> tokens(std::string_view text) {
  SecretScanner s(rules());
  std::vector<std::string> out;
  for (const auto& m : s.find(text)) out.emplace_back(text.substr(m.begin, m.end - m.begin));
  return out;
}

const std::string kToken = "dapi0123456789abcdef0123456789abcdef";

TEST(SecretScanner, FindsTokensInAnyText) {
  EXPECT_EQ(tokens("TOKEN=" + kToken + "\n"), std::vector<std::string>{kToken});
  EXPECT_EQ(tokens("x = '" + kToken + "-2'"), std::vector<std::string>{kToken + "-2"});
  EXPECT_EQ(tokens("# " + kToken), std::vector<std::string>{kToken});
}

TEST(SecretScanner, IgnoresLookAlikes) {
  EXPECT_TRUE(tokens("the dapi prefix marks a PAT").empty());
  EXPECT_TRUE(tokens("dapi_HARDCODED_TOKEN").empty());  // caught by the literal rule, not here
  EXPECT_TRUE(tokens("md5 0123456789abcdef0123456789abcdef").empty());
  // A longer hex run is taken whole (found by fuzz_secrets: a snippet cut after the 32nd digit of
  // "dose" + 33 hex digits showed a token whole).
  EXPECT_EQ(tokens(kToken + "00"), std::vector<std::string>{kToken + "00"});
  EXPECT_TRUE(tokens("dapi0123").empty());
}

// Built at run time: no whole token is written in the repository.
std::string glued_token() {
  return "dapi" + std::string("fedcba9876543210") + "0123456789abcdef";
}

TEST(SecretScanner, FindsAndRedactsTokensGluedToWordCharacters) {
  const std::string tok = glued_token();
  SecretScanner s(rules());
  for (const std::string& text : {"token%3D" + tok + "&x=1", "PAT_" + tok, "x" + tok, tok + "-1b",
                                  tok + "_prod", "url?t=" + tok + "-12"}) {
    auto found = tokens(text);
    ASSERT_EQ(found.size(), 1u) << s.redact_all(text);
    EXPECT_EQ(found[0].substr(0, tok.size()), tok) << s.redact_all(text);
    std::string red = s.redact_all(text);
    EXPECT_EQ(red.find(tok), std::string::npos) << red;
    EXPECT_NE(red.find("dapi****"), std::string::npos) << red;
  }
  EXPECT_EQ(tokens(tok + "-1b"), std::vector<std::string>{tok});  // "-1b" is no token suffix
  EXPECT_EQ(tokens(tok + "-12"), std::vector<std::string>{tok + "-12"});
}

// Found by fuzz_secrets: a token whose last hex digits are "da" followed by "pi" and 32 more: two
// overlapping tokens. Redacted apart, "dapi****..da" + "pi0123..." spelled the second one whole.
TEST(SecretScanner, OverlappingTokensAreRedactedAsOne) {
  const std::string hex = "0123456789abcdef";
  const std::string first = "dapi" + hex + hex.substr(0, 14);  // 30 hex digits, then "da"...
  const std::string second = "dapi" + hex + "fedcba9876543210";
  const std::string text = "x = \"" + first + second + "\"";
  SecretScanner s(rules());
  ASSERT_EQ(s.find(text).size(), 2u);
  std::string red = s.redact_all(text);
  EXPECT_TRUE(s.find(red).empty()) << "a token is whole again after redaction";
  EXPECT_EQ(red.find(second), std::string::npos);
}

TEST(SecretScanner, RedactAllHidesEveryToken) {
  SecretScanner s(rules());
  std::string line = "a=" + kToken + " b=" + kToken;
  std::string red = s.redact_all(line);
  EXPECT_EQ(red.find(kToken), std::string::npos);
  EXPECT_EQ(red, "a=dapi****cdef b=dapi****cdef");
}

TEST(RuleSet, LoadsAllRulesSorted) {
  const auto& all = rules().all();
  ASSERT_GE(all.size(), 5u);
  EXPECT_EQ(all[0].id, "OBO001");
  EXPECT_EQ(rules().find("OBO003")->severity, Severity::Block);
  EXPECT_EQ(rules().find("OBO001")->severity, Severity::Flag);
  for (const auto& r : all) {
    EXPECT_FALSE(r.summary.empty()) << r.id;
    EXPECT_FALSE(r.message.empty()) << r.id;
  }
}

TEST(RuleSet, BrokenRuleFileNamesFileAndLine) {
  test::RulesCopy copy("obolint-broken-rules");
  copy.replace("OBO001-credentials-provider/rule.toml", "name = \"credentials-provider\"",
               "name = [unclosed");
  try {
    RuleSet::load(copy.dir());
    FAIL() << "expected RuleError";
  } catch (const RuleError& e) {
    std::string msg = e.what();
    EXPECT_NE(msg.find("OBO001-credentials-provider/rule.toml:3"), std::string::npos) << msg;
  }
}

}  // namespace
}  // namespace obolint
