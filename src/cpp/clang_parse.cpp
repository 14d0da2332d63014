#include "cpp/clang_parse.h"

#include <clang/AST/ASTConsumer.h>
#include <clang/Basic/Diagnostic.h>
#include <clang/Basic/DiagnosticSema.h>
#include <clang/Frontend/CompilerInstance.h>
#include <clang/Frontend/FrontendAction.h>
#include <clang/Lex/Lexer.h>
#include <clang/Lex/PPCallbacks.h>
#include <clang/Lex/Preprocessor.h>
#include <clang/Tooling/ArgumentsAdjusters.h>
#include <clang/Tooling/CompilationDatabase.h>
#include <clang/Tooling/Tooling.h>

#include "cpp/crash_guard.h"
#include "cpp/safe_fs.h"

namespace obolint::cpp {
namespace {

namespace fs = std::filesystem;

constexpr std::uint64_t kMaxInclude = 64u << 20;  // a header larger than this is not read
constexpr unsigned kTokensPerClockCheck = 1024;
const char* const kPreludePath = "/obolint-recovery/prelude.h";

class CollectingDiagnostics : public clang::DiagnosticConsumer {
 public:
  explicit CollectingDiagnostics(ParseDiagnostics& out) : out_(out) {}
  void HandleDiagnostic(clang::DiagnosticsEngine::Level level,
                        const clang::Diagnostic& info) override {
    clang::DiagnosticConsumer::HandleDiagnostic(level, info);
    if (level < clang::DiagnosticsEngine::Error) return;
    ++out_.errors;
    bool undeclared = info.getID() == clang::diag::err_undeclared_var_use ||
                      info.getID() == clang::diag::err_unknown_typename;
    bool no_member = info.getID() == clang::diag::err_no_member;
    if (!out_.first_message.empty() && !undeclared && !no_member) return;
    llvm::SmallString<128> text;
    info.FormatDiagnostic(text);
    std::optional<std::size_t> offset;
    if (info.hasSourceManager() && info.getLocation().isValid()) {
      const auto& sm = info.getSourceManager();
      auto loc = sm.getExpansionLoc(info.getLocation());
      if (sm.isInMainFile(loc)) {
        offset = sm.getFileOffset(loc);
        if (out_.first_message.empty()) {
          out_.first_line = static_cast<int>(sm.getExpansionLineNumber(loc));
          out_.first_column = static_cast<int>(sm.getExpansionColumnNumber(loc));
        }
      }
    }
    if (out_.first_message.empty()) out_.first_message = std::string(text);
    if (offset && undeclared) out_.undeclared.push_back({*offset, false});
    if (offset && no_member && llvm::StringRef(text).ends_with("in namespace 'std'")) {
      out_.undeclared.push_back({*offset, true});
    }
  }

 private:
  ParseDiagnostics& out_;
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

class Consumer : public clang::ASTConsumer {
 public:
  Consumer(const SourceFile& file, const ScanContext& sc, FileResult& result)
      : file_(file), sc_(sc), result_(result) {}
  void HandleTranslationUnit(clang::ASTContext& ctx) override {
    analyze_ast(ctx, file_, sc_, result_);
  }

 private:
  const SourceFile& file_;
  const ScanContext& sc_;
  FileResult& result_;
};

class Action : public clang::ASTFrontendAction {
 public:
  Action(const ParseRequest& req, const ScanContext& sc, FileResult& result)
      : req_(req), sc_(sc), result_(result) {}
  bool BeginSourceFileAction(clang::CompilerInstance& ci) override {
    auto& pp = ci.getPreprocessor();
    pp.SetSuppressIncludeNotFoundError(true);
    pp.addPPCallbacks(std::make_unique<MissingIncludes>(result_.missing_includes));
    // The time budget: once it is spent, every file being lexed ends where it is (the main file
    // last), so the parse finishes with what it has.
    Budget* budget = req_.budget;
    if (budget) {
      pp.setTokenWatcher([&pp, budget, n = 0u](const clang::Token&) mutable {
        if (!budget->hit() && ++n % kTokensPerClockCheck != 0) return;
        if (!budget->expired()) return;
        if (auto* lexer = dynamic_cast<clang::Lexer*>(pp.getCurrentLexer())) {
          lexer->seek(static_cast<unsigned>(lexer->getBuffer().size()), true);
        }
      });
    }
    return true;
  }
  std::unique_ptr<clang::ASTConsumer> CreateASTConsumer(clang::CompilerInstance&,
                                                        llvm::StringRef) override {
    return std::make_unique<Consumer>(*req_.file, sc_, result_);
  }

 private:
  const ParseRequest& req_;
  const ScanContext& sc_;
  FileResult& result_;
};

class RunAction : public clang::tooling::ToolAction {
 public:
  RunAction(const ParseRequest& req, const ScanContext& sc, FileResult& result)
      : req_(req), sc_(sc), result_(result) {}
  bool runInvocation(std::shared_ptr<clang::CompilerInvocation> invocation,
                     clang::FileManager* files, std::shared_ptr<clang::PCHContainerOperations> pch,
                     clang::DiagnosticConsumer* diags) override {
    invocation->getDiagnosticOpts().ShowCarets = false;
    invocation->getFrontendOpts().DisableFree = false;
    clang::CompilerInstance ci(std::move(pch));
    ci.setInvocation(std::move(invocation));
    ci.setFileManager(files);
    ci.createDiagnostics(diags, false);
    if (!ci.hasDiagnostics()) return false;
    ci.createSourceManager(*files);
    Action action(req_, sc_, result_);
    bool ok = ci.ExecuteAction(action);
    files->clearStatCache();
    return ok;
  }

 private:
  const ParseRequest& req_;
  const ScanContext& sc_;
  FileResult& result_;
};

// Flags every parse gets: no error limit, no warnings, no typo correction (it renames unknown
// names: `std::cout` without <iostream> became `std::copy`, and it is slow), no response files
// (`@/dev/stdin`), no -Werror.
clang::tooling::ArgumentsAdjuster common_flags(const ParseRequest& req) {
  bool prelude = !req.prelude.empty();
  return [prelude](const clang::tooling::CommandLineArguments& in, llvm::StringRef) {
    clang::tooling::CommandLineArguments out;
    for (const auto& a : in) {
      if (a == "-Werror" || a.rfind("-Werror=", 0) == 0 || a.rfind("-ferror-limit", 0) == 0 ||
          a.rfind('@', 0) == 0) {
        continue;
      }
      out.push_back(a);
    }
    for (const char* flag : {"-ferror-limit=0", "-Wno-everything", "-fno-spell-checking",
                             "-fno-delayed-template-parsing"}) {
      out.emplace_back(flag);
    }
    out.emplace_back(std::string("-resource-dir=") + OBOLINT_CLANG_RESOURCE_DIR);
    if (prelude) {
      out.emplace_back("-include");
      out.emplace_back(kPreludePath);
    }
    return out;
  };
}

}  // namespace

bool parse_file(const ParseRequest& req, const ScanContext& sc, ParseDiagnostics& diags,
                FileResult& result) {
  std::error_code ec;
  // ClangTool aborts the process when it cannot chdir into the command's directory.
  std::string directory = req.directory;
  if (!fs::is_directory(directory, ec)) directory = fs::current_path(ec).string();
  struct OneCommand : clang::tooling::CompilationDatabase {
    clang::tooling::CompileCommand cmd;
    std::vector<clang::tooling::CompileCommand> getCompileCommands(llvm::StringRef) const override {
      return {cmd};
    }
  } one;
  one.cmd = clang::tooling::CompileCommand(directory, req.abs.string(), req.args, "");
  // mapVirtualFile keeps StringRefs: the path must outlive the tool.
  const std::string abs_path = req.abs.string();
  // A file system of its own (the real one would chdir the whole process and race other files),
  // that reads regular files only.
  auto base = regular_files_only(llvm::vfs::createPhysicalFileSystem(), kMaxInclude);
  clang::tooling::ClangTool tool(one, {abs_path}, std::make_shared<clang::PCHContainerOperations>(),
                                 base);
  tool.mapVirtualFile(abs_path, *req.buffer);
  if (!req.prelude.empty()) tool.mapVirtualFile(kPreludePath, req.prelude);
  tool.setPrintErrorMessage(false);
  tool.appendArgumentsAdjuster(clang::tooling::getClangStripOutputAdjuster());
  tool.appendArgumentsAdjuster(clang::tooling::getClangSyntaxOnlyAdjuster());
  tool.appendArgumentsAdjuster(clang::tooling::getClangStripDependencyFileAdjuster());
  tool.appendArgumentsAdjuster(common_flags(req));
  if (req.header_without_db) {
    tool.appendArgumentsAdjuster(clang::tooling::getInsertArgumentAdjuster(
        {"-Wno-pragma-once-outside-header"}, clang::tooling::ArgumentInsertPosition::END));
  }
  diags = ParseDiagnostics{};
  CollectingDiagnostics consumer(diags);
  tool.setDiagnosticConsumer(&consumer);
  RunAction action(req, sc, result);
  return run_contained([&] { tool.run(&action); });
}

}  // namespace obolint::cpp
