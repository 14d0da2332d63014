#include "cpp/ast_coverage.h"

#include <clang/AST/RecursiveASTVisitor.h>

#include "cpp/text_util.h"

namespace obolint::cpp {
namespace {

// Offsets where the AST names something: references, members, declarations.
class Named : public clang::RecursiveASTVisitor<Named> {
 public:
  explicit Named(const SourceMap& map) : map_(map) {}
  bool shouldVisitLambdaBody() const { return true; }
  bool shouldVisitImplicitCode() const { return false; }

  bool VisitDeclRefExpr(clang::DeclRefExpr* e) { return add(e->getLocation()); }
  bool VisitOverloadExpr(clang::OverloadExpr* e) { return add(e->getNameLoc()); }
  bool VisitDependentScopeDeclRefExpr(clang::DependentScopeDeclRefExpr* e) {
    return add(e->getLocation());
  }
  bool VisitRecoveryExpr(clang::RecoveryExpr* e) { return add(e->getBeginLoc()); }
  bool VisitMemberExpr(clang::MemberExpr* e) { return add(e->getMemberLoc()); }
  bool VisitCXXDependentScopeMemberExpr(clang::CXXDependentScopeMemberExpr* e) {
    return add(e->getMemberLoc());
  }
  bool VisitNamedDecl(clang::NamedDecl* d) { return add(d->getLocation()); }

  std::set<std::size_t> offsets;

 private:
  bool add(clang::SourceLocation loc) {
    if (auto o = map_.offset(loc)) offsets.insert(*o);
    return true;
  }
  const SourceMap& map_;
};

// Skips a comment or a literal starting at `i`; returns `i` when there is none.
std::size_t skip_non_code(const std::string& s, std::size_t i) {
  if (s.compare(i, 2, "//") == 0) {
    std::size_t e = s.find('\n', i);
    return e == std::string::npos ? s.size() : e;
  }
  if (s.compare(i, 2, "/*") == 0) {
    std::size_t e = s.find("*/", i + 2);
    return e == std::string::npos ? s.size() : e + 2;
  }
  if (s[i] == '"' || s[i] == '\'') {
    char q = s[i];
    std::size_t j = i + 1;
    while (j < s.size() && s[j] != q && s[j] != '\n') j += s[j] == '\\' ? 2 : 1;
    return std::min(j + 1, s.size());
  }
  return i;
}

}  // namespace

std::vector<std::size_t> lost_occurrences(const SourceMap& map,
                                          const std::set<std::string>& names) {
  std::vector<std::size_t> out;
  if (names.empty()) return out;
  Named named(map);
  for (auto* d : map.ctx().getTraversalScope()) named.TraverseDecl(d);
  const std::string& s = map.file().content();
  for (std::size_t i = 0; i < s.size();) {
    if (std::size_t next = skip_non_code(s, i); next != i) {
      i = next;
      continue;
    }
    if (!is_ident_char(s[i]) || (i > 0 && is_ident_char(s[i - 1]))) {
      ++i;
      continue;
    }
    std::size_t e = i;
    while (e < s.size() && is_ident_char(s[e])) ++e;
    if (names.count(s.substr(i, e - i)) && !named.offsets.count(i)) out.push_back(i);
    i = e;
  }
  return out;
}

}  // namespace obolint::cpp
