// Every Python file of one scan, as the analyses see it: the files the prefilter kept are parsed
// up front; the others are only named (module name, lexical imports) and parsed on demand, when
// an analysis needs one (a helper's return value, a callee's summary) or when it imports a module
// that gives the user's token. Memory grows with the files that matter, not with the tree.
//
// While the pattern rules run on every core (streaming mode), a module that is not kept and is
// parsed only to resolve a name across modules (`from botocore.utils import x`) is transient:
// its answers are memoised by name, and its tree is dropped again once a small budget of such
// trees is exceeded and when the mode ends. Later phases load what they need on demand, so the
// modules they see do not depend on the order in which threads happened to resolve names.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/source_file.h"
#include "python/module.h"
#include "python/module_names.h"
#include "python/resolver.h"

namespace obolint::py {

struct PythonInput {
  // The display path: a view of the caller's input, which outlives the project (a copy would
  // cost a path for every Python file of the tree).
  std::string_view path;
  // The modules it imports (lexically, import_scan.h), as indices of the inputs given to the
  // Project; itself left out.
  std::vector<int> imported;
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
  const std::string& module_name(int i) const { return names_.name(i); }
  std::string_view path(int i) const { return slots_[i]->input.path; }
  // The scanned modules module i imports (lexically, see PythonInput), itself left out.
  const std::vector<int>& imported(int i) const { return slots_[i]->input.imported; }
  bool kept(int i) const { return slots_[i]->input.file != nullptr; }

  // Parses module i when it is not parsed yet (thread-safe: the first caller parses, others
  // wait). Null when its text cannot be had. Outside streaming mode the module stays loaded.
  const Resolver* load(int i);

  // Streaming mode (see above): on while the pattern rules run in parallel. Ending it drops the
  // transient modules.
  void begin_streaming();
  void end_streaming();
  // A worker's own kept module in streaming mode: loaded and held (never dropped meanwhile)
  // from acquire to done. `keep`: a later phase starts from it; otherwise its tree is dropped
  // now (parsed again if a later phase asks for it).
  const Resolver* acquire(int i);
  void done(int i, bool keep);
  // The parsed module i, or null when it was never loaded. Not synchronised with a load running
  // on another thread: read after the loads (the token flow runs after the parallel phase).
  const Module* module(int i) const { return slots_[i]->module.get(); }
  const Resolver* resolver(int i) const { return slots_[i]->resolver.get(); }

  // Index of the module whose name is `name` or ends with ".name" (exact names first, then
  // input order), -1 when none.
  // `near`: the importing module, when there is one (ModuleNames::find).
  int find_module_index(std::string_view name, int near = -1) const;
  // Its resolver, parsing it on demand.
  const Resolver* find_module(std::string_view name);

  // What the module-level function `name` of module `i` returns (see Resolver); nullopt when
  // the module has no such function. Memoised by name for every thread (cross-module
  // resolution runs under one lock).
  std::optional<std::string> function_return(int i, std::string_view name);
  // The dotted path a module-level variable of module `i` holds (`shared = WorkspaceClient()`),
  // "" when unknown.
  std::string module_global(int i, std::string_view name);

  // Parse-error notes of the modules loaded so far, in input order.
  std::vector<Note> parse_notes() const;

 private:
  struct Slot {
    PythonInput input;
    std::mutex parse_mutex;                // parsed once, whichever thread asks first
    bool tried = false;                    // loaded (or its text could not be had)
    std::unique_ptr<SourceFile> reloaded;  // owns the text of an on-demand parse
    std::unique_ptr<Module> module;
    std::unique_ptr<Resolver> resolver;
    // Kept when a transient tree is dropped; behind a pointer: most modules parse cleanly, and a
    // slot exists for every Python file of the tree.
    std::unique_ptr<Note> parse_note;
    bool transient = false;
    bool held = false;    // a worker is reading it outside the lock (acquire .. done)
    bool pinned = false;  // a later phase starts from it
  };
  // Cross-module work, under cross_mutex_: loads module i (transient in streaming mode when not
  // kept) and marks it recently used.
  const Resolver* load_for_resolution(int i);
  void release(int i);
  // Drops the least recently used transient trees over budget, when no resolution is running.
  void trim_transient();
  // A memoised answer by (module, kind + name); not done while it is being computed (a cycle).
  struct Answer {
    bool done = false;
    std::optional<std::string> value;
  };
  template <typename Compute>
  std::optional<std::string> answer(int i, std::string key, Compute compute);
  using NamedMemo = std::map<std::pair<int, std::string>, Answer, std::less<>>;
  std::vector<std::unique_ptr<Slot>> slots_;
  ResolverOptions options_;
  ModuleNames names_;
  std::recursive_mutex cross_mutex_;                     // cross-module resolution (its memos)
  std::unordered_map<int, Resolver::Memo> cross_memos_;  // by node: only for loaded modules
  NamedMemo named_memo_;
  bool streaming_ = false;
  int cross_depth_ = 0;
  std::vector<int> transient_lru_;  // most recent last
  std::size_t transient_bytes_ = 0;
};

}  // namespace obolint::py
