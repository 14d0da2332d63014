// Following the token's value up the AST, from where it appears to where it goes: a variable
// (whose references are followed in turn), a use, a store, or nowhere (a check, a comparison).
#include <clang/AST/ParentMapContext.h>
#include <clang/AST/RecursiveASTVisitor.h>

#include "cpp/text_util.h"
#include "cpp/token_flow.h"

namespace obolint::cpp {
namespace {

constexpr int kMaxVariables = 8;  // assignments followed from one source (copy of a copy ...)
constexpr int kMaxSteps = 64;     // AST levels walked up from one reference

// A type that holds a string as a copy (std::string, string_view, auto) or one Clang could not
// resolve; written is its source text.
bool copy_type(clang::QualType type, std::string_view written,
               const std::vector<std::string>& transparent) {
  if (type.isNull() || type->isDependentType() || type->isUndeducedType()) return true;
  if (const auto* rd = type->getAsCXXRecordDecl()) {
    return contains(transparent, rd->getNameAsString());
  }
  std::string w = normalize_callee(written);
  return w == "auto" || contains(transparent, std::string(last_name(w)));
}

}  // namespace

void TokenFlow::follow(const clang::Expr* e, Steps flow, Walk& w, facts::Reveals rev, int depth) {
  if (depth > kMaxVariables) return;
  const clang::Stmt* cur = e;
  for (int guard = 0; guard < kMaxSteps; ++guard) {
    // Several parents: an initializer list's syntactic and semantic forms; either will do.
    auto parents = map_.ctx().getParents(*cur);
    if (parents.empty()) return;
    if (const auto* vd = parents[0].get<clang::VarDecl>()) {
      store(vd, nullptr, facts::Held::Token, flow, w);
      track(vd, std::move(flow), w, rev, depth + 1);
      return;
    }
    const clang::Stmt* p = parents[0].get<clang::Stmt>();
    if (!p || !step_up(cur, p, flow, w, rev, depth)) return;
  }
}

// One level up from `cur` to its parent `p`: true (with `cur` moved up) when the value there is
// still the token; false when the walk ends (a use recorded, a check, or nothing).
bool TokenFlow::step_up(const clang::Stmt*& cur, const clang::Stmt* p, Steps& flow, Walk& w,
                        facts::Reveals& rev, int depth) {
  if (is_wrapper(p)) {
    cur = p;
    return true;
  }
  if (const auto* u = llvm::dyn_cast<clang::UnaryOperator>(p)) {
    if (u->getOpcode() != clang::UO_Deref) return false;  // !token: a check
    cur = p;
    return true;
  }
  if (const auto* co = llvm::dyn_cast<clang::ConditionalOperator>(p)) {
    if (co->getCond() == cur) return false;
    cur = p;  // c ? token : other may still be the token
    return true;
  }
  if (through_construct(cur, p, flow, w, rev)) return true;
  if (llvm::isa<clang::CXXConstructExpr, clang::InitListExpr, clang::ParenListExpr,
                clang::CXXUnresolvedConstructExpr>(p)) {
    return false;
  }
  if (llvm::isa<clang::MemberExpr, clang::CXXDependentScopeMemberExpr, clang::UnresolvedMemberExpr>(
          p)) {
    return through_member(cur, p, w, rev);
  }
  if (const auto* rec = llvm::dyn_cast<clang::RecoveryExpr>(p)) {
    // An unresolved call keeps its callee as the first sub-expression.
    auto subs = rec->subExpressions();
    if (subs.size() == 1 && subs[0] == cur) {
      cur = p;  // a reference to an invalid variable, wrapped
      return true;
    }
    if (!subs.empty() && subs[0] != cur) use_at(rec, cur, flow, w, rev, "");
    return false;
  }
  if (llvm::isa<clang::ReturnStmt>(p)) {
    returned(w);
    return false;
  }
  return through_operator(cur, p, flow, w, rev, depth);
}

// Operators and calls: an assignment, a stream, a concatenation (an Authorization value is a
// use), a call that hands the token on (std::move), or a call that receives it (a use).
bool TokenFlow::through_operator(const clang::Stmt*& cur, const clang::Stmt* p, Steps& flow,
                                 Walk& w, facts::Reveals rev, int depth) {
  const auto* bo = llvm::dyn_cast<clang::BinaryOperator>(p);
  const auto* oc = llvm::dyn_cast<clang::CXXOperatorCallExpr>(p);
  if (bo && bo->getOpcode() == clang::BO_Assign) {
    if (bo->getRHS() == cur) assignment(bo->getLHS(), cur, p, flow, w, rev, depth);
    return false;
  }
  if (oc && oc->getOperator() == clang::OO_Equal) {
    if (oc->getNumArgs() == 2 && oc->getArg(1) == cur) {
      assignment(oc->getArg(0), cur, p, flow, w, rev, depth);
    }
    return false;
  }
  if ((bo && bo->getOpcode() == clang::BO_Shl) || (oc && oc->getOperator() == clang::OO_LessLess)) {
    if (stream_sink(p, cur, flow, w, rev)) return false;
  }
  const auto* call = llvm::dyn_cast<clang::CallExpr>(p);
  bool string_call = call && !oc && rules_.is_string_call(callee_name(call->getCallee()));
  if (is_plus(p) || string_call) {
    // A sink of the knowledge first (fmt::print is a log, not a string being built).
    if (call && call->getCallee() != cur) {
      auto names = callee_names(call, map_);
      if (k_.sinks.classify(names.written, names.resolved) != facts::Sink::Call) {
        use_at(call, cur, flow, w, rev, "");
        return false;
      }
    }
    if (k_.authorization && k_.authorization->search(chains_.text_of(p))) {
      RawUse u{cur, p, facts::Sink::Credential, rev, "Authorization", false, flow};
      w.uses.push_back(std::move(u));
      client_store(p, flow, w);
      return false;
    }
    cur = p;
    return true;
  }
  if (call) {
    if (call->getCallee() == cur) return false;
    if (!oc && call->getNumArgs() == 1 &&
        contains(k_.transparent_calls, callee_name(call->getCallee()))) {
      cur = p;  // std::move(token), std::string(token): still the token
      return true;
    }
    if (oc) {
      auto k = oc->getOperator();
      if ((k == clang::OO_Arrow || k == clang::OO_Star) && oc->getNumArgs() == 1) {
        cur = p;  // it->second, *opt: member access on the token
        return true;
      }
      if (k == clang::OO_EqualEqual || k == clang::OO_ExclaimEqual || k == clang::OO_Greater ||
          k == clang::OO_Less || k == clang::OO_Subscript) {
        return false;
      }
    }
    use_at(call, cur, flow, w, rev, "");
    return false;
  }
  return false;  // conditions, comparisons, statements: not a use
}

// Member access on the token: a check (t.empty()) ends the walk; anything else (it->second,
// t.c_str(), opt.value_or("")) still carries the token, or a part of it (t.substr(0, 8)).
bool TokenFlow::through_member(const clang::Stmt*& cur, const clang::Stmt* p, Walk& w,
                               facts::Reveals& rev) {
  const auto* pe = llvm::cast<clang::Expr>(p);
  if (member_base(pe) != cur) return false;
  std::string name = callee_name(pe);
  if (contains(k_.present_calls, name) || contains(k_.absent_calls, name)) return false;
  if (contains(k_.partial_calls, name)) rev = facts::Reveals::Partial;
  const clang::Stmt* gp = map_.single_parent(p);
  const auto* call = llvm::dyn_cast_or_null<clang::CallExpr>(gp);
  if (call && call->getCallee() == p) {
    // opt.value_or(x): x is what the code uses when the token is missing.
    if (name == "value_or" && call->getNumArgs() == 1) w.defaults.push_back(call->getArg(0));
    cur = gp;
  } else {
    cur = p;
  }
  return true;
}

// The token assigned: to a variable (followed), a response body (a use) or a global (a store).
void TokenFlow::assignment(const clang::Expr* lhs, const clang::Stmt* cur, const clang::Stmt* op,
                           Steps& flow, Walk& w, facts::Reveals rev, int depth) {
  const clang::Expr* target = strip(lhs);
  if (const auto* dre = llvm::dyn_cast_or_null<clang::DeclRefExpr>(target)) {
    if (const auto* vd = llvm::dyn_cast<clang::VarDecl>(dre->getDecl())) {
      store(vd, op, facts::Held::Token, flow, w);
      track(vd, std::move(flow), w, rev, depth + 1);
    }
    return;
  }
  // res.body = token (cpp-httplib, Crow), res.body() = token (Beast).
  const clang::Expr* member = target;
  if (const auto* call = llvm::dyn_cast_or_null<clang::CallExpr>(target))
    member = call->getCallee();
  if (member && member_base(member) && contains(k_.sinks.response_members, callee_name(member))) {
    w.uses.push_back({cur, op, facts::Sink::Response, rev, callee_name(member), false, flow});
    return;
  }
  // A member of a global object (g_state.token = token) is shared like the global itself.
  const clang::Expr* base = member ? member_base(member) : nullptr;
  if (const auto* vd = base ? global_of(base) : nullptr) store(vd, op, facts::Held::Token, flow, w);
}

// A construction with the token: a copy (std::string t{read}, std::string(read)) goes on; any
// other class receives it (a use, and a store when the object is global or static).
bool TokenFlow::through_construct(const clang::Stmt*& cur, const clang::Stmt* p, Steps& flow,
                                  Walk& w, facts::Reveals rev) {
  const auto* pe = llvm::dyn_cast<clang::Expr>(p);
  if (const auto* ctor = llvm::dyn_cast<clang::CXXConstructExpr>(p)) {
    bool single = significant_args(ctor) == 1 && ctor->getArg(0) == cur;
    const auto* decl = ctor->getConstructor();
    // An implicit conversion (`return str;` into std::optional<std::string>) carries the value
    // on; an explicit construction (`Conn c(token)`) hands it to the class, unless it is a copy.
    bool implicit =
        !llvm::isa<clang::CXXTemporaryObjectExpr>(ctor) && ctor->getParenOrBraceRange().isInvalid();
    bool copy = implicit || copy_type(ctor->getType(), "", k_.transparent_calls) ||
                (decl && decl->isCopyOrMoveConstructor());
    if (single && copy) {
      cur = p;
      return true;
    }
    use_at(ctor, cur, flow, w, rev, "a constructor");
    return false;
  }
  unsigned n = 0;
  if (const auto* il = llvm::dyn_cast<clang::InitListExpr>(p)) {
    n = il->getNumInits();
  } else if (const auto* pl = llvm::dyn_cast<clang::ParenListExpr>(p)) {
    n = pl->getNumExprs();
  } else if (const auto* uc = llvm::dyn_cast<clang::CXXUnresolvedConstructExpr>(p)) {
    n = uc->getNumArgs();
  } else {
    return false;
  }
  // `std::string token{req.get_header_value(H)}`: a copy into the variable, not a use.
  auto parents = map_.ctx().getParents(*p);
  const auto* vd = parents.empty() ? nullptr : parents[0].get<clang::VarDecl>();
  std::string written;
  if (vd && vd->getTypeSourceInfo()) {
    written = map_.text(vd->getTypeSourceInfo()->getTypeLoc().getSourceRange());
  }
  if (n == 1 && vd && copy_type(vd->getType(), written, k_.transparent_calls)) {
    cur = p;
    return true;
  }
  use_at(pe, cur, flow, w, rev, "a constructor");
  return false;
}

void TokenFlow::track(const clang::VarDecl* vd, Steps flow, Walk& w, facts::Reveals rev,
                      int depth) {
  if (!w.fn || !w.tracked.vars.insert(vd).second) return;
  names_.insert(vd->getNameAsString());
  if (auto sp = map_.span(clang::SourceRange(vd->getLocation(), vd->getLocation()))) {
    flow.push_back({*sp, "assigned to '" + vd->getNameAsString() + "'"});
  }
  if (w.var_flow.empty()) w.var_flow = flow;
  // References: DeclRefExprs, and for an invalid variable (auto from an unresolved call) the
  // childless RecoveryExprs that spell its name.
  struct Refs : clang::RecursiveASTVisitor<Refs> {
    const clang::VarDecl* vd = nullptr;
    const Guards* guards = nullptr;
    std::vector<const clang::Expr*> out;
    bool shouldVisitLambdaBody() const { return true; }
    bool VisitDeclRefExpr(clang::DeclRefExpr* e) {
      if (e->getDecl() == vd) out.push_back(e);
      return true;
    }
    bool VisitRecoveryExpr(clang::RecoveryExpr* e) {
      if (vd->isInvalidDecl() && e->getBeginLoc() > vd->getLocation() &&
          guards->recovery_name(e) == vd->getName()) {
        out.push_back(e);
      }
      return true;
    }
  } refs;
  refs.vd = vd;
  refs.guards = &guards_;
  refs.TraverseStmt(const_cast<clang::Stmt*>(w.fn->body));  // NOLINT: the visitor is read-only
  for (const auto* r : refs.out) follow(r, flow, w, rev, depth);
}

// A helper that returns the token: each call of it in the file becomes a source (token_flow.cpp).
void TokenFlow::returned(Walk& w) {
  if (w.summary || !w.fn || !current_) return;
  const auto* fd = llvm::dyn_cast_or_null<clang::FunctionDecl>(w.fn->decl);
  const auto* md = llvm::dyn_cast_or_null<clang::CXXMethodDecl>(w.fn->decl);
  if (fd && !(md && md->getParent()->isLambda())) returning_.emplace_back(fd, *current_);
}

}  // namespace obolint::cpp
