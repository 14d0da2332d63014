// Presence checks of the user's token in C++: what a branch condition says about the token
// (present, missing, or nothing), and with Clang's CFG and dominator tree whether every path to a
// use went through the "present" side of such a check, or which code runs only when it is missing.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <clang/AST/Expr.h>
#include <clang/AST/ParentMap.h>
#include <clang/Analysis/Analyses/Dominators.h>
#include <clang/Analysis/CFG.h>
#include <clang/Analysis/CFGStmtMap.h>

#include "cpp/ast_util.h"
#include "cpp/cpp_knowledge.h"

namespace obolint::cpp {

// A function or lambda body with its CFG, built once per analysis.
struct FnInfo {
  const clang::Decl* decl = nullptr;
  const clang::Stmt* body = nullptr;
  std::string scope;  // "ns::Class::method", "handler::<lambda>"
  std::unique_ptr<clang::CFG> cfg;
  std::unique_ptr<clang::ParentMap> pm;
  std::unique_ptr<clang::CFGStmtMap> map;
  std::unique_ptr<clang::CFGDomTree> dom;
};

// The variables that hold one token, and the default its header read substitutes when the
// header is missing (`get_header_value(H, "none")`): only a comparison with it checks the token.
struct Tracked {
  std::set<const clang::VarDecl*> vars;
  std::string placeholder;
};

class Guards {
 public:
  Guards(const SourceMap& map, const TokenKnowledge& knowledge) : map_(map), k_(knowledge) {}

  // The function or lambda that encloses `s`, or null.
  FnInfo* function_of(const clang::Stmt* s);
  // A function's own body (helper summaries), or null when it has none here.
  FnInfo* function_for(const clang::FunctionDecl* fd);

  // True when a presence check dominates `use`: every path to it took the check's "present" side.
  bool guarded(FnInfo& fn, const clang::Stmt* use, const Tracked& t);
  // The blocks that run only when the token is missing (the "missing" side of a check and the
  // blocks it dominates).
  std::set<const clang::CFGBlock*> missing_blocks(FnInfo& fn, const Tracked& t);
  // Source ranges after an `if` on the token without `else` whose branch leaves the function
  // (`return`/`throw` in its text): present after `if (t.empty()) { return 401; }`
  // (`present` true) or missing after `if (!t.empty()) { return query(t); }` (false). Read from
  // the source because Clang drops a `return` whose value has errors (a handler returning a type
  // of a missing header), which leaves the branch falling through in the CFG.
  std::vector<std::pair<std::size_t, std::size_t>> after_early_exits(FnInfo& fn, const Tracked& t,
                                                                     bool present) const;
  // The block of the innermost CFG element that contains `offset`, or null.
  const clang::CFGBlock* block_at(FnInfo& fn, std::size_t offset) const;

  // The header a read names when one of its arguments is a header of the knowledge.
  std::optional<std::string> header_arg(const clang::Expr* e) const;
  // The string an expression spells: a literal, or a constant initialised with one.
  std::optional<std::string> string_value(const clang::Expr* e) const;
  // True when `e` denotes the tracked token: a tracked variable, or a header read itself.
  bool is_tracked(const clang::Expr* e, const Tracked& t) const;
  // The identifier spelled at a childless RecoveryExpr (a reference to an invalid variable).
  std::string recovery_name(const clang::RecoveryExpr* r) const;

 private:
  FnInfo& build(const clang::Decl* decl, const clang::Stmt* body);
  std::optional<bool> polarity(const clang::Expr* cond, const Tracked& t) const;
  std::optional<bool> comparison(const clang::Expr* cond, const Tracked& t) const;
  std::optional<bool> call_check(const clang::CallExpr* call, const Tracked& t) const;
  bool is_nullish(const clang::Expr* e, const Tracked& t) const;
  bool is_size_of_tracked(const clang::Expr* e, const Tracked& t) const;
  std::vector<const clang::Expr*> call_args(const clang::Expr* e) const;
  std::string scope_of(const clang::Decl* decl) const;

  const SourceMap& map_;
  const TokenKnowledge& k_;
  std::map<const clang::Stmt*, FnInfo> functions_;
};

}  // namespace obolint::cpp
