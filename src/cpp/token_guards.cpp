#include "cpp/token_guards.h"

#include <clang/AST/DeclCXX.h>
#include <clang/AST/ParentMapContext.h>
#include <clang/AST/RecursiveASTVisitor.h>

#include "cpp/text_util.h"

namespace obolint::cpp {

// ---------------------------------------------------------------------------------------------
// Functions and their CFGs

std::string Guards::scope_of(const clang::Decl* decl) const {
  const auto* md = llvm::dyn_cast_or_null<clang::CXXMethodDecl>(decl);
  if (md && md->getParent()->isLambda()) {
    // A lambda: named after the function it is written in.
    const clang::DeclContext* dc = md->getParent()->getParent();
    while (dc && !llvm::isa<clang::FunctionDecl>(dc)) dc = dc->getParent();
    const auto* outer = llvm::dyn_cast_or_null<clang::FunctionDecl>(dc);
    return (outer ? scope_of(outer) : std::string()) + "::<lambda>";
  }
  const auto* nd = llvm::dyn_cast_or_null<clang::NamedDecl>(decl);
  if (!nd) return "<file>";
  // The name as written: a recovery parse spells `Class::method` as one identifier.
  const auto* fd = llvm::dyn_cast<clang::FunctionDecl>(nd);
  std::string written = fd ? map_.compact_text(fd->getNameInfo().getSourceRange()) : "";
  std::string qualified = nd->getQualifiedNameAsString();
  if (!written.empty() && qualified.find("__") != std::string::npos) return written;
  return qualified;
}

FnInfo& Guards::build(const clang::Decl* decl, const clang::Stmt* body) {
  auto& info = functions_[body];
  if (info.body) return info;
  info.decl = decl;
  info.body = body;
  info.scope = scope_of(decl);
  clang::CFG::BuildOptions bo;
  bo.setAllAlwaysAdd();
  bo.AddImplicitDtors = false;
  info.cfg = clang::CFG::buildCFG(decl, const_cast<clang::Stmt*>(body), &map_.ctx(), bo);  // NOLINT
  if (info.cfg) {
    info.pm = std::make_unique<clang::ParentMap>(const_cast<clang::Stmt*>(body));  // NOLINT
    info.map.reset(clang::CFGStmtMap::Build(info.cfg.get(), info.pm.get()));
    info.dom = std::make_unique<clang::CFGDomTree>(info.cfg.get());
  }
  return info;
}

FnInfo* Guards::function_of(const clang::Stmt* s) {
  clang::DynTypedNodeList parents = map_.ctx().getParents(*s);
  for (int guard = 0; guard < 256 && !parents.empty(); ++guard) {
    const auto& p = parents[0];
    const clang::Decl* decl = nullptr;
    const clang::Stmt* body = nullptr;
    if (const auto* lambda = p.get<clang::LambdaExpr>()) {
      decl = lambda->getCallOperator();
      body = lambda->getBody();
    } else if (const auto* fd = p.get<clang::FunctionDecl>()) {
      decl = fd;
      body = fd->getBody();
    } else if (const auto* bd = p.get<clang::BlockDecl>()) {
      decl = bd;
      body = bd->getBody();
    }
    if (decl && body) return &build(decl, body);
    if (decl) return nullptr;
    parents = map_.ctx().getParents(p);
  }
  return nullptr;
}

FnInfo* Guards::function_for(const clang::FunctionDecl* fd) {
  const clang::FunctionDecl* def = nullptr;
  if (!fd || !fd->hasBody(def) || !def) return nullptr;
  const clang::Stmt* body = def->getBody();
  if (!body || !map_.offset(body->getBeginLoc())) return nullptr;
  return &build(def, body);
}

// ---------------------------------------------------------------------------------------------
// What an expression is

namespace {

// cpprestsdk's and Windows' macros that make a literal a platform string.
bool string_macro(std::string_view name) {
  return name == "U" || name == "_XPLATSTR" || name == "_T" || name == "TEXT";
}

}  // namespace

std::optional<std::string> Guards::string_value(const clang::Expr* e) const {
  e = strip(e);
  if (!e) return std::nullopt;
  if (const auto* lit = llvm::dyn_cast<clang::StringLiteral>(e)) {
    if (lit->getCharByteWidth() == 1) return lit->getString().str();
    return std::nullopt;
  }
  // U("X-Forwarded-Access-Token"), _XPLATSTR(...), _T(...): cpprestsdk's and Windows' string
  // macros around a literal, calls of an unknown function when their header is missing.
  if (const auto* call = llvm::dyn_cast<clang::CallExpr>(e); call && call->getNumArgs() == 1) {
    if (string_macro(callee_name(call->getCallee()))) return string_value(call->getArg(0));
  }
  // The same call when the macro is undeclared: a RecoveryExpr of the name and the literal.
  if (const auto* rec = llvm::dyn_cast<clang::RecoveryExpr>(e);
      rec && rec->subExpressions().size() == 2) {
    if (const auto* name = llvm::dyn_cast<clang::UnresolvedLookupExpr>(rec->subExpressions()[0])) {
      if (string_macro(name->getName().getAsString())) {
        return string_value(rec->subExpressions()[1]);
      }
    }
  }
  if (const auto* dre = llvm::dyn_cast<clang::DeclRefExpr>(e)) {
    if (const auto* vd = llvm::dyn_cast<clang::VarDecl>(dre->getDecl())) {
      if (vd->getType().isConstQualified() || vd->isConstexpr() ||
          (vd->getType()->isPointerType() && vd->getType()->getPointeeType().isConstQualified())) {
        if (const auto* init = vd->getInit()) return string_value(init);
      }
    }
  }
  return std::nullopt;
}

std::vector<const clang::Expr*> Guards::call_args(const clang::Expr* e) const {
  std::vector<const clang::Expr*> out;
  if (const auto* call = llvm::dyn_cast<clang::CallExpr>(e)) {
    for (const auto* a : call->arguments()) out.push_back(a);
  } else if (const auto* ase = llvm::dyn_cast<clang::ArraySubscriptExpr>(e)) {
    out.push_back(ase->getLHS());  // req["X"] on an unknown type may parse as "X"[req]
    out.push_back(ase->getRHS());
  } else if (const auto* ctor = llvm::dyn_cast<clang::CXXConstructExpr>(e)) {
    for (const auto* a : ctor->arguments()) out.push_back(a);
  } else if (const auto* rec = llvm::dyn_cast<clang::RecoveryExpr>(e)) {
    for (const auto* a : rec->subExpressions()) out.push_back(a);
  }
  return out;
}

std::optional<std::string> Guards::header_arg(const clang::Expr* e) const {
  for (const auto* a : call_args(e)) {
    if (auto v = string_value(a); v && k_.is_header(*v)) return v;
  }
  return std::nullopt;
}

std::string Guards::recovery_name(const clang::RecoveryExpr* r) const {
  if (!r->subExpressions().empty()) return {};
  return map_.text(r->getSourceRange());
}

bool Guards::is_tracked(const clang::Expr* e, const Tracked& t) const {
  e = strip(e);
  if (!e) return false;
  if (const auto* u = llvm::dyn_cast<clang::UnaryOperator>(e)) {
    if (u->getOpcode() == clang::UO_Deref) return is_tracked(u->getSubExpr(), t);
  }
  if (const auto* dre = llvm::dyn_cast<clang::DeclRefExpr>(e)) {
    const auto* vd = llvm::dyn_cast<clang::VarDecl>(dre->getDecl());
    return vd && t.vars.count(vd);
  }
  if (const auto* rec = llvm::dyn_cast<clang::RecoveryExpr>(e)) {
    if (rec->subExpressions().size() == 1) return is_tracked(rec->subExpressions()[0], t);
    std::string name = recovery_name(rec);
    if (!name.empty()) {
      for (const auto* v : t.vars) {
        if (v->isInvalidDecl() && v->getName() == name) return true;
      }
    }
  }
  if (header_arg(e)) return true;
  // A value-preserving member call on the token (it->value(), opt.value(), t.c_str()).
  if (const auto* call = llvm::dyn_cast<clang::CallExpr>(e)) {
    if (const auto* base = member_base(call->getCallee())) {
      std::string name = callee_name(call->getCallee());
      if (!contains(k_.present_calls, name) && !contains(k_.absent_calls, name)) {
        return is_tracked(base, t);
      }
    }
  }
  if (const auto* me = llvm::dyn_cast<clang::MemberExpr>(e)) return is_tracked(me->getBase(), t);
  return false;
}

bool Guards::is_nullish(const clang::Expr* e, const Tracked& t) const {
  e = strip(e);
  if (!e) return false;
  if (const auto* lit = llvm::dyn_cast<clang::StringLiteral>(e)) {
    // With a default for the missing header, only a comparison with that default checks.
    if (!t.placeholder.empty()) {
      return lit->getCharByteWidth() == 1 && lit->getString() == t.placeholder;
    }
    return lit->getLength() == 0;
  }
  if (!t.placeholder.empty()) return false;
  if (llvm::isa<clang::CXXNullPtrLiteralExpr, clang::GNUNullExpr>(e)) return true;
  if (const auto* il = llvm::dyn_cast<clang::IntegerLiteral>(e)) return il->getValue() == 0;
  if (const auto* call = llvm::dyn_cast<clang::CallExpr>(e)) {
    if (contains(k_.end_calls, callee_name(call->getCallee()))) return true;
  }
  if (const auto* rec = llvm::dyn_cast<clang::RecoveryExpr>(e)) {
    return recovery_name(rec) == "nullptr";
  }
  return false;
}

bool Guards::is_size_of_tracked(const clang::Expr* e, const Tracked& t) const {
  const auto* call = llvm::dyn_cast_or_null<clang::CallExpr>(strip(e));
  if (!call || !t.placeholder.empty()) return false;
  std::string name = callee_name(call->getCallee());
  const auto* base = member_base(call->getCallee());
  return base && (name == "size" || name == "length") && is_tracked(base, t);
}

// ---------------------------------------------------------------------------------------------
// Conditions

std::optional<bool> Guards::comparison(const clang::Expr* cond, const Tracked& t) const {
  const clang::Expr* lhs = nullptr;
  const clang::Expr* rhs = nullptr;
  std::optional<clang::BinaryOperatorKind> op;
  if (const auto* bo = llvm::dyn_cast<clang::BinaryOperator>(cond)) {
    lhs = bo->getLHS();
    rhs = bo->getRHS();
    op = bo->getOpcode();
  } else if (const auto* oc = llvm::dyn_cast<clang::CXXOperatorCallExpr>(cond);
             oc && oc->getNumArgs() == 2) {
    lhs = oc->getArg(0);
    rhs = oc->getArg(1);
    switch (oc->getOperator()) {
      case clang::OO_EqualEqual:
        op = clang::BO_EQ;
        break;
      case clang::OO_ExclaimEqual:
        op = clang::BO_NE;
        break;
      case clang::OO_Greater:
        op = clang::BO_GT;
        break;
      default:
        break;
    }
  }
  if (!op || !lhs || !rhs) return std::nullopt;
  if (*op == clang::BO_EQ || *op == clang::BO_NE) {
    for (int k = 0; k < 2; ++k) {
      const clang::Expr* a = k ? rhs : lhs;
      const clang::Expr* b = k ? lhs : rhs;
      if ((is_tracked(a, t) || is_size_of_tracked(a, t)) && is_nullish(b, t)) {
        return *op == clang::BO_NE;
      }
    }
  } else if (*op == clang::BO_GT && is_size_of_tracked(lhs, t) && is_nullish(rhs, t)) {
    return true;
  }
  return std::nullopt;
}

std::optional<bool> Guards::call_check(const clang::CallExpr* call, const Tracked& t) const {
  std::string name = callee_name(call->getCallee());
  const auto* base = member_base(call->getCallee());
  // With a default for the missing header the value is never empty: only has_header counts.
  bool value_checks = t.placeholder.empty();
  if (value_checks && contains(k_.absent_calls, name) && base && is_tracked(base, t)) return false;
  if (contains(k_.present_calls, name)) {
    if (value_checks && base && is_tracked(base, t)) return true;
    if (header_arg(call)) return true;  // req.has_header("X-Forwarded-Access-Token")
  }
  if (value_checks && contains(k_.absent_calls, name) && !base && call->getNumArgs() > 0 &&
      is_tracked(call->getArg(0), t)) {
    return false;  // std::empty(t)
  }
  return std::nullopt;
}

// Does `cond` being true mean the token is present (true) or missing (false)? nullopt: not a
// check of the token.
std::optional<bool> Guards::polarity(const clang::Expr* cond, const Tracked& t) const {
  cond = strip(cond);
  if (!cond) return std::nullopt;
  if (const auto* u = llvm::dyn_cast<clang::UnaryOperator>(cond)) {
    if (u->getOpcode() == clang::UO_LNot) {
      if (auto r = polarity(u->getSubExpr(), t)) return !*r;
      return std::nullopt;
    }
  }
  // `it != end && !it->value().empty()`, `!t || t->empty()`: both sides test the token the same
  // way (Clang keeps such a condition whole when its operands have errors, instead of splitting
  // it into blocks).
  if (const auto* bo = llvm::dyn_cast<clang::BinaryOperator>(cond);
      bo && (bo->getOpcode() == clang::BO_LAnd || bo->getOpcode() == clang::BO_LOr)) {
    auto l = polarity(bo->getLHS(), t), r = polarity(bo->getRHS(), t);
    bool present_when_true = bo->getOpcode() == clang::BO_LAnd;
    if (l && r && *l == present_when_true && *r == present_when_true) return present_when_true;
    return std::nullopt;
  }
  if (llvm::isa<clang::BinaryOperator>(cond) || llvm::isa<clang::CXXOperatorCallExpr>(cond)) {
    if (auto r = comparison(cond, t)) return r;
    if (llvm::isa<clang::BinaryOperator>(cond)) return std::nullopt;
  }
  if (const auto* call = llvm::dyn_cast<clang::CallExpr>(cond)) {
    if (auto r = call_check(call, t)) return r;
  }
  if (t.placeholder.empty() && is_tracked(cond, t)) return true;  // if (token) / if (opt)
  return std::nullopt;
}

std::vector<std::pair<std::size_t, std::size_t>> Guards::after_early_exits(FnInfo& fn,
                                                                           const Tracked& t,
                                                                           bool present) const {
  std::vector<std::pair<std::size_t, std::size_t>> out;
  struct Blocks : clang::RecursiveASTVisitor<Blocks> {
    std::vector<const clang::CompoundStmt*> found;
    bool VisitCompoundStmt(clang::CompoundStmt* c) {
      found.push_back(c);
      return true;
    }
    bool TraverseLambdaExpr(clang::LambdaExpr*) { return true; }  // a function of its own
  } blocks;
  blocks.TraverseStmt(const_cast<clang::Stmt*>(fn.body));  // NOLINT: the visitor only reads
  auto leaves = [&](const clang::Stmt* branch) {
    std::string text = map_.text(branch->getSourceRange());
    for (const char* word : {"return", "throw"}) {
      for (std::size_t at = text.find(word); at != std::string::npos;
           at = text.find(word, at + 1)) {
        std::size_t end = at + std::string_view(word).size();
        bool starts = at == 0 || !is_ident_char(text[at - 1]);
        bool ends = end >= text.size() || !is_ident_char(text[end]);
        if (starts && ends) return true;
      }
    }
    return false;
  };
  for (const clang::CompoundStmt* c : blocks.found) {
    auto whole = map_.range(c->getSourceRange());
    if (!whole) continue;
    for (const clang::Stmt* s : c->body()) {
      const auto* ifs = llvm::dyn_cast_or_null<clang::IfStmt>(s);
      if (!ifs || ifs->getElse() || !ifs->getCond() || !ifs->getThen()) continue;
      auto pol = polarity(ifs->getCond(), t);
      // The branch runs when the token is missing (present == true wanted) or present.
      if (!pol || *pol == present || !leaves(ifs->getThen())) continue;
      auto r = map_.range(ifs->getSourceRange());
      if (r) out.emplace_back(r->second, whole->second);
    }
  }
  return out;
}

bool Guards::guarded(FnInfo& fn, const clang::Stmt* use, const Tracked& t) {
  if (!fn.cfg || !fn.map || !fn.dom) return true;  // no CFG: stay quiet rather than guess
  if (auto at = map_.range(use->getSourceRange())) {
    for (const auto& [from, to] : after_early_exits(fn, t, true)) {
      if (at->first >= from && at->second <= to) return true;
    }
  }
  const clang::CFGBlock* use_block = fn.map->getBlock(use);
  if (!use_block) return true;
  for (const clang::CFGBlock* b : *fn.cfg) {
    if (!b || b->succ_size() != 2) continue;
    const auto* cond = llvm::dyn_cast_or_null<clang::Expr>(b->getTerminatorCondition(true));
    if (!cond) continue;
    auto pol = polarity(cond, t);
    if (!pol) continue;
    const clang::CFGBlock* present = *pol ? *b->succ_begin() : *(b->succ_begin() + 1);
    if (!present || present->pred_size() != 1) continue;
    if (fn.dom->dominates(present, use_block)) return true;
  }
  return false;
}

std::set<const clang::CFGBlock*> Guards::missing_blocks(FnInfo& fn, const Tracked& t) {
  std::set<const clang::CFGBlock*> out;
  if (!fn.cfg || !fn.dom) return out;
  // The missing side of each check of the token. A block is entered only when the token is
  // missing when every edge into it is such a side: the `else` of `it != end && !it->empty()`
  // is reached from both tests, each when they fail.
  std::map<const clang::CFGBlock*, unsigned> missing_edges;
  for (const clang::CFGBlock* b : *fn.cfg) {
    if (!b || b->succ_size() != 2) continue;
    const auto* cond = llvm::dyn_cast_or_null<clang::Expr>(b->getTerminatorCondition(true));
    if (!cond) continue;
    auto pol = polarity(cond, t);
    if (!pol) continue;
    const clang::CFGBlock* missing = *pol ? *(b->succ_begin() + 1) : *b->succ_begin();
    if (missing) ++missing_edges[missing];
  }
  for (const auto& [entry, edges] : missing_edges) {
    if (edges != entry->pred_size()) continue;
    for (const clang::CFGBlock* other : *fn.cfg) {
      if (other && fn.dom->dominates(entry, other)) out.insert(other);
    }
  }
  return out;
}

const clang::CFGBlock* Guards::block_at(FnInfo& fn, std::size_t offset) const {
  if (!fn.cfg) return nullptr;
  const clang::CFGBlock* best = nullptr;
  std::size_t best_size = 0;
  for (const clang::CFGBlock* b : *fn.cfg) {
    if (!b) continue;
    for (const auto& el : *b) {
      auto cs = el.getAs<clang::CFGStmt>();
      if (!cs) continue;
      auto r = map_.range(cs->getStmt()->getSourceRange());
      if (!r || offset < r->first || offset >= r->second) continue;
      std::size_t size = r->second - r->first;
      if (!best || size < best_size) {
        best = b;
        best_size = size;
      }
    }
  }
  return best;
}

}  // namespace obolint::cpp
