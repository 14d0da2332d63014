#include "cpp/pattern_matchers.h"

#include "core/reporter.h"
#include "cpp/text_util.h"

namespace obolint::cpp {

void report_matcher(const MatcherRule& rule, const clang::ast_matchers::MatchFinder::MatchResult& m,
                    const std::string& root_id, const SourceMap& map,
                    const LiteralEvaluator& literals, std::vector<Finding>& out) {
  const auto& nodes = m.Nodes;
  const clang::Stmt* report = nodes.getNodeAs<clang::Stmt>("report");
  if (!report) report = nodes.getNodeAs<clang::Stmt>(root_id);
  clang::SourceRange r;
  if (report) {
    r = report->getSourceRange();
  } else if (const auto* d = nodes.getNodeAs<clang::Decl>(root_id)) {
    r = d->getSourceRange();
  } else {
    return;
  }
  std::string value;
  if (rule.literal_regex || rule.secret) {
    const auto* lit = nodes.getNodeAs<clang::StringLiteral>("literal");
    if (!lit) lit = llvm::dyn_cast_or_null<clang::StringLiteral>(report);
    if (!lit || lit->getCharByteWidth() != 1) return;
    value = lit->getString().str();
    if (rule.literal_regex && !rule.literal_regex->search(value)) return;
    if (!report) r = lit->getSourceRange();
    if (rule.secret) {
      auto rr = map.range(lit->getSourceRange());
      if (!rr || literals.engine_reports(rr->first, rr->second)) return;
    }
  }
  auto sp = map.span(r);
  if (!sp) return;
  Reporter reporter(out);
  Location at{map.file().path(), *sp};
  if (rule.secret) {
    reporter.add_secret(*rule.rule, at, rule.description, value);
  } else {
    std::string text = map.text(r);
    reporter.add(*rule.rule, at, rule.description,
                 "cpp:" + rule.rule->id + ":" + to_lower(text.substr(0, 200)));
  }
}

}  // namespace obolint::cpp
