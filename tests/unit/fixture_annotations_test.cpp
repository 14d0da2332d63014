// The annotation parser is what every fixture test stands on: a misparse tests nothing.
#include <gtest/gtest.h>

#include "fixture_annotations.h"

namespace obolint::test {
namespace {

TEST(FixtureAnnotations, ExpectationWithColumnAndMessage) {
  auto a = parse_annotations(R"x(x = f()  # expect: OBO006@12 "web-app code (imports dash)")x");
  ASSERT_TRUE(a);
  ASSERT_EQ(a->expect.size(), 1u);
  EXPECT_EQ(a->expect[0].rule, "OBO006");
  EXPECT_EQ(a->expect[0].column, 12);
  EXPECT_EQ(a->expect[0].message, "web-app code (imports dash)");
}

TEST(FixtureAnnotations, NotebookAndJsonStringsLoseOnlyTheirOwnQuote) {
  auto nb = parse_annotations(R"(    "t = read()  # expect: OBO004\n",)");
  ASSERT_TRUE(nb);
  ASSERT_EQ(nb->expect.size(), 1u);
  EXPECT_EQ(nb->expect[0].rule, "OBO004");
  auto json = parse_annotations(R"(  "refresh_token": "x", "note": "# expect: OBO012",)");
  ASSERT_TRUE(json);
  EXPECT_EQ(json->expect[0].rule, "OBO012");
  EXPECT_TRUE(json->expect[0].message.empty());
}

TEST(FixtureAnnotations, OkNamesIdsThenProse) {
  auto a = parse_annotations("y = g()  # ok: OBO006, OBO010 a test module");
  ASSERT_TRUE(a);
  EXPECT_EQ(a->ok, (std::vector<std::string>{"OBO006", "OBO010"}));
  EXPECT_FALSE(parse_annotations("z = h()  # ok: just a remark"));
}

TEST(FixtureAnnotations, TyposAreErrorsNotSilence) {
  EXPECT_THROW(parse_annotations("x  # expect: OBO06"), std::runtime_error);
  EXPECT_THROW(parse_annotations("x  # expect:"), std::runtime_error);
}

}  // namespace
}  // namespace obolint::test
