// Service-principal fallbacks: in the code that runs only when the user's token is missing (the
// "missing" side of a presence check, a value_or default), the app's own credentials from
// [app_credentials] of rules/languages/cpp.toml: an environment PAT or client secret
// (std::getenv("DATABRICKS_TOKEN")), an OAuth machine-to-machine connection string
// (Auth_Flow=1), a client-credentials token request.
#include <clang/AST/RecursiveASTVisitor.h>

#include "cpp/text_util.h"
#include "cpp/token_flow.h"

namespace obolint::cpp {

// The app-credential literals a chain holds, each at the span of its match.
void TokenFlow::fallback_chain(const Chain& chain,
                               std::vector<std::pair<Span, std::string>>& out) const {
  for (const Regex* re : k_.app.literals) {
    auto m = re->find(chain.text);
    if (m.empty() || m[0].end == m[0].begin) continue;
    std::size_t b = chain.src_begin[m[0].begin];
    std::size_t e = std::max(b, chain.src_end[m[0].end - 1]);
    if (e == b) continue;  // spelled in another file
    std::string construct;
    for (char c : m[0].in(chain.text)) {
      if (!is_space(c)) construct.push_back(c);
    }
    out.emplace_back(map_.file().span_of(b, e), construct);
  }
}

// One statement of the missing-token code: an environment credential read, or a literal of a
// string that authenticates as the app.
void TokenFlow::fallback_construct(const clang::Stmt* s, std::set<const clang::Stmt*>& roots,
                                   std::vector<std::pair<Span, std::string>>& out) {
  if (const auto* lit = llvm::dyn_cast<clang::StringLiteral>(s)) {
    const clang::Stmt* root = chains_.root_of(lit);
    if (roots.insert(root).second) fallback_chain(chains_.chain_of(root), out);
    return;
  }
  const auto* call = llvm::dyn_cast<clang::CallExpr>(s);
  if (!call) return;
  // An env reader, or any call given exactly the variable's name: the project's own wrappers
  // (`config::env_or("DATABRICKS_TOKEN", "")`, `getenv_str("DATABRICKS_TOKEN")`). A log line
  // about the variable holds more than its bare name.
  for (const auto* arg : call->arguments()) {
    auto v = guards_.string_value(arg);
    if (!v || !contains(k_.app.env_variables, *v)) continue;
    if (auto sp = map_.span(call->getSourceRange())) {
      out.emplace_back(*sp, map_.compact_text(call->getSourceRange()));
    }
    return;
  }
}

void TokenFlow::fallbacks(Walk& w, const Source& src) {
  if (w.summary || !w.fn) return;
  std::vector<std::pair<Span, std::string>> found;
  std::set<const clang::Stmt*> roots;
  auto missing = guards_.missing_blocks(*w.fn, w.tracked);
  for (const clang::CFGBlock* b : missing) {
    for (const auto& el : *b) {
      if (auto cs = el.getAs<clang::CFGStmt>()) fallback_construct(cs->getStmt(), roots, found);
    }
  }
  // value_or(x): every part of x is used when the token is missing.
  struct All : clang::RecursiveASTVisitor<All> {
    std::vector<const clang::Stmt*> out;
    bool VisitStmt(clang::Stmt* s) {
      out.push_back(s);
      return true;
    }
  };
  for (const auto* d : w.defaults) {
    All all;
    all.TraverseStmt(const_cast<clang::Expr*>(d));  // NOLINT: the visitor is read-only
    for (const auto* s : all.out) fallback_construct(s, roots, found);
  }
  // After `if (!token.empty()) { return ...; }` whose `return` Clang dropped: the rest of the
  // block runs when the token is missing.
  auto after = guards_.after_early_exits(*w.fn, w.tracked, false);
  if (!after.empty()) {
    All all;
    all.TraverseStmt(const_cast<clang::Stmt*>(w.fn->body));  // NOLINT: the visitor is read-only
    for (const auto* s : all.out) {
      auto r = map_.range(s->getSourceRange());
      if (!r) continue;
      for (const auto& [from, to] : after) {
        if (r->first >= from && r->second <= to) {
          fallback_construct(s, roots, found);
          break;
        }
      }
    }
  }
  // Literals Clang's recovery AST lost (a constructor of an unknown type): placed by offset.
  if (!missing.empty() || !after.empty()) {
    auto body = map_.range(w.fn->body->getSourceRange());
    for (const auto& chain : chains_.lexical_only()) {
      if (chain.tokens.empty() || !body) continue;
      std::size_t at = chain.tokens.front();
      if (at < body->first || at >= body->second) continue;
      bool after_exit = std::any_of(after.begin(), after.end(),
                                    [&](const auto& r) { return at >= r.first && at < r.second; });
      if (after_exit || missing.count(guards_.block_at(*w.fn, at))) fallback_chain(chain, found);
    }
  }
  const std::string& path = map_.file().path();
  for (auto& [span, construct] : found) {
    if (!fallback_keys_.emplace(span.line, span.column).second) continue;
    facts::CredentialFallback fb;
    fb.at = {path, span};
    fb.construct = std::move(construct);
    fb.scope = w.fn->scope;
    fb.trace = trace_of(src, w.var_flow.empty() ? src.steps : w.var_flow);
    facts_.fallbacks.push_back(std::move(fb));
  }
}

}  // namespace obolint::cpp
