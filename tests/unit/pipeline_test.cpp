// The pipeline's own stages, in process: de-duplication, snippets, decoding, glob matching,
// atomic output, safe reads, suggestions and output parsing. The slow-input cases are sized so
// that the old quadratic or exponential versions would not finish within the test timeout.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include "cli/outputs.h"
#include "cli/suggest.h"
#include "cli_support.h"
#include "discover/gitignore.h"
#include "discover/glob.h"
#include "engine/dedupe.h"
#include "engine/snippet.h"
#include "engine/sources.h"
#include "platform/atomic_file.h"
#include "platform/read_file.h"
#include "report/context.h"

namespace obolint {
namespace {

namespace fs = std::filesystem;

const std::string kToken = "dapi0123456789abcdef0123456789abcdef";

Finding at(const char* rule, int line, int col, int end_line, int end_col, const char* msg = "") {
  Finding f;
  f.rule_id = rule;
  f.path = "a.py";
  f.span = {line, col, end_line, end_col};
  f.message = msg;
  return f;
}

TEST(Dedupe, KeepsTheFirstOfOverlappingSpansPerRule) {
  std::vector<Finding> v = {at("OBO003", 1, 5, 1, 20, "first"),
                            at("OBO003", 1, 10, 1, 12),
                            at("OBO001", 1, 10, 1, 12, "other rule"),
                            at("OBO003", 1, 20, 1, 25, "touching: kept"),
                            at("OBO003", 1, 5, 1, 20),
                            at("OBO003", 2, 1, 2, 1, "empty"),
                            at("OBO003", 2, 1, 2, 1),
                            at("OBO003", 1, 7, 1, 7)};
  remove_overlapping_duplicates(v);
  std::vector<std::string> msgs;
  for (const auto& f : v) msgs.push_back(f.message);
  EXPECT_EQ(msgs, (std::vector<std::string>{"first", "other rule", "touching: kept", "empty"}));
}

TEST(Dedupe, ManyFindingsInOneFileStayFast) {
  // 200 000 findings of one rule in one file: quadratic de-duplication would take hours.
  std::vector<Finding> v;
  for (int i = 0; i < 200000; ++i) v.push_back(at("OBO003", i + 1, 3, i + 1, 39));
  for (int i = 0; i < 1000; ++i) v.push_back(at("OBO003", i + 1, 5, i + 1, 6));
  remove_overlapping_duplicates(v);
  EXPECT_EQ(v.size(), 200000u);
}

TEST(Snippet, LongLinesAreCutAroundTheSpanAndSecretsRedacted) {
  RuleSet rules = RuleSet::load(default_rules_dir());
  SecretScanner secrets(rules);
  std::string line = std::string(5000, 'x') + " A = \"" + kToken + "\" " + std::string(5000, 'y');
  std::size_t at_token = line.find(kToken);
  int column = 0;
  std::string s =
      make_snippet(line, at_token, {{at_token, at_token + kToken.size()}}, secrets, column);
  EXPECT_EQ(s.find(kToken), std::string::npos) << s;
  EXPECT_NE(s.find("dapi****cdef"), std::string::npos) << s;
  EXPECT_LT(s.size(), 3 * kSnippetContext + 40) << "cut to a window";
  EXPECT_EQ(s.rfind("\u2026", 0), 0u) << "marked as cut";
  EXPECT_EQ(s.substr(byte_offset_of_column(s, column), 4), "dapi") << "caret on the token";
}

TEST(Snippet, ATokenCutByTheWindowIsWidenedNotHalfShown) {
  RuleSet rules = RuleSet::load(default_rules_dir());
  SecretScanner secrets(rules);
  // The finding sits 100 characters after a token: the window's left edge falls inside it.
  std::string line = std::string(1000, 'x') + " \"" + kToken + "\"" + std::string(100, ' ') + "F";
  std::size_t f = line.size() - 1;
  int column = 0;
  std::string s = make_snippet(line, f, {}, secrets, column);
  EXPECT_EQ(s.find("0123456789abcdef0123"), std::string::npos) << s;
  EXPECT_NE(s.find("dapi****cdef"), std::string::npos) << s;
  EXPECT_EQ(s.substr(byte_offset_of_column(s, column), 1), "F") << s;
}

TEST(Snippet, ShortLinesAreWholeAndColumnsCountCodePoints) {
  RuleSet rules = RuleSet::load(default_rules_dir());
  SecretScanner secrets(rules);
  int column = 0;
  std::string line = "\xc3\xa9t\xc3\xa9 = f(x)";
  std::string s = make_snippet(line, line.find('f'), {}, secrets, column);
  EXPECT_EQ(s, line);
  EXPECT_EQ(column, 7);
}

TEST(Snippet, ManyFindingsOnOneHugeLineCostSmallSnippets) {
  RuleSet rules = RuleSet::load(default_rules_dir());
  SecretScanner secrets(rules);
  std::string text;
  for (int i = 0; i < 20000; ++i) text += "K=\"" + kToken + "\";";  // one 800 KB line
  std::map<std::string, std::unique_ptr<SourceFile>, std::less<>> files;
  files.emplace("a.py", std::make_unique<SourceFile>("a.py", text, Language::Text));
  std::vector<Finding> v;
  for (int i = 0; i < 20000; ++i) {
    Finding f = at("OBO003", 1, 4 + i * 41, 1, 40 + i * 41);
    f.span_is_secret = true;
    v.push_back(f);
  }
  attach_snippets(v, files, secrets);
  std::size_t total = 0;
  for (const auto& f : v) {
    total += f.snippet.size();
    ASSERT_EQ(f.snippet.find(kToken), std::string::npos);
  }
  EXPECT_LT(total, v.size() * 600) << "each snippet is a window, not the line";
  EXPECT_EQ(v[100].snippet.substr(byte_offset_of_column(v[100].snippet, v[100].snippet_column), 4),
            "dapi");
}

TEST(Sources, Utf16WithByteOrderMarkIsDecoded) {
  std::string le("\xff\xfe", 2), be("\xfe\xff", 2);
  for (char c : std::string("T = '\xe9'")) {  // Latin-1 é as one UTF-16 unit
    le += c;
    le += '\0';
    be += '\0';
    be += c;
  }
  le += std::string("\x3d\xd8\x00\xde", 4);  // U+1F600 as a surrogate pair (little endian)
  std::vector<Note> notes;
  auto src = make_source("u.py", le, notes);
  ASSERT_NE(src, nullptr);
  EXPECT_TRUE(notes.empty());
  EXPECT_EQ(src->content(), "T = '\xc3\xa9'\xf0\x9f\x98\x80");
  EXPECT_EQ(src->language(), Language::Python);
  std::string out;
  ASSERT_TRUE(decode_utf16(be, out));
  EXPECT_EQ(out, "T = '\xc3\xa9'");
  EXPECT_FALSE(decode_utf16(std::string("T\0=\0", 4), out)) << "no byte-order mark: not UTF-16";
  EXPECT_EQ(make_source("b.bin", std::string("T\0=\0", 4), notes), nullptr) << "binary";
}

TEST(Sources, LoneCarriageReturnsBreakLines) {
  std::vector<Note> notes;
  auto src = make_source("mac.py", "a = 1\rb = 2\r\nc = 3\r", notes);
  ASSERT_NE(src, nullptr);
  EXPECT_EQ(src->line_count(), 4);
  EXPECT_EQ(src->line_text(2), "b = 2");
  EXPECT_EQ(src->line_of(src->content().find('c')), 3);
  EXPECT_EQ(src->content().size(), std::string("a = 1\rb = 2\r\nc = 3\r").size());
}

TEST(Sources, SpecialFilesAreSkippedWithAReasonNeverRead) {
  test::TempDir dir("obolint-sources");
  ASSERT_EQ(::mkfifo((dir / "fifo").c_str(), 0600), 0);
  fs::create_symlink("nowhere", dir / "dangling");
  fs::create_symlink("loop", dir / "loop");
  fs::create_symlink("/dev/zero", dir / "zero");
  std::vector<Note> notes;
  for (const char* name : {"fifo", "dangling", "loop", "zero"}) {
    EXPECT_EQ(read_source(name, dir / name, 1 << 20, notes), nullptr) << name;
  }
  ASSERT_EQ(notes.size(), 4u);
  EXPECT_NE(notes[0].message.find("FIFO"), std::string::npos) << notes[0].message;
  EXPECT_NE(notes[1].message.find("dangling"), std::string::npos) << notes[1].message;
  EXPECT_NE(notes[2].message.find("loop"), std::string::npos) << notes[2].message;
  EXPECT_NE(notes[3].message.find("character device"), std::string::npos) << notes[3].message;
}

TEST(ReadFile, OnlyBoundedRegularFiles) {
  test::TempDir dir("obolint-read");
  ASSERT_EQ(::mkfifo((dir / "fifo").c_str(), 0600), 0);
  dir.write("big", std::string(100, 'x'));
  EXPECT_FALSE(read_regular_file(dir / "fifo", 1000).content);  // would block if opened plainly
  EXPECT_FALSE(read_regular_file("/dev/zero", 1000).content);   // would never end
  EXPECT_FALSE(read_regular_file(dir / "big", 99).content);
  EXPECT_EQ(read_regular_file(dir / "big", 100).content.value_or(""), std::string(100, 'x'));
  std::string problem;
  fs::create_symlink(dir / "fifo", dir / ".gitignore");
  EXPECT_FALSE(GitignoreRules::load(dir / ".gitignore", "", problem));
  EXPECT_NE(problem.find("FIFO"), std::string::npos) << problem;
}

TEST(Glob, PathologicalPatternsStayPolynomial) {
  // Backtracking takes exponential time here: *a*a*...*b against a long run of a's.
  std::string name(5000, 'a');
  EXPECT_FALSE(glob_match("*a*a*a*a*a*a*a*a*a*a*a*a*b", name));
  EXPECT_FALSE(glob_match("**a**a**a**a**a**a**a**a**b", name + "/" + name));
  EXPECT_TRUE(glob_match("*a*a*a*a*a*a*a*a*a*a*a*a*a", name));
  EXPECT_TRUE(glob_match("**/x/**/y", "a/x/b/c/y"));
  EXPECT_FALSE(glob_match("**/x/**/y", "a/xb/y"));
  EXPECT_TRUE(glob_match("a/**/b", "a/b"));
  EXPECT_TRUE(glob_match("[]]x", "]x"));
  EXPECT_TRUE(glob_match("[x", "[x")) << "an unterminated class is literal";
}

TEST(AtomicFile, ReplacesWholeAndNeverFollowsLinks) {
  test::TempDir dir("obolint-atomic");
  dir.write("victim", "keep me");
  write_file_atomically(dir / "report", "one");
  EXPECT_EQ(dir.read("report"), "one");
  ::chmod((dir / "report").c_str(), 0640);
  write_file_atomically(dir / "report", "two");
  EXPECT_EQ(dir.read("report"), "two");
  struct stat st {};
  ASSERT_EQ(::stat((dir / "report").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0640u) << "an existing file keeps its permissions";
  fs::create_symlink(dir / "victim", dir / "link");
  EXPECT_THROW(write_file_atomically(dir / "link", "evil"), OutputError);
  EXPECT_EQ(dir.read("victim"), "keep me");
  EXPECT_THROW(write_file_atomically("/dev/full", "x"), OutputError);
  EXPECT_NO_THROW(write_file_atomically("/dev/null", "x"));
  std::size_t entries = 0;
  for (auto it = fs::directory_iterator(dir.path()); it != fs::directory_iterator(); ++it) {
    ++entries;
  }
  EXPECT_EQ(entries, 3u) << "no temporary file left behind";
}

TEST(Suggest, ClosestNameOrNothing) {
  std::vector<std::string> commands = {"scan", "baseline", "install-hook", "rules", "explain"};
  EXPECT_EQ(cli::closest("scna", commands).value_or(""), "scan");
  EXPECT_EQ(cli::closest("baselin", commands).value_or(""), "baseline");
  EXPECT_EQ(cli::closest("instal-hook", commands).value_or(""), "install-hook");
  EXPECT_FALSE(cli::closest("frobnicate", commands));
  EXPECT_EQ(cli::edit_distance("scna", "scan"), 1u);
  EXPECT_EQ(cli::edit_distance("", "abc"), 3u);
}

TEST(Outputs, OneStandardOutputAndFilesOnce) {
  cli::ScanArgs a;
  a.output_formats = {"sarif:o.sarif", "json:o.json"};
  auto outs = cli::parse_outputs(a);
  ASSERT_EQ(outs.size(), 3u);
  EXPECT_EQ(outs[0].format, "text");
  EXPECT_TRUE(outs[0].file.empty());
  EXPECT_EQ(outs[1].file, "o.sarif");
  a.output_formats = {"json"};  // Ruff's spelling of --format
  EXPECT_EQ(cli::parse_outputs(a)[0].format, "json");
  a.format = "sarif";
  a.format_given = true;
  EXPECT_THROW(cli::parse_outputs(a), cli::UsageError) << "two formats for standard output";
  a.output_formats = {"sarif:x", "json:x"};
  EXPECT_THROW(cli::parse_outputs(a), cli::UsageError) << "one file twice";
  a.output_formats = {"yaml:x"};
  EXPECT_THROW(cli::parse_outputs(a), cli::UsageError);
}

}  // namespace
}  // namespace obolint
