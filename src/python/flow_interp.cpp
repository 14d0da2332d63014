#include "python/flow_interp.h"

#include <algorithm>

#include "python/flow_interp_internal.h"

namespace obolint::py::flow {

Interp::Interp(Engine& engine, int module, Mode mode, std::string scope_name)
    : engine_(engine),
      module_(module),
      mod_(engine.module(module)),
      res_(engine.resolver(module)),
      src_(mod_.src()),
      mode_(mode),
      scope_(std::move(scope_name)) {}

// ---------------------------------------------------------------------------------------------
// Entry points

void Interp::run_function(TSNode fn, const State& outer) {
  State s = outer;
  s.reachable = true;
  function_ = fn;
  // `global conn` in this function: assignments to those names outlive the request.
  walk(field(fn, "body"), [&](TSNode n) {
    if (is(n, "global_statement")) {
      for (TSNode name : kids(n)) globals_.emplace_back(text(name));
    }
    return !is(n, "function_definition") && !is(n, "class_definition") && !is(n, "lambda");
  });
  int index = 0;
  for (auto& [name, node] : parameters_of(fn, src_)) {
    params.push_back(name);
    s.vars.erase(name);
    unsigned mask = kMayBeNone;
    std::string placeholder;
    bool bound = header_parameter(name, node, mask, placeholder);
    std::optional<Taint> dependency = bound ? std::nullopt : injected(node);
    std::optional<HeaderModelField> model =
        bound || dependency ? std::nullopt : header_model_field(node);
    if (bound) {
      s.vars[name] = make_source(node, mask, placeholder);
    } else if (dependency) {
      s.vars[name] = *dependency;
    } else if (model) {
      s.vars[name + "." + model->name] = make_source(node, model->mask, model->placeholder);
    } else if (mode_ == Mode::Summary) {
      Taint t;
      t.param = index;
      t.mask = kAllMissing;
      t.trace = std::make_shared<const Trace>(Trace{step(node, "parameter " + name), {}});
      s.vars[name] = t;
    }
    ++index;
  }
  if (router_checks_token()) {
    // The router's dependency checked the header: reads of it here are checked.
    Taint marker = make_source(fn, 0, "");
    marker.trace =
        std::make_shared<const Trace>(Trace{step(fn, "checked by a router dependency"), {}});
    s.vars[std::string(kHeaderPresent)] = marker;
  }
  param_credential.assign(params.size(), false);
  param_credential_mask.assign(params.size(), 0);
  param_fallbacks.assign(params.size(), {});
  param_leaks.assign(params.size(), {});
  param_stores.assign(params.size(), {});
  param_missing_raises.assign(params.size(), {});
  param_cells.assign(params.size(), {});
  // A method starts with what other methods (or the constructor's callers) kept in self.
  TSNode cls = enclosing(fn, "class_definition");
  if (!ts_node_is_null(cls)) {
    for (auto& [attr, t] : engine_.class_cells(module_, cls)) {
      std::string key = "self." + attr;
      if (!s.find(key)) s.vars[key] = t;
    }
  }
  State end = block(field(fn, "body"), s);
  if (end.reachable) exit_states.push_back(end);
}

State Interp::run_module() {
  top_level_ = true;
  State end = block(mod_.root(), State{});
  if (!end.reachable) return State{};
  // What module code leaves in globals, for the functions of the module (Streamlit scripts).
  for (auto it = end.vars.begin(); it != end.vars.end();) {
    if (it->first.empty() || it->first[0] == '\x01' || it->first[0] == '\x02') {
      it = end.vars.erase(it);
    } else {
      it->second.missing = false;
      it->second.may_missing = false;
      ++it;
    }
  }
  return end;
}

// ---------------------------------------------------------------------------------------------
// Statements

void Interp::record_exception(const State& s) {
  if (!s.reachable) return;
  for (auto& acc : try_stack_) acc.push_back(s);
}

State Interp::block(TSNode b, State s) {
  if (ts_node_is_null(b)) return s;
  if (is(b, "ERROR")) return s;
  uint32_t count = ts_node_named_child_count(b);
  for (uint32_t i = 0; i < count && s.reachable; ++i) {
    TSNode child = ts_node_named_child(b, i);
    if (is(child, "comment")) continue;
    record_exception(s);
    s = stmt(child, std::move(s));
  }
  record_exception(s);
  return s;
}

// return: what a summary returns, what a handler sends to the browser, what a cache keeps.
State Interp::exec_return(TSNode n, State& s) {
  Value v;
  TSNode value = ts_node_named_child_count(n) > 0 ? ts_node_named_child(n, 0) : TSNode{};
  if (!ts_node_is_null(value)) {
    v = eval(value, s);
  } else {
    v.literal = Value::Literal::None;  // a bare `return`
  }
  if (s.reachable && mode_ == Mode::Summary) {
    return_values.push_back(v);
    std::vector<Element> elements;
    TSNode tuple = unparen(value);
    if (is(tuple, "expression_list") || is(tuple, "tuple")) {
      for (TSNode e : kids(tuple)) {
        State copy = s;  // evaluated once already: this only reads which element is the token
        Value ev = eval(e, copy);
        elements.push_back(!ev.taint || !ev.taint->is_source() ? Element::Other
                           : ev.taint->client                  ? Element::Client
                                                               : Element::Token);
      }
    }
    return_elements.push_back(std::move(elements));
    exit_states.push_back(s);
    if (!ts_node_is_null(value)) {
      returns_app_credentials =
          stronger(returns_app_credentials, stronger(v.app, app_credentials_strength(value, &s)));
    }
  }
  // What a request handler returns goes to the browser.
  if (s.reachable && v.taint && is_response_handler()) {
    // A tuple of outputs (a Dash callback): the use is the element that holds the token.
    bool found = false;
    TSNode tuple = unparen(value);
    if (is(tuple, "expression_list") || is(tuple, "tuple")) {
      for (TSNode e : kids(tuple)) {
        State copy = s;  // evaluated once already: this only finds the element
        Value ev = eval(e, copy);
        if (ev.taint && ev.taint->is_source()) {
          record_use(e, "return", ev, facts::Sink::Response);
          found = true;
        }
      }
    }
    if (!found) record_use(value, "return", v, facts::Sink::Response);
  }
  // A memoized function returning the user's token or client: the next user gets it.
  // Reported at the decorator: it is what shares the value (and where a suppression goes).
  // One built from a parameter is cached by it: the token is the key (one entry per user).
  if (TSNode cache = decorator_named(engine_.patterns().cache_decorators);
      s.reachable && v.taint && v.taint->param < 0 && !ts_node_is_null(cache)) {
    record_store(field(function_, "name"), v, facts::Store::CachedFunction, cache);
  }
  return State::unreachable();
}

// raise SomeError(f"... {token}"): the message goes wherever the error is logged or shown.
State Interp::exec_raise(TSNode n, State& s) {
  TSNode raised = first_child(n);
  // `if not token: raise MissingToken(...)`: handlers of MissingToken run when it is missing.
  // Only an exception class of the scan: `except ValueError:` elsewhere says nothing of tokens.
  TSNode type = is(raised, "call") ? field(raised, "function") : raised;
  TSNode type_name = is(type, "attribute") ? field(type, "attribute") : type;
  const Taint* missing = s.reachable ? s.missing_source(false) : nullptr;
  bool parameter_missing = false;
  if (mode_ == Mode::Summary && s.reachable) {
    for (const auto& [name, t] : s.vars) {
      parameter_missing = parameter_missing || (t.param >= 0 && t.missing);
    }
  }
  if ((missing || parameter_missing) && is(type_name, "identifier")) {
    std::optional<Callee> cls = engine_.resolve_callee_named(module_, type);
    if (cls && !ts_node_is_null(cls->cls)) {
      std::string exception = text(type_name);
      if (missing) engine_.record_missing_raise(exception, *missing);
      // A helper checking its parameter (`require_token(token)`): decided where a caller passes
      // the token (eval_arguments).
      for (const auto& [name, t] : s.vars) {
        if (t.param < 0 || !t.missing ||
            static_cast<std::size_t>(t.param) >= param_missing_raises.size()) {
          continue;
        }
        auto& list = param_missing_raises[t.param];
        if (std::find(list.begin(), list.end(), exception) == list.end()) list.push_back(exception);
      }
    }
  }
  if (is(raised, "call")) {
    for (TSNode a : argument_nodes(raised)) {
      TSNode value = is(a, "keyword_argument") ? field(a, "value") : a;
      Value v = eval(value, s);
      if (v.taint && v.taint->is_source()) {
        record_use(value, strip_space(text(field(raised, "function"))), v, facts::Sink::Exception);
      }
    }
  } else {
    for (TSNode e : kids(n)) eval(e, s);
  }
  record_exception(s);
  return State::unreachable();
}

State Interp::exec_with(TSNode n, State s) {
  for (TSNode clause : kids(n)) {
    if (!is(clause, "with_clause")) continue;
    for (TSNode item : kids(clause)) {
      TSNode value = field(item, "value");
      if (is(value, "as_pattern") && ts_node_named_child_count(value) > 0) {
        Value v = eval(ts_node_named_child(value, 0), s);
        TSNode alias = field(value, "alias");
        TSNode target = first_child(alias);
        if (ts_node_is_null(target)) target = alias;
        bind(target, v, s);
      } else {
        eval(value, s);
      }
    }
  }
  return block(field(n, "body"), std::move(s));
}

State Interp::stmt(TSNode n, State s) {
  if (!s.reachable) return s;
  std::string_view t = type_of(n);
  if (t == "expression_statement") {
    for (TSNode e : kids(n)) eval(e, s);
    return s;
  }
  if (t == "return_statement") return exec_return(n, s);
  if (t == "raise_statement") return exec_raise(n, s);
  if (t == "assert_statement") {
    if (ts_node_named_child_count(n) == 0) return s;
    TSNode cond = ts_node_named_child(n, 0);
    eval(cond, s);
    for (uint32_t i = 1; i < ts_node_named_child_count(n); ++i) {
      State failing = narrow(cond, s, false);
      eval(ts_node_named_child(n, i), failing);
    }
    return narrow(cond, s, true);
  }
  if (t == "if_statement") return exec_if(n, std::move(s));
  if (t == "for_statement" || t == "while_statement") return exec_loop(n, std::move(s));
  if (t == "try_statement") return exec_try(n, s);
  if (t == "match_statement") return exec_match(n, std::move(s));
  if (t == "with_statement") return exec_with(n, std::move(s));
  if (t == "break_statement" || t == "continue_statement") {
    if (!loops_.empty()) {
      (t == "break_statement" ? loops_.back().breaks : loops_.back().continues).push_back(s);
    }
    return State::unreachable();
  }
  if (t == "function_definition" || t == "class_definition" || t == "decorated_definition") {
    if (!top_level_) nested(n, s);
    if (t == "function_definition" || t == "class_definition") {
      s.vars.erase(std::string(text(field(n, "name"))));
    }
    return s;
  }
  if (t == "delete_statement") {
    for (TSNode e : kids(n)) s.vars.erase(key_of(e));
    return s;
  }
  if (t == "block") return block(n, std::move(s));
  // pass, import, global, nonlocal, type aliases, ERROR nodes: no effect on the token.
  return s;
}

namespace {

// True when a block has a return, raise, break or continue of its own (not in a nested def).
bool tries_to_leave(TSNode block) {
  if (ts_node_is_null(block)) return false;
  bool found = false;
  walk(block, [&](TSNode n) {
    if (found) return false;
    std::string_view t = type_of(n);
    if (t == "return_statement" || t == "raise_statement" || t == "break_statement" ||
        t == "continue_statement") {
      found = true;
      return false;
    }
    return t != "function_definition" && t != "class_definition" && t != "lambda";
  });
  return found;
}

}  // namespace

State Interp::exec_if(TSNode n, State s) {
  TSNode cond = field(n, "condition");
  eval(cond, s);
  std::vector<std::pair<State, TSNode>> outs;  // each branch's exit and its block (null: none)
  TSNode then_block = field(n, "consequence");
  outs.emplace_back(block(then_block, narrow(cond, s, true)), then_block);
  State rest = narrow(cond, s, false);
  TSNode rest_block{};
  for (TSNode alt : kids(n)) {
    if (is(alt, "elif_clause")) {
      TSNode c = field(alt, "condition");
      eval(c, rest);
      TSNode b = field(alt, "consequence");
      outs.emplace_back(block(b, narrow(c, rest, true)), b);
      rest = narrow(c, rest, false);
    } else if (is(alt, "else_clause")) {
      rest_block = field(alt, "body");
      rest = block(rest_block, rest);
    }
  }
  outs.emplace_back(std::move(rest), rest_block);
  std::vector<State> exits;
  for (const auto& [st, b] : outs) exits.push_back(st);
  State joined = join_all(exits);
  // After the statement the token "may be missing" (OBO005's fall-through) only when every
  // path on which it is present comes from a branch that meant to leave: `if token: return
  // user_client(token)` falling through on an error. `if not token: warn(...)` does not make
  // the rest of the function a fallback: the present path continues there as well.
  for (auto& [key, t] : joined.vars) {
    if (!t.may_missing || t.missing) continue;
    const Taint* before = s.find(key);
    if (before && (before->may_missing || before->missing)) continue;
    for (const auto& [st, b] : outs) {
      const Taint* x = st.reachable ? st.find(key) : nullptr;
      bool present = x && !x->missing && !x->may_missing;
      if (present && !tries_to_leave(b)) t.may_missing = false;
    }
  }
  return joined;
}

State Interp::exec_loop(TSNode n, State s) {
  bool is_while = is(n, "while_statement");
  TSNode cond = is_while ? field(n, "condition") : TSNode{};
  bool forever = is_while && (is(cond, "true") || (is(cond, "integer") && text(cond) != "0"));
  Value iterable;
  if (!is_while) iterable = eval(field(n, "right"), s);
  State entry = s;
  std::vector<State> breaks;
  for (int round = 0; round < kLoopRounds; ++round) {
    State in = entry;
    if (is_while) {
      eval(cond, in);
      in = narrow(cond, in, true);
    } else {
      bind(field(n, "left"), iterable, in);
    }
    loops_.emplace_back();
    State out = block(field(n, "body"), in);
    Loop loop = std::move(loops_.back());
    loops_.pop_back();
    breaks = std::move(loop.breaks);
    State next = join(entry, join(out, join_all(loop.continues)));
    if (same(next, entry)) break;
    entry = std::move(next);
  }
  State exit = forever ? State::unreachable() : (is_while ? narrow(cond, entry, false) : entry);
  TSNode alt = field(n, "alternative");
  if (!ts_node_is_null(alt)) exit = block(field(alt, "body"), exit);
  breaks.push_back(exit);
  return join_all(breaks);
}

void Interp::catches_missing_token(TSNode clause, State& h) const {
  const std::string key = std::string(1, '\x01') + "raised";
  if (!h.reachable || h.find(key)) return;
  walk(clause, [&](TSNode t) {
    if (is(t, "block")) return false;
    if (is(t, "identifier")) {
      if (const Taint* missing = engine_.missing_raise(text(t))) {
        Taint m = *missing;
        m.missing = true;
        h.vars[key] = m;
      }
    }
    return true;
  });
}

State Interp::exec_try(TSNode n, const State& s) {
  try_stack_.emplace_back();
  try_stack_.back().push_back(s);
  raising_reads_.emplace_back();
  State body = block(field(n, "body"), s);
  std::vector<State> raised = std::move(try_stack_.back());
  try_stack_.pop_back();
  std::optional<Taint> raising = std::move(raising_reads_.back());
  raising_reads_.pop_back();
  State handler_entry = join_all(raised);
  std::vector<TSNode> clauses = kids(n);
  bool catches = std::any_of(clauses.begin(), clauses.end(), [](TSNode c) {
    return is(c, "except_clause") || is(c, "except_group_clause");
  });
  if (raising && catches && raising->is_source() && raising->trace) {
    // `token = headers["X-..."]` raised when it was missing and a handler took that path: past
    // the read, in the body, the token is present.
    const FlowStep& read = raising->source();
    for (auto& [name, t] : body.vars) {
      if (t.is_source() && t.trace && t.source().path == read.path &&
          t.source().span.line == read.span.line && t.source().span.column == read.span.column) {
        t.mask = 0;
        t.missing = false;
      }
    }
  }
  if (raising && handler_entry.reachable) {
    // `except MissingToken:` after `token = user_token()`: the handler runs when it is missing.
    Taint missing = *raising;
    missing.missing = true;
    handler_entry.vars[std::string(1, '\x01') + "raised"] = missing;
  }
  std::vector<State> outs;
  TSNode else_clause{}, finally_clause{};
  bool has_handler = false;
  for (TSNode c : kids(n)) {
    if (is(c, "except_clause") || is(c, "except_group_clause")) {
      has_handler = true;
      State h = handler_entry;
      TSNode handler_body{};
      for (TSNode part : kids(c)) {
        if (is(part, "block")) handler_body = part;
      }
      catches_missing_token(c, h);
      TSNode alias = field(c, "alias");
      if (!ts_node_is_null(alias)) h.vars.erase(key_of(alias));
      // `except E as e:` in 0.23 may be an as_pattern value; its alias is rebound either way.
      TSNode value = field(c, "value");
      if (is(value, "as_pattern")) {
        TSNode a = field(value, "alias");
        h.vars.erase(key_of(first_child(a)));
      }
      outs.push_back(block(handler_body, h));
    } else if (is(c, "else_clause")) {
      else_clause = c;
    } else if (is(c, "finally_clause")) {
      finally_clause = c;
    }
  }
  if (!ts_node_is_null(else_clause)) body = block(field(else_clause, "body"), body);
  outs.push_back(body);
  State normal = join_all(outs);
  if (!ts_node_is_null(finally_clause)) {
    TSNode fb{};
    for (TSNode part : kids(finally_clause)) {
      if (is(part, "block")) fb = part;
    }
    // The finally block also runs on the exceptional paths: analyze it from there too (uses in
    // it are reported), but only the normal paths continue after the statement.
    if (!has_handler) {
      block(fb, handler_entry);
    }
    if (normal.reachable) {
      normal = block(fb, normal);
    } else {
      block(fb, handler_entry);
    }
  }
  return normal;
}

State Interp::exec_match(TSNode n, State s) {
  TSNode subject = field(n, "subject");
  eval(subject, s);
  std::string key = key_of(unparen(subject));
  std::vector<State> outs;
  State rest = s;
  bool irrefutable = false;
  TSNode body = field(n, "body");
  for (TSNode c : kids(body)) {
    if (!is(c, "case_clause")) continue;
    TSNode pattern{};
    for (TSNode part : kids(c)) {
      if (is(part, "case_pattern")) pattern = part;
    }
    std::string ptext = strip_space(text(pattern));
    State in = rest;
    // `case None:`, `case "":`, `case None | "":`: the missing values.
    unsigned bits = 0;
    bool only_missing = !ptext.empty();
    for (std::size_t start = 0; start <= ptext.size();) {
      std::size_t bar = ptext.find('|', start);
      std::string alt = ptext.substr(start, bar == std::string::npos ? bar : bar - start);
      if (alt == "None") {
        bits |= kMayBeNone;
      } else if (alt == "\"\"" || alt == "''") {
        bits |= kMayBeEmpty;
      } else {
        only_missing = false;
      }
      if (bar == std::string::npos) break;
      start = bar + 1;
    }
    if (!key.empty() && only_missing && bits) {
      in = narrow_key(rest, key, false);
      if (Taint* t = rest.reachable && rest.vars.count(key) ? &rest.vars[key] : nullptr) {
        t->mask &= ~bits;
      }
    }
    TSNode guard = field(c, "guard");
    if (!ts_node_is_null(guard) && ts_node_named_child_count(guard) > 0) {
      TSNode g = ts_node_named_child(guard, 0);
      eval(g, in);
      in = narrow(g, in, true);
    } else if (ptext == "_" ||
               (is(first_child(pattern), "dotted_name") && kids(first_child(pattern)).size() == 1 &&
                ptext.find('.') == std::string::npos && ptext != "None" && ptext != "True" &&
                ptext != "False")) {
      irrefutable = true;
    }
    outs.push_back(block(field(c, "consequence"), in));
    if (irrefutable) break;
  }
  if (!irrefutable) outs.push_back(rest);
  return join_all(outs);
}

void Interp::nested(TSNode def, const State& s) {
  if (mode_ != Mode::Report) return;
  if (is(def, "decorated_definition")) def = field(def, "definition");
  if (is(def, "function_definition")) {
    Interp inner(engine_, module_, Mode::Report,
                 scope_ + "." + std::string(text(field(def, "name"))));
    inner.run_function(def, s);
  } else if (is(def, "class_definition")) {
    for (TSNode m : kids(field(def, "body"))) {
      if (is(m, "function_definition") || is(m, "decorated_definition")) nested(m, s);
    }
  }
}

}  // namespace obolint::py::flow
