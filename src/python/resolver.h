// Name resolution for one Python module: what an expression refers to, as a dotted path.
//
// Paths are built from imports and bindings: `from databricks import sql` makes `sql.connect`
// resolve to "databricks.sql.connect"; a call appends "()", so after `w = WorkspaceClient()` the
// expression `w.statement_execution` resolves to
// "databricks.sdk.WorkspaceClient().statement_execution". Resolution is flow-insensitive within a
// scope (any binding of a name may apply): rules that match on these paths stay precise because a
// path names a specific library object.
#pragma once

#include <map>
#include <string>
#include <vector>

#include <tree_sitter/api.h>

#include "python/module.h"

namespace obolint::py {

class ProjectIndex;

class Resolver {
 public:
  explicit Resolver(const Module& module, const ProjectIndex* project = nullptr);

  // Dotted path of what `expr` refers to, or "" when unknown.
  std::string resolve(TSNode expr) const;
  // The expressions bound to a name visible at `at` (assignments, with-as, walrus), innermost
  // scope first. Empty when the name is not bound in this module.
  std::vector<TSNode> bindings_of(std::string_view name, TSNode at) const;
  // Module-level function definition by name (null node when absent).
  TSNode function_named(std::string_view name) const;
  const std::map<std::string, std::string, std::less<>>& imports() const { return imports_; }
  const Module& module() const { return module_; }

 private:
  struct Scope {
    std::map<std::string, std::vector<TSNode>, std::less<>> values;
    std::map<std::string, TSNode, std::less<>> annotations;  // typed parameters
  };
  // Byte range of a function, lambda or class body: scope lookups by offset avoid walking parent
  // links, which tree-sitter computes from the root each time.
  struct ScopeRange {
    uint32_t begin = 0;
    uint32_t end = 0;
    bool is_class = false;
  };
  // Key (start byte + 1) of the innermost function/lambda (or class) containing `offset`; 0:
  // module.
  uint32_t innermost(uint32_t offset, bool is_class) const;
  // Keys of every function/lambda containing `offset`, innermost first.
  std::vector<uint32_t> enclosing_function_keys(uint32_t offset) const;
  void collect(TSNode root);
  void add_import(TSNode stmt);
  void bind(TSNode target, TSNode value, TSNode at);
  Scope& scope_for(TSNode at, bool self_attribute);
  std::string resolve_depth(TSNode expr, int depth) const;
  std::string resolve_name(std::string_view name, TSNode at, int depth) const;
  std::string resolve_function_return(TSNode fn, int depth) const;
  std::string relative_base(std::string_view spec) const;  // "..pkg" -> dotted

  const Module& module_;
  const ProjectIndex* project_;
  std::map<std::string, std::string, std::less<>> imports_;  // local name -> dotted path
  std::vector<std::string> star_imports_;
  std::map<uint32_t, Scope> scopes_;  // keyed by the start byte of the scope's node (0: module)
  std::map<std::string, TSNode, std::less<>> functions_;
  std::vector<ScopeRange> ranges_;                       // in source order
  mutable std::map<const void*, std::string> resolved_;  // resolve() results by node id
};

// Modules of the whole scan by dotted name, so that a call of `pm_hub.clients.get_ws()` can be
// resolved through that function's return value in its own module.
class ProjectIndex {
 public:
  void add(const Resolver* resolver);
  // The resolver of the module whose name is `name` or ends with ".name".
  const Resolver* find_module(std::string_view name) const;

 private:
  std::vector<const Resolver*> resolvers_;
};

}  // namespace obolint::py
