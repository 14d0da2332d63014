// C++ front end: focused tests of spans, redaction, flows, compilation databases, hostile input,
// literal decoding and rule data. The annotated fixtures in tests/fixtures/cpp are compared both
// ways by the CLI-level fixture runner (fixture_runner_test.cpp).
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <iostream>
#include <map>
#include <regex>
#include <set>
#include <sstream>

#include "cpp/cpp_frontend.h"
#include "cpp/cpp_rules.h"
#include "cpp/lexical.h"
#include "cpp_test_support.h"
#include "engine/prefilter.h"

namespace obolint {
namespace {

namespace fs = std::filesystem;

const fs::path kFixtures = fs::path(OBOLINT_TEST_FIXTURES) / "cpp";

const RuleSet& rules() {
  return test::cpp_test_rules();
}

using Scan = test::CppScan;

std::vector<const RuleDef*> all_rules() {
  std::vector<const RuleDef*> out;
  for (const auto& r : rules().all()) out.push_back(&r);
  return out;
}

bool is_cpp(const fs::path& p) {
  static const std::set<std::string> exts = {".cc", ".cpp", ".cxx", ".c++", ".h",
                                             ".hh", ".hpp", ".hxx", ".ipp"};
  return exts.count(p.extension().string()) > 0;
}

Scan scan_files(const std::vector<fs::path>& paths, const CppOptions& options) {
  return test::scan_cpp_files(paths, options);
}

// Fixture roots: tests/fixtures/cpp, and each folder holding a compile_commands.json (its own
// root, auto-detected as the engine does).
std::vector<fs::path> roots() {
  std::vector<fs::path> out{kFixtures};
  for (const auto& e : fs::recursive_directory_iterator(kFixtures)) {
    if (e.is_directory() && fs::exists(e.path() / "compile_commands.json")) out.push_back(e.path());
  }
  return out;
}

std::vector<fs::path> files_of(const fs::path& root) {
  auto all = roots();
  std::vector<fs::path> out;
  for (auto it = fs::recursive_directory_iterator(root); it != fs::recursive_directory_iterator();
       ++it) {
    if (it->is_directory() && it->path() != root &&
        std::find(all.begin(), all.end(), it->path()) != all.end()) {
      it.disable_recursion_pending();
      continue;
    }
    if (it->is_regular_file() && is_cpp(it->path())) out.push_back(it->path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

Scan scan_one(const std::string& name, const std::string& content, const CppOptions& options = {}) {
  return test::scan_cpp(name, content, options);
}

TEST(CppFrontend, ReportsInsideTheLiteral) {
  auto s = scan_one("/tmp/obolint-span.cpp",
                    "const char* c = \"AuthMech=11;Auth_Flow=1;Auth_Client_ID=x\";\n");
  ASSERT_EQ(s.findings.size(), 1u);
  const auto& f = s.findings[0];
  EXPECT_EQ(f.rule_id, "OBO001");
  EXPECT_EQ(f.severity, Severity::Flag);
  EXPECT_EQ(f.span, (Span{1, 30, 1, 41}));
  EXPECT_NE(f.message.find("Auth_Flow=1"), std::string::npos);
  EXPECT_NE(f.message.find(rules().find("OBO001")->message), std::string::npos);
  EXPECT_EQ(f.fingerprint_text, "cpp:OBO001:auth_flow=1");
}

TEST(CppFrontend, SecretsAreRedactedAndNotDuplicated) {
  auto s = scan_one("/tmp/obolint-secret.cpp",
                    "const char* a = \"dapi0123456789abcdef\" \"0123456789abcdef\";\n"
                    "const char* b = \"UID=token;PWD=dapi0123456789abcdef0123456789abcdff;\";\n"
                    "const char* c = \"UID=token;PWD=hunter2-but-longer-secret;\";\n");
  ASSERT_EQ(s.findings.size(), 3u);
  for (const auto& f : s.findings) {
    EXPECT_EQ(f.rule_id, "OBO003");
    EXPECT_TRUE(f.span_is_secret);
    ASSERT_EQ(f.fingerprint_text.rfind("secret:", 0), 0u);
    std::string secret = f.fingerprint_text.substr(7);
    EXPECT_EQ(f.message.find(secret), std::string::npos) << f.message;
  }
  // The split token spans both literals, from its first character.
  auto split = std::find_if(s.findings.begin(), s.findings.end(),
                            [](const Finding& f) { return f.span.line == 1; });
  ASSERT_NE(split, s.findings.end());
  EXPECT_EQ(split->span.column, 18);
  EXPECT_EQ(split->fingerprint_text, "secret:dapi0123456789abcdef0123456789abcdef");
}

TEST(CppFrontend, Obo004HasRelatedReadAndFlow) {
  auto s = scan_one("/tmp/obolint-flow.cpp",
                    "#include <string>\n"
                    "#include \"httplib.h\"\n"
                    "void run_query(const std::string&);\n"
                    "void f(const httplib::Request& req) {\n"
                    "  std::string token = req.get_header_value(\"X-Forwarded-Access-Token\");\n"
                    "  std::string bearer = token;\n"
                    "  run_query(bearer);\n"
                    "}\n");
  ASSERT_EQ(s.findings.size(), 1u);
  const auto& f = s.findings[0];
  EXPECT_EQ(f.rule_id, "OBO004");
  EXPECT_EQ(f.span.line, 7);
  ASSERT_EQ(f.related.size(), 1u);
  EXPECT_EQ(f.related[0].span.line, 5);
  ASSERT_EQ(f.flow.size(), 4u);  // read, token, bearer, use
  EXPECT_EQ(f.flow.front().span.line, 5);
  EXPECT_EQ(f.flow[1].span.line, 5);
  EXPECT_EQ(f.flow[2].span.line, 6);
  EXPECT_EQ(f.flow.back().span.line, 7);
}

TEST(CppFrontend, BrokenCodeBecomesANote) {
  auto s =
      scan_one("/tmp/obolint-broken.cpp", "int main( { return \"Auth_Flow=1;\n struct {{{ ]] \n");
  bool note = std::any_of(s.notes.begin(), s.notes.end(), [](const Note& n) {
    return n.kind == Note::Kind::ParseError && n.path == "/tmp/obolint-broken.cpp";
  });
  EXPECT_TRUE(note);
}

TEST(CppFrontend, FilesWithoutKeywordsAreNotParsed) {
  CppPrefilter prefilter(rules(), all_rules(), true);
  EXPECT_FALSE(prefilter.may_matter("#include <vector>\nint main() { return 0; }\n"));
  EXPECT_TRUE(prefilter.may_matter("auto t = req.get_header_value(\"x-forwarded-ACCESS-token\");"));
  EXPECT_TRUE(prefilter.may_matter("\"Auth_Flow=1\""));
  // Ordinary C++ words of a rule count only with a Databricks, ODBC or OAuth word beside them.
  EXPECT_FALSE(prefilter.may_matter("Token next_token(Lexer& l); const char* pwd = getcwd();"));
  EXPECT_TRUE(prefilter.may_matter("connect(\"Driver=Simba;UID=token;PWD=secret\");"));
  EXPECT_TRUE(prefilter.may_matter("DatabricksClient c(\"host\", /*token=*/\"abcdefgh123\");"));
  // Without the token flow, the header name alone is no reason to parse.
  CppPrefilter patterns_only(rules(), all_rules(), false);
  EXPECT_FALSE(patterns_only.may_matter("req.get_header_value(\"X-Forwarded-Access-Token\");"));
  // A file with no keyword is not parsed: a broken one gets no parse note.
  auto s = scan_one("/tmp/obolint-skip.cpp", "#include <iostream>\nint main( { return 0; }\n");
  EXPECT_TRUE(s.findings.empty());
  EXPECT_TRUE(s.notes.empty());
}

TEST(CppFrontend, CompilationDatabaseGivesRealFlags) {
  // Without the database the include path is unknown: the header constant naming the token header
  // cannot be resolved (one OBO004 fewer) and the file gets a parse note.
  fs::path dir = kFixtures / "with-compdb";
  auto count = [](const Scan& s) {
    return std::count_if(s.findings.begin(), s.findings.end(),
                         [](const Finding& f) { return f.rule_id == "OBO004"; });
  };
  auto without = scan_files({dir / "service.cpp"}, CppOptions{});
  EXPECT_EQ(count(without), 2);
  EXPECT_TRUE(std::any_of(without.notes.begin(), without.notes.end(),
                          [](const Note& n) { return n.kind == Note::Kind::ParseError; }));
  // --compile-commands FILE, -p DIR, and auto-detection at the scan root.
  CppOptions by_file, by_dir, by_root;
  by_file.compile_commands = dir / "compile_commands.json";
  by_dir.compile_commands = dir;
  by_root.scan_roots = {dir};
  for (const auto& options : {by_file, by_dir, by_root}) {
    auto s = scan_files({dir / "service.cpp"}, options);
    EXPECT_EQ(count(s), 3);
    EXPECT_TRUE(s.notes.empty()) << (s.notes.empty() ? "" : s.notes[0].message);
  }
}

TEST(CppFrontend, SurvivesHostileInput) {
  // A very long `+` chain, invalid UTF-8, NUL bytes, unterminated literals and comments.
  std::string chain = "const char* k = \"Auth_Flow=1\"";
  for (int i = 0; i < 3000; ++i) chain += " + \"x\"";
  chain += ";\n";
  // Deep nesting: parentheses and templates.
  chain += "const char* d = " + std::string(2000, '(') + "\"Auth_Flow=1\"" +
           std::string(2000, ')') + ";\n";
  chain +=
      "template <int N> struct T { static constexpr int v = T<N - 1>::v + 1; };\n"
      "template <> struct T<0> { static constexpr int v = 0; };\n"
      "int deep = T<5000>::v;\n";
  // A 1 MiB literal (std::regex recursion depth).
  chain += "const char* big = \"UID=token;PWD=" + std::string(1 << 20, 'a') + "\";\n";
  std::string junk =
      "\"PWD=\xff\xfe\x80"
      "abcdefgh;\" \n int x = '\0'; \"X-Forwarded-Access-Token /* ";
  auto s = scan_one("/tmp/obolint-hostile.cpp", chain + junk);
  EXPECT_TRUE(std::any_of(s.findings.begin(), s.findings.end(),
                          [](const Finding& f) { return f.rule_id == "OBO001"; }));
  for (const auto& n : s.notes) EXPECT_NE(n.kind, Note::Kind::Error) << n.message;
}

TEST(CppFrontend, BadCompilationDatabases) {
  fs::path dir = fs::temp_directory_path() / "obolint-cpp-baddb";
  fs::remove_all(dir);
  fs::create_directories(dir);
  {
    std::ofstream(dir / "main.cpp") << "const char* c = \"AuthMech=11;Auth_Flow=1;\";\n";
    // A flag Clang does not know, and a second entry whose directory does not exist.
    std::ofstream(dir / "compile_commands.json") << R"([{"directory": ".", "file": "main.cpp",
                "arguments": ["g++", "-fno-such-flag-for-clang", "-DX=1", "-c", "main.cpp"]},
               {"directory": "/nonexistent/obolint", "file": "/nonexistent/obolint/other.cpp",
                "arguments": ["g++", "-c", "other.cpp"]}])";
    std::ofstream(dir / "broken.json") << "[{ not json";
  }
  CppOptions options;
  options.compile_commands = dir / "compile_commands.json";
  auto s = scan_files({dir / "main.cpp"}, options);
  ASSERT_EQ(s.findings.size(), 1u);
  EXPECT_EQ(s.findings[0].span.line, 1);
  // Parsed (Clang reports the unknown flag and goes on), not left to the lexical scan alone.
  for (const auto& n : s.notes) {
    EXPECT_EQ(n.message.find("only the lexical"), std::string::npos) << n.message;
  }
  // A broken database is an Error note; the files are still analysed without it.
  options.compile_commands = dir / "broken.json";
  auto b = scan_files({dir / "main.cpp"}, options);
  EXPECT_EQ(b.findings.size(), 1u);
  EXPECT_TRUE(std::any_of(b.notes.begin(), b.notes.end(),
                          [](const Note& n) { return n.kind == Note::Kind::Error; }));
  fs::remove_all(dir);
}

TEST(CppFrontend, ParallelRunsGiveTheSameResults) {
  auto files = files_of(kFixtures);
  auto keys = [](const Scan& s) {
    std::vector<std::tuple<std::string, int, int, std::string, std::string>> out;
    for (const auto& f : s.findings) {
      out.emplace_back(f.path, f.span.line, f.span.column, f.rule_id, f.message);
    }
    for (const auto& n : s.notes) out.emplace_back(n.path, n.line, n.column, "note", n.message);
    return out;
  };
  CppOptions one, four;
  one.jobs = 1;
  four.jobs = 4;
  EXPECT_EQ(keys(scan_files(files, one)), keys(scan_files(files, four)));
}

TEST(CppRules, CooksLiteralsWithSourceOffsets) {
  auto cook = [](const std::string& lit) {
    cpp::Chain c;
    EXPECT_TRUE(cpp::cook_string_literal(lit, 0, lit.size(), c));
    return c;
  };
  EXPECT_EQ(cook(R"("a\tb\x41\101\u00e9")").text, "a\tbAA\xc3\xa9");
  EXPECT_EQ(cook(R"(u8R"x(raw "text")x")").text, "raw \"text\"");
  EXPECT_EQ(cook(R"(L"wide")").text, "wide");
  EXPECT_EQ(cook(R"("abc"sv)").text, "abc");
  EXPECT_EQ(cook(R"("\x41b")").text, "\xd0\x9b");  // hex escapes take every hex digit
  auto c = cook(R"("a\x41-")");
  ASSERT_EQ(c.text, "aA-");
  EXPECT_EQ(c.src_begin[1], 2u);
  EXPECT_EQ(c.src_end[1], 6u);
  EXPECT_EQ(c.src_begin[2], 6u);
  cpp::Chain ch;
  EXPECT_FALSE(cpp::cook_string_literal("'c'", 0, 3, ch));
}

TEST(CppRules, LexicalChains) {
  auto cpp_rules = cpp::CppRules::load(rules(), all_rules());
  std::string src =
      "auto a = \"x\" \"y\" + name + \"z\";\n"
      "auto b = fmt::format(\"Auth_Flow={};id={}\", 1, id);\n"
      "Params p{{\"grant_type\", \"client_credentials\"}};\n"
      "#if 0\nconst char* c = R\"(raw)\";  // \"not a literal\"\n#endif\n";
  std::vector<std::string> texts;
  for (const auto& c : cpp::lexical_chains(src, cpp_rules)) {
    std::string t = c.text;
    for (char& ch : t) {
      if (ch == cpp::kPlaceholder) ch = '#';
    }
    texts.push_back(t);
  }
  std::vector<std::string> want = {"Auth_Flow=1;id=#", "xy#z", "grant_type: client_credentials",
                                   "raw"};
  EXPECT_EQ(texts, want);
}

TEST(CppRules, RuleDataLoadsAndMatchersParse) {
  auto cpp_rules = cpp::CppRules::load(rules(), all_rules());
  EXPECT_GE(cpp_rules.literals.size(), 6u);
  EXPECT_GE(cpp_rules.token.sources.size(), 4u);
  EXPECT_FALSE(cpp_rules.token.sinks.log_streams.empty());
  // Every dynamic matcher parses: analyze_cpp reports a bad one as an Error note.
  auto s = scan_one("/tmp/obolint-matchers.cpp", "const char* t = \"X-Forwarded-Access-Token\";\n");
  for (const auto& n : s.notes) EXPECT_NE(n.kind, Note::Kind::Error) << n.message;
}

}  // namespace
}  // namespace obolint
