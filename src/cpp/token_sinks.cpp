// What receives the token: a call or construction classified by the knowledge's sinks
// ([sinks] of rules/languages/cpp.toml), a helper of the file by what its parameter reaches
// there, a log stream, and globals or statics that keep it (or a client built from it) beyond
// the request.
#include <clang/AST/DeclCXX.h>
#include <clang/AST/ParentMapContext.h>
#include <clang/AST/RecursiveASTVisitor.h>

#include "cpp/text_util.h"
#include "cpp/token_flow.h"

namespace obolint::cpp {
namespace {

constexpr std::size_t kMaxSummaryDepth = 4;  // helpers of helpers followed for a summary

// Credential and Call are one kind for a caller (the token authenticates, or may): the stronger.
facts::Sink merge_call(facts::Sink a, facts::Sink b) {
  return a == facts::Sink::Credential || b == facts::Sink::Credential ? facts::Sink::Credential
                                                                      : facts::Sink::Call;
}

bool call_like(facts::Sink s) {
  return s == facts::Sink::Credential || s == facts::Sink::Call;
}

}  // namespace

void TokenFlow::use_at(const clang::Expr* call, const clang::Stmt* cur, const Steps& flow, Walk& w,
                       facts::Reveals rev, const std::string& what) {
  unsigned index = 0;
  if (const auto* helper = helper_of(call, cur, index)) {
    use_in_helper(helper, index, call, cur, flow, w, rev);
    return;
  }
  auto names = callee_names(call, map_);
  RawUse u;
  u.at = cur;
  u.context = call;
  u.sink = k_.sinks.classify(names.written, names.resolved);
  u.reveals = rev;
  u.callee = normalize_callee(names.written);
  if (u.callee.empty()) u.callee = what;
  u.flow = flow;
  w.uses.push_back(std::move(u));
  if (call_like(w.uses.back().sink)) client_store(call, flow, w);
}

// A call of a helper defined in the file: the caller's use is what the parameter reaches there.
void TokenFlow::use_in_helper(const clang::FunctionDecl* helper, unsigned index,
                              const clang::Expr* call, const clang::Stmt* cur, const Steps& flow,
                              Walk& w, facts::Reveals rev) {
  const ParamSummary& s = summary(helper, index);
  std::string name = helper->getNameAsString();
  if (s.effects.empty()) {
    w.uses.push_back({cur, call, facts::Sink::Call, rev, name, false, flow});
    client_store(call, flow, w);
  }
  for (const auto& e : s.effects) {
    w.uses.push_back({cur, call, e.sink, rev, name, !e.unguarded, flow});
  }
  if (s.stores.empty()) return;
  Steps into = flow;
  if (auto sp = map_.span(call->getSourceRange())) into.push_back({*sp, "passed to " + name});
  for (const auto& st : s.stores) {
    RawStore copy = st;
    copy.flow.insert(copy.flow.begin(), into.begin(), into.end());
    w.stores.push_back(std::move(copy));
  }
}

const ParamSummary& TokenFlow::summary(const clang::FunctionDecl* fd, unsigned index) {
  static const ParamSummary kUnknown;
  auto key = std::make_pair(fd->getCanonicalDecl(), index);
  if (auto it = summaries_.find(key); it != summaries_.end()) return it->second;
  // Recursion, or too deep: nothing known (a plain call, as for a function of another file).
  if (in_progress_.count(key) || in_progress_.size() >= kMaxSummaryDepth) return kUnknown;
  FnInfo* fn = guards_.function_for(fd);
  const clang::FunctionDecl* def = fd->getDefinition();
  if (!fn || !def || index >= def->getNumParams()) return kUnknown;
  in_progress_.insert(key);
  Walk w;
  w.fn = fn;
  w.summary = true;
  track(def->getParamDecl(index), {}, w, facts::Reveals::Whole, 0);
  in_progress_.erase(key);
  ParamSummary s;
  for (const auto& u : w.uses) {
    bool unguarded = !u.checked_by_callee && !guards_.guarded(*fn, u.context, w.tracked);
    auto same = std::find_if(s.effects.begin(), s.effects.end(), [&](const auto& e) {
      return e.sink == u.sink || (call_like(e.sink) && call_like(u.sink));
    });
    if (same == s.effects.end()) {
      s.effects.push_back({u.sink, unguarded});
    } else {
      if (call_like(u.sink)) same->sink = merge_call(same->sink, u.sink);
      same->unguarded = same->unguarded || unguarded;
    }
  }
  s.stores = std::move(w.stores);
  return summaries_.emplace(key, std::move(s)).first->second;
}

// The definition in this file of the function `call` calls, and the parameter `arg` is passed to.
const clang::FunctionDecl* TokenFlow::helper_of(const clang::Expr* call, const clang::Stmt* arg,
                                                unsigned& index) {
  const auto* c = llvm::dyn_cast<clang::CallExpr>(call);
  if (!c || llvm::isa<clang::CXXOperatorCallExpr>(c)) return nullptr;
  bool found = false;
  for (unsigned i = 0; i < c->getNumArgs(); ++i) {
    if (c->getArg(i) == arg) {
      index = i;
      found = true;
    }
  }
  if (!found) return nullptr;
  auto defined_here = [&](const clang::FunctionDecl* fd) {
    const clang::FunctionDecl* def = fd ? fd->getDefinition() : nullptr;
    return def && def->getBody() && index < def->getNumParams() &&
           map_.offset(def->getBody()->getBeginLoc());
  };
  if (const auto* direct = c->getDirectCallee()) return defined_here(direct) ? direct : nullptr;
  // An unresolved call (recovery): the one function of that name defined in the file.
  const auto* callee = c->getCallee() ? c->getCallee()->IgnoreParenImpCasts() : nullptr;
  if (!llvm::isa_and_nonnull<clang::UnresolvedLookupExpr>(callee)) return nullptr;
  if (!definitions_indexed_) {
    definitions_indexed_ = true;
    struct Defs : clang::RecursiveASTVisitor<Defs> {
      std::map<std::string, std::vector<const clang::FunctionDecl*>>* out = nullptr;
      bool VisitFunctionDecl(clang::FunctionDecl* fd) {
        if (fd->doesThisDeclarationHaveABody() && !llvm::isa<clang::CXXMethodDecl>(fd)) {
          (*out)[fd->getNameAsString()].push_back(fd);
        }
        return true;
      }
    } defs;
    defs.out = &definitions_;
    for (auto* d : map_.ctx().getTraversalScope()) defs.TraverseDecl(d);
  }
  auto it = definitions_.find(callee_name(callee));
  if (it == definitions_.end() || it->second.size() != 1) return nullptr;
  return defined_here(it->second.front()) ? it->second.front() : nullptr;
}

// `std::cout << "token: " << token`: the leftmost operand of the `<<` chain names the stream.
bool TokenFlow::stream_sink(const clang::Stmt* op, const clang::Stmt* cur, const Steps& flow,
                            Walk& w, facts::Reveals rev) {
  const clang::Expr* left = nullptr;
  if (const auto* bo = llvm::dyn_cast<clang::BinaryOperator>(op)) {
    if (bo->getRHS() != cur) return false;
    left = bo->getLHS();
  } else if (const auto* oc = llvm::dyn_cast<clang::CXXOperatorCallExpr>(op)) {
    if (oc->getNumArgs() != 2 || oc->getArg(1) != cur) return false;
    left = oc->getArg(0);
  }
  for (int guard = 0; left && guard < 10000; ++guard) {
    left = strip(left);
    const auto* bo = llvm::dyn_cast_or_null<clang::BinaryOperator>(left);
    const auto* oc = llvm::dyn_cast_or_null<clang::CXXOperatorCallExpr>(left);
    if (bo && bo->getOpcode() == clang::BO_Shl) {
      left = bo->getLHS();
    } else if (oc && oc->getOperator() == clang::OO_LessLess && oc->getNumArgs() == 2) {
      left = oc->getArg(0);
    } else {
      break;
    }
  }
  if (!left) return false;
  std::string written = map_.text(left->getSourceRange());
  std::string resolved;
  if (const auto* dre = llvm::dyn_cast<clang::DeclRefExpr>(left)) {
    resolved = dre->getDecl()->getQualifiedNameAsString();
  }
  if (const auto* call = llvm::dyn_cast<clang::CallExpr>(left)) {  // LOG(INFO) << token
    written = map_.text(call->getCallee()->getSourceRange());
  }
  if (!k_.sinks.log_streams.matches(written, resolved)) return false;
  w.uses.push_back({cur, op, facts::Sink::Log, rev, normalize_callee(written), false, flow});
  return true;
}

const clang::VarDecl* TokenFlow::global_of(const clang::Expr* e) const {
  const auto* dre = llvm::dyn_cast_or_null<clang::DeclRefExpr>(strip(e));
  const auto* vd = dre ? llvm::dyn_cast<clang::VarDecl>(dre->getDecl()) : nullptr;
  return vd && vd->hasGlobalStorage() && !vd->getType().isConstQualified() ? vd : nullptr;
}

void TokenFlow::store(const clang::VarDecl* vd, const clang::Stmt* at, facts::Held held,
                      const Steps& flow, Walk& w) {
  if (!vd || !vd->hasGlobalStorage() || vd->isConstexpr()) return;
  auto sp = at ? map_.span(at->getSourceRange())
               : map_.span(clang::SourceRange(vd->getLocation(), vd->getLocation()));
  if (!sp) return;
  RawStore s;
  s.at = *sp;
  s.store = vd->isStaticDataMember() ? facts::Store::ClassAttribute : facts::Store::ModuleGlobal;
  s.held = held;
  s.target = vd->getNameAsString();
  s.flow = flow;
  w.stores.push_back(std::move(s));
}

// The object built by a call or construction that received the token, when it ends up in a
// global or static: `static Conn c(token)`, `g_client = std::make_unique<Client>(token)`,
// `g_conn.reset(new Conn(token))`.
void TokenFlow::client_store(const clang::Stmt* call, const Steps& flow, Walk& w) {
  const clang::Stmt* cur = call;
  for (int guard = 0; guard < 16; ++guard) {
    auto parents = map_.ctx().getParents(*cur);
    if (parents.empty()) return;
    if (const auto* vd = parents[0].get<clang::VarDecl>()) {
      store(vd, nullptr, facts::Held::Client, flow, w);
      return;
    }
    const clang::Stmt* p = parents[0].get<clang::Stmt>();
    if (!p) return;
    const auto* bo = llvm::dyn_cast<clang::BinaryOperator>(p);
    const auto* oc = llvm::dyn_cast<clang::CXXOperatorCallExpr>(p);
    if (bo && bo->getOpcode() == clang::BO_Assign && bo->getRHS() == cur) {
      store(global_of(bo->getLHS()), p, facts::Held::Client, flow, w);
      return;
    }
    if (oc && oc->getOperator() == clang::OO_Equal && oc->getNumArgs() == 2 &&
        oc->getArg(1) == cur) {
      store(global_of(oc->getArg(0)), p, facts::Held::Client, flow, w);
      return;
    }
    const auto* c = llvm::dyn_cast<clang::CallExpr>(p);
    std::string name = c && !oc ? callee_name(c->getCallee()) : "";
    if (c && !oc && contains(k_.holder_methods, name)) {  // g_conn.reset(new Conn(token))
      if (const auto* base = member_base(c->getCallee())) {
        store(global_of(base), p, facts::Held::Client, flow, w);
      }
      return;
    }
    bool holder = c && !oc && contains(k_.holder_calls, name);  // std::make_unique<Conn>(...)
    if (!(is_wrapper(p) || holder ||
          llvm::isa<clang::CXXNewExpr, clang::CXXConstructExpr, clang::InitListExpr,
                    clang::ParenListExpr>(p))) {
      return;
    }
    cur = p;
  }
}

}  // namespace obolint::cpp
