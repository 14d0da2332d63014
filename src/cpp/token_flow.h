// The C++ token flow: from each read of the user's token header (and each call of a helper of the
// file that returns one) through conversions, assignments and helpers to where the value goes.
// It produces facts (facts/token_facts.h) and names no rule: uses with their sink and whether a
// presence check guards them, stores into globals and statics, and the app's own credentials
// used where the token is missing. Split by job:
//   token_flow.cpp       sources (reads, helpers returning the token) and the facts it outputs
//   token_follow.cpp     following a value up the AST: copies, assignments, members, calls
//   token_sinks.cpp      what receives it: the knowledge's sinks, helpers' summaries, stores
//   token_fallbacks.cpp  service-principal fallbacks in the code that runs when it is missing
//   token_guards.cpp     presence checks, CFG and dominators
#pragma once

#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include <clang/AST/Expr.h>

#include "cpp/ast_util.h"
#include "cpp/cpp_rules.h"
#include "cpp/string_chains.h"
#include "cpp/token_guards.h"
#include "facts/token_facts.h"

namespace obolint::cpp {

// A step of a flow inside the scanned file.
struct LocalStep {
  Span span;
  std::string message;
};
using Steps = std::vector<LocalStep>;

// Where a token comes from: a header read, or a call of a helper that returns one.
struct Source {
  std::string header;
  Span read_span;           // the header read (in the helper for a helper call)
  std::string placeholder;  // the read's default for a missing header, if not empty
  Steps steps;              // after the read: the helper call
  const clang::Expr* default_value = nullptr;  // get_header_value(H, default): when missing
};

// The token (or a value built from it) reaching something.
struct RawUse {
  const clang::Stmt* at = nullptr;       // the value as written
  const clang::Stmt* context = nullptr;  // the call or operator, placed by the CFG
  facts::Sink sink = facts::Sink::Call;
  facts::Reveals reveals = facts::Reveals::Whole;
  std::string callee;
  bool checked_by_callee = false;  // a helper of the file checks it on every path
  Steps flow;
};

struct RawStore {
  Span at;
  facts::Store store = facts::Store::ModuleGlobal;
  facts::Held held = facts::Held::Token;
  std::string target;
  Steps flow;
};

// Following one source in one function (or one parameter, for a helper's summary).
struct Walk {
  FnInfo* fn = nullptr;
  Tracked tracked;
  bool summary = false;  // a helper's parameter: no helper returns, no fallbacks
  std::vector<RawUse> uses;
  std::vector<RawStore> stores;
  std::vector<const clang::Expr*> defaults;  // value_or(x): x is the value when missing
  Steps var_flow;  // the flow to the first variable that holds the token (fallback traces)
};

// What a helper of the file does with one of its parameters.
struct ParamSummary {
  struct Effect {
    facts::Sink sink;
    bool unguarded;  // some use of this kind is not checked inside the helper
  };
  std::vector<Effect> effects;  // empty: nothing known (a plain call)
  std::vector<RawStore> stores;
};

class TokenFlow {
 public:
  TokenFlow(const SourceMap& map, const CppRules& rules, AstChains& chains)
      : map_(map), k_(rules.token), rules_(rules), chains_(chains), guards_(map, rules.token) {}

  // Follows every header read in `reads` (candidates of the knowledge's source matchers) and the
  // helpers that return one; the facts accumulate.
  void run(const std::vector<const clang::Expr*>& reads);
  facts::TokenFacts take_facts() { return std::move(facts_); }
  // The names the flow followed (variables, helpers): statements of the file that Clang dropped
  // matter when they mention one (recovery.h).
  const std::set<std::string>& names() const { return names_; }
  // The bodies of the functions that read the token ([begin, end) offsets): a statement Clang
  // dropped there may be a check or a use.
  const std::set<std::pair<std::size_t, std::size_t>>& bodies() const { return bodies_; }

 private:
  // token_flow.cpp
  void follow_source(const clang::Expr* e, const Source& src);
  void helper_round(const std::vector<std::pair<const clang::FunctionDecl*, Source>>& helpers);
  void follow_dropped(
      const clang::VarDecl* vd,
      const std::map<std::string, std::pair<const clang::FunctionDecl*, Source>>& by_name);
  std::string placeholder_of(const clang::Expr* read) const;
  const clang::Expr* default_of(const clang::Expr* read) const;
  void finish(Walk& w, const Source& src);
  std::shared_ptr<const Trace> trace_of(const Source& src, const Steps& steps) const;
  void emit(facts::TokenUse use);

  // token_follow.cpp
  void follow(const clang::Expr* e, Steps flow, Walk& w, facts::Reveals rev, int depth);
  bool step_up(const clang::Stmt*& cur, const clang::Stmt* p, Steps& flow, Walk& w,
               facts::Reveals& rev, int depth);
  bool through_member(const clang::Stmt*& cur, const clang::Stmt* p, Walk& w, facts::Reveals& rev);
  bool through_operator(const clang::Stmt*& cur, const clang::Stmt* p, Steps& flow, Walk& w,
                        facts::Reveals rev, int depth);
  void assignment(const clang::Expr* lhs, const clang::Stmt* cur, const clang::Stmt* op,
                  Steps& flow, Walk& w, facts::Reveals rev, int depth);
  bool through_construct(const clang::Stmt*& cur, const clang::Stmt* p, Steps& flow, Walk& w,
                         facts::Reveals rev);
  void track(const clang::VarDecl* vd, Steps flow, Walk& w, facts::Reveals rev, int depth);
  void returned(Walk& w);

  // token_sinks.cpp
  void use_at(const clang::Expr* call, const clang::Stmt* cur, const Steps& flow, Walk& w,
              facts::Reveals rev, const std::string& what);
  void use_in_helper(const clang::FunctionDecl* helper, unsigned index, const clang::Expr* call,
                     const clang::Stmt* cur, const Steps& flow, Walk& w, facts::Reveals rev);
  const ParamSummary& summary(const clang::FunctionDecl* fd, unsigned index);
  const clang::FunctionDecl* helper_of(const clang::Expr* call, const clang::Stmt* arg,
                                       unsigned& index);
  bool stream_sink(const clang::Stmt* op, const clang::Stmt* cur, const Steps& flow, Walk& w,
                   facts::Reveals rev);
  void client_store(const clang::Stmt* call, const Steps& flow, Walk& w);
  void store(const clang::VarDecl* vd, const clang::Stmt* at, facts::Held held, const Steps& flow,
             Walk& w);
  const clang::VarDecl* global_of(const clang::Expr* e) const;

  // token_fallbacks.cpp
  void fallbacks(Walk& w, const Source& src);
  void fallback_construct(const clang::Stmt* s, std::set<const clang::Stmt*>& roots,
                          std::vector<std::pair<Span, std::string>>& out);
  void fallback_chain(const Chain& chain, std::vector<std::pair<Span, std::string>>& out) const;

  const SourceMap& map_;
  const TokenKnowledge& k_;
  const CppRules& rules_;
  AstChains& chains_;
  Guards guards_;
  facts::TokenFacts facts_;
  // Each use, store and fallback is one fact, however many paths reach it.
  std::map<std::tuple<int, int, int, int, int>, std::size_t> use_keys_;
  std::set<std::pair<int, int>> fallback_keys_, store_keys_;
  const Source* current_ = nullptr;
  std::vector<std::pair<const clang::FunctionDecl*, Source>> returning_;
  std::map<std::pair<const clang::FunctionDecl*, unsigned>, ParamSummary> summaries_;
  std::set<std::pair<const clang::FunctionDecl*, unsigned>> in_progress_;
  std::map<std::string, std::vector<const clang::FunctionDecl*>> definitions_;
  bool definitions_indexed_ = false;
  std::set<std::string> names_;
  std::set<std::pair<std::size_t, std::size_t>> bodies_;
};

}  // namespace obolint::cpp
