// The Python modules of a workspace and who imports whom, read lexically (python/import_scan.h):
// what an edit of one module can change. A module's findings depend on the modules it imports
// (helpers, token sources) and, through the token flow, on the modules that call it; the
// language server analyses an edited module with both and nothing else.
#pragma once

#include <map>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace obolint::lsp {

class ModuleIndex {
 public:
  // Records (or replaces) the Python file at display path `path` with its text.
  void set(const std::string& path, std::string_view text);
  void remove(const std::string& path);
  bool contains(const std::string& path) const { return files_.count(path) != 0; }
  std::size_t size() const { return files_.size(); }

  // `paths` and every module that imports one of them, transitively.
  std::set<std::string> importers(const std::vector<std::string>& paths) const;
  // `paths` and every module one of them imports, transitively.
  std::set<std::string> imports(const std::set<std::string>& paths) const;

  // The files an import of dotted `name` can load, as the analysis resolves names
  // (python/project.h): the modules named exactly so, else those whose name ends in ".name".
  std::vector<std::string> resolve(std::string_view name) const;

 private:
  struct Entry {
    std::string module;
    std::vector<std::string> imported;  // dotted names, as import_scan reads them
  };
  void index_names(const std::string& path, const std::string& module, bool add);

  std::map<std::string, Entry> files_;
  // Module name and each of its dot-suffixes ("a.b.c", "b.c", "c") -> files; exact names apart.
  std::unordered_map<std::string, std::set<std::string>> exact_;
  std::unordered_map<std::string, std::set<std::string>> suffix_;
  // Importers by imported file, rebuilt on the first question after the edges changed.
  mutable std::map<std::string, std::vector<std::string>> reverse_;
  mutable bool reverse_valid_ = false;
};

}  // namespace obolint::lsp
