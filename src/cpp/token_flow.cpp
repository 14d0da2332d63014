// Sources of the token (header reads, helpers of the file that return one) and the facts the
// flow outputs for the checks.
#include "cpp/token_flow.h"

#include <clang/AST/ParentMapContext.h>
#include <clang/AST/RecursiveASTVisitor.h>

#include "core/regex.h"
#include "cpp/text_util.h"

namespace obolint::cpp {
namespace {

constexpr int kHelperRounds = 3;  // a helper returning a helper's token, and so on

// Calls of the helpers that return the token, and variables whose initializer Clang dropped.
struct HelperCalls : clang::RecursiveASTVisitor<HelperCalls> {
  const std::map<std::string, std::pair<const clang::FunctionDecl*, Source>>* names = nullptr;
  std::vector<std::pair<const clang::CallExpr*, const Source*>> calls;
  std::vector<const clang::VarDecl*> dropped;
  bool shouldVisitLambdaBody() const { return true; }
  bool shouldVisitTemplateInstantiations() const { return true; }
  bool VisitCallExpr(clang::CallExpr* call) {
    const auto* callee = call->getCallee() ? call->getCallee()->IgnoreParenImpCasts() : nullptr;
    if (!callee || !llvm::isa<clang::DeclRefExpr, clang::UnresolvedLookupExpr>(callee)) return true;
    auto it = names->find(callee_name(callee));
    if (it == names->end()) return true;
    const auto* direct = call->getDirectCallee();
    if (direct && direct->getCanonicalDecl() != it->second.first->getCanonicalDecl()) return true;
    calls.emplace_back(call, &it->second.second);
    return true;
  }
  // `auto token = get_user_token(req);` where the call had errors (`req` of an unknown type):
  // Clang drops the initializer. The call's name is read from the source.
  bool VisitVarDecl(clang::VarDecl* vd) {
    if (!vd->getInit() && !llvm::isa<clang::ParmVarDecl>(vd)) dropped.push_back(vd);
    return true;
  }
};

}  // namespace

std::string TokenFlow::placeholder_of(const clang::Expr* read) const {
  // get_header_value(H, "default"): the value when the header is missing.
  const auto* call = llvm::dyn_cast<clang::CallExpr>(read);
  if (!call || call->getNumArgs() < 2 || !guards_.string_value(call->getArg(0))) return {};
  auto def = guards_.string_value(call->getArg(1));
  return def ? *def : std::string();
}

const clang::Expr* TokenFlow::default_of(const clang::Expr* read) const {
  const auto* call = llvm::dyn_cast<clang::CallExpr>(read);
  if (!call || call->getNumArgs() < 2 || !guards_.string_value(call->getArg(0))) return nullptr;
  return call->getArg(1);
}

void TokenFlow::run(const std::vector<const clang::Expr*>& reads) {
  std::set<const clang::Expr*> done;
  for (const auto* read : reads) {
    if (!done.insert(read).second) continue;
    auto header = guards_.header_arg(read);
    auto read_span = header ? map_.span(read->getSourceRange()) : std::nullopt;
    if (!read_span) continue;
    follow_source(read, Source{*header, *read_span, placeholder_of(read), {}, default_of(read)});
  }
  std::set<const clang::FunctionDecl*> seen;
  for (int round = 0; round < kHelperRounds && !returning_.empty(); ++round) {
    auto helpers = std::move(returning_);
    returning_.clear();
    std::vector<std::pair<const clang::FunctionDecl*, Source>> fresh;
    for (auto& [fd, src] : helpers) {
      if (seen.insert(fd->getCanonicalDecl()).second) fresh.emplace_back(fd, std::move(src));
    }
    if (fresh.empty()) break;
    helper_round(fresh);
  }
}

void TokenFlow::helper_round(
    const std::vector<std::pair<const clang::FunctionDecl*, Source>>& helpers) {
  std::map<std::string, std::pair<const clang::FunctionDecl*, Source>> by_name;
  for (const auto& [fd, src] : helpers) {
    by_name.emplace(fd->getNameAsString(), std::make_pair(fd, src));
    names_.insert(fd->getNameAsString());
  }
  HelperCalls visitor;
  visitor.names = &by_name;
  for (auto* d : map_.ctx().getTraversalScope()) visitor.TraverseDecl(d);
  for (const auto* vd : visitor.dropped) follow_dropped(vd, by_name);
  for (const auto& [call, helper] : visitor.calls) {
    auto call_span = map_.span(call->getSourceRange());
    if (!call_span) continue;
    Source src = *helper;
    src.steps = {{*call_span, "returned by " + callee_name(call->getCallee())}};
    follow_source(call, src);
  }
}

void TokenFlow::follow_dropped(
    const clang::VarDecl* vd,
    const std::map<std::string, std::pair<const clang::FunctionDecl*, Source>>& by_name) {
  auto at = map_.offset(vd->getLocation());
  if (!at) return;
  std::string rest = map_.file().content().substr(*at, 256);
  rest = rest.substr(0, rest.find(';'));
  static const Regex kInit(
      R"(^[A-Za-z_]\w*\s*[={(]\s*((?:[A-Za-z_]\w*\s*::\s*)*)([A-Za-z_]\w*)\s*\()");
  auto m = kInit.find(rest);
  if (m.empty()) return;
  std::string callee(m[2].in(rest));
  auto it = by_name.find(callee);
  auto parents = map_.ctx().getParents(*vd);
  const auto* ds = parents.empty() ? nullptr : parents[0].get<clang::DeclStmt>();
  FnInfo* fn = ds ? guards_.function_of(ds) : nullptr;
  if (it == by_name.end() || !fn) return;
  Source src = it->second.second;
  src.steps = {{map_.file().span_of(*at + m[1].begin, *at + m[2].end), "returned by " + callee}};
  Walk w;
  w.fn = fn;
  w.tracked.placeholder = src.placeholder;
  current_ = &src;
  track(vd, src.steps, w, facts::Reveals::Whole, 1);
  current_ = nullptr;
  finish(w, src);
}

void TokenFlow::follow_source(const clang::Expr* e, const Source& src) {
  FnInfo* fn = guards_.function_of(e);
  if (!fn) return;
  if (auto body = map_.range(fn->body->getSourceRange())) bodies_.insert(*body);
  Walk w;
  w.fn = fn;
  w.tracked.placeholder = src.placeholder;
  if (src.default_value) w.defaults.push_back(src.default_value);
  current_ = &src;
  follow(e, src.steps, w, facts::Reveals::Whole, 0);
  current_ = nullptr;
  finish(w, src);
}

std::shared_ptr<const Trace> TokenFlow::trace_of(const Source& src, const Steps& steps) const {
  auto t = std::make_shared<Trace>();
  const std::string& path = map_.file().path();
  t->source = {path, src.read_span, "the " + src.header + " header is read here"};
  for (const auto& s : steps) t->steps.push_back({path, s.span, s.message});
  return t;
}

void TokenFlow::emit(facts::TokenUse use) {
  const Span& s = use.at.span;
  auto key =
      std::make_tuple(s.line, s.column, s.end_line, s.end_column, static_cast<int>(use.sink));
  auto [it, added] = use_keys_.emplace(key, facts_.uses.size());
  if (added) {
    facts_.uses.push_back(std::move(use));
    return;
  }
  // Reached on several paths: unchecked on any of them is unchecked.
  facts::TokenUse& seen = facts_.uses[it->second];
  if (use.unchecked && !seen.unchecked) seen = std::move(use);
}

// The uses, stores and fallbacks of one source, as facts.
void TokenFlow::finish(Walk& w, const Source& src) {
  const std::string& path = map_.file().path();
  for (const auto& u : w.uses) {
    auto sp = map_.span(u.at->getSourceRange());
    if (!sp) continue;
    facts::TokenUse use;
    use.at = {path, *sp};
    use.sink = u.sink;
    use.reveals = u.reveals;
    use.callee = u.callee;
    use.scope = w.fn->scope;
    use.argument = map_.compact_text(u.at->getSourceRange());
    use.unchecked = !u.checked_by_callee && !guards_.guarded(*w.fn, u.context, w.tracked);
    if (use.unchecked) use.uncaught_default = src.placeholder;
    use.trace = trace_of(src, u.flow);
    emit(std::move(use));
  }
  for (const auto& st : w.stores) {
    if (!store_keys_.emplace(st.at.line, st.at.column).second) continue;
    facts::TokenStore fact;
    fact.at = {path, st.at};
    fact.store = st.store;
    fact.held = st.held;
    fact.target = st.target;
    fact.scope = w.fn->scope;
    fact.trace = trace_of(src, st.flow);
    facts_.stores.push_back(std::move(fact));
  }
  fallbacks(w, src);
}

}  // namespace obolint::cpp
