#include "cpp/file_analysis.h"

#include "cpp/ast_coverage.h"
#include "cpp/ast_util.h"
#include "cpp/pattern_matchers.h"
#include "cpp/string_chains.h"
#include "cpp/token_flow.h"

namespace obolint::cpp {
namespace {

namespace am = clang::ast_matchers;

// The nodes of one MatchFinder pass, in the main file only, sorted by matcher.
struct Collector : am::MatchFinder::MatchCallback {
  const clang::SourceManager* sm = nullptr;
  std::vector<std::string> ids;
  std::vector<const clang::StringLiteral*> literals;
  std::vector<const clang::Expr*> reads;
  std::vector<std::pair<std::size_t, am::MatchFinder::MatchResult>> rule_matches;

  void run(const am::MatchFinder::MatchResult& result) override {
    for (std::size_t i = 0; i < ids.size(); ++i) {
      const auto& id = ids[i];
      if (id == "lit") {
        if (const auto* lit = result.Nodes.getNodeAs<clang::StringLiteral>(id)) {
          if (in_main(lit->getBeginLoc())) literals.push_back(lit);
        }
      } else if (id.rfind("src", 0) == 0) {
        if (const auto* e = result.Nodes.getNodeAs<clang::Expr>(id)) {
          if (in_main(e->getBeginLoc())) reads.push_back(e);
        }
      } else if (result.Nodes.getMap().count(id)) {
        const auto* s = result.Nodes.getNodeAs<clang::Stmt>(id);
        const auto* d = result.Nodes.getNodeAs<clang::Decl>(id);
        clang::SourceLocation loc = s   ? s->getBeginLoc()
                                    : d ? d->getBeginLoc()
                                        : clang::SourceLocation();
        if (in_main(loc)) rule_matches.emplace_back(i, result);
      }
    }
  }
  bool in_main(clang::SourceLocation loc) const {
    return loc.isValid() && sm->isInMainFile(sm->getExpansionLoc(loc));
  }
};

}  // namespace

void analyze_ast(clang::ASTContext& ctx, const SourceFile& file, const ScanContext& sc,
                 FileResult& out) {
  // Headers are analysed where they are scanned files, never where they are merely included.
  const auto& sm = ctx.getSourceManager();
  std::vector<clang::Decl*> scope;
  for (auto* d : ctx.getTranslationUnitDecl()->decls()) {
    auto loc = sm.getExpansionLoc(d->getLocation());
    if (loc.isValid() && sm.isInMainFile(loc)) scope.push_back(d);
  }
  ctx.setTraversalScope(scope);
  Collector collector;
  collector.sm = &sm;
  am::MatchFinder finder;
  for (const auto& [id, m] : sc.matchers) {
    collector.ids.push_back(id);
    finder.addDynamicMatcher(m, &collector);
  }
  finder.matchAST(ctx);

  SourceMap map(file, ctx);
  LiteralEvaluator literals(sc.rules, sc.secrets, file);
  AstChains chains(map, sc.rules);
  chains.run(collector.literals, literals, out.findings);
  for (const auto& [index, match] : collector.rule_matches) {
    const auto& id = collector.ids[index];
    std::size_t rule = static_cast<std::size_t>(std::stoul(id.substr(4)));
    report_matcher(*sc.matcher_rules[rule], match, id, map, literals, out.findings);
  }
  if (sc.token_flow) {
    TokenFlow flow(map, sc.rules, chains);
    flow.run(collector.reads);
    out.facts = flow.take_facts();
    out.flow_names = flow.names();
    out.flow_bodies = flow.bodies();
    out.lost = lost_occurrences(map, out.flow_names);
  }
  out.parsed = true;
}

}  // namespace obolint::cpp
