// Whole-scan context of the token flow analysis: per-function summaries (computed on demand,
// memoized, recursion cut conservatively), callee resolution across modules, and the findings.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "facts/token_facts.h"
#include "python/flow_patterns.h"
#include "python/flow_state.h"
#include "python/project.h"
#include "python/ts_util.h"

namespace obolint::py::flow {

// What a caller needs to know about a function.
// Where a helper writes one of its parameters (a log, a response, a file): a caller that passes
// the token there leaks it at this place.
struct InnerSink {
  facts::Sink kind = facts::Sink::Call;
  Location at;
  std::string callee;
  std::string argument;
};

// Where a helper answers a missing parameter with the app's own credentials.
struct InnerFallback {
  Location at;
  std::string construct;  // WorkspaceClient, sql.connect
};

// Where a helper keeps one of its parameters (or a client built with it) in shared state: a
// caller that passes the user's token shares it there (`global _CONN; _CONN = sql.connect(
// access_token=token)` in `shared_connection(token)`).
struct InnerStore {
  facts::Store store = facts::Store::ModuleGlobal;
  facts::Held held = facts::Held::Token;
  Location at;
  std::string target;
};

// What one element of a returned tuple holds.
enum class Element { Other, Token, Client };

struct Summary {
  // The header token returned (checked when mask == 0), with the steps inside the function.
  std::optional<Taint> returns;
  // Per parameter: the missing bits of the parameter where it is returned (-1: not returned),
  // so `bearer(token)` stays as unchecked as `token`, and `require(token)` comes back checked.
  std::vector<int> param_returned;
  // Per parameter: every return of it is a client or connection built with it (`return
  // sql.connect(access_token=token)`), not the token itself: the caller holds a client.
  std::vector<bool> param_returned_as_client;
  // Per parameter: its missing bits on every normal exit; 0 means the function raises (or
  // aborts) when the argument is missing, so the caller's variable is checked after the call.
  std::vector<unsigned> param_on_exit;
  // Every path raises or aborts: a call ends the branch (`if not token: deny()`).
  bool never_returns = false;
  // Returns a client or credential of the app itself (`return WorkspaceClient()`): a call of it
  // in a missing-token branch is OBO005.
  AppCredentials returns_app_credentials = AppCredentials::None;
  // When every return of the token is a tuple of one size (`return host, token`): what each
  // element holds, so `host, token = resolve()` taints `token` only. Empty otherwise.
  std::vector<Element> returns_elements;
  // Per parameter: its value reaches a credential sink (the helper connects with it).
  std::vector<bool> param_credential;
  // Per parameter: the missing bits (MissingBits) it may still have where it reaches a credential
  // sink, kKnownMissing when it does so in a branch where it is missing. 0: the helper checks it
  // first (`if token:` before connecting), so a caller's unchecked token is checked there.
  std::vector<unsigned> param_credential_mask;
  // Per parameter: where the helper, finding it missing, uses the app's own credentials (a few).
  std::vector<std::vector<InnerFallback>> param_fallbacks;
  // Per parameter: where the helper writes its value to a log, a response, a file (a few).
  std::vector<std::vector<InnerSink>> param_leaks;
  // Per parameter: where the helper keeps it in shared state (a few).
  std::vector<std::vector<InnerStore>> param_stores;
  // Per parameter: the scan's exception classes the helper raises when it is missing
  // (`require_token(token)` raising MissingToken).
  std::vector<std::vector<std::string>> param_missing_raises;
  // Per parameter: the cells it is stored in (an attribute of a class: `self.bearer = bearer`
  // in __init__, a module's context variable or global), so a caller's token reaches the
  // methods that read it.
  std::vector<std::vector<std::string>> param_cells;
};

struct Callee {
  int module = -1;
  TSNode fn{};     // the function; for a class, its __init__ (null: a dataclass-like class)
  int offset = 0;  // 1 for methods called through self. / cls., and for constructors
  std::string name;
  TSNode cls{};  // the class, when the call constructs an instance
};

class Engine {
 public:
  Engine(Project& project, const FlowPatterns& patterns);
  // Modules of app code (common.toml [apps]): some request-scoped holders count there only.
  void set_app_code(const std::vector<bool>* in_app) { in_app_ = in_app; }
  bool app_code(int module) const {
    return in_app_ && module >= 0 && static_cast<std::size_t>(module) < in_app_->size() &&
           (*in_app_)[module];
  }

  Project& project() const { return project_; }
  const FlowPatterns& patterns() const { return patterns_; }
  // Module i: loaded (parsed) before the engine reads it.
  const Module& module(int i) const { return *project_.module(i); }
  const Resolver& resolver(int i) const { return *project_.resolver(i); }
  int module_count() const { return project_.size(); }

  // The function a call invokes, when it is defined in the scan.
  std::optional<Callee> resolve_callee(int module, TSNode call) const {
    return resolve_callee_named(module, field(call, "function"));
  }
  // The function (or class) an expression names: `helper`, `mod.helper`, `self.method`.
  std::optional<Callee> resolve_callee_named(int module, TSNode fn) const;
  std::optional<Callee> resolve_method(int module, TSNode fn) const;
  std::optional<Callee> callee_at_path(const std::string& path, int near) const;
  // The summary of a function; nullptr while it is being computed (recursion).
  const Summary* summary(int module, TSNode fn);

  // Cells: values that outlive the function that wrote them and are read by others: a class's
  // attribute ("<module>:Class.attr", read as self.attr in its methods), a module's context
  // variable or global ("<module>:name"). A token written to one is a source where it is read.
  void write_cell(const std::string& cell, const Taint& t);
  const Taint* read_cell(const std::string& cell) const;
  // The cell of class `cls` of module `module` and attribute `attr`.
  static std::string class_cell(int module, TSNode cls, std::string_view src,
                                std::string_view attr);
  std::string module_cell(int module, std::string_view name) const;
  // True (and reset) when a cell changed since the last call: summaries must be recomputed.
  bool take_cells_changed();
  void clear_summaries() { summaries_.clear(); }
  // The attribute or variable names of the cells, for the functions that read them.
  std::vector<std::string> cell_names() const;
  // Each cell's module (-1: request-scoped, read anywhere) and the name its readers write.
  std::vector<std::pair<int, std::string>> cells_by_module() const;
  // The cells of a class: (attribute, value) for its methods' `self.<attribute>`.
  std::vector<std::pair<std::string, Taint>> class_cells(int module, TSNode cls) const;
  // The top-level class of `module` named `name`, or null.
  TSNode class_named(int module, std::string_view name) const;

  // Facts found in report mode; each place once (loops and nested functions are interpreted
  // more than once).
  void record(facts::TokenUse use);
  void record(facts::CredentialFallback fallback);
  void record(facts::TokenStore store);
  facts::TokenFacts take_facts();
  // Exception classes (by last name) the scan raises where the user's token is missing, with
  // that token: a handler catching one runs in the missing-token case (`except MissingToken:`).
  void record_missing_raise(std::string exception, const Taint& missing) {
    missing_raises_.try_emplace(std::move(exception), missing);
  }
  const std::map<std::string, Taint, std::less<>>& missing_raises() const {
    return missing_raises_;
  }
  const Taint* missing_raise(std::string_view exception) const {
    auto it = missing_raises_.find(exception);
    return it == missing_raises_.end() ? nullptr : &it->second;
  }

 private:
  Project& project_;
  const FlowPatterns& patterns_;
  std::map<std::pair<int, uint32_t>, std::optional<Summary>> summaries_;
  std::map<std::string, Taint, std::less<>> cells_;
  std::map<std::string, Taint, std::less<>> missing_raises_;
  const std::vector<bool>* in_app_ = nullptr;
  // Top-level classes by name, per module (asked at every call of a name).
  mutable std::map<int, std::map<std::string, TSNode, std::less<>>> classes_;
  bool cells_changed_ = false;
  facts::TokenFacts facts_;
  std::map<std::string, std::size_t> recorded_;  // place -> index in facts_
};

// Named children of a node; none for a null node (fields absent in incomplete code).
inline std::vector<TSNode> kids(TSNode n) {
  return ts_node_is_null(n) ? std::vector<TSNode>{} : named_children(n);
}
// Parameter names of a function definition, in order (self included).
std::vector<std::pair<std::string, TSNode>> parameters_of(TSNode fn, std::string_view src);
// Function definitions that are not nested in another function (module functions, methods).
std::vector<TSNode> root_functions(TSNode module_root);
// "Class.method" or "function" for messages and fingerprints.
std::string qualified_name(TSNode fn, std::string_view src);

}  // namespace obolint::py::flow
