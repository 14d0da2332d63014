// C++ front end (Clang LibTooling 19): the [cpp] pattern rules and the token flow's facts for the
// checks (src/checks/), on C++ sources. This header stays free of Clang includes: the engine and
// the CLI include it.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/finding.h"
#include "core/rules.h"
#include "core/source_file.h"
#include "facts/facts.h"
#include "text/secret_scanner.h"

namespace obolint {

struct CppOptions {
  // A compile_commands.json file or a directory holding one (-p / --compile-commands).
  // Empty: auto-detect compile_commands.json at each scan root or in its build/ folder.
  std::filesystem::path compile_commands;
  std::vector<std::filesystem::path> scan_roots;
  // Files parsed at the same time; 0: one per hardware thread ($OBOLINT_JOBS overrides). The
  // engine sets it from the scan's -j.
  unsigned jobs = 0;
  // Wall-clock budget of one file's parses: past it Clang stops lexing (a note says so).
  unsigned time_budget_ms = 30000;
};

// Parses a Clang AST matcher expression as the rule data spells it; returns the error, or
// nothing when it can be used (the RuleSet checks every matcher with this at load).
std::optional<std::string> validate_matcher(const std::string& expression);

// Analyses every C++ file of the scan (headers only where they are scanned files themselves):
// findings of the `active` rules' [cpp] patterns go to `findings` (through the Reporter), token
// facts to `facts` when `needs` (facts::Need bits) asks for them, parse problems and skips to
// `notes` (redacted with `secrets`). Never throws for bad input.
void analyze_cpp(const std::vector<const SourceFile*>& files, const RuleSet& rules,
                 const std::vector<const RuleDef*>& active, const SecretScanner& secrets,
                 unsigned needs, const CppOptions& options, std::vector<Finding>& findings,
                 facts::Facts& facts, std::vector<Note>& notes);

}  // namespace obolint
