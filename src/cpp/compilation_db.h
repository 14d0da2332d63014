// Compilation databases (compile_commands.json): found, loaded with bounds (nesting, size,
// regular files only), and asked for the command line of each file.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "core/finding.h"
#include "cpp/cpp_frontend.h"

namespace clang::tooling {
class CompilationDatabase;
}

namespace obolint::cpp {

// One file's command: from a database, or the fallback for files no database knows.
struct FileCommand {
  std::vector<std::string> args;
  std::string directory;
  bool from_db = false;
};

class Databases {
 public:
  // The database given (-p/--compile-commands), or compile_commands.json at each scan root or in
  // its build/ folder. A database that cannot be used is an Error note; the scan goes on without.
  Databases(const CppOptions& options, std::vector<Note>& notes);
  ~Databases();
  Databases(const Databases&) = delete;
  Databases& operator=(const Databases&) = delete;

  FileCommand command_for(const std::filesystem::path& abs) const;

 private:
  void add(const std::filesystem::path& p, std::vector<Note>& notes);
  std::vector<std::unique_ptr<clang::tooling::CompilationDatabase>> dbs_;
};

// The flags of a compile command that shape the AST (includes, macros, standard, language): the
// retry when Clang refuses a database's command line (another compiler's flags).
std::vector<std::string> essential_args(const std::vector<std::string>& args,
                                        const std::string& file);

bool is_header(const std::filesystem::path& p);

}  // namespace obolint::cpp
