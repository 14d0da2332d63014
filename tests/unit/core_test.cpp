// Unit tests for the building blocks every stage relies on.
#include <gtest/gtest.h>

#include "core/redact.h"
#include "core/sha256.h"
#include "core/source_file.h"
#include "discover/gitignore.h"
#include "discover/glob.h"

namespace obolint {
namespace {

TEST(Glob, StarStopsAtSlashDoubleStarCrosses) {
  EXPECT_TRUE(glob_match("*.py", "app.py"));
  EXPECT_FALSE(glob_match("*.py", "pkg/app.py"));
  EXPECT_TRUE(glob_match("**/*.py", "pkg/sub/app.py"));
  EXPECT_TRUE(glob_match("**/*.py", "app.py"));
  EXPECT_TRUE(glob_match("tests/**", "tests/a/b.py"));
  EXPECT_FALSE(glob_match("tests/**", "src/tests.py"));
  EXPECT_TRUE(glob_match("a?c", "abc"));
  EXPECT_FALSE(glob_match("a?c", "a/c"));
  EXPECT_TRUE(glob_match("[a-c]x", "bx"));
  EXPECT_FALSE(glob_match("[!a-c]x", "bx"));
  EXPECT_TRUE(glob_match("\\*lit", "*lit"));
}

TEST(Gitignore, NamesGlobsDirsAnchorsAndNegation) {
  GitignoreRules rules("", "# comment\n*.log\n!keep.log\nbuild/\n/top.txt\ndocs/*.md\n");
  EXPECT_EQ(rules.match("a/b/debug.log", false), true);
  EXPECT_EQ(rules.match("keep.log", false), false);  // re-included
  EXPECT_EQ(rules.match("sub/build", true), true);
  EXPECT_EQ(rules.match("sub/build", false), std::nullopt);  // dir-only pattern
  EXPECT_EQ(rules.match("top.txt", false), true);
  EXPECT_EQ(rules.match("sub/top.txt", false), std::nullopt);  // anchored to the root
  EXPECT_EQ(rules.match("docs/x.md", false), true);
  EXPECT_EQ(rules.match("app.py", false), std::nullopt);
}

TEST(Gitignore, NestedFileOnlyCoversItsDirectory) {
  GitignoreRules rules("pkg", "secret.env\n");
  EXPECT_EQ(rules.match("pkg/secret.env", false), true);
  EXPECT_EQ(rules.match("other/secret.env", false), std::nullopt);
}

TEST(Redact, ShowsAtMostFourAndFour) {
  EXPECT_EQ(redact_secret("dapi0123456789abcdef0123456789abcdef"), "dapi****cdef");
  EXPECT_EQ(redact_secret("short"), "****");
  EXPECT_EQ(redact_secret("fifteen-chars!!"), "****");
}

TEST(SourceFile, LinesAndCodePointColumns) {
  SourceFile f("x.py", "ab\n\xc3\xa9t\xc3\xa9 = 1\r\nlast", Language::Python);
  EXPECT_EQ(f.line_count(), 3);
  EXPECT_EQ(f.line_text(2), "\xc3\xa9t\xc3\xa9 = 1");
  std::size_t eq = f.content().find('=');
  EXPECT_EQ(f.line_of(eq), 2);
  EXPECT_EQ(f.column_of(eq), 5);  // é t é ' ' = : code points, not bytes
  EXPECT_EQ(f.line_text(3), "last");
}

TEST(Utf8, RejectsInvalidSequences) {
  EXPECT_TRUE(is_valid_utf8("plain \xc3\xa9 \xf0\x9f\x98\x80"));
  EXPECT_FALSE(is_valid_utf8("latin1 \xe9 text"));
  EXPECT_FALSE(is_valid_utf8("\xc0\xaf"));      // overlong
  EXPECT_FALSE(is_valid_utf8("\xed\xa0\x80"));  // surrogate
  EXPECT_FALSE(is_valid_utf8("truncated \xe2\x82"));
}

TEST(Sha256, KnownVectors) {
  EXPECT_EQ(sha256_hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(sha256_hex(std::string(1000, 'a')).substr(0, 16), "41edece42d63e8d9");
}

}  // namespace
}  // namespace obolint

#include <atomic>

#include "core/parallel.h"

namespace obolint {
namespace {

TEST(ParallelFor, VisitsEveryIndexOnceAndRethrows) {
  std::vector<std::atomic<int>> hits(1000);
  parallel_for(hits.size(), [&](std::size_t i) { hits[i]++; });
  for (const auto& h : hits) EXPECT_EQ(h.load(), 1);
  EXPECT_THROW(parallel_for(100,
                            [](std::size_t i) {
                              if (i == 42) throw std::runtime_error("boom");
                            }),
               std::runtime_error);
}

}  // namespace
}  // namespace obolint
