// Every Python file of one scan, as the analyses see it: the files the prefilter kept are parsed
// up front; the others are only named (module name, lexical imports) and parsed on demand, when
// an analysis needs one (a helper's return value, a callee's summary) or when it imports a module
// that gives the user's token. Memory grows with the files that matter, not with the tree.
#pragma once

#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/source_file.h"
#include "python/module.h"
#include "python/resolver.h"

namespace obolint::py {

struct PythonInput {
  std::string path;                  // display path
  std::vector<std::string> imports;  // lexical (import_scan.h)
  const SourceFile* file = nullptr;  // the text, when the prefilter kept the file
  // Reads the file again for an on-demand parse (null or returning null: not available).
  std::function<std::unique_ptr<SourceFile>()> reload;
};

class Project {
 public:
  explicit Project(std::vector<PythonInput> inputs, ResolverOptions options = {});
  const ResolverOptions& resolver_options() const { return options_; }
  ~Project();
  Project(const Project&) = delete;
  Project& operator=(const Project&) = delete;

  int size() const { return static_cast<int>(slots_.size()); }
  const std::string& module_name(int i) const { return slots_[i]->name; }
  const std::vector<std::string>& imports(int i) const { return slots_[i]->input.imports; }
  bool kept(int i) const { return slots_[i]->input.file != nullptr; }

  // Parses module i when it is not parsed yet (thread-safe: the first caller parses, others
  // wait). Null when its text cannot be had.
  const Resolver* load(int i);
  // The parsed module i, or null when it was never loaded. Not synchronised with a load running
  // on another thread: read after the loads (the token flow runs after the parallel phase).
  const Module* module(int i) const { return slots_[i]->module.get(); }
  const Resolver* resolver(int i) const { return slots_[i]->resolver.get(); }

  // Index of the module whose name is `name` or ends with ".name" (exact names first, then
  // input order), -1 when none.
  int find_module_index(std::string_view name) const;
  // Its resolver, parsing it on demand.
  const Resolver* find_module(std::string_view name);

  // The dotted path a module-level function of module `i` returns (see Resolver), resolved with
  // a memo shared by every thread (cross-module resolution runs under one lock).
  std::string function_return(int i, TSNode fn);
  // The dotted path a module-level variable of module `i` holds (`shared = WorkspaceClient()`).
  std::string module_global(int i, std::string_view name);

  // Parse-error notes of the modules loaded so far, in input order.
  std::vector<Note> parse_notes() const;

 private:
  struct Slot {
    PythonInput input;
    std::string name;
    std::once_flag loaded;                 // parsed once, whichever thread asks first
    std::unique_ptr<SourceFile> reloaded;  // owns the text of an on-demand parse
    std::unique_ptr<Module> module;
    std::unique_ptr<Resolver> resolver;
  };
  std::vector<std::unique_ptr<Slot>> slots_;
  ResolverOptions options_;
  std::unordered_multimap<std::string, int> by_suffix_;  // every dot-suffix of every name
  std::recursive_mutex cross_mutex_;                     // cross-module resolution (its memos)
  std::unordered_map<int, Resolver::Memo> cross_memos_;
};

}  // namespace obolint::py
