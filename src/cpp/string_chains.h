// String chains from Clang's AST: a literal joined with its adjacent literals, the operands of
// `+`, the arguments of the knowledge's concat and format calls and the two strings of a
// {"key", "value"} pair, as the program builds the value (cpp_rules.h, Chain). Literals the AST
// does not hold come from the lexical scan (lexical.h).
#pragma once

#include <set>
#include <string>
#include <vector>

#include <clang/AST/Expr.h>

#include "cpp/ast_util.h"
#include "cpp/cpp_rules.h"

namespace obolint::cpp {

class AstChains {
 public:
  AstChains(const SourceMap& map, const CppRules& rules) : map_(map), rules_(rules) {}

  // The outermost expression the literal's value is part of.
  const clang::Stmt* root_of(const clang::StringLiteral* lit) const;
  // The chain an expression builds (literals, placeholders for everything else).
  Chain chain_of(const clang::Stmt* s);
  std::string text_of(const clang::Stmt* s) { return chain_of(s).text; }

  // Every chain of the file through `literals`: the roots of the AST literals `lits` (each once),
  // then the lexical chains of literals the AST does not hold.
  void run(const std::vector<const clang::StringLiteral*>& lits, LiteralEvaluator& literals,
           std::vector<Finding>& out);

  // The lexical chains of `run` whose literals the AST does not hold.
  const std::vector<Chain>& lexical_only() const { return lexical_only_; }

 private:
  bool transparent(const clang::Stmt* parent, const clang::Stmt* child) const;
  bool is_pair(const clang::Stmt* s) const;
  void flatten(const clang::Stmt* s, Chain& chain, int depth);
  void flatten_pair(const clang::Expr* key, const clang::Expr* value, Chain& chain, int depth);
  void flatten_format(const clang::CallExpr* call, Chain& chain, int depth);
  void add_literal(const clang::StringLiteral* lit, Chain& chain);

  const SourceMap& map_;
  const CppRules& rules_;
  std::set<std::size_t> ast_tokens_;
  std::vector<Chain> lexical_only_;
};

}  // namespace obolint::cpp
