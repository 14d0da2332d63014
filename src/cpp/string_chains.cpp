#include "cpp/string_chains.h"

#include <clang/AST/ParentMapContext.h>
#include <clang/Lex/Lexer.h>

#include "cpp/lexical.h"
#include "cpp/text_util.h"

namespace obolint::cpp {
namespace {

// Chains deeper than this (a 100 000-term `+` built by a generator) end in a placeholder: the
// recursion stays far from the stack's end and no rule needs such a chain whole.
constexpr int kMaxDepth = 2000;

// {"key", "value"} pairs count only when both sides are strings.
bool stringish(const clang::Expr* e) {
  e = strip(e);
  return e && (llvm::isa<clang::StringLiteral>(e) || is_plus(e));
}

}  // namespace

bool AstChains::transparent(const clang::Stmt* parent, const clang::Stmt* child) const {
  if (llvm::isa<clang::ImplicitCastExpr, clang::ParenExpr, clang::MaterializeTemporaryExpr,
                clang::CXXBindTemporaryExpr, clang::ExprWithCleanups, clang::ConstantExpr,
                clang::CXXFunctionalCastExpr>(parent)) {
    return true;
  }
  if (const auto* ctor = llvm::dyn_cast<clang::CXXConstructExpr>(parent)) {
    if (significant_args(ctor) == 1) return ctor->getArg(0) == child;
    return is_pair(parent);
  }
  if (llvm::isa<clang::InitListExpr>(parent)) return is_pair(parent);
  if (is_plus(parent)) {
    if (const auto* oc = llvm::dyn_cast<clang::CXXOperatorCallExpr>(parent)) {
      return oc->getCallee() != child;
    }
    return true;
  }
  if (const auto* call = llvm::dyn_cast<clang::CallExpr>(parent)) {
    if (call->getCallee() == child) return false;
    return rules_.is_string_call(callee_name(call->getCallee()));
  }
  return false;
}

// {"key", "value"}: an initializer list, or a pair list-initialised from two strings. Its chain
// is "key: value" (form fields, headers).
bool AstChains::is_pair(const clang::Stmt* s) const {
  if (const auto* il = llvm::dyn_cast<clang::InitListExpr>(s)) {
    return il->getNumInits() == 2 && stringish(il->getInit(0)) && stringish(il->getInit(1));
  }
  if (const auto* ctor = llvm::dyn_cast<clang::CXXConstructExpr>(s)) {
    if (significant_args(ctor) != 2 || !stringish(ctor->getArg(0)) || !stringish(ctor->getArg(1))) {
      return false;
    }
    if (ctor->isListInitialization()) return true;
    // An element of a braced list (`{{"k", "v"}, ...}`) is not flagged as list-initialised.
    auto b = map_.offset(ctor->getBeginLoc());
    const auto& content = map_.file().content();
    return b && *b < content.size() && content[*b] == '{';
  }
  return false;
}

const clang::Stmt* AstChains::root_of(const clang::StringLiteral* lit) const {
  const clang::Stmt* cur = lit;
  for (int guard = 0; guard < 64; ++guard) {
    // Several parents: an initializer list's syntactic and semantic forms.
    const clang::Stmt* next = nullptr;
    for (const auto& parent : map_.ctx().getParents(*cur)) {
      const auto* p = parent.get<clang::Stmt>();
      if (p && transparent(p, cur)) {
        next = p;
        break;
      }
    }
    if (!next) break;
    cur = next;
  }
  return cur;
}

void AstChains::add_literal(const clang::StringLiteral* lit, Chain& chain) {
  const auto& sm = map_.sm();
  const auto& lo = map_.ctx().getLangOpts();
  bool all_here = true;
  for (unsigned i = 0; i < lit->getNumConcatenated(); ++i) {
    if (!sm.isInMainFile(sm.getSpellingLoc(lit->getStrTokenLoc(i)))) all_here = false;
  }
  if (all_here) {
    for (unsigned i = 0; i < lit->getNumConcatenated(); ++i) {
      auto sp = sm.getSpellingLoc(lit->getStrTokenLoc(i));
      std::size_t b = sm.getFileOffset(sp);
      std::size_t len = clang::Lexer::MeasureTokenLength(sp, sm, lo);
      cook_string_literal(map_.file().content(), b, b + len, chain);
      ast_tokens_.insert(b);
    }
    return;
  }
  // Spelled in a macro of another file: bytes without exact positions.
  auto r = map_.range(lit->getSourceRange());
  if (!r) return;
  std::string bytes;
  if (lit->getCharByteWidth() == 1) {
    bytes = lit->getString().str();
  } else {
    for (unsigned i = 0; i < lit->getLength(); ++i) {
      auto cu = lit->getCodeUnit(i);
      bytes.push_back(cu < 0x80 ? static_cast<char>(cu) : '?');
    }
  }
  // Zero-width bytes: not spelled in this file (reported where they are spelled, if scanned).
  for (char c : bytes) {
    chain.text.push_back(c);
    chain.src_begin.push_back(r->first);
    chain.src_end.push_back(r->first);
  }
}

Chain AstChains::chain_of(const clang::Stmt* s) {
  Chain c;
  c.from_ast = true;
  flatten(s, c, 0);
  return c;
}

void AstChains::flatten_pair(const clang::Expr* key, const clang::Expr* value, Chain& chain,
                             int depth) {
  flatten(key, chain, depth + 1);
  auto at = map_.offset(value->getBeginLoc());
  for (char c : std::string(": ")) {
    chain.text.push_back(c);
    chain.src_begin.push_back(at ? *at : 0);
    chain.src_end.push_back(at ? *at : 0);
  }
  flatten(value, chain, depth + 1);
}

void AstChains::flatten(const clang::Stmt* s, Chain& chain, int depth) {
  const auto* expr = llvm::dyn_cast<clang::Expr>(s);
  if (depth > kMaxDepth) {
    auto b = expr ? map_.offset(expr->getBeginLoc()) : std::nullopt;
    chain.add_placeholder(b ? *b : 0);
    return;
  }
  if (const auto* lit = llvm::dyn_cast<clang::StringLiteral>(s)) {
    add_literal(lit, chain);
    return;
  }
  if (is_pair(s)) {
    if (const auto* il = llvm::dyn_cast<clang::InitListExpr>(s)) {
      flatten_pair(il->getInit(0), il->getInit(1), chain, depth);
    } else {
      const auto* ctor = llvm::cast<clang::CXXConstructExpr>(s);
      flatten_pair(ctor->getArg(0), ctor->getArg(1), chain, depth);
    }
    return;
  }
  if (const auto* ctor = llvm::dyn_cast<clang::CXXConstructExpr>(s)) {
    if (significant_args(ctor) == 1) {
      flatten(ctor->getArg(0), chain, depth + 1);
      return;
    }
  } else if (const auto* oc = llvm::dyn_cast<clang::CXXOperatorCallExpr>(s); oc && is_plus(oc)) {
    for (unsigned i = 0; i < oc->getNumArgs(); ++i) flatten(oc->getArg(i), chain, depth + 1);
    return;
  } else if (const auto* call = llvm::dyn_cast<clang::CallExpr>(s)) {
    std::string name = callee_name(call->getCallee());
    if (contains(rules_.format_calls, name)) {
      flatten_format(call, chain, depth);
      return;
    }
    if (contains(rules_.concat_calls, name)) {
      for (const auto* a : call->arguments()) flatten(a, chain, depth + 1);
      return;
    }
  } else if (const auto* il = llvm::dyn_cast<clang::IntegerLiteral>(s)) {
    // StrCat("Auth_Flow=", 1), format("Auth_Flow={}", 1): the digits as written.
    if (auto r = map_.range(il->getSourceRange())) {
      for (std::size_t i = r->first; i < r->second; ++i) {
        chain.text.push_back(map_.file().content()[i]);
        chain.src_begin.push_back(i);
        chain.src_end.push_back(i + 1);
      }
      return;
    }
  } else if (is_plus(s) ||
             llvm::isa<clang::ImplicitCastExpr, clang::ParenExpr, clang::MaterializeTemporaryExpr,
                       clang::CXXBindTemporaryExpr, clang::ExprWithCleanups, clang::ConstantExpr,
                       clang::CXXFunctionalCastExpr>(s)) {
    for (const auto* c : s->children()) {
      if (c) flatten(c, chain, depth + 1);
    }
    return;
  }
  if (expr) {
    auto b = map_.offset(expr->getBeginLoc());
    chain.add_placeholder(b ? *b : 0);
  }
}

void AstChains::flatten_format(const clang::CallExpr* call, Chain& chain, int depth) {
  unsigned n = call->getNumArgs();
  unsigned f = 0;
  while (f < n && !llvm::isa<clang::StringLiteral>(strip(call->getArg(f)))) ++f;
  if (f == n) {
    for (const auto* a : call->arguments()) flatten(a, chain, depth + 1);
    return;
  }
  Chain format;
  flatten(call->getArg(f), format, depth + 1);
  std::vector<Chain> args;
  for (unsigned i = f + 1; i < n; ++i) {
    args.emplace_back();
    flatten(call->getArg(i), args.back(), depth + 1);
  }
  substitute_format(format, args, chain);
}

void AstChains::run(const std::vector<const clang::StringLiteral*>& lits,
                    LiteralEvaluator& literals, std::vector<Finding>& out) {
  std::set<const clang::Stmt*> roots;
  for (const auto* lit : lits) {
    const clang::Stmt* root = root_of(lit);
    if (roots.insert(root).second) literals.evaluate(chain_of(root), out);
  }
  for (auto& c : lexical_chains(map_.file().content(), rules_)) {
    bool seen = std::any_of(c.tokens.begin(), c.tokens.end(),
                            [&](std::size_t t) { return ast_tokens_.count(t) > 0; });
    if (seen) continue;
    literals.evaluate(c, out);
    lexical_only_.push_back(std::move(c));
  }
}

}  // namespace obolint::cpp
