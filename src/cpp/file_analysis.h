// Everything the C++ front end does with one file's AST, in one pass of the AST matchers: string
// chains for the literal rules, the [[cpp.matcher]] rules, and the token flow's facts.
#pragma once

#include <set>
#include <string>
#include <utility>
#include <vector>

#include <clang/AST/ASTContext.h>
#include <clang/ASTMatchers/ASTMatchFinder.h>

#include "core/finding.h"
#include "core/source_file.h"
#include "cpp/cpp_rules.h"
#include "facts/token_facts.h"
#include "text/secret_scanner.h"

namespace obolint::cpp {

// What every file's analysis shares, read-only, across threads.
struct ScanContext {
  const CppRules& rules;
  const SecretScanner& secrets;
  // Every matcher, bound to its id: "lit" (string literals), "src<i>" (header reads of
  // [[token_flow.source]] i), "rule<i>" (matcher_rules[i]).
  std::vector<std::pair<std::string, clang::ast_matchers::internal::DynTypedMatcher>> matchers;
  std::vector<const MatcherRule*> matcher_rules;
  bool token_flow = true;  // some selected check reads token facts
};

struct FileResult {
  std::vector<Finding> findings;
  facts::TokenFacts facts;
  std::vector<std::string> missing_includes;
  std::set<std::string> flow_names;  // what the token flow followed (recovery.h)
  std::set<std::pair<std::size_t, std::size_t>> flow_bodies;  // functions that read the token
  std::vector<std::size_t> lost;  // flow names no AST node holds (ast_coverage.h)
  bool parsed = false;
};

// Runs every analysis over the AST of `file` (its main-file declarations only).
void analyze_ast(clang::ASTContext& ctx, const SourceFile& file, const ScanContext& sc,
                 FileResult& out);

}  // namespace obolint::cpp
