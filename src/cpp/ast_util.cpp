#include "cpp/ast_util.h"

#include <algorithm>

#include <clang/AST/ParentMapContext.h>
#include <clang/Basic/SourceManager.h>
#include <clang/Lex/Lexer.h>

#include "cpp/text_util.h"

namespace obolint::cpp {

const clang::Expr* strip(const clang::Expr* e) {
  while (e) {
    const clang::Expr* next = e->IgnoreParenImpCasts();
    if (const auto* ewc = llvm::dyn_cast<clang::ExprWithCleanups>(next)) {
      next = ewc->getSubExpr();
    } else if (const auto* mt = llvm::dyn_cast<clang::MaterializeTemporaryExpr>(next)) {
      next = mt->getSubExpr();
    } else if (const auto* bt = llvm::dyn_cast<clang::CXXBindTemporaryExpr>(next)) {
      next = bt->getSubExpr();
    } else if (const auto* fc = llvm::dyn_cast<clang::CXXFunctionalCastExpr>(next)) {
      next = fc->getSubExpr();
    } else if (const auto* ce = llvm::dyn_cast<clang::ConstantExpr>(next)) {
      next = ce->getSubExpr();
    } else if (const auto* ctor = llvm::dyn_cast<clang::CXXConstructExpr>(next)) {
      if (ctor->getNumArgs() >= 1 && !llvm::isa<clang::CXXDefaultArgExpr>(ctor->getArg(0)) &&
          (ctor->getNumArgs() == 1 || llvm::isa<clang::CXXDefaultArgExpr>(ctor->getArg(1)))) {
        next = ctor->getArg(0);
      }
    }
    if (next == e) return e;
    e = next;
  }
  return e;
}

bool is_wrapper(const clang::Stmt* s) {
  return llvm::isa<clang::ImplicitCastExpr, clang::ParenExpr, clang::MaterializeTemporaryExpr,
                   clang::CXXBindTemporaryExpr, clang::ExprWithCleanups, clang::ConstantExpr,
                   clang::CXXFunctionalCastExpr, clang::CXXStaticCastExpr, clang::CStyleCastExpr,
                   clang::CXXReinterpretCastExpr, clang::CXXConstCastExpr>(s);
}

std::string callee_name(const clang::Expr* callee) {
  callee = callee ? callee->IgnoreParenImpCasts() : nullptr;
  if (!callee) return {};
  if (const auto* dre = llvm::dyn_cast<clang::DeclRefExpr>(callee)) {
    return dre->getNameInfo().getAsString();
  }
  if (const auto* ule = llvm::dyn_cast<clang::UnresolvedLookupExpr>(callee)) {
    return ule->getName().getAsString();
  }
  if (const auto* dsd = llvm::dyn_cast<clang::DependentScopeDeclRefExpr>(callee)) {
    return dsd->getDeclName().getAsString();
  }
  if (const auto* me = llvm::dyn_cast<clang::MemberExpr>(callee)) {
    return me->getMemberNameInfo().getAsString();
  }
  if (const auto* dme = llvm::dyn_cast<clang::CXXDependentScopeMemberExpr>(callee)) {
    return dme->getMember().getAsString();
  }
  if (const auto* ume = llvm::dyn_cast<clang::UnresolvedMemberExpr>(callee)) {
    return ume->getMemberName().getAsString();
  }
  return {};
}

const clang::Expr* member_base(const clang::Expr* e) {
  e = e ? e->IgnoreParenImpCasts() : nullptr;
  if (!e) return nullptr;
  if (const auto* me = llvm::dyn_cast<clang::MemberExpr>(e)) return me->getBase();
  if (const auto* dme = llvm::dyn_cast<clang::CXXDependentScopeMemberExpr>(e)) {
    return dme->isImplicitAccess() ? nullptr : dme->getBase();
  }
  if (const auto* ume = llvm::dyn_cast<clang::UnresolvedMemberExpr>(e)) {
    return ume->isImplicitAccess() ? nullptr : ume->getBase();
  }
  return nullptr;
}

bool is_plus(const clang::Stmt* s) {
  if (const auto* bo = llvm::dyn_cast<clang::BinaryOperator>(s)) {
    return bo->getOpcode() == clang::BO_Add || bo->getOpcode() == clang::BO_AddAssign;
  }
  if (const auto* oc = llvm::dyn_cast<clang::CXXOperatorCallExpr>(s)) {
    return oc->getOperator() == clang::OO_Plus || oc->getOperator() == clang::OO_PlusEqual;
  }
  return false;
}

unsigned significant_args(const clang::CXXConstructExpr* ctor) {
  unsigned n = 0;
  for (const auto* a : ctor->arguments()) {
    if (!llvm::isa<clang::CXXDefaultArgExpr>(a)) ++n;
  }
  return n;
}

std::optional<std::size_t> SourceMap::offset(clang::SourceLocation loc) const {
  if (loc.isInvalid()) return std::nullopt;
  loc = sm_.getExpansionLoc(loc);
  if (!sm_.isInMainFile(loc)) return std::nullopt;
  return sm_.getFileOffset(loc);
}

std::optional<std::pair<std::size_t, std::size_t>> SourceMap::range(clang::SourceRange r) const {
  auto b = offset(r.getBegin());
  if (!b) return std::nullopt;
  auto end_loc = sm_.getExpansionLoc(r.getEnd());
  auto e = offset(end_loc);
  std::size_t end =
      e ? *e + clang::Lexer::MeasureTokenLength(end_loc, sm_, ctx_.getLangOpts()) : *b + 1;
  end = std::min(std::max(end, *b), file_.content().size());
  return std::make_pair(*b, end);
}

std::optional<Span> SourceMap::span(clang::SourceRange r) const {
  auto rr = range(r);
  if (!rr) return std::nullopt;
  return file_.span_of(rr->first, rr->second);
}

std::string SourceMap::text(clang::SourceRange r) const {
  auto rr = range(r);
  if (!rr) return {};
  return file_.content().substr(rr->first, rr->second - rr->first);
}

std::string SourceMap::compact_text(clang::SourceRange r) const {
  std::string out;
  for (char c : text(r)) {
    if (!is_space(c)) out.push_back(c);
  }
  return out;
}

const clang::Stmt* SourceMap::single_parent(const clang::Stmt* s) const {
  auto parents = ctx_.getParents(*s);
  if (parents.size() != 1) return nullptr;
  return parents[0].get<clang::Stmt>();
}

namespace {

std::string qualified_name(const clang::NamedDecl* d) {
  return d ? d->getQualifiedNameAsString() : std::string();
}

// The text of a construction's type as written, before its arguments.
std::string type_written(const clang::Expr* e, const SourceMap& map) {
  auto r = map.range(e->getSourceRange());
  if (!r) return {};
  std::string_view text =
      std::string_view(map.file().content()).substr(r->first, r->second - r->first);
  std::size_t open = text.find_first_of("({");
  return std::string(text.substr(0, open));
}

}  // namespace

CalleeNames callee_names(const clang::Expr* call, const SourceMap& map) {
  CalleeNames out;
  if (const auto* oc = llvm::dyn_cast<clang::CXXOperatorCallExpr>(call)) {
    out.written = std::string("operator") + clang::getOperatorSpelling(oc->getOperator());
    out.resolved = qualified_name(oc->getDirectCallee());
    return out;
  }
  if (const auto* c = llvm::dyn_cast<clang::CallExpr>(call)) {
    if (const auto* callee = c->getCallee()) out.written = map.text(callee->getSourceRange());
    if (out.written.empty()) out.written = callee_name(c->getCallee());
    out.resolved = qualified_name(c->getDirectCallee());
    return out;
  }
  if (const auto* ctor = llvm::dyn_cast<clang::CXXConstructExpr>(call)) {
    const auto* cls = ctor->getConstructor() ? ctor->getConstructor()->getParent() : nullptr;
    out.resolved = qualified_name(cls);
    out.written =
        llvm::isa<clang::CXXTemporaryObjectExpr>(ctor) ? type_written(ctor, map) : out.resolved;
    return out;
  }
  if (const auto* uc = llvm::dyn_cast<clang::CXXUnresolvedConstructExpr>(call)) {
    out.written = type_written(uc, map);
    return out;
  }
  if (const auto* rec = llvm::dyn_cast<clang::RecoveryExpr>(call)) {
    // An unresolved call keeps its callee as the first sub-expression.
    auto subs = rec->subExpressions();
    if (!subs.empty()) out.written = map.text(subs[0]->getSourceRange());
    return out;
  }
  out.written = type_written(call, map);
  return out;
}

}  // namespace obolint::cpp
