// The C++ front end on hostile input: no token whole in any note, no crash on input that exhausts
// Clang's stack, no hang on FIFOs or devices, bounded compilation databases, a time budget.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>

#include "cpp_test_support.h"

namespace obolint {
namespace {

namespace fs = std::filesystem;

// A token built at run time: this file holds none whole.
std::string token() {
  return "dapi" + std::string("0123456789abcdef") + "fedcba9876543210";
}

class TempDir {
 public:
  explicit TempDir(const std::string& name) : path_(fs::temp_directory_path() / name) {
    fs::remove_all(path_);
    fs::create_directories(path_);
  }
  ~TempDir() { fs::remove_all(path_); }
  const fs::path& path() const { return path_; }
  fs::path write(const std::string& name, const std::string& text) const {
    std::ofstream(path_ / name, std::ios::binary) << text;
    return path_ / name;
  }

 private:
  fs::path path_;
};

bool has_note(const test::CppScan& s, const std::string& text) {
  return std::any_of(s.notes.begin(), s.notes.end(),
                     [&](const Note& n) { return n.message.find(text) != std::string::npos; });
}

bool has_rule_at(const test::CppScan& s, const std::string& path, const std::string& rule) {
  return std::any_of(s.findings.begin(), s.findings.end(),
                     [&](const Finding& f) { return f.path == path && f.rule_id == rule; });
}

TEST(CppHardening, ClangMessagesInNotesAreRedacted) {
  const std::string t = token();
  auto s = test::scan_cpp("/tmp/obolint-redact.cpp",
                          "#include \"" + t +
                              ".h\"\n"
                              "const char* k = \"AuthMech=11;Auth_Flow=1;\";\n"
                              "#error " +
                              t +
                              "\n"
                              "static_assert(false, \"" +
                              t + "\");\n" + t + " unknown_type_variable;\n");
  ASSERT_FALSE(s.notes.empty());
  for (const auto& n : s.notes) EXPECT_EQ(n.message.find(t), std::string::npos) << n.message;
  for (const auto& f : s.findings) EXPECT_EQ(f.message.find(t), std::string::npos) << f.message;
  // The note still says which include is missing, redacted.
  EXPECT_TRUE(has_note(s, "dapi****3210.h"));
}

TEST(CppHardening, StackExhaustionIsANoteAndTheScanGoesOn) {
  std::string templates = "const char* k = \"X-Forwarded-Access-Token\";\n";
  for (int i = 0; i < 50000; ++i) templates += "A<";
  std::string chain = "#include <string>\nstd::string s = std::string(\"Auth_Flow=1\")";
  for (int i = 0; i < 100000; ++i) chain += " + \"b\"";
  chain += ";\n";
  std::vector<std::unique_ptr<SourceFile>> files;
  files.push_back(std::make_unique<SourceFile>("/tmp/obolint-deep1.cpp", templates, Language::Cpp));
  files.push_back(std::make_unique<SourceFile>("/tmp/obolint-deep2.cpp", chain, Language::Cpp));
  files.push_back(std::make_unique<SourceFile>(
      "/tmp/obolint-after.cpp", "const char* c = \"AuthMech=11;Auth_Flow=1;\";\n", Language::Cpp));
  auto s = test::analyze_cpp_sources(std::move(files));
  int crashed = 0;
  for (const auto& n : s.notes) {
    if (n.message.find("Clang crashed") != std::string::npos) ++crashed;
  }
  EXPECT_EQ(crashed, 2);
  // The lexical scan still reads the crashed file's literals; the next file is analysed.
  EXPECT_TRUE(has_rule_at(s, "/tmp/obolint-deep2.cpp", "OBO001"));
  EXPECT_TRUE(has_rule_at(s, "/tmp/obolint-after.cpp", "OBO001"));
}

TEST(CppHardening, DeepCompilationDatabaseIsRefusedBeforeParsing) {
  TempDir dir("obolint-cpp-deepdb");
  dir.write("compile_commands.json", std::string(100000, '[') + std::string(100000, ']'));
  auto main = dir.write("main.cpp", "const char* c = \"AuthMech=11;Auth_Flow=1;\";\n");
  CppOptions options;
  options.compile_commands = dir.path();
  auto s = test::scan_cpp_files({main}, options);
  EXPECT_TRUE(has_note(s, "nested deeper than"));
  EXPECT_TRUE(has_rule_at(s, main.string(), "OBO001"));
}

TEST(CppHardening, IncludesOfFifosAndDevicesAreNeverOpened) {
  TempDir dir("obolint-cpp-fifo");
  ASSERT_EQ(mkfifo((dir.path() / "pipe.h").c_str(), 0600), 0);
  auto main = dir.write("main.cpp",
                        "#include \"pipe.h\"\n#include \"/dev/stdin\"\n#include \"/dev/zero\"\n"
                        "const char* c = \"AuthMech=11;Auth_Flow=1;\";\n");
  // And the same through a compilation database's -include and response file.
  dir.write("compile_commands.json",
            "[{\"directory\": \".\", \"file\": \"main.cpp\", \"arguments\": [\"clang++\", "
            "\"-include\", \"pipe.h\", \"-include\", \"/dev/stdin\", \"@/dev/stdin\", \"-c\", "
            "\"main.cpp\"]}]");
  for (bool with_db : {false, true}) {
    CppOptions options;
    if (with_db) options.compile_commands = dir.path();
    auto s = test::scan_cpp_files({main}, options);  // a blocking open never returns
    EXPECT_TRUE(has_rule_at(s, main.string(), "OBO001")) << with_db;
  }
}

TEST(CppHardening, TimeBudgetEndsTheParseWithANote) {
  CppOptions options;
  options.time_budget_ms = 1;  // spent while <iostream> is being lexed
  auto s = test::scan_cpp("/tmp/obolint-budget.cpp",
                          "#include <iostream>\n#include <map>\n#include <regex>\n"
                          "const char* c = \"AuthMech=11;Auth_Flow=1;\";\n",
                          options);
  EXPECT_TRUE(has_note(s, "time budget"));
  EXPECT_TRUE(has_rule_at(s, "/tmp/obolint-budget.cpp", "OBO001"));
  // With the default budget there is no such note.
  auto normal =
      test::scan_cpp("/tmp/obolint-budget.cpp",
                     "#include <string>\nconst char* c = \"AuthMech=11;Auth_Flow=1;\";\n");
  EXPECT_FALSE(has_note(normal, "time budget"));
}

}  // namespace
}  // namespace obolint
