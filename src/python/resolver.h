// Name resolution for one Python module: what an expression refers to, as a dotted path.
//
// Paths are built from imports and bindings: `from databricks import sql` makes `sql.connect`
// resolve to "databricks.sql.connect"; a call appends "()", so after `w = WorkspaceClient()` the
// expression `w.statement_execution` resolves to
// "databricks.sdk.WorkspaceClient().statement_execution". Resolution is flow-insensitive within a
// scope (any binding of a name may apply): rules that match on these paths stay precise because a
// path names a specific library object.
//
// Cost: every expression is resolved at most once (memoized; a binding cycle resolves to ""),
// and scope lookups climb a parent-linked list of scopes, so resolving a whole module is linear
// in its size whatever its bindings (malformed or generated code included).
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include <tree_sitter/api.h>

#include "python/module.h"

namespace obolint::py {

class Project;

// What resolution knows beyond Python: keywords that give a client an identity of its own
// (`token=`: a client made with the caller's token acts as that caller, spelled "(token)" in the
// path instead of "()"), unless the value is a literal or read from the environment.
struct ResolverOptions {
  std::vector<std::string> identity_keywords;
  std::vector<std::string> environment_prefixes;  // "os.environ", "os.getenv"
};

class Resolver {
 public:
  // Resolved paths by node id; nullopt while a node is being resolved (a cycle reads "").
  using Memo = std::unordered_map<const void*, std::optional<std::string>>;

  Resolver(const Module& module, Project* project, int index);

  // Dotted path of what `expr` refers to, or "" when unknown. Only the thread analysing this
  // module calls it (other modules go through Project::function_return).
  std::string resolve(TSNode expr) const;
  // The same with a caller's memo (cross-module resolution).
  std::string resolve_with(TSNode expr, Memo& memo) const;
  // What a module-level function returns, resolved with `memo`.
  std::string function_return(TSNode fn, Memo& memo) const;
  // The expressions bound to a name visible at `at` (assignments, with-as, walrus), innermost
  // scope first. Empty when the name is not bound in this module.
  std::vector<TSNode> bindings_of(std::string_view name, TSNode at) const;
  // Module-level function definition by name (null node when absent).
  TSNode function_named(std::string_view name) const;
  const std::map<std::string, std::string, std::less<>>& imports() const { return imports_; }
  const Module& module() const { return module_; }
  int index() const { return index_; }

 private:
  struct Scope {
    std::map<std::string, std::vector<TSNode>, std::less<>> values;
    std::map<std::string, TSNode, std::less<>> annotations;  // typed parameters
  };
  // Byte range of a function, lambda or class; `parent` is the innermost range around it (-1:
  // module). Ranges are in source order, so a lookup is a binary search and a climb.
  struct ScopeRange {
    uint32_t begin = 0;
    uint32_t end = 0;
    bool is_class = false;
    int parent = -1;
  };
  // Key (start byte + 1) of the innermost function/lambda (or class) containing `offset`; 0:
  // module.
  uint32_t innermost(uint32_t offset, bool is_class) const;
  // Keys of every function/lambda containing `offset`, innermost first.
  std::vector<uint32_t> enclosing_function_keys(uint32_t offset) const;
  // Index of the deepest range containing `offset`, -1 when none.
  int deepest_range(uint32_t offset) const;
  void collect(TSNode root);
  void add_import(TSNode stmt);
  void bind(TSNode target, TSNode value, TSNode at);
  Scope& scope_for(TSNode at, bool self_attribute);
  std::string resolve_depth(TSNode expr, int depth, Memo& memo) const;
  std::string resolve_uncached(TSNode expr, int depth, Memo& memo) const;
  std::string resolve_name(std::string_view name, TSNode at, int depth, Memo& memo) const;
  std::string first_resolved(const std::vector<TSNode>& values, int depth, Memo& memo) const;
  std::string resolve_function_return(TSNode fn, int depth, Memo& memo) const;
  std::string resolve_call(TSNode expr, int depth, Memo& memo) const;
  // "()" or "(token)": how a constructor call is spelled in a path (ResolverOptions).
  std::string call_suffix(TSNode call, int depth, Memo& memo) const;
  // The method `name` of the class around `at`, or null.
  TSNode own_method(TSNode at, std::string_view name) const;
  std::string relative_base(std::string_view spec) const;  // "..pkg" -> dotted

  const Module& module_;
  Project* project_;
  int index_;
  std::map<std::string, std::string, std::less<>> imports_;  // local name -> dotted path
  std::vector<std::string> star_imports_;
  // Names a function declares `global`, by its scope key.
  std::map<uint32_t, std::set<std::string>> declared_global_;
  std::map<uint32_t, Scope> scopes_;  // keyed by the start byte of the scope's node (0: module)
  std::map<std::string, TSNode, std::less<>> functions_;
  std::vector<ScopeRange> ranges_;  // in source order
  mutable Memo memo_;
};

}  // namespace obolint::py
