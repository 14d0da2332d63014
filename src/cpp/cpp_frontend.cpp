// The C++ front end: one Clang parse per file (with its compile command when a compilation
// database knows it, with fallback flags otherwise), one MatchFinder pass for every rule, then
//  - literal rules (OBO001-OBO003) over string chains built from the AST and, for literals the
//    AST does not hold, from a lexical scan;
//  - [[cpp.matcher]] rules;
//  - OBO004: header reads found by matchers, followed through assignments to their uses, with
//    Clang's CFG and dominator tree deciding whether a presence check guards each use.
#include "cpp/cpp_frontend.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <map>
#include <memory>
#include <set>
#include <thread>

#include <clang/AST/ASTConsumer.h>
#include <clang/AST/ASTContext.h>
#include <clang/AST/Expr.h>
#include <clang/AST/ExprCXX.h>
#include <clang/AST/ParentMap.h>
#include <clang/AST/RecursiveASTVisitor.h>
#include <clang/ASTMatchers/ASTMatchFinder.h>
#include <clang/ASTMatchers/Dynamic/Diagnostics.h>
#include <clang/ASTMatchers/Dynamic/Parser.h>
#include <clang/Analysis/Analyses/Dominators.h>
#include <clang/Analysis/CFG.h>
#include <clang/Analysis/CFGStmtMap.h>
#include <clang/Basic/Diagnostic.h>
#include <clang/Basic/SourceManager.h>
#include <clang/Basic/Stack.h>
#include <clang/Frontend/CompilerInstance.h>
#include <clang/Frontend/FrontendAction.h>
#include <clang/Lex/Lexer.h>
#include <clang/Lex/PPCallbacks.h>
#include <clang/Lex/Preprocessor.h>
#include <clang/Tooling/ArgumentsAdjusters.h>
#include <clang/Tooling/CompilationDatabase.h>
#include <clang/Tooling/JSONCompilationDatabase.h>
#include <clang/Tooling/Tooling.h>
#include <llvm/Support/CrashRecoveryContext.h>
#include <llvm/Support/JSON.h>
#include <llvm/Support/MemoryBuffer.h>
#include <llvm/Support/VirtualFileSystem.h>
#include <llvm/Support/raw_ostream.h>

#include "core/redact.h"
#include "cpp/cpp_rules.h"
#include "cpp/lexical.h"
#include "text/secret_scanner.h"

namespace obolint {
namespace {

namespace fs = std::filesystem;
namespace am = clang::ast_matchers;
using cpp::Chain;
using cpp::CppRules;

// ---------------------------------------------------------------------------------------------
// Diagnostics: collected, never printed.

class CollectingDiagnostics : public clang::DiagnosticConsumer {
 public:
  void HandleDiagnostic(clang::DiagnosticsEngine::Level level,
                        const clang::Diagnostic& info) override {
    clang::DiagnosticConsumer::HandleDiagnostic(level, info);
    if (level < clang::DiagnosticsEngine::Error) return;
    ++errors;
    if (first_message.empty()) {
      llvm::SmallString<128> text;
      info.FormatDiagnostic(text);
      first_message = std::string(text);
      if (info.hasSourceManager() && info.getLocation().isValid()) {
        const auto& sm = info.getSourceManager();
        auto loc = sm.getExpansionLoc(info.getLocation());
        if (sm.isInMainFile(loc)) {
          first_line = static_cast<int>(sm.getExpansionLineNumber(loc));
          first_column = static_cast<int>(sm.getExpansionColumnNumber(loc));
        }
      }
    }
  }
  void reset() {
    errors = 0;
    first_message.clear();
    first_line = first_column = 0;
  }
  int errors = 0;
  std::string first_message;
  int first_line = 0;
  int first_column = 0;
};

class MissingIncludes : public clang::PPCallbacks {
 public:
  explicit MissingIncludes(std::vector<std::string>& out) : out_(out) {}
  void InclusionDirective(clang::SourceLocation, const clang::Token&, llvm::StringRef file_name,
                          bool, clang::CharSourceRange, clang::OptionalFileEntryRef file,
                          llvm::StringRef, llvm::StringRef, const clang::Module*, bool,
                          clang::SrcMgr::CharacteristicKind) override {
    if (!file) out_.push_back(file_name.str());
  }

 private:
  std::vector<std::string>& out_;
};

// ---------------------------------------------------------------------------------------------
// Rule matchers, parsed once per scan.

struct CompiledMatchers {
  std::vector<std::pair<std::string, clang::ast_matchers::internal::DynTypedMatcher>> dyn;
};

std::optional<am::internal::DynTypedMatcher> parse_matcher(const std::string& text,
                                                           const std::string& bind_id,
                                                           std::string& error) {
  am::dynamic::Diagnostics diag;
  llvm::StringRef code(text);
  auto m = am::dynamic::Parser::parseMatcherExpression(code, nullptr, nullptr, &diag);
  if (!m) {
    error = diag.toStringFull();
    return std::nullopt;
  }
  auto bound = m->tryBind(bind_id);
  if (!bound) {
    error = "matcher cannot be bound (it must match a node, e.g. callExpr(...))";
    return std::nullopt;
  }
  return bound;
}

// ---------------------------------------------------------------------------------------------
// Per-file analysis.

struct FileResult {
  std::vector<Finding> findings;
  std::vector<std::string> missing_includes;
  bool parsed = false;
};

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

// The object of a member access (`x` in x.f / x->f), or null.
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

bool contains(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

class FileAnalysis {
 public:
  FileAnalysis(const SourceFile& file, const CppRules& rules, const SecretScanner& secrets,
               cpp::LiteralEvaluator& literals, clang::ASTContext& ctx)
      : file_(file),
        rules_(rules),
        secrets_(secrets),
        literals_(literals),
        ctx_(ctx),
        sm_(ctx.getSourceManager()) {}

  // ---- locations
  std::optional<std::size_t> offset(clang::SourceLocation loc) const {
    if (loc.isInvalid()) return std::nullopt;
    loc = sm_.getExpansionLoc(loc);
    if (!sm_.isInMainFile(loc)) return std::nullopt;
    return sm_.getFileOffset(loc);
  }
  std::optional<std::pair<std::size_t, std::size_t>> range(clang::SourceRange r) const {
    auto b = offset(r.getBegin());
    if (!b) return std::nullopt;
    auto end_loc = sm_.getExpansionLoc(r.getEnd());
    auto e = offset(end_loc);
    std::size_t end =
        e ? *e + clang::Lexer::MeasureTokenLength(end_loc, sm_, ctx_.getLangOpts()) : *b + 1;
    end = std::min(std::max(end, *b), file_.content().size());
    return std::make_pair(*b, end);
  }
  std::optional<Span> span(clang::SourceRange r) const {
    auto rr = range(r);
    if (!rr) return std::nullopt;
    return file_.span_of(rr->first, rr->second);
  }
  std::string text_of(clang::SourceRange r) const {
    auto rr = range(r);
    if (!rr) return {};
    return file_.content().substr(rr->first, rr->second - rr->first);
  }

  // ---- string chains from the AST
  bool chain_transparent(const clang::Stmt* parent, const clang::Stmt* child) const {
    if (llvm::isa<clang::ImplicitCastExpr, clang::ParenExpr, clang::MaterializeTemporaryExpr,
                  clang::CXXBindTemporaryExpr, clang::ExprWithCleanups, clang::ConstantExpr,
                  clang::CXXFunctionalCastExpr>(parent)) {
      return true;
    }
    if (const auto* ctor = llvm::dyn_cast<clang::CXXConstructExpr>(parent)) {
      if (significant_args(ctor) == 1) return ctor->getArg(0) == child;
      return is_pair(parent);
    }
    if (llvm::isa<clang::InitListExpr>(parent)) return is_pair(parent);
    if (is_plus(parent)) {
      if (const auto* oc = llvm::dyn_cast<clang::CXXOperatorCallExpr>(parent)) {
        return oc->getCallee() != child;
      }
      return true;
    }
    if (const auto* call = llvm::dyn_cast<clang::CallExpr>(parent)) {
      if (call->getCallee() == child) return false;
      return rules_.is_string_call(callee_name(call->getCallee()));
    }
    return false;
  }
  // {"key", "value"}: an initializer list, or a pair list-initialised from two strings. Its chain
  // is "key: value" (form fields, headers).
  static bool stringish(const clang::Expr* e) {
    e = strip(e);
    return e && (llvm::isa<clang::StringLiteral>(e) || is_plus(e));
  }
  bool is_pair(const clang::Stmt* s) const {
    if (const auto* il = llvm::dyn_cast<clang::InitListExpr>(s)) {
      return il->getNumInits() == 2 && stringish(il->getInit(0)) && stringish(il->getInit(1));
    }
    if (const auto* ctor = llvm::dyn_cast<clang::CXXConstructExpr>(s)) {
      if (significant_args(ctor) != 2 || !stringish(ctor->getArg(0)) ||
          !stringish(ctor->getArg(1))) {
        return false;
      }
      if (ctor->isListInitialization()) return true;
      // An element of a braced list (`{{"k", "v"}, ...}`) is not flagged as list-initialised.
      auto b = offset(ctor->getBeginLoc());
      return b && *b < file_.content().size() && file_.content()[*b] == '{';
    }
    return false;
  }
  void flatten_pair(const clang::Expr* key, const clang::Expr* value, Chain& chain) {
    flatten(key, chain);
    auto at = offset(value->getBeginLoc());
    for (char c : std::string(": ")) {
      chain.text.push_back(c);
      chain.src_begin.push_back(at ? *at : 0);
      chain.src_end.push_back(at ? *at : 0);
    }
    flatten(value, chain);
  }
  static unsigned significant_args(const clang::CXXConstructExpr* ctor) {
    unsigned n = 0;
    for (const auto* a : ctor->arguments()) {
      if (!llvm::isa<clang::CXXDefaultArgExpr>(a)) ++n;
    }
    return n;
  }
  const clang::Stmt* single_parent_stmt(const clang::Stmt* s) const {
    auto parents = ctx_.getParents(*s);
    if (parents.size() != 1) return nullptr;
    return parents[0].get<clang::Stmt>();
  }
  const clang::Stmt* chain_root(const clang::Stmt* lit) const {
    const clang::Stmt* cur = lit;
    for (int guard = 0; guard < 64; ++guard) {
      // Several parents: an initializer list's syntactic and semantic forms.
      const clang::Stmt* next = nullptr;
      for (const auto& parent : ctx_.getParents(*cur)) {
        const auto* p = parent.get<clang::Stmt>();
        if (p && chain_transparent(p, cur)) {
          next = p;
          break;
        }
      }
      if (!next) break;
      cur = next;
    }
    return cur;
  }
  void add_literal(const clang::StringLiteral* lit, Chain& chain) {
    const auto& lo = ctx_.getLangOpts();
    bool all_here = true;
    for (unsigned i = 0; i < lit->getNumConcatenated(); ++i) {
      auto sp = sm_.getSpellingLoc(lit->getStrTokenLoc(i));
      if (!sm_.isInMainFile(sp)) all_here = false;
    }
    if (all_here) {
      for (unsigned i = 0; i < lit->getNumConcatenated(); ++i) {
        auto sp = sm_.getSpellingLoc(lit->getStrTokenLoc(i));
        std::size_t b = sm_.getFileOffset(sp);
        std::size_t len = clang::Lexer::MeasureTokenLength(sp, sm_, lo);
        cpp::cook_string_literal(file_.content(), b, b + len, chain);
        ast_tokens_.insert(b);
      }
      return;
    }
    // Spelled in a macro of another file: bytes without exact positions.
    auto r = range(lit->getSourceRange());
    if (!r) return;
    std::string bytes;
    if (lit->getCharByteWidth() == 1) {
      bytes = lit->getString().str();
    } else {
      for (unsigned i = 0; i < lit->getLength(); ++i) {
        auto cu = lit->getCodeUnit(i);
        bytes.push_back(cu < 0x80 ? static_cast<char>(cu) : '?');
      }
    }
    // Zero-width bytes: not spelled in this file (reported where they are spelled, if scanned).
    for (char c : bytes) {
      chain.text.push_back(c);
      chain.src_begin.push_back(r->first);
      chain.src_end.push_back(r->first);
    }
  }
  void flatten(const clang::Stmt* s, Chain& chain) {
    if (const auto* lit = llvm::dyn_cast<clang::StringLiteral>(s)) {
      add_literal(lit, chain);
      return;
    }
    if (is_pair(s)) {
      if (const auto* il = llvm::dyn_cast<clang::InitListExpr>(s)) {
        flatten_pair(il->getInit(0), il->getInit(1), chain);
      } else {
        const auto* ctor = llvm::cast<clang::CXXConstructExpr>(s);
        flatten_pair(ctor->getArg(0), ctor->getArg(1), chain);
      }
      return;
    }
    if (const auto* ctor = llvm::dyn_cast<clang::CXXConstructExpr>(s)) {
      if (significant_args(ctor) == 1) {
        flatten(ctor->getArg(0), chain);
        return;
      }
    } else if (const auto* oc = llvm::dyn_cast<clang::CXXOperatorCallExpr>(s); oc && is_plus(oc)) {
      for (unsigned i = 0; i < oc->getNumArgs(); ++i) flatten(oc->getArg(i), chain);
      return;
    } else if (const auto* call = llvm::dyn_cast<clang::CallExpr>(s)) {
      std::string name = callee_name(call->getCallee());
      if (contains(rules_.format_calls, name)) {
        flatten_format(call, chain);
        return;
      }
      if (contains(rules_.concat_calls, name)) {
        for (const auto* a : call->arguments()) flatten(a, chain);
        return;
      }
    } else if (const auto* il = llvm::dyn_cast<clang::IntegerLiteral>(s)) {
      // StrCat("Auth_Flow=", 1), format("Auth_Flow={}", 1): the digits as written.
      auto r = range(il->getSourceRange());
      if (r) {
        for (std::size_t i = r->first; i < r->second; ++i) {
          chain.text.push_back(file_.content()[i]);
          chain.src_begin.push_back(i);
          chain.src_end.push_back(i + 1);
        }
        return;
      }
    } else if (is_plus(s) ||
               llvm::isa<clang::ImplicitCastExpr, clang::ParenExpr, clang::MaterializeTemporaryExpr,
                         clang::CXXBindTemporaryExpr, clang::ExprWithCleanups, clang::ConstantExpr,
                         clang::CXXFunctionalCastExpr>(s)) {
      for (const auto* c : s->children()) {
        if (c) flatten(c, chain);
      }
      return;
    }
    if (const auto* e = llvm::dyn_cast<clang::Expr>(s)) {
      auto b = offset(e->getBeginLoc());
      chain.add_placeholder(b ? *b : 0);
    }
  }
  void flatten_format(const clang::CallExpr* call, Chain& chain) {
    unsigned n = call->getNumArgs();
    unsigned f = 0;
    while (f < n && !llvm::isa<clang::StringLiteral>(strip(call->getArg(f)))) ++f;
    if (f == n) {
      for (const auto* a : call->arguments()) flatten(a, chain);
      return;
    }
    Chain format;
    flatten(call->getArg(f), format);
    std::vector<Chain> args;
    for (unsigned i = f + 1; i < n; ++i) {
      args.emplace_back();
      flatten(call->getArg(i), args.back());
    }
    cpp::substitute_format(format, args, chain);
  }
  std::string chain_text(const clang::Stmt* s) {
    Chain c;
    flatten(s, c);
    return c.text;
  }

  void run_chains(const std::vector<const clang::StringLiteral*>& lits, std::vector<Finding>& out) {
    std::set<const clang::Stmt*> roots;
    std::vector<const clang::Stmt*> ordered;
    for (const auto* lit : lits) {
      const clang::Stmt* root = chain_root(lit);
      if (roots.insert(root).second) ordered.push_back(root);
    }
    for (const auto* root : ordered) {
      Chain c;
      c.from_ast = true;
      flatten(root, c);
      literals_.evaluate(c, out);
    }
    for (const auto& c : cpp::lexical_chains(file_.content(), rules_)) {
      bool seen = std::any_of(c.tokens.begin(), c.tokens.end(),
                              [&](std::size_t t) { return ast_tokens_.count(t) > 0; });
      if (!seen) literals_.evaluate(c, out);
    }
  }

  // ---- [[cpp.matcher]] rules
  void matcher_finding(const cpp::MatcherRule& mr, const am::MatchFinder::MatchResult& result,
                       const std::string& root_id, std::vector<Finding>& out) {
    const auto& nodes = result.Nodes;
    const clang::Stmt* report = nodes.getNodeAs<clang::Stmt>("report");
    if (!report) report = nodes.getNodeAs<clang::Stmt>(root_id);
    clang::SourceRange r;
    if (report) {
      r = report->getSourceRange();
    } else if (const auto* d = nodes.getNodeAs<clang::Decl>(root_id)) {
      r = d->getSourceRange();
    } else {
      return;
    }
    std::string value;
    if (mr.literal_regex || mr.secret) {
      const auto* lit = nodes.getNodeAs<clang::StringLiteral>("literal");
      if (!lit) lit = llvm::dyn_cast_or_null<clang::StringLiteral>(report);
      if (!lit || lit->getCharByteWidth() != 1) return;
      value = lit->getString().str();
      if (mr.literal_regex && !mr.literal_regex->search(value)) return;
      if (!report) r = lit->getSourceRange();
      if (mr.secret) {
        auto rr = range(lit->getSourceRange());
        if (!rr || literals_.engine_reports(rr->first, rr->second)) return;
      }
    }
    auto sp = span(r);
    if (!sp) return;
    Finding f;
    f.rule_id = mr.rule->id;
    f.severity = mr.rule->severity;
    f.path = file_.path();
    f.span = *sp;
    if (mr.secret) {
      f.message = mr.description + " " + redact_secret(value) + ": " + mr.rule->message;
      f.fingerprint_text = "secret:" + value;
      f.span_is_secret = true;
    } else {
      std::string t = text_of(r);
      f.message = mr.description + ": " + mr.rule->message;
      f.fingerprint_text = "cpp:" + mr.rule->id + ":" + cpp::to_lower(t.substr(0, 200));
    }
    out.push_back(std::move(f));
  }

  // ---- OBO004
  struct Step {
    Span span;
    std::string message;
  };
  struct FnInfo {
    const clang::Decl* decl = nullptr;
    const clang::Stmt* body = nullptr;
    std::unique_ptr<clang::CFG> cfg;
    std::unique_ptr<clang::ParentMap> pm;
    std::unique_ptr<clang::CFGStmtMap> map;
    std::unique_ptr<clang::CFGDomTree> dom;
  };

  // The string a header-name argument spells (literal, or a constant initialised with one).
  std::optional<std::string> string_value(const clang::Expr* e) const {
    e = strip(e);
    if (!e) return std::nullopt;
    if (const auto* lit = llvm::dyn_cast<clang::StringLiteral>(e)) {
      if (lit->getCharByteWidth() == 1) return lit->getString().str();
      return std::nullopt;
    }
    if (const auto* dre = llvm::dyn_cast<clang::DeclRefExpr>(e)) {
      if (const auto* vd = llvm::dyn_cast<clang::VarDecl>(dre->getDecl())) {
        if (vd->getType().isConstQualified() || vd->isConstexpr() ||
            (vd->getType()->isPointerType() &&
             vd->getType()->getPointeeType().isConstQualified())) {
          if (const auto* init = vd->getInit()) return string_value(init);
        }
      }
    }
    return std::nullopt;
  }
  std::vector<const clang::Expr*> call_args(const clang::Expr* e) const {
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
  std::optional<std::string> header_arg(const clang::Expr* e) const {
    if (!rules_.obo004) return std::nullopt;
    for (const auto* a : call_args(e)) {
      if (auto v = string_value(a)) {
        std::string lower = cpp::to_lower(*v);
        if (contains(rules_.obo004->headers, lower)) return v;
      }
    }
    return std::nullopt;
  }

  FnInfo* function_of(const clang::Stmt* s) {
    clang::DynTypedNodeList parents = ctx_.getParents(*s);
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
      if (decl && body) {
        auto& info = functions_[body];
        if (!info.body) {
          info.decl = decl;
          info.body = body;
          clang::CFG::BuildOptions bo;
          bo.setAllAlwaysAdd();
          bo.AddImplicitDtors = false;
          info.cfg = clang::CFG::buildCFG(decl, const_cast<clang::Stmt*>(body), &ctx_, bo);
          if (info.cfg) {
            info.pm = std::make_unique<clang::ParentMap>(const_cast<clang::Stmt*>(body));
            info.map.reset(clang::CFGStmtMap::Build(info.cfg.get(), info.pm.get()));
            info.dom = std::make_unique<clang::CFGDomTree>(info.cfg.get());
          }
        }
        return &info;
      }
      if (decl && !body) return nullptr;
      parents = ctx_.getParents(p);
    }
    return nullptr;
  }

  // The identifier spelled at a childless RecoveryExpr: a reference to an invalid variable.
  std::string recovery_name(const clang::RecoveryExpr* r) const {
    if (!r->subExpressions().empty()) return {};
    return text_of(r->getSourceRange());
  }

  // True when `e` denotes the tracked token: a tracked variable, or a header read itself.
  bool is_tracked(const clang::Expr* e, const std::set<const clang::VarDecl*>& vars) {
    e = strip(e);
    if (!e) return false;
    if (const auto* u = llvm::dyn_cast<clang::UnaryOperator>(e)) {
      if (u->getOpcode() == clang::UO_Deref) return is_tracked(u->getSubExpr(), vars);
    }
    if (const auto* dre = llvm::dyn_cast<clang::DeclRefExpr>(e)) {
      const auto* vd = llvm::dyn_cast<clang::VarDecl>(dre->getDecl());
      return vd && vars.count(vd);
    }
    if (const auto* rec = llvm::dyn_cast<clang::RecoveryExpr>(e)) {
      if (rec->subExpressions().size() == 1) return is_tracked(rec->subExpressions()[0], vars);
      std::string name = recovery_name(rec);
      if (!name.empty()) {
        for (const auto* v : vars) {
          if (v->isInvalidDecl() && v->getName() == name) return true;
        }
      }
    }
    if (header_arg(e)) return true;
    // A value-preserving member call on the token (it->value(), opt.value(), t.c_str()).
    if (const auto* call = llvm::dyn_cast<clang::CallExpr>(e)) {
      if (const auto* base = member_base(call->getCallee())) {
        std::string name = callee_name(call->getCallee());
        const auto& o = *rules_.obo004;
        if (!contains(o.present_calls, name) && !contains(o.absent_calls, name)) {
          return is_tracked(base, vars);
        }
      }
    }
    if (const auto* me = llvm::dyn_cast<clang::MemberExpr>(e))
      return is_tracked(me->getBase(), vars);
    return false;
  }
  bool is_nullish(const clang::Expr* e) const {
    e = strip(e);
    if (!e) return false;
    if (const auto* lit = llvm::dyn_cast<clang::StringLiteral>(e)) return lit->getLength() == 0;
    if (llvm::isa<clang::CXXNullPtrLiteralExpr, clang::GNUNullExpr>(e)) return true;
    if (const auto* il = llvm::dyn_cast<clang::IntegerLiteral>(e)) return il->getValue() == 0;
    if (const auto* call = llvm::dyn_cast<clang::CallExpr>(e)) {
      if (contains(rules_.obo004->end_calls, callee_name(call->getCallee()))) return true;
    }
    if (const auto* rec = llvm::dyn_cast<clang::RecoveryExpr>(e)) {
      return recovery_name(rec) == "nullptr";
    }
    return false;
  }
  bool is_size_of_tracked(const clang::Expr* e, const std::set<const clang::VarDecl*>& vars) {
    e = strip(e);
    const auto* call = llvm::dyn_cast_or_null<clang::CallExpr>(e);
    if (!call) return false;
    std::string name = callee_name(call->getCallee());
    const auto* base = member_base(call->getCallee());
    return base && (name == "size" || name == "length") && is_tracked(base, vars);
  }
  // Does `cond` being true mean the token is present (true) or missing (false)? nullopt: not a
  // check of the token.
  std::optional<bool> check_polarity(const clang::Expr* cond,
                                     const std::set<const clang::VarDecl*>& vars) {
    const auto& o = *rules_.obo004;
    cond = strip(cond);
    if (!cond) return std::nullopt;
    if (const auto* u = llvm::dyn_cast<clang::UnaryOperator>(cond)) {
      if (u->getOpcode() == clang::UO_LNot) {
        auto r = check_polarity(u->getSubExpr(), vars);
        if (r) return !*r;
        return std::nullopt;
      }
    }
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
    if (op && lhs && rhs) {
      if (*op == clang::BO_EQ || *op == clang::BO_NE) {
        for (int k = 0; k < 2; ++k) {
          const clang::Expr* a = k ? rhs : lhs;
          const clang::Expr* b = k ? lhs : rhs;
          if ((is_tracked(a, vars) || is_size_of_tracked(a, vars)) && is_nullish(b)) {
            return *op == clang::BO_NE;
          }
        }
      } else if (*op == clang::BO_GT && is_size_of_tracked(lhs, vars) && is_nullish(rhs)) {
        return true;
      }
      return std::nullopt;
    }
    if (const auto* call = llvm::dyn_cast<clang::CallExpr>(cond)) {
      std::string name = callee_name(call->getCallee());
      const auto* base = member_base(call->getCallee());
      if (contains(o.absent_calls, name) && base && is_tracked(base, vars)) return false;
      if (contains(o.present_calls, name)) {
        if (base && is_tracked(base, vars)) return true;
        if (header_arg(call)) return true;  // req.has_header("X-Forwarded-Access-Token")
      }
      if (contains(o.absent_calls, name) && !base && !call->arguments().empty() &&
          is_tracked(call->getArg(0), vars)) {
        return false;  // std::empty(t)
      }
    }
    if (is_tracked(cond, vars)) return true;  // if (token) / if (opt)
    return std::nullopt;
  }

  bool guarded(FnInfo& fn, const clang::Stmt* use, const std::set<const clang::VarDecl*>& vars) {
    if (!fn.cfg || !fn.map || !fn.dom) return true;  // no CFG: stay quiet rather than guess
    const clang::CFGBlock* use_block = fn.map->getBlock(use);
    if (!use_block) return true;
    for (const clang::CFGBlock* b : *fn.cfg) {
      if (!b || b->succ_size() != 2) continue;
      const clang::Stmt* cond = b->getTerminatorCondition(true);
      const auto* ce = llvm::dyn_cast_or_null<clang::Expr>(cond);
      if (!ce) continue;
      auto pol = check_polarity(ce, vars);
      if (!pol) continue;
      const clang::CFGBlock* present = *pol ? *b->succ_begin() : *(b->succ_begin() + 1);
      if (!present || present->pred_size() != 1) continue;
      if (fn.dom->dominates(present, use_block)) return true;
    }
    return false;
  }

  struct Use {
    const clang::Stmt* at;       // reported node
    const clang::Stmt* context;  // the call or `+` that uses it (for the CFG)
    std::string what;
    std::vector<Step> flow;
  };

  // Follows the value of `e` upwards: to a variable (tracked further), to a use, or nowhere.
  void follow(const clang::Expr* e, std::vector<Step> flow, std::set<const clang::VarDecl*>& vars,
              FnInfo& fn, std::vector<Use>& uses, int depth) {
    if (depth > 8) return;
    const clang::Stmt* cur = e;
    for (int guard = 0; guard < 64; ++guard) {
      // Several parents: an initializer list's syntactic and semantic forms; either will do.
      auto parents = ctx_.getParents(*cur);
      if (parents.empty()) return;
      if (const auto* vd = parents[0].get<clang::VarDecl>()) {
        track(vd, std::move(flow), vars, fn, uses, depth + 1);
        return;
      }
      const clang::Stmt* p = parents[0].get<clang::Stmt>();
      if (!p) return;
      if (llvm::isa<clang::ImplicitCastExpr, clang::ParenExpr, clang::MaterializeTemporaryExpr,
                    clang::CXXBindTemporaryExpr, clang::ExprWithCleanups, clang::ConstantExpr,
                    clang::CXXFunctionalCastExpr, clang::CXXStaticCastExpr>(p)) {
        cur = p;
        continue;
      }
      if (const auto* u = llvm::dyn_cast<clang::UnaryOperator>(p)) {
        if (u->getOpcode() == clang::UO_Deref) {
          cur = p;
          continue;
        }
        return;
      }
      if (const auto* ctor = llvm::dyn_cast<clang::CXXConstructExpr>(p)) {
        if (significant_args(ctor) == 1) {
          cur = p;
          continue;
        }
        uses.push_back({cur, p, "passed to a constructor", flow});
        return;
      }
      // Member access on the token: a check (t.empty()) ends the walk, anything else
      // (it->value(), t.c_str()) still carries the token.
      if (llvm::isa<clang::MemberExpr, clang::CXXDependentScopeMemberExpr,
                    clang::UnresolvedMemberExpr>(p)) {
        const auto* pe = llvm::cast<clang::Expr>(p);
        if (member_base(pe) != cur) return;
        std::string name = callee_name(pe);
        const auto& o = *rules_.obo004;
        if (contains(o.present_calls, name) || contains(o.absent_calls, name)) return;
        const clang::Stmt* gp = single_parent_stmt(p);
        if (const auto* call = llvm::dyn_cast_or_null<clang::CallExpr>(gp);
            call && call->getCallee() == p) {
          cur = gp;
        } else {
          cur = p;
        }
        continue;
      }
      if (const auto* bo = llvm::dyn_cast<clang::BinaryOperator>(p);
          bo && bo->getOpcode() == clang::BO_Assign) {
        if (bo->getRHS() == cur) {
          if (const auto* dre = llvm::dyn_cast<clang::DeclRefExpr>(strip(bo->getLHS()))) {
            if (const auto* vd = llvm::dyn_cast<clang::VarDecl>(dre->getDecl())) {
              track(vd, std::move(flow), vars, fn, uses, depth + 1);
            }
          }
        }
        return;
      }
      if (const auto* oc = llvm::dyn_cast<clang::CXXOperatorCallExpr>(p);
          oc && oc->getOperator() == clang::OO_Equal) {
        if (oc->getNumArgs() == 2 && oc->getArg(1) == cur) {
          if (const auto* dre = llvm::dyn_cast<clang::DeclRefExpr>(strip(oc->getArg(0)))) {
            if (const auto* vd = llvm::dyn_cast<clang::VarDecl>(dre->getDecl())) {
              track(vd, std::move(flow), vars, fn, uses, depth + 1);
            }
          }
        }
        return;
      }
      bool concat = is_plus(p);
      const auto* call = llvm::dyn_cast<clang::CallExpr>(p);
      if (!concat && call && !llvm::isa<clang::CXXOperatorCallExpr>(call) &&
          rules_.is_string_call(callee_name(call->getCallee()))) {
        concat = true;
      }
      if (concat) {
        std::string text = chain_text(p);
        const auto& o = *rules_.obo004;
        if (o.authorization && o.authorization->search(text)) {
          uses.push_back({cur, p, "concatenated into an Authorization header", flow});
          return;
        }
        cur = p;
        continue;
      }
      if (call) {
        if (call->getCallee() == cur) return;
        std::string name = callee_name(call->getCallee());
        if (call->getNumArgs() == 1 && contains(rules_.obo004->transparent_calls, name)) {
          cur = p;  // std::move(token), std::string(token): still the token
          continue;
        }
        if (const auto* oc = llvm::dyn_cast<clang::CXXOperatorCallExpr>(call)) {
          auto k = oc->getOperator();
          if ((k == clang::OO_Arrow || k == clang::OO_Star) && oc->getNumArgs() == 1) {
            cur = p;  // it->second, *opt: member access on the token
            continue;
          }
          if (k == clang::OO_EqualEqual || k == clang::OO_ExclaimEqual || k == clang::OO_Greater ||
              k == clang::OO_Less) {
            return;
          }
          name = std::string("operator") + clang::getOperatorSpelling(k);
        }
        uses.push_back({cur, p, name.empty() ? "passed to a call" : "passed to " + name, flow});
        return;
      }
      if (const auto* rec = llvm::dyn_cast<clang::RecoveryExpr>(p)) {
        // An unresolved call keeps its callee as the first sub-expression.
        auto subs = rec->subExpressions();
        if (subs.size() == 1 && subs[0] == cur) {
          cur = p;  // a reference to an invalid variable, wrapped
          continue;
        }
        if (!subs.empty() && subs[0] != cur) {
          uses.push_back({cur, p, "passed to a call", flow});
        }
        return;
      }
      if (llvm::isa<clang::CXXUnresolvedConstructExpr, clang::ParenListExpr, clang::InitListExpr>(
              p)) {
        uses.push_back({cur, p, "passed to a constructor", flow});
        return;
      }
      if (llvm::isa<clang::ReturnStmt>(p)) {
        // A helper that returns the token: its callers' uses are followed (run_obo004).
        const auto* fd = llvm::dyn_cast_or_null<clang::FunctionDecl>(fn.decl);
        const auto* md = llvm::dyn_cast_or_null<clang::CXXMethodDecl>(fn.decl);
        if (fd && !(md && md->getParent()->isLambda()) && current_) {
          returning_.push_back({fd, *current_});
        }
      }
      return;  // return statements, conditions, comparisons: not a use
    }
  }

  void track(const clang::VarDecl* vd, std::vector<Step> flow,
             std::set<const clang::VarDecl*>& vars, FnInfo& fn, std::vector<Use>& uses, int depth) {
    if (!vars.insert(vd).second) return;
    if (auto sp = span(clang::SourceRange(vd->getLocation(), vd->getLocation()))) {
      flow.push_back({*sp, "assigned to '" + vd->getNameAsString() + "'"});
    }
    // References: DeclRefExprs, and for an invalid variable (auto from an unresolved call) the
    // childless RecoveryExprs that spell its name.
    struct Refs : clang::RecursiveASTVisitor<Refs> {
      const clang::VarDecl* vd;
      const FileAnalysis* self;
      std::vector<const clang::Expr*> out;
      bool shouldVisitLambdaBody() const { return true; }
      bool VisitDeclRefExpr(clang::DeclRefExpr* e) {
        if (e->getDecl() == vd) out.push_back(e);
        return true;
      }
      bool VisitRecoveryExpr(clang::RecoveryExpr* e) {
        if (vd->isInvalidDecl() && e->getBeginLoc() > vd->getLocation() &&
            self->recovery_name(e) == vd->getName()) {
          out.push_back(e);
        }
        return true;
      }
    } refs;
    refs.vd = vd;
    refs.self = this;
    refs.TraverseStmt(const_cast<clang::Stmt*>(fn.body));
    for (const auto* r : refs.out) follow(r, flow, vars, fn, uses, depth);
  }

  // Where a token comes from: a header read, or a call to a helper that returns one.
  struct Source {
    std::string header;
    Span read_span;    // the header read (in the helper for a call)
    std::string read;  // its description for messages
    std::vector<Step> flow;
  };
  void run_obo004(const std::vector<const clang::Expr*>& reads, std::vector<Finding>& out) {
    if (!rules_.obo004) return;
    std::set<const clang::Expr*> done;
    for (const auto* read : reads) {
      if (!done.insert(read).second) continue;
      auto header = header_arg(read);
      if (!header) continue;
      auto read_span = span(read->getSourceRange());
      if (!read_span) continue;
      Source src{*header,
                 *read_span,
                 "read at line " + std::to_string(read_span->line),
                 {{*read_span, "reads the " + *header + " header"}}};
      follow_source(read, src, out);
    }
    // Helpers that return the token (get_user_token(req)): their calls are sources in turn.
    std::set<const clang::FunctionDecl*> seen;
    for (int round = 0; round < 3 && !returning_.empty(); ++round) {
      auto helpers = std::move(returning_);
      returning_.clear();
      std::map<std::string, std::pair<const clang::FunctionDecl*, Source>> by_name;
      for (const auto& [fd, src] : helpers) {
        if (seen.insert(fd->getCanonicalDecl()).second) {
          by_name.emplace(fd->getNameAsString(), std::make_pair(fd, src));
        }
      }
      if (by_name.empty()) break;
      struct Calls : clang::RecursiveASTVisitor<Calls> {
        std::map<std::string, std::pair<const clang::FunctionDecl*, Source>>* names;
        std::vector<std::pair<const clang::CallExpr*, const Source*>> out;
        bool shouldVisitLambdaBody() const { return true; }
        bool shouldVisitTemplateInstantiations() const { return true; }
        bool VisitCallExpr(clang::CallExpr* call) {
          const auto* callee =
              call->getCallee() ? call->getCallee()->IgnoreParenImpCasts() : nullptr;
          if (!callee || !llvm::isa<clang::DeclRefExpr, clang::UnresolvedLookupExpr>(callee)) {
            return true;
          }
          auto it = names->find(callee_name(callee));
          if (it == names->end()) return true;
          const auto* direct = call->getDirectCallee();
          if (direct && direct->getCanonicalDecl() != it->second.first->getCanonicalDecl()) {
            return true;
          }
          out.emplace_back(call, &it->second.second);
          return true;
        }
        // `auto token = get_user_token(req);` where the call had errors: Clang drops the
        // initializer of the (invalid) variable. Read the call's name from the source.
        bool VisitVarDecl(clang::VarDecl* vd) {
          if (vd->isInvalidDecl() && !vd->getInit()) dropped.push_back(vd);
          return true;
        }
        std::vector<const clang::VarDecl*> dropped;
      } calls;
      calls.names = &by_name;
      for (auto* d : ctx_.getTraversalScope()) calls.TraverseDecl(d);
      for (const auto* vd : calls.dropped) {
        auto at = offset(vd->getLocation());
        if (!at) continue;
        std::string rest = file_.content().substr(*at, 256);
        rest = rest.substr(0, rest.find(';'));
        static const Regex kInit(
            R"(^[A-Za-z_]\w*\s*=\s*((?:[A-Za-z_]\w*\s*::\s*)*)([A-Za-z_]\w*)\s*\()");
        auto m = kInit.find(rest);
        if (m.empty()) continue;
        std::string callee(m[2].in(rest));
        auto it = by_name.find(callee);
        if (it == by_name.end()) continue;
        auto parents = ctx_.getParents(*vd);
        const auto* ds = parents.empty() ? nullptr : parents[0].get<clang::DeclStmt>();
        if (!ds) continue;
        FnInfo* fn = function_of(ds);
        if (!fn) continue;
        std::size_t call_at = *at + m[1].begin;
        std::size_t call_end = *at + m[2].end;
        Source src = it->second.second;
        src.read =
            "returned by " + callee + " (read at line " + std::to_string(src.read_span.line) + ")";
        src.flow = {{src.read_span, "reads the " + src.header + " header"},
                    {file_.span_of(call_at, call_end), "returned by " + callee}};
        std::set<const clang::VarDecl*> vars;
        std::vector<Use> uses;
        current_ = &src;
        track(vd, src.flow, vars, *fn, uses, 1);
        current_ = nullptr;
        report_first_unchecked(*fn, src, vars, uses, out);
      }
      for (const auto& [call, helper] : calls.out) {
        auto call_span = span(call->getSourceRange());
        if (!call_span) continue;
        Source src = *helper;
        src.read = "returned by " + callee_name(call->getCallee()) + " (read at line " +
                   std::to_string(helper->read_span.line) + ")";
        src.flow = {{helper->read_span, "reads the " + helper->header + " header"},
                    {*call_span, "returned by " + callee_name(call->getCallee())}};
        follow_source(call, src, out);
      }
    }
  }

  void follow_source(const clang::Expr* e, const Source& src, std::vector<Finding>& out) {
    FnInfo* fn = function_of(e);
    if (!fn) return;
    std::set<const clang::VarDecl*> vars;
    std::vector<Use> uses;
    current_ = &src;
    follow(e, src.flow, vars, *fn, uses, 0);
    current_ = nullptr;
    report_first_unchecked(*fn, src, vars, uses, out);
  }

  void report_first_unchecked(FnInfo& fn_info, const Source& src,
                              const std::set<const clang::VarDecl*>& vars, std::vector<Use>& uses,
                              std::vector<Finding>& out) {
    const auto& o = *rules_.obo004;
    FnInfo* fn = &fn_info;
    // The first unchecked use in source order.
    std::sort(uses.begin(), uses.end(), [&](const Use& a, const Use& b) {
      return sm_.isBeforeInTranslationUnit(a.at->getBeginLoc(), b.at->getBeginLoc());
    });
    for (auto& u : uses) {
      if (guarded(*fn, u.context, vars)) continue;
      auto use_span = span(u.at->getSourceRange());
      if (!use_span) continue;
      Finding f;
      f.rule_id = o.rule->id;
      f.severity = o.rule->severity;
      f.path = file_.path();
      f.span = *use_span;
      f.message = "the " + src.header + " value " + src.read + " is " + u.what +
                  " without a presence check: " + o.rule->message;
      std::string fn_name;
      if (const auto* nd = llvm::dyn_cast<clang::NamedDecl>(fn->decl)) {
        fn_name = nd->getNameAsString();
      }
      f.fingerprint_text = "cpp:" + o.rule->id + ":" + cpp::to_lower(src.header) + ":" + fn_name +
                           ":" + u.what + ":" + text_of(u.at->getSourceRange());
      f.related.push_back(
          {file_.path(), src.read_span, "the " + src.header + " header is read here"});
      for (const auto& s : u.flow) f.flow.push_back({file_.path(), s.span, s.message});
      f.flow.push_back({file_.path(), *use_span, u.what + " here without a presence check"});
      out.push_back(std::move(f));
      break;
    }
  }

  std::set<std::size_t> ast_tokens_;

 private:
  const SourceFile& file_;
  const CppRules& rules_;
  const SecretScanner& secrets_;
  cpp::LiteralEvaluator& literals_;
  clang::ASTContext& ctx_;
  const clang::SourceManager& sm_;
  std::map<const clang::Stmt*, FnInfo> functions_;
  const Source* current_ = nullptr;
  std::vector<std::pair<const clang::FunctionDecl*, Source>> returning_;
};

// ---------------------------------------------------------------------------------------------
// The MatchFinder callback and the frontend action.

struct Collector : am::MatchFinder::MatchCallback {
  const clang::SourceManager* sm = nullptr;
  std::vector<const clang::StringLiteral*> literals;
  std::vector<const clang::Expr*> reads;
  std::vector<std::pair<std::size_t, am::MatchFinder::MatchResult>> rule_matches;
  std::vector<std::string> ids;

  void run(const am::MatchFinder::MatchResult& result) override {
    for (std::size_t i = 0; i < ids.size(); ++i) {
      const auto& id = ids[i];
      if (id == "lit") {
        if (const auto* lit = result.Nodes.getNodeAs<clang::StringLiteral>(id)) {
          if (in_main(lit->getBeginLoc())) literals.push_back(lit);
        }
      } else if (id.rfind("src", 0) == 0) {
        if (const auto* e = result.Nodes.getNodeAs<clang::Expr>(id)) {
          if (in_main(e->getBeginLoc())) reads.push_back(e);
        }
      } else if (id.rfind("rule", 0) == 0) {
        const auto& map = result.Nodes.getMap();
        if (map.count(id)) {
          const clang::Stmt* s = result.Nodes.getNodeAs<clang::Stmt>(id);
          const clang::Decl* d = result.Nodes.getNodeAs<clang::Decl>(id);
          clang::SourceLocation loc = s   ? s->getBeginLoc()
                                      : d ? d->getBeginLoc()
                                          : clang::SourceLocation();
          if (in_main(loc)) rule_matches.emplace_back(i, result);
        }
      }
    }
  }
  bool in_main(clang::SourceLocation loc) const {
    return loc.isValid() && sm->isInMainFile(sm->getExpansionLoc(loc));
  }
};

struct ScanContext {
  const CppRules& rules;
  const SecretScanner& secrets;
  // matcher ids: "lit", "src<i>", "rule<i>"
  std::vector<std::pair<std::string, am::internal::DynTypedMatcher>> matchers;
  std::vector<const cpp::MatcherRule*> matcher_rules;  // parallel to "rule<i>" ids
};

class Consumer : public clang::ASTConsumer {
 public:
  Consumer(const SourceFile& file, const ScanContext& sc, FileResult& result)
      : file_(file), sc_(sc), result_(result) {}

  void HandleTranslationUnit(clang::ASTContext& ctx) override {
    const auto& sm = ctx.getSourceManager();
    std::vector<clang::Decl*> scope;
    for (auto* d : ctx.getTranslationUnitDecl()->decls()) {
      auto loc = sm.getExpansionLoc(d->getLocation());
      if (loc.isValid() && sm.isInMainFile(loc)) scope.push_back(d);
    }
    ctx.setTraversalScope(scope);
    Collector collector;
    collector.sm = &sm;
    am::MatchFinder finder;
    for (const auto& [id, m] : sc_.matchers) {
      collector.ids.push_back(id);
      finder.addDynamicMatcher(m, &collector);
    }
    finder.matchAST(ctx);

    cpp::LiteralEvaluator literals(sc_.rules, sc_.secrets, file_);
    FileAnalysis fa(file_, sc_.rules, sc_.secrets, literals, ctx);
    fa.run_chains(collector.literals, result_.findings);
    for (const auto& [idx, match] : collector.rule_matches) {
      const auto& id = collector.ids[idx];
      std::size_t rule_index = static_cast<std::size_t>(std::stoul(id.substr(4)));
      fa.matcher_finding(*sc_.matcher_rules[rule_index], match, id, result_.findings);
    }
    fa.run_obo004(collector.reads, result_.findings);
    result_.parsed = true;
  }

 private:
  const SourceFile& file_;
  const ScanContext& sc_;
  FileResult& result_;
};

class Action : public clang::ASTFrontendAction {
 public:
  Action(const SourceFile& file, const ScanContext& sc, FileResult& result)
      : file_(file), sc_(sc), result_(result) {}
  bool BeginSourceFileAction(clang::CompilerInstance& ci) override {
    ci.getPreprocessor().SetSuppressIncludeNotFoundError(true);
    ci.getPreprocessor().addPPCallbacks(
        std::make_unique<MissingIncludes>(result_.missing_includes));
    return true;
  }
  std::unique_ptr<clang::ASTConsumer> CreateASTConsumer(clang::CompilerInstance&,
                                                        llvm::StringRef) override {
    return std::make_unique<Consumer>(file_, sc_, result_);
  }

 private:
  const SourceFile& file_;
  const ScanContext& sc_;
  FileResult& result_;
};

class RunAction : public clang::tooling::ToolAction {
 public:
  RunAction(const SourceFile& file, const ScanContext& sc, FileResult& result)
      : file_(file), sc_(sc), result_(result) {}
  bool runInvocation(std::shared_ptr<clang::CompilerInvocation> invocation,
                     clang::FileManager* files, std::shared_ptr<clang::PCHContainerOperations> pch,
                     clang::DiagnosticConsumer* diags) override {
    // No "N errors generated." on stderr.
    invocation->getDiagnosticOpts().ShowCarets = false;
    invocation->getFrontendOpts().DisableFree = false;
    clang::CompilerInstance ci(std::move(pch));
    ci.setInvocation(std::move(invocation));
    ci.setFileManager(files);
    ci.createDiagnostics(diags, false);
    if (!ci.hasDiagnostics()) return false;
    ci.createSourceManager(*files);
    Action action(file_, sc_, result_);
    bool ok = ci.ExecuteAction(action);
    files->clearStatCache();
    return ok;
  }

 private:
  const SourceFile& file_;
  const ScanContext& sc_;
  FileResult& result_;
};

// ---------------------------------------------------------------------------------------------
// Compilation databases.

// A relative "directory" in compile_commands.json is taken relative to the file itself, so a
// database checked in next to its sources works from any working directory.
std::unique_ptr<clang::tooling::CompilationDatabase> load_db(fs::path p, std::string& error) {
  std::error_code ec;
  if (fs::is_directory(p, ec)) p /= "compile_commands.json";
  auto buffer = llvm::MemoryBuffer::getFile(p.string());
  if (!buffer) {
    error = buffer.getError().message();
    return nullptr;
  }
  auto json = llvm::json::parse((*buffer)->getBuffer());
  if (!json) {
    error = llvm::toString(json.takeError());
    return nullptr;
  }
  fs::path base = fs::absolute(p, ec).parent_path();
  if (auto* arr = json->getAsArray()) {
    for (auto& entry : *arr) {
      auto* obj = entry.getAsObject();
      if (!obj) continue;
      auto dir = obj->getString("directory");
      std::string d = dir ? dir->str() : std::string(".");
      if (fs::path(d).is_relative()) {
        (*obj)["directory"] = (base / d).lexically_normal().string();
      }
    }
  }
  std::string text;
  llvm::raw_string_ostream os(text);
  os << *json;
  os.flush();
  return clang::tooling::JSONCompilationDatabase::loadFromBuffer(
      text, error, clang::tooling::JSONCommandLineSyntax::AutoDetect);
}

bool is_header(const fs::path& p) {
  std::string ext = cpp::to_lower(p.extension().string());
  return ext == ".h" || ext == ".hh" || ext == ".hpp" || ext == ".hxx" || ext == ".ipp" ||
         ext == ".inl";
}

// Parses one file with the given command line; false when Clang crashed.
bool parse_file(const SourceFile& file, const fs::path& abs, const std::vector<std::string>& args,
                std::string directory, bool header_without_db, const ScanContext& sc,
                CollectingDiagnostics& diags, FileResult& result) {
  std::error_code ec;
  // ClangTool aborts the process when it cannot chdir into the command's directory.
  if (!fs::is_directory(directory, ec)) directory = fs::current_path(ec).string();
  struct OneCommand : clang::tooling::CompilationDatabase {
    clang::tooling::CompileCommand cmd;
    std::vector<clang::tooling::CompileCommand> getCompileCommands(llvm::StringRef) const override {
      return {cmd};
    }
  } one;
  one.cmd = clang::tooling::CompileCommand(directory, abs.string(), args, "");

  // mapVirtualFile keeps StringRefs: the path must outlive the tool.
  const std::string abs_path = abs.string();
  // A file system of its own: the real one would chdir the whole process (and race other files).
  llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem> fs_base(
      llvm::vfs::createPhysicalFileSystem().release());
  clang::tooling::ClangTool tool(one, {abs_path}, std::make_shared<clang::PCHContainerOperations>(),
                                 fs_base);
  tool.mapVirtualFile(abs_path, file.content());
  tool.setPrintErrorMessage(false);
  tool.appendArgumentsAdjuster(clang::tooling::getClangStripOutputAdjuster());
  tool.appendArgumentsAdjuster(clang::tooling::getClangSyntaxOnlyAdjuster());
  tool.appendArgumentsAdjuster(clang::tooling::getClangStripDependencyFileAdjuster());
  tool.appendArgumentsAdjuster([](const clang::tooling::CommandLineArguments& in, llvm::StringRef) {
    clang::tooling::CommandLineArguments out;
    for (const auto& a : in) {
      if (a == "-Werror" || a.rfind("-Werror=", 0) == 0 || a.rfind("-ferror-limit", 0) == 0) {
        continue;
      }
      out.push_back(a);
    }
    out.push_back("-ferror-limit=0");
    out.push_back("-Wno-everything");
    out.push_back("-fno-delayed-template-parsing");
    out.push_back("-resource-dir=" OBOLINT_CLANG_RESOURCE_DIR);
    return out;
  });
  if (header_without_db) {
    tool.appendArgumentsAdjuster(clang::tooling::getInsertArgumentAdjuster(
        {"-Wno-pragma-once-outside-header"}, clang::tooling::ArgumentInsertPosition::END));
  }
  diags.reset();
  tool.setDiagnosticConsumer(&diags);
  RunAction action(file, sc, result);
  // Crashes become a note (signal handlers installed once); a thread with a large stack, whose
  // bottom Clang knows, keeps deeply nested code from overflowing it.
  static const bool enabled = [] {
    llvm::CrashRecoveryContext::Enable();
    return true;
  }();
  (void)enabled;
  llvm::CrashRecoveryContext crc;
  return crc.RunSafelyOnThread(
      [&] {
        clang::noteBottomOfStack();
        tool.run(&action);
      },
      64u << 20);
}

// The flags of a compile command that shape the AST (includes, macros, standard, language).
std::vector<std::string> essential_args(const std::vector<std::string>& args,
                                        const std::string& file) {
  std::vector<std::string> out{"clang++"};
  static const std::vector<std::string> with_value = {
      "-I", "-D", "-U", "-isystem", "-iquote", "-include", "-idirafter", "-x"};
  for (std::size_t i = 1; i < args.size(); ++i) {
    const auto& a = args[i];
    bool separate = std::find(with_value.begin(), with_value.end(), a) != with_value.end();
    if (separate && i + 1 < args.size()) {
      out.push_back(a);
      out.push_back(args[++i]);
      continue;
    }
    for (const auto& p : with_value) {
      if (a.size() > p.size() && a.rfind(p, 0) == 0) {
        out.push_back(a);
        break;
      }
    }
    if (a.rfind("-std=", 0) == 0) out.push_back(a);
  }
  out.push_back(file);
  return out;
}

}  // namespace

std::optional<std::string> validate_matcher(const std::string& expression) {
  std::string err;
  if (parse_matcher(expression, "check", err)) return std::nullopt;
  return err;
}

void analyze_cpp(const std::vector<const SourceFile*>& files, const RuleSet& rules,
                 const CppOptions& options, std::vector<Finding>& findings,
                 std::vector<Note>& notes) {
  std::unique_ptr<CppRules> cpp_rules;
  std::unique_ptr<SecretScanner> secrets;
  try {
    cpp_rules = std::make_unique<CppRules>(CppRules::load(rules));
    secrets = std::make_unique<SecretScanner>(rules);
  } catch (const std::exception& e) {
    notes.push_back({Note::Kind::Error, "", 0, 0, std::string("C++ rules: ") + e.what()});
    return;
  }
  if (cpp_rules->empty() || files.empty()) return;

  ScanContext sc{*cpp_rules, *secrets, {}, {}};
  sc.matchers.emplace_back("lit", am::internal::DynTypedMatcher(am::stringLiteral().bind("lit")));
  if (cpp_rules->obo004) {
    const auto& o = *cpp_rules->obo004;
    for (std::size_t i = 0; i < o.sources.size(); ++i) {
      std::string err;
      auto m = parse_matcher(o.sources[i].matcher, "src" + std::to_string(i), err);
      if (!m) {
        notes.push_back(
            {Note::Kind::Error, o.rule->source.string(), 0, 0,
             "[[token_flow.source]] of rules/languages/cpp.toml " + o.sources[i].framework + ": invalid matcher: " + err});
        continue;
      }
      sc.matchers.emplace_back("src" + std::to_string(i), *m);
    }
  }
  for (const auto& mr : cpp_rules->matchers) {
    std::string id = "rule" + std::to_string(sc.matcher_rules.size());
    std::string err;
    auto m = parse_matcher(mr.matcher, id, err);
    if (!m) {
      notes.push_back({Note::Kind::Error, mr.rule->source.string(), 0, 0,
                       "[[cpp.matcher]] invalid matcher: " + err});
      continue;
    }
    sc.matchers.emplace_back(id, *m);
    sc.matcher_rules.push_back(&mr);
  }

  // Compilation databases: the one given, or compile_commands.json at a scan root or in build/.
  std::vector<std::unique_ptr<clang::tooling::CompilationDatabase>> dbs;
  auto add_db = [&](const fs::path& p) {
    std::string error;
    auto db = load_db(p, error);
    if (!db) {
      notes.push_back(
          {Note::Kind::Error, p.string(), 0, 0, "cannot load the compilation database: " + error});
      return;
    }
    dbs.push_back(clang::tooling::inferMissingCompileCommands(std::move(db)));
  };
  if (!options.compile_commands.empty()) {
    add_db(options.compile_commands);
  } else {
    for (const auto& root : options.scan_roots) {
      std::error_code ec;
      fs::path base = fs::is_directory(root, ec) ? root : root.parent_path();
      for (const auto& cand :
           {base / "compile_commands.json", base / "build" / "compile_commands.json"}) {
        if (fs::is_regular_file(cand, ec)) {
          add_db(cand);
          break;
        }
      }
    }
  }

  // Prefilter and compile commands on this thread; parses on `jobs` workers (each file's result
  // kept in its slot, merged in input order: the output does not depend on scheduling).
  struct Job {
    const SourceFile* file;
    fs::path abs;
    std::vector<std::string> args;
    std::string directory;
    bool from_db = false;
  };
  std::vector<Job> jobs;
  for (const SourceFile* file : files) {
    if (!file) continue;
    try {
      if (!cpp_rules->worth_parsing(file->content())) continue;
      Job job;
      job.file = file;
      std::error_code ec;
      job.abs = fs::absolute(file->path(), ec);
      if (ec) job.abs = file->path();
      job.abs = job.abs.lexically_normal();
      job.directory = job.abs.parent_path().string();
      for (const auto& db : dbs) {
        auto cmds = db->getCompileCommands(job.abs.string());
        if (!cmds.empty()) {
          job.args = cmds.front().CommandLine;
          job.directory = cmds.front().Directory;
          job.from_db = true;
          break;
        }
      }
      if (!job.from_db) job.args = {"clang++", "-std=c++20", "-xc++", job.abs.string()};
      jobs.push_back(std::move(job));
    } catch (const std::exception& e) {
      notes.push_back(
          {Note::Kind::Error, file->path(), 0, 0, std::string("C++ analysis failed: ") + e.what()});
    }
  }

  auto analyze_one = [&](const Job& job, CollectingDiagnostics& diags,
                         std::vector<Finding>& out_findings, std::vector<Note>& out_notes) {
    const SourceFile* file = job.file;
    try {
      FileResult result;
      bool survived = parse_file(*file, job.abs, job.args, job.directory,
                                 is_header(job.abs) && !job.from_db, sc, diags, result);
      if (survived && !result.parsed && job.from_db) {
        // The database's command line may hold flags Clang refuses (another compiler's): retry
        // with the flags that matter for the AST.
        result = FileResult{};
        survived = parse_file(*file, job.abs, essential_args(job.args, job.abs.string()),
                              job.directory, false, sc, diags, result);
      }
      if (!survived) {
        out_notes.push_back({Note::Kind::ParseError, file->path(), 0, 0,
                             "Clang crashed while parsing this file; only the lexical literal "
                             "scan was applied"});
        result = FileResult{};
      }
      if (!result.parsed) {
        // No AST: the lexical scan alone.
        cpp::LiteralEvaluator literals(*cpp_rules, *secrets, *file);
        for (const auto& c : cpp::lexical_chains(file->content(), *cpp_rules)) {
          literals.evaluate(c, result.findings);
        }
        if (survived) {
          out_notes.push_back(
              {Note::Kind::ParseError, file->path(), diags.first_line, diags.first_column,
               "Clang could not parse this file" +
                   (diags.first_message.empty() ? std::string() : ": " + diags.first_message) +
                   "; only the lexical literal scan was applied"});
        }
      } else if (diags.errors > 0) {
        std::string msg = std::to_string(diags.errors) + " Clang error(s)";
        if (!result.missing_includes.empty()) {
          msg += ", " + std::to_string(result.missing_includes.size()) + " include(s) not found (";
          for (std::size_t i = 0; i < result.missing_includes.size() && i < 3; ++i) {
            msg += (i ? ", " : "") + result.missing_includes[i];
          }
          if (result.missing_includes.size() > 3) msg += ", ...";
          msg += ")";
        }
        msg += "; analysed with Clang's recovery AST and a lexical literal scan";
        if (!diags.first_message.empty()) msg += " (first error: " + diags.first_message + ")";
        out_notes.push_back(
            {Note::Kind::ParseError, file->path(), diags.first_line, diags.first_column, msg});
      }
      // One finding per rule and place (template instantiations, AST and lexical overlaps).
      std::set<std::tuple<std::string, int, int>> seen;
      for (auto& f : result.findings) {
        if (seen.insert({f.rule_id, f.span.line, f.span.column}).second) {
          out_findings.push_back(std::move(f));
        }
      }
    } catch (const std::exception& e) {
      out_notes.push_back(
          {Note::Kind::Error, file->path(), 0, 0, std::string("C++ analysis failed: ") + e.what()});
    } catch (...) {
      out_notes.push_back({Note::Kind::Error, file->path(), 0, 0, "C++ analysis failed"});
    }
  };

  std::vector<std::vector<Finding>> job_findings(jobs.size());
  std::vector<std::vector<Note>> job_notes(jobs.size());
  std::atomic<std::size_t> next{0};
  auto worker = [&] {
    CollectingDiagnostics diags;
    for (std::size_t i; (i = next++) < jobs.size();) {
      analyze_one(jobs[i], diags, job_findings[i], job_notes[i]);
    }
  };
  unsigned threads =
      options.jobs ? options.jobs : std::max(1u, std::thread::hardware_concurrency());
  threads = static_cast<unsigned>(std::min<std::size_t>({threads, jobs.size(), 16}));
  if (threads <= 1) {
    worker();
  } else {
    std::vector<std::thread> pool;
    for (unsigned t = 0; t < threads; ++t) pool.emplace_back(worker);
    for (auto& t : pool) t.join();
  }
  for (std::size_t i = 0; i < jobs.size(); ++i) {
    for (auto& f : job_findings[i]) findings.push_back(std::move(f));
    for (auto& n : job_notes[i]) notes.push_back(std::move(n));
  }
}

}  // namespace obolint
