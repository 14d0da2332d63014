// Helpers over Clang's AST shared by the C++ front end's analyses: looking through wrappers,
// naming callees, and mapping AST ranges to offsets, spans and text of the scanned file.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <utility>

#include <clang/AST/ASTContext.h>
#include <clang/AST/Expr.h>
#include <clang/AST/ExprCXX.h>
#include <clang/Basic/SourceManager.h>

#include "core/finding.h"
#include "core/source_file.h"

namespace obolint::cpp {

// Looks through parentheses, implicit casts, temporaries, functional casts and one-argument
// constructions (the value of `std::string(x)` is x's).
const clang::Expr* strip(const clang::Expr* e);

// Nodes that only wrap a value: parentheses, casts, temporaries, cleanups.
bool is_wrapper(const clang::Stmt* s);

// The name a call's callee spells, also in Clang's recovery forms (unresolved lookups, members of
// dependent objects); empty when there is none.
std::string callee_name(const clang::Expr* callee);

// The object of a member access (`x` in x.f / x->f), or null.
const clang::Expr* member_base(const clang::Expr* e);

// `+` or `+=`, built in or overloaded.
bool is_plus(const clang::Stmt* s);

// A constructor's arguments that are written (default arguments are not).
unsigned significant_args(const clang::CXXConstructExpr* ctor);

// Positions of AST nodes in the scanned file. Text always comes from the file as scanned, also
// when Clang parsed a recovery copy of it (same offsets, see recovery.h).
class SourceMap {
 public:
  SourceMap(const SourceFile& file, clang::ASTContext& ctx)
      : file_(file), ctx_(ctx), sm_(ctx.getSourceManager()) {}

  // The offset of a location's expansion in the main file, or nothing when it is elsewhere.
  std::optional<std::size_t> offset(clang::SourceLocation loc) const;
  // [begin, end) of a range, its last token included.
  std::optional<std::pair<std::size_t, std::size_t>> range(clang::SourceRange r) const;
  std::optional<Span> span(clang::SourceRange r) const;
  std::string text(clang::SourceRange r) const;
  // The text of a range with whitespace removed (fingerprints, callee names).
  std::string compact_text(clang::SourceRange r) const;

  const SourceFile& file() const { return file_; }
  clang::ASTContext& ctx() const { return ctx_; }
  const clang::SourceManager& sm() const { return sm_; }
  // The one statement parent of `s`, or null (several parents, or a declaration).
  const clang::Stmt* single_parent(const clang::Stmt* s) const;

 private:
  const SourceFile& file_;
  clang::ASTContext& ctx_;
  const clang::SourceManager& sm_;
};

// How a call or construction names what it calls: as written in the source (`res.set_content`,
// `crow::response`, `spdlog::info`) and as Clang resolved it (`httplib::Response::set_content`),
// for the knowledge's name patterns.
struct CalleeNames {
  std::string written;
  std::string resolved;
};
CalleeNames callee_names(const clang::Expr* call, const SourceMap& map);

}  // namespace obolint::cpp
