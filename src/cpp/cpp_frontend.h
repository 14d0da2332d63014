// C++ front end (Clang LibTooling 19): OBO001-OBO004 on C++ sources.
// This header must stay free of Clang includes: the core and CLI include it.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/finding.h"
#include "core/rules.h"
#include "core/source_file.h"

namespace obolint {

struct CppOptions {
  // A compile_commands.json file or a directory holding one (-p / --compile-commands).
  // Empty: auto-detect compile_commands.json at each scan root or in its build/ folder.
  std::filesystem::path compile_commands;
  std::vector<std::filesystem::path> scan_roots;
  // Files parsed at the same time; 0: one per hardware thread.
  unsigned jobs = 0;
};

// Analyses every C++ file of the scan (headers only where they are scanned files themselves).
// Findings go to `findings`; parse problems and skips to `notes`. Never throws for bad input.
// Parses a Clang AST matcher expression as the rule data spells it; returns the error, or
// nothing when it can be used (the RuleSet checks every matcher with this at load).
std::optional<std::string> validate_matcher(const std::string& expression);

void analyze_cpp(const std::vector<const SourceFile*>& files, const RuleSet& rules,
                 const CppOptions& options, std::vector<Finding>& findings,
                 std::vector<Note>& notes);

}  // namespace obolint
