// The path-sensitive interpretation of one function body (or a module's top-level code) over
// the tree-sitter AST: statements transform a State, conditions narrow it, joins merge it.
//
// Summary mode seeds the parameters and records what the function returns; report mode reports
// OBO004 (an unchecked token passed to a call) and OBO005 (a service principal connection in a
// missing-token branch) through the Engine.
#pragma once

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "python/flow_engine.h"
#include "python/flow_state.h"

namespace obolint::py::flow {

class Interp {
 public:
  enum class Mode { Summary, Report };
  Interp(Engine& engine, int module, Mode mode, std::string scope_name);

  // Analyzes a function definition starting from `outer` (names captured from an enclosing
  // function; empty for module functions).
  void run_function(TSNode fn, const State& outer);
  // Analyzes the top-level statements of the module (function bodies are separate roots) and
  // returns the globals that hold the token at the end of the module code.
  State run_module();

  // Summary mode results.
  std::vector<Value> return_values;
  // Per return value: for a tuple (`return host, token`), which elements hold the header token;
  // empty for any other value.
  std::vector<std::vector<Element>> return_elements;
  std::vector<State> exit_states;  // at each return and at the end of the body
  std::vector<std::string> params;
  AppCredentials returns_app_credentials = AppCredentials::None;
  std::vector<bool> param_credential;
  std::vector<unsigned> param_credential_mask;
  std::vector<std::vector<InnerFallback>> param_fallbacks;
  std::vector<std::vector<InnerSink>> param_leaks;
  std::vector<std::vector<InnerStore>> param_stores;
  std::vector<std::vector<std::string>> param_missing_raises;
  std::vector<std::vector<std::string>> param_cells;

 private:
  struct Loop {
    std::vector<State> breaks, continues;
  };

  State block(TSNode block, State s);
  State stmt(TSNode n, State s);
  State exec_if(TSNode n, State s);
  State exec_loop(TSNode n, State s);
  State exec_try(TSNode n, const State& s);
  State exec_return(TSNode n, State& s);
  void summarize_argument(TSNode arg, const Value& v, facts::Sink sink,
                          const std::string& callee_text, const Summary* sum, int param);
  // A parameter declared `Annotated[Model, Header()]` (or an alias of it) with Model a class of
  // the scan (FastAPI header parameter models): the field that holds the header, with the
  // missing bits of its declaration (a field without default is required: FastAPI answers 422).
  struct HeaderModelField {
    std::string name;
    unsigned mask = 0;
    std::string placeholder;
  };
  std::optional<HeaderModelField> header_model_field(TSNode param) const;
  // `except MissingToken:` where the scan raises MissingToken when the token is missing: the
  // handler's state `h` gets the missing token.
  void catches_missing_token(TSNode clause, State& h) const;
  // Where the callee raises one of the scan's exceptions when this argument is missing: a handler
  // of it runs when the token is missing.
  void passes_to_raising_check(TSNode value, const Value& val, const Callee& callee,
                               const Summary& sum, int param);
  bool header_parameter(const std::string& name, TSNode node, unsigned& mask,
                        std::string& placeholder) const;
  State exec_raise(TSNode n, State& s);
  State exec_with(TSNode n, State s);
  State exec_match(TSNode n, State s);
  void nested(TSNode def, const State& s);

  Value eval(TSNode e, State& s);
  Value eval_name(TSNode e, State& s);
  Value eval_assignment(TSNode e, State& s);
  Value eval_boolean(TSNode e, State& s);
  Value eval_credential_parts(TSNode e, State& s);
  Value eval_call(TSNode call, State& s);
  std::optional<Value> eval_special_call(TSNode call, const std::string& resolved,
                                         const std::string& fn_text, State& s);
  Value eval_subscript(TSNode e, State& s);
  Value eval_string(TSNode e, State& s);
  // Evaluates the arguments of a call and records where token values go. Returns the token that
  // reached a credential sink of the call, if one did (the call's result then holds it).
  std::optional<Taint> eval_arguments(TSNode call, const std::optional<Callee>& callee, bool uses,
                                      State& s, std::vector<Value>* positional_values = nullptr);
  facts::Sink classify_argument(TSNode call, const Summary* sum, int param,
                                std::string_view keyword, int position, const Value& v) const;
  void record_argument(TSNode call, TSNode arg, const Value& v, facts::Sink sink,
                       const std::optional<Callee>& callee, const Summary* sum, int param);
  void record_use(TSNode at, std::string_view callee, const Value& v, facts::Sink sink);
  // `at`: where to report it, when not at the target (a memoizing decorator).
  void record_store(TSNode target, const Value& v, facts::Store store, TSNode at = TSNode{});
  std::optional<facts::Store> store_kind(TSNode target) const;
  // True when the function being analysed has one of these decorators (by last name).
  bool decorated_with(const std::vector<std::string>& names) const {
    return !ts_node_is_null(decorator_named(names));
  }
  // The first decorator of the function whose name (last component) is one of `names`, or null.
  TSNode decorator_named(const std::vector<std::string>& names) const;
  bool is_response_handler() const { return decorated_with(engine_.patterns().handler_decorators); }
  // Cells (Engine::write_cell): where an assignment or a .set() keeps a value beyond this
  // function, and the cell a read comes from.
  std::string cell_of_target(TSNode target) const;
  void write_cell(const std::string& cell, TSNode at, const Value& v);
  void store_arguments_in_cells(TSNode call, const Callee& callee, const Summary* sum,
                                const std::vector<std::pair<int, Value>>& args);
  std::optional<Taint> read_cell_at(TSNode e) const;
  std::string own_class_cell(std::string_view attr) const;
  // The string an expression stands for: a literal, or a constant (module, imported, class or
  // enum member) holding one.
  std::optional<std::string> constant_string(TSNode e) const;
  std::optional<std::string> constant_string_in(int module, TSNode e, int hops) const;
  // `settings.TOKEN_HEADER` where module `module` binds `settings = Settings()` once: the class
  // attribute of Settings (defined there or imported into it).
  std::optional<std::string> instance_constant(int module, std::string_view global,
                                               std::string_view attr) const;
  // The token a framework injects into parameter `param` (FastAPI Depends), if any.
  std::optional<Taint> injected(TSNode param);
  // True when the handler's router (or route) runs a dependency that checks the token.
  bool router_checks_token();
  std::optional<Taint> header_read(TSNode e, State& s);
  bool is_header_dump(TSNode e) const;
  Value eval_comprehension(TSNode e, State& s);
  // The cell of an attribute of a request-scoped object (flask.g, request.state), or "".
  std::string request_cell(TSNode attribute) const;
  std::string request_cell_named(TSNode holder, std::string_view attr) const;
  std::optional<Callee> parameter_class(std::string_view name) const;
  std::optional<Callee> class_of_type(int module, TSNode type, int hops) const;
  std::optional<Taint> header_read_unchecked(TSNode e, State& s);
  std::optional<Taint> summary_source(TSNode call, const std::optional<Callee>& callee, State& s,
                                      std::vector<Value>* args);
  void check_fallback(TSNode e, State& s);
  void check_param_fallback(TSNode e, State& s);
  bool names_env_credential(TSNode name_node) const;
  AppCredentials named_app_credentials(TSNode e, State* s);
  AppCredentials called_app_credentials(TSNode e, const std::string& resolved, State* s);
  bool called_per_user(TSNode e, const std::string& resolved) const;
  // The app's own credentials in `e`, if any (OBO005), and how strongly.
  AppCredentials app_credentials_strength(TSNode e, State* s);
  // A connection or credential of the app itself (OBO005 patterns, or a helper returning one).
  bool app_credentials(TSNode e) {
    return app_credentials_strength(e, nullptr) != AppCredentials::None;
  }

  void assign(TSNode target, TSNode value_node, const Value& v, State& s);
  void bind(TSNode target, const Value& v, State& s);
  // `a, b = helper()` where the helper returns a tuple with the token in known elements: binds
  // each target; false (nothing bound) when that is not known.
  bool unpack_helper_tuple(TSNode target, TSNode value_node, const Value& v, State& s);

  State narrow(TSNode cond, const State& s, bool truthy) const;
  State narrow_key(const State& s, const std::string& key, bool truthy) const;
  std::optional<State> narrow_tested_read(TSNode c, const State& s, bool truthy) const;
  State narrow_call(TSNode c, const State& s, bool truthy) const;
  State narrow_comparison(TSNode c, const State& s, bool truthy) const;
  State narrow_membership(TSNode c, TSNode a, TSNode b, bool in, const State& s, bool truthy) const;
  State narrow_equality(TSNode a, TSNode b, const std::string& op, const State& s,
                        bool truthy) const;

  std::string key_of(TSNode e) const;
  std::string text(TSNode e) const;
  std::string header_name() const;
  Taint make_source(TSNode at, unsigned mask, std::string placeholder) const;
  FlowStep step(TSNode at, std::string message) const;
  unsigned default_mask(TSNode def, State& s, std::string& placeholder);
  void record_exception(const State& s);

  void report_fallback(TSNode at, TSNode call, const State& s);

  Engine& engine_;
  int module_;
  const Module& mod_;
  const Resolver& res_;
  std::string_view src_;
  Mode mode_;
  std::string scope_;
  bool top_level_ = false;
  TSNode function_{};                 // the function being analysed (null: module code)
  std::vector<std::string> globals_;  // names declared `global` in it
  std::vector<Loop> loops_;
  mutable int depth_ = 0;                                       // eval/narrow recursion depth
  std::vector<std::pair<uint32_t, uint32_t>> fallback_ranges_;  // OBO005 calls reported
  std::vector<std::vector<State>> try_stack_;
  // Per enclosing try: a token read that raises when it is missing (a helper that returns it
  // only when present, `headers["..."]`): its handlers are where the token is missing.
  std::vector<std::optional<Taint>> raising_reads_;
  // Header reads and source calls by (start, end) byte, for conditions that test them directly.
  std::map<std::pair<uint32_t, uint32_t>, Taint> sources_at_;
};

}  // namespace obolint::py::flow
