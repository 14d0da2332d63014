// The flow interpreter's calls: what a call does with the token (its arguments, by the sinks
// and the callee's summary), what it returns (a summary's source, a client built with it).
#include "python/flow_interp.h"

#include <algorithm>

#include "python/flow_interp_internal.h"

namespace obolint::py::flow {

std::optional<Taint> Interp::summary_source(TSNode call, const std::optional<Callee>& callee,
                                            State& s, std::vector<Value>* args) {
  (void)s;
  if (!callee) return std::nullopt;
  const Summary* sum = engine_.summary(callee->module, callee->fn);
  if (!sum) return std::nullopt;
  std::optional<Taint> out;
  if (sum->returns) {
    Taint t = *sum->returns;
    t.missing = false;
    t.may_missing = false;
    t.add_step(step(call, "returned by " + callee->name + "()"));
    // Returned only when present: the helper raises otherwise.
    if (t.mask == 0 && !raising_reads_.empty()) raising_reads_.back() = t;
    out = t;
  }
  if (args) {
    for (std::size_t i = 0; i < sum->param_returned.size(); ++i) {
      int slot = static_cast<int>(i) - callee->offset;
      if (sum->param_returned[i] < 0 || slot < 0 || slot >= static_cast<int>(args->size())) {
        continue;
      }
      const Value& a = (*args)[slot];
      if (!a.taint) continue;
      Taint t = *a.taint;
      t.mask &= static_cast<unsigned>(sum->param_returned[i]);
      t.missing = t.missing && t.mask != 0;
      if (sum->param_returned_as_client[i]) t.client = true;
      t.add_step(step(call, "passed through " + callee->name + "()"));
      out = join(out, std::optional<Taint>(t));
    }
  }
  return out;
}

// Calls the framework knowledge says something about: header reads, calls that never return,
// tests of the token, values derived from it, calls that check their arguments.
std::optional<Value> Interp::eval_special_call(TSNode call, const std::string& resolved,
                                               const std::string& fn_text, State& s) {
  Value v;
  const FlowPatterns& p = engine_.patterns();
  TSNode fn = field(call, "function");
  if (auto src = header_read(call, s)) {
    eval_arguments(call, std::nullopt, false, s);
    v.taint = src;
    return v;
  }
  check_fallback(call, s);
  // getattr(request.state, "w", None): a request-scoped attribute, absent when never set.
  if (p.attribute_getters.matches(resolved, fn_text)) {
    TSNode holder = positional(call, 0);
    StaticString attr = static_string(positional(call, 1), src_);
    if (is(holder, "attribute") && attr.ok && !ts_node_is_null(positional(call, 2))) {
      std::string cell = request_cell_named(holder, attr.value);
      if (const Taint* kept = cell.empty() ? nullptr : engine_.read_cell(cell)) {
        eval_arguments(call, std::nullopt, false, s);
        Taint t = *kept;
        t.mask |= kMayBeNone;
        t.add_step(step(call, "read back here (absent when never set)"));
        v.taint = t;
        return v;
      }
    }
  }
  if (p.exits.matches(resolved, fn_text)) {
    eval_arguments(call, std::nullopt, false, s);
    record_exception(s);
    s = State::unreachable();
    return v;
  }
  if (p.not_uses.matches(resolved, fn_text)) {
    eval_arguments(call, std::nullopt, false, s);
    return v;
  }
  if (p.derive_calls.matches(resolved, fn_text)) {
    if (is(fn, "attribute")) v.taint = eval(field(fn, "object"), s).taint;
    for (TSNode a : argument_nodes(call)) {
      TSNode value = is(a, "keyword_argument") ? field(a, "value") : a;
      v.taint = join(v.taint, eval(value, s).taint);
    }
    return v;
  }
  if (p.check_calls.matches(resolved, fn_text)) {
    eval_arguments(call, std::nullopt, false, s);
    for (TSNode a : argument_nodes(call)) {
      if (!is(a, "keyword_argument")) s = narrow(a, s, true);
    }
    return v;
  }
  return std::nullopt;
}

Value Interp::eval_call(TSNode call, State& s) {
  Value v;
  const FlowPatterns& p = engine_.patterns();
  TSNode fn = field(call, "function");
  std::string resolved = res_.resolve(fn);
  std::string fn_text = strip_space(text(fn));

  if (auto special = eval_special_call(call, resolved, fn_text, s)) return *special;

  // A method of the token itself: token.strip() is the token, token.split() is not a use.
  // What the call makes of the app's credentials matters to a summary (what a helper returns) and
  // where the token is missing; elsewhere it is not worth resolving every call for.
  AppCredentials made_by = mode_ == Mode::Summary || s.in_missing_branch(true)
                               ? app_credentials_strength(call, &s)
                               : AppCredentials::None;
  if (is(fn, "attribute")) {
    Value obj = eval(field(fn, "object"), s);
    made_by = stronger(made_by, obj.app);  // wc.config.authenticate() of an app client
    std::string method = text(field(fn, "attribute"));
    if (obj.taint && std::find(p.derive_methods.begin(), p.derive_methods.end(), method) !=
                         p.derive_methods.end()) {
      eval_arguments(call, std::nullopt, true, s);
      v.taint = obj.taint;
      return v;
    }
  }
  // A module's context variable: `_token.set(t)` keeps it, `_token.get()` reads it back.
  if (is(fn, "attribute") && is(unparen(field(fn, "object")), "identifier")) {
    std::string method = text(field(fn, "attribute"));
    TSNode object = unparen(field(fn, "object"));
    if (method == "get" && !s.find(text(object))) {
      if (auto kept = read_cell_at(object)) {
        eval_arguments(call, std::nullopt, false, s);
        v.taint = kept;
        return v;
      }
    }
    if (method == "set" && !s.find(text(object)) &&
        !res_.bindings_of(text(object), object).empty()) {
      bool module_level = true;
      for (TSNode b : res_.bindings_of(text(object), object)) {
        module_level = module_level && ts_node_is_null(enclosing(b, "function_definition"));
      }
      if (module_level) {
        Value value = eval(positional(call, 0), s);
        write_cell(engine_.module_cell(module_, text(object)), call, value);
        return v;
      }
    }
  }
  std::optional<Callee> callee = engine_.resolve_callee(module_, call);
  std::vector<Value> args;  // positional values, for summaries that pass a parameter through
  std::optional<Taint> credential = eval_arguments(call, callee, true, s, &args);
  if (callee && s.reachable) {
    const Summary* sum = engine_.summary(callee->module, callee->fn);
    if (sum && sum->never_returns) {
      record_exception(s);
      s = State::unreachable();
      return v;
    }
    v.taint = summary_source(call, callee, s, &args);
  }
  v.app = made_by;
  if (!v.taint && credential && s.reachable) {
    // sql.connect(access_token=token), WorkspaceClient(token=token): a client acting as the user.
    Taint t = *credential;
    t.client = true;
    t.credential = false;
    t.add_step(step(call, "builds " + fn_text + "()"));
    v.taint = t;
  }
  return v;
}

void Interp::passes_to_raising_check(TSNode value, const Value& val, const Callee& callee,
                                     const Summary& sum, int param) {
  if (param < 0 || static_cast<std::size_t>(param) >= sum.param_missing_raises.size()) return;
  for (const auto& exception : sum.param_missing_raises[param]) {
    if (val.taint->is_source()) {
      Taint t = *val.taint;
      t.add_step(step(value, "passed to " + callee.name + "(), which raises " + exception +
                                 " when it is missing"));
      engine_.record_missing_raise(exception, t);
    } else if (static_cast<std::size_t>(val.taint->param) < param_missing_raises.size()) {
      // A helper of a helper: its own parameter.
      auto& list = param_missing_raises[val.taint->param];
      if (std::find(list.begin(), list.end(), exception) == list.end()) list.push_back(exception);
    }
  }
}

std::optional<Taint> Interp::eval_arguments(TSNode call, const std::optional<Callee>& callee,
                                            bool uses, State& s,
                                            std::vector<Value>* positional_values) {
  const Summary* sum = callee ? engine_.summary(callee->module, callee->fn) : nullptr;
  std::vector<std::string> names;
  if (callee && !ts_node_is_null(callee->fn)) {
    for (auto& [name, node] : parameters_of(callee->fn, engine_.module(callee->module).src())) {
      names.push_back(name);
    }
  }
  int position = 0;
  std::optional<Taint> credential;
  std::vector<std::pair<int, Value>> stored;  // arguments that go into cells (constructors)
  std::vector<std::pair<std::string, unsigned>> checked_after;
  for (TSNode a : argument_nodes(call)) {
    TSNode value = a;
    int param = -1, at_position = -1;
    std::string keyword_name;
    if (is(a, "keyword_argument")) {
      value = field(a, "value");
      keyword_name = text(field(a, "name"));
      for (std::size_t i = 0; i < names.size(); ++i) {
        if (names[i] == keyword_name) param = static_cast<int>(i);
      }
    } else if (!is(a, "list_splat") && !is(a, "dictionary_splat")) {
      at_position = position++;
      param = at_position + (callee ? callee->offset : 0);
    }
    Value val = eval(value, s);
    if (!s.reachable) return credential;
    if (positional_values && !is(a, "keyword_argument") && !is(a, "list_splat") &&
        !is(a, "dictionary_splat")) {
      positional_values->push_back(val);
    }
    // A helper that raises when this argument is missing checks it: not a use.
    bool checks = sum && param >= 0 && param < static_cast<int>(sum->param_on_exit.size()) &&
                  sum->param_on_exit[param] != kAllMissing;
    // A dataclass-like class of the scan (a Pydantic model, a dataclass) keeps its keyword
    // arguments as attributes: a store, not a use; its readers use the attribute.
    bool kept_as_attribute = callee && !ts_node_is_null(callee->cls) &&
                             ts_node_is_null(callee->fn) && !keyword_name.empty();
    if (val.taint && callee) {
      Value kept = val;
      if (checks) kept.taint->mask &= sum->param_on_exit[param];  // what the callee let through
      stored.emplace_back(param, kept);
      // A dataclass-like class without __init__: keyword arguments become its attributes.
      if (!ts_node_is_null(callee->cls) && ts_node_is_null(callee->fn) && !keyword_name.empty()) {
        write_cell(Engine::class_cell(callee->module, callee->cls,
                                      engine_.module(callee->module).src(), keyword_name),
                   value, val);
      }
    }
    if (val.taint && sum) passes_to_raising_check(value, val, *callee, *sum, param);
    if (checks) {
      std::string key = key_of(value);
      if (!key.empty()) checked_after.emplace_back(key, sum->param_on_exit[param]);
      continue;
    }
    if (!uses || !val.taint || kept_as_attribute) continue;
    facts::Sink sink = classify_argument(call, sum, param, keyword_name, at_position, val);
    // WorkspaceClient(config=cfg) with cfg = Config(token=token): the per-user config makes a
    // per-user client, as the token itself would.
    if (sink == facts::Sink::Credential && !credential) credential = val.taint;
    record_argument(call, value, val, sink, callee, sum, param);
  }
  for (auto& [key, mask] : checked_after) {
    auto it = s.vars.find(key);
    if (it != s.vars.end()) {
      it->second.mask &= mask;
      if (it->second.mask == 0) it->second.missing = it->second.may_missing = false;
    }
  }
  if (callee && sum) store_arguments_in_cells(call, *callee, sum, stored);
  return credential;
}

}  // namespace obolint::py::flow
