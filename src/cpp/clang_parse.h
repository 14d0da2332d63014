// One Clang parse of one file (a ClangTool with one command line), the AST handed to
// analyze_ast. Diagnostics are collected, never printed; files are read only when regular and
// bounded (safe_fs.h); a crash ends this parse only (crash_guard.h); a time budget cuts the parse
// short (the rest of the file is left to the lexical scan).
#pragma once

#include <atomic>
#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

#include "cpp/file_analysis.h"
#include "cpp/recovery.h"

namespace obolint::cpp {

// A per-file wall-clock budget, shared by the file's parses.
class Budget {
 public:
  explicit Budget(std::chrono::milliseconds limit)
      : end_(std::chrono::steady_clock::now() + limit) {}
  // Checked by the parse thread as tokens flow; remembers that it ran out.
  bool expired() {
    if (!hit_ && std::chrono::steady_clock::now() >= end_) hit_ = true;
    return hit_;
  }
  bool hit() const { return hit_; }

 private:
  std::chrono::steady_clock::time_point end_;
  std::atomic<bool> hit_{false};
};

struct ParseRequest {
  const SourceFile* file = nullptr;
  std::filesystem::path abs;
  std::vector<std::string> args;
  std::string directory;
  bool header_without_db = false;
  const std::string* buffer = nullptr;  // what Clang parses: the file, or a recovery copy
  std::string prelude;                  // declarations included first (recovery), or empty
  Budget* budget = nullptr;
};

// What Clang said about the parse.
struct ParseDiagnostics {
  int errors = 0;
  std::string first_message;  // source text may appear in it: redact before showing
  int first_line = 0;
  int first_column = 0;
  std::vector<Undeclared> undeclared;
};

// Parses and analyses one file. Returns false when Clang (or the analysis) crashed.
bool parse_file(const ParseRequest& req, const ScanContext& sc, ParseDiagnostics& diags,
                FileResult& result);

}  // namespace obolint::cpp
