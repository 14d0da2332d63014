// Shared helpers of the C++ front end's tests: scanning in-memory C++ through the engine's
// analysis (pattern rules, facts, checks), or through analyze_cpp alone to read the facts.
#pragma once

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "cpp/cpp_frontend.h"
#include "engine/analyze.h"
#include "engine/scan.h"
#include "facts/facts.h"
#include "text/secret_scanner.h"

namespace obolint::test {

inline const RuleSet& cpp_test_rules() {
  // The engine reaches the C++ front end through its component, found beside the running
  // binary; the test binary lives elsewhere, so it is named (unless a test names another).
  static const bool component_named =
      ::setenv("OBOLINT_CPP_COMPONENT", OBOLINT_TEST_CPP_COMPONENT, 0) == 0;
  (void)component_named;
  static const RuleSet r = RuleSet::load(std::filesystem::path(OBOLINT_SOURCE_DIR) / "rules");
  return r;
}

inline std::string read_text(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

struct CppScan {
  std::vector<Finding> findings;
  std::vector<Note> notes;
};

// The engine's analysis stage (secrets, prefilter, C++ front end, checks) over files in memory.
inline CppScan analyze_cpp_sources(std::vector<std::unique_ptr<SourceFile>> files,
                                   const CppOptions& options = {}) {
  std::vector<InputFile> inputs;
  for (auto& f : files) {
    InputFile in;
    in.path = f->path();
    in.source = std::move(f);
    inputs.push_back(std::move(in));
  }
  ScanOptions so;
  so.cpp = options;
  Analysis a = analyze(std::move(inputs), cpp_test_rules(), so);
  return {std::move(a.findings), std::move(a.notes)};
}

inline CppScan scan_cpp(const std::string& name, const std::string& content,
                        const CppOptions& options = {}) {
  std::vector<std::unique_ptr<SourceFile>> files;
  files.push_back(std::make_unique<SourceFile>(name, content, Language::Cpp));
  return analyze_cpp_sources(std::move(files), options);
}

inline CppScan scan_cpp_files(const std::vector<std::filesystem::path>& paths,
                              const CppOptions& options = {}) {
  std::vector<std::unique_ptr<SourceFile>> files;
  for (const auto& p : paths) {
    files.push_back(std::make_unique<SourceFile>(p.string(), read_text(p), Language::Cpp));
  }
  return analyze_cpp_sources(std::move(files), options);
}

struct CppFacts {
  facts::TokenFacts token;
  std::vector<Finding> findings;
  std::vector<Note> notes;
};

// The C++ front end alone, every rule active: the token facts it computes for the checks.
inline CppFacts cpp_facts(const std::string& content, const CppOptions& options = {}) {
  SourceFile file("/tmp/obolint-facts.cpp", content, Language::Cpp);
  std::vector<const RuleDef*> active;
  for (const auto& r : cpp_test_rules().all()) active.push_back(&r);
  SecretScanner secrets(cpp_test_rules());
  facts::Facts f;
  CppFacts out;
  analyze_cpp({&file}, cpp_test_rules(), active, secrets, facts::kNeedTokenFlow, options,
              out.findings, f, out.notes);
  out.token = std::move(f.token);
  return out;
}

}  // namespace obolint::test
