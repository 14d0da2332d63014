// [[cpp.matcher]] rules: a dynamic AST matcher's match (or its "report" binding) is a finding of
// the rule that declares it, reported through the Reporter.
#pragma once

#include <string>
#include <vector>

#include <clang/ASTMatchers/ASTMatchFinder.h>

#include "cpp/ast_util.h"
#include "cpp/cpp_rules.h"

namespace obolint::cpp {

// `root_id` is the id the rule's matcher was bound to. Literals the engine's text scan already
// reports (`literals.engine_reports`) are not reported again.
void report_matcher(const MatcherRule& rule, const clang::ast_matchers::MatchFinder::MatchResult& m,
                    const std::string& root_id, const SourceMap& map,
                    const LiteralEvaluator& literals, std::vector<Finding>& out);

}  // namespace obolint::cpp
