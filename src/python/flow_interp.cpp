#include "python/flow_interp.h"

#include <algorithm>

#include "python/ts_util.h"

namespace obolint::py::flow {
namespace {

constexpr int kLoopRounds = 3;
constexpr int kMaxDepth = 200;  // expression nesting followed by eval/narrow

struct DepthGuard {
  explicit DepthGuard(int& d) : depth(d) { ++depth; }
  ~DepthGuard() { --depth; }
  DepthGuard(const DepthGuard&) = delete;
  DepthGuard& operator=(const DepthGuard&) = delete;
  int& depth;
};
// The state key of "the header is in the request" (`if H in request.headers:`); must-hold.
constexpr std::string_view kHeaderPresent = "\x02header-present";

bool same(const State& a, const State& b) {
  if (a.reachable != b.reachable || a.vars.size() != b.vars.size()) return false;
  for (const auto& [k, t] : a.vars) {
    const Taint* o = b.find(k);
    if (!o || o->mask != t.mask || o->missing != t.missing || o->param != t.param) return false;
  }
  return true;
}

std::string strip_space(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    if (c != ' ' && c != '\n' && c != '\r' && c != '\t' && c != '\\') out.push_back(c);
  }
  return out;
}

// The argument nodes of a call: positional values and keyword arguments (splats included).
std::vector<TSNode> argument_nodes(TSNode call) {
  std::vector<TSNode> out;
  TSNode args = field(call, "arguments");
  if (!is(args, "argument_list")) return out;
  for (TSNode a : kids(args)) {
    if (!is(a, "comment")) out.push_back(a);
  }
  return out;
}

TSNode positional(TSNode call, int index) {
  int i = 0;
  for (TSNode a : argument_nodes(call)) {
    if (is(a, "keyword_argument") || is(a, "list_splat") || is(a, "dictionary_splat")) continue;
    if (i++ == index) return a;
  }
  return TSNode{};
}

TSNode keyword(TSNode call, std::string_view name, std::string_view src) {
  for (TSNode a : argument_nodes(call)) {
    if (is(a, "keyword_argument") && text_of(field(a, "name"), src) == name) {
      return field(a, "value");
    }
  }
  return TSNode{};
}

TSNode first_child(TSNode n) {
  return ts_node_is_null(n) || ts_node_named_child_count(n) == 0 ? TSNode{}
                                                                 : ts_node_named_child(n, 0);
}

TSNode unparen(TSNode n) {
  while (is(n, "parenthesized_expression") && ts_node_named_child_count(n) == 1) {
    n = ts_node_named_child(n, 0);
  }
  return n;
}

}  // namespace

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
  const FlowPatterns& p = engine_.patterns();
  int index = 0;
  for (auto& [name, node] : parameters_of(fn, src_)) {
    params.push_back(name);
    s.vars.erase(name);
    // A FastAPI/Starlette parameter bound to the header: Header(None), Header(alias=...), or
    // Annotated[..., Header()].
    TSNode header_call{};
    TSNode value = field(node, "value");
    auto header_like = [&](TSNode c) {
      return is(c, "call") && p.header_parameters.matches(res_.resolve(field(c, "function")),
                                                          strip_space(text(field(c, "function"))));
    };
    if (header_like(value)) header_call = value;
    if (ts_node_is_null(header_call) && !ts_node_is_null(field(node, "type"))) {
      walk(field(node, "type"), [&](TSNode n) {
        if (ts_node_is_null(header_call) && header_like(n)) header_call = n;
        return ts_node_is_null(header_call);
      });
    }
    bool bound = false;
    std::string placeholder;
    unsigned mask = kMayBeNone;
    if (!ts_node_is_null(header_call)) {
      StaticString alias = static_string(keyword(header_call, "alias", src_), src_);
      bound = alias.ok ? p.is_header_key(alias.value) : p.is_attribute_name(name);
      // The default: Header(None) / Header(default=...), or `= None` after Annotated[...].
      TSNode def = value;
      if (ts_node_eq(header_call, value)) {
        def = positional(header_call, 0);
        if (ts_node_is_null(def)) def = keyword(header_call, "default", src_);
      }
      if (is(def, "ellipsis")) bound = false;  // Header(...): required, FastAPI answers 422
      if (!ts_node_is_null(def) && !is(def, "none")) {
        StaticString d = static_string(def, src_);
        if (d.ok) {
          mask = d.value.empty() ? kMayBeEmpty : kMayBePlaceholder;
          placeholder = d.value;
        }
      }
    }
    if (bound) {
      s.vars[name] = make_source(node, mask, placeholder);
    } else if (mode_ == Mode::Summary) {
      Taint t;
      t.param = index;
      t.mask = kAllMissing;
      t.trace = std::make_shared<const Trace>(Trace{step(node, "parameter " + name), {}});
      s.vars[name] = t;
    }
    ++index;
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

State Interp::stmt(TSNode n, State s) {
  if (!s.reachable) return s;
  std::string_view t = type_of(n);
  if (t == "expression_statement") {
    for (TSNode e : kids(n)) eval(e, s);
    return s;
  }
  if (t == "return_statement") {
    Value v;
    if (ts_node_named_child_count(n) > 0) v = eval(ts_node_named_child(n, 0), s);
    if (s.reachable && mode_ == Mode::Summary) {
      return_values.push_back(v);
      exit_states.push_back(s);
      if (ts_node_named_child_count(n) > 0 && app_credentials(ts_node_named_child(n, 0))) {
        returns_app_credentials = true;
      }
    }
    return State::unreachable();
  }
  if (t == "raise_statement") {
    for (TSNode e : kids(n)) eval(e, s);
    record_exception(s);
    return State::unreachable();
  }
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
  if (t == "try_statement") return exec_try(n, std::move(s));
  if (t == "match_statement") return exec_match(n, std::move(s));
  if (t == "with_statement") {
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

State Interp::exec_if(TSNode n, State s) {
  TSNode cond = field(n, "condition");
  eval(cond, s);
  std::vector<State> outs;
  outs.push_back(block(field(n, "consequence"), narrow(cond, s, true)));
  State rest = narrow(cond, s, false);
  bool has_else = false;
  for (TSNode alt : kids(n)) {
    if (is(alt, "elif_clause")) {
      TSNode c = field(alt, "condition");
      eval(c, rest);
      outs.push_back(block(field(alt, "consequence"), narrow(c, rest, true)));
      rest = narrow(c, rest, false);
    } else if (is(alt, "else_clause")) {
      rest = block(field(alt, "body"), rest);
      has_else = true;
    }
  }
  (void)has_else;
  outs.push_back(rest);
  return join_all(outs);
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

State Interp::exec_try(TSNode n, State s) {
  try_stack_.emplace_back();
  try_stack_.back().push_back(s);
  State body = block(field(n, "body"), s);
  std::vector<State> raised = std::move(try_stack_.back());
  try_stack_.pop_back();
  State handler_entry = join_all(raised);
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
      State exceptional = handler_entry;
      block(fb, exceptional);
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
    bool none_case = ptext == "None", empty_case = ptext == "\"\"" || ptext == "''";
    if (!key.empty() && (none_case || empty_case)) {
      in = narrow_key(rest, key, false);
      if (Taint* t = rest.reachable && rest.vars.count(key) ? &rest.vars[key] : nullptr) {
        t->mask &= ~(none_case ? unsigned{kMayBeNone} : unsigned{kMayBeEmpty});
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

// ---------------------------------------------------------------------------------------------
// Expressions

std::string Interp::text(TSNode e) const {
  return std::string(text_of(e, src_));
}

std::string Interp::header_name() const {
  const auto& headers = engine_.patterns().headers;
  return headers.empty() ? "header" : headers.front();
}

std::string Interp::key_of(TSNode e) const {
  e = unparen(e);
  if (is(e, "identifier")) return text(e);
  if (is(e, "attribute")) {
    std::string base = key_of(field(e, "object"));
    if (base.empty()) return "";
    return base + "." + text(field(e, "attribute"));
  }
  return "";
}

FlowStep Interp::step(TSNode at, std::string message) const {
  return FlowStep{mod_.file().path(), mod_.span(at), std::move(message)};
}

Taint Interp::make_source(TSNode at, unsigned mask, std::string placeholder) const {
  Taint t;
  t.mask = mask;
  t.placeholder = std::move(placeholder);
  std::string header = header_name();
  t.trace = std::make_shared<const Trace>(Trace{step(at, header + " read here"), {}});
  return t;
}

Value Interp::eval(TSNode e, State& s) {
  Value v;
  if (ts_node_is_null(e) || !s.reachable) return v;
  // Very deep expressions (generated code: `a + b + ...` thousands of terms) are not followed.
  if (depth_ >= kMaxDepth) return v;
  DepthGuard guard(depth_);
  std::string_view t = type_of(e);
  if (t == "identifier" || t == "attribute") {
    std::string key = key_of(e);
    if (const Taint* taint = key.empty() ? nullptr : s.find(key)) {
      v.taint = *taint;
      return v;
    }
    if (t == "attribute") eval(field(e, "object"), s);
    return v;
  }
  if (t == "none") {
    v.literal = Value::Literal::None;
    return v;
  }
  if (t == "string" || t == "concatenated_string") return eval_string(e, s);
  if (t == "call" || t == "subscript") {
    v = t == "call" ? eval_call(e, s) : eval_subscript(e, s);
    // Remembered for conditions on the read itself: `if not request.headers.get(...):`.
    if (v.taint && v.taint->is_source()) {
      sources_at_[{ts_node_start_byte(e), ts_node_end_byte(e)}] = *v.taint;
    }
    return v;
  }
  if (t == "parenthesized_expression" || t == "await") {
    for (TSNode c : kids(e)) v = eval(c, s);
    return v;
  }
  if (t == "assignment") {
    TSNode right = field(e, "right");
    Value r = eval(right, s);
    assign(field(e, "left"), right, r, s);
    return r;
  }
  if (t == "augmented_assignment") {
    TSNode left = field(e, "left");
    Value l = eval(left, s);
    Value r = eval(field(e, "right"), s);
    Value out;
    out.taint = join(l.taint, r.taint);
    bind(left, out, s);
    return out;
  }
  if (t == "named_expression") {
    Value r = eval(field(e, "value"), s);
    bind(field(e, "name"), r, s);
    return r;
  }
  if (t == "boolean_operator") {
    TSNode left = field(e, "left"), right = field(e, "right");
    bool is_and = text(field(e, "operator")) == "and";
    Value l = eval(left, s);
    State rs = narrow(left, s, is_and);  // the right operand runs when `and`'s left is true
    Value r = eval(right, rs);
    State other = narrow(left, s, !is_and);
    if (l.taint) {
      if (is_and) {
        l.taint->missing = false;  // the falsy (missing) value itself is the result
      } else {
        l.taint->mask &= kMayBePlaceholder;  // truthy: present (unless a placeholder)
        l.taint->missing = false;
      }
    }
    s = join(other, rs);
    return join(l, r);
  }
  if (t == "conditional_expression") {
    auto parts = kids(e);
    if (parts.size() != 3) return v;
    eval(parts[1], s);
    State ts = narrow(parts[1], s, true), fs = narrow(parts[1], s, false);
    Value a = eval(parts[0], ts);
    Value b = eval(parts[2], fs);
    s = join(ts, fs);
    return join(a, b);
  }
  if (t == "binary_operator") {
    Value l = eval(field(e, "left"), s);
    Value r = eval(field(e, "right"), s);
    v.taint = join(l.taint, r.taint);
    return v;
  }
  if (t == "dictionary" || t == "list" || t == "tuple" || t == "set" || t == "expression_list" ||
      t == "pair" || t == "dictionary_splat" || t == "list_splat") {
    for (TSNode c : kids(e)) v.taint = join(v.taint, eval(c, s).taint);
    return v;
  }
  if (t == "lambda") {
    State inner = s;
    for (auto& [name, node] : parameters_of(e, src_)) inner.vars.erase(name);
    eval(field(e, "body"), inner);
    return v;
  }
  if (t == "not_operator" || t == "comparison_operator" || t == "unary_operator") {
    for (TSNode c : kids(e)) eval(c, s);
    return v;
  }
  if (t == "ERROR") return v;
  if (t == "list_comprehension" || t == "set_comprehension" || t == "generator_expression" ||
      t == "dictionary_comprehension") {
    State inner = s;
    for (TSNode c : kids(e)) eval(c, inner);
    return v;
  }
  // Anything else (yield, slices, keyword arguments outside calls): evaluate the parts for uses.
  for (TSNode c : kids(e)) eval(c, s);
  return v;
}

Value Interp::eval_string(TSNode e, State& s) {
  Value v;
  StaticString st = static_string(e, src_);
  if (st.ok) {
    v.literal = st.value.empty() ? Value::Literal::Empty : Value::Literal::String;
    v.text = st.value;
    return v;
  }
  // An f-string: derived from whatever it interpolates.
  walk(e, [&](TSNode n) {
    if (is(n, "interpolation")) {
      v.taint = join(v.taint, eval(field(n, "expression"), s).taint);
      return false;
    }
    return true;
  });
  return v;
}

unsigned Interp::default_mask(TSNode def, State& s, std::string& placeholder) {
  if (ts_node_is_null(def) || is(def, "none")) return kMayBeNone;
  StaticString d = static_string(def, src_);
  if (d.ok) {
    placeholder = d.value;
    return d.value.empty() ? kMayBeEmpty : kMayBePlaceholder;
  }
  // A computed default is evaluated as the value of a missing header (OBO005 when it is the
  // app's own credential). It may still be None.
  State missing = s;
  Taint pseudo = make_source(def, kMayBeNone, "");
  pseudo.missing = true;
  missing.vars
      ["\x01"
       "default"] = pseudo;
  eval(def, missing);
  return kMayBeNone;
}

std::optional<Taint> Interp::header_read(TSNode e, State& s) {
  std::optional<Taint> t = header_read_unchecked(e, s);
  const Taint* marker = s.find(kHeaderPresent);
  if (t && marker && !marker->unchecked()) t->mask = 0;  // after `if H not in headers: abort()`
  return t;
}

std::optional<Taint> Interp::header_read_unchecked(TSNode e, State& s) {
  const FlowPatterns& p = engine_.patterns();
  if (!p.obo004 && !p.obo005) return std::nullopt;
  if (is(e, "subscript")) {
    TSNode obj = field(e, "value");
    StaticString key = static_string(field(e, "subscript"), src_);
    if (!key.ok) return std::nullopt;
    std::string r = res_.resolve(obj), tx = strip_space(text(obj));
    if ((p.header_maps.matches(r, tx) && p.is_header_key(key.value)) ||
        (p.environ_maps.matches(r, tx) && p.is_environ_key(key.value))) {
      return make_source(e, kMayBeNone, "");
    }
    return std::nullopt;
  }
  if (!is(e, "call")) return std::nullopt;
  TSNode fn = field(e, "function");
  if (is(fn, "attribute") && text(field(fn, "attribute")) == "get") {
    TSNode obj = field(fn, "object");
    StaticString key = static_string(positional(e, 0), src_);
    if (!key.ok) key = static_string(keyword(e, "key", src_), src_);
    if (!key.ok) return std::nullopt;
    std::string r = res_.resolve(obj), tx = strip_space(text(obj));
    if ((p.header_maps.matches(r, tx) && p.is_header_key(key.value)) ||
        (p.environ_maps.matches(r, tx) && p.is_environ_key(key.value))) {
      TSNode def = positional(e, 1);
      if (ts_node_is_null(def)) def = keyword(e, "default", src_);
      std::string placeholder;
      unsigned mask = default_mask(def, s, placeholder);
      return make_source(e, mask, placeholder);
    }
    return std::nullopt;
  }
  std::string r = res_.resolve(fn), tx = strip_space(text(fn));
  if (p.attribute_getters.matches(r, tx)) {
    StaticString name = static_string(positional(e, 1), src_);
    if (name.ok && p.is_attribute_name(name.value)) {
      std::string placeholder;
      unsigned mask = default_mask(positional(e, 2), s, placeholder);
      return make_source(e, mask, placeholder);
    }
  }
  if (p.source_functions.matches(r, tx)) return make_source(e, kMayBeNone, "");
  if (p.checked_source_functions.matches(r, tx)) return make_source(e, 0, "");
  return std::nullopt;
}

Value Interp::eval_subscript(TSNode e, State& s) {
  Value v;
  if (auto src = header_read(e, s)) {
    eval(field(e, "value"), s);
    v.taint = src;
    return v;
  }
  // os.environ["DATABRICKS_TOKEN"] in a missing-token branch: OBO005.
  if (engine_.patterns().obo005 && s.in_missing_branch() && app_credentials(e)) {
    report_fallback(e, e, s);
  }
  Value base = eval(field(e, "value"), s);
  eval(field(e, "subscript"), s);
  v.taint = base.taint;  // token[7:], auth["Authorization"]: derived
  return v;
}

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
    t.add_step(step(call, "returned by " + callee->name + "()"));
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
      t.add_step(step(call, "passed through " + callee->name + "()"));
      out = join(out, std::optional<Taint>(t));
    }
  }
  return out;
}

bool Interp::app_credentials(TSNode e) {
  const FlowPatterns& p = engine_.patterns();
  e = unparen(e);
  if (is(e, "await") && ts_node_named_child_count(e) == 1) e = ts_node_named_child(e, 0);
  auto env_variable = [&](TSNode name_node) {
    StaticString name = static_string(name_node, src_);
    return name.ok && std::find(p.env_variables.begin(), p.env_variables.end(), name.value) !=
                          p.env_variables.end();
  };
  if (is(e, "subscript")) {
    TSNode obj = field(e, "value");
    return env_variable(field(e, "subscript")) &&
           p.env_maps.matches(res_.resolve(obj), strip_space(text(obj)));
  }
  if (!is(e, "call")) return false;
  std::string resolved = res_.resolve(field(e, "function"));
  if (!resolved.empty()) {
    for (const auto& d : p.default_credentials) {
      if (d.callee != resolved) continue;
      bool user = false;
      for (const auto& k : d.unless_keywords) user = user || !ts_node_is_null(keyword(e, k, src_));
      if (!user) return true;
    }
    for (const auto& k : p.service_principal_keywords) {
      if (k.callee == resolved && !ts_node_is_null(keyword(e, k.keyword, src_))) return true;
    }
    if (p.env_readers.matches(resolved, "") &&
        (env_variable(positional(e, 0)) || env_variable(keyword(e, "key", src_)))) {
      return true;
    }
  }
  // A helper of the scan that returns such a client: `def app_client(): return WorkspaceClient()`.
  if (auto callee = engine_.resolve_callee(module_, e)) {
    const Summary* sum = engine_.summary(callee->module, callee->fn);
    return sum && sum->returns_app_credentials;
  }
  return false;
}

void Interp::check_fallback(TSNode call, State& s) {
  if (!engine_.patterns().obo005 || !s.in_missing_branch()) return;
  if (app_credentials(call)) report_fallback(call, call, s);
}

Value Interp::eval_call(TSNode call, State& s) {
  Value v;
  const FlowPatterns& p = engine_.patterns();
  TSNode fn = field(call, "function");
  std::string resolved = res_.resolve(fn);
  std::string fn_text = strip_space(text(fn));

  if (auto src = header_read(call, s)) {
    eval_arguments(call, std::nullopt, false, s);
    v.taint = src;
    return v;
  }
  check_fallback(call, s);

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
  // A method of the token itself: token.strip() is the token, token.split() is not a use.
  if (is(fn, "attribute")) {
    Value obj = eval(field(fn, "object"), s);
    std::string method = text(field(fn, "attribute"));
    if (obj.taint && std::find(p.derive_methods.begin(), p.derive_methods.end(), method) !=
                         p.derive_methods.end()) {
      eval_arguments(call, std::nullopt, true, s);
      v.taint = obj.taint;
      return v;
    }
  }
  std::optional<Callee> callee = engine_.resolve_callee(module_, call);
  std::vector<Value> args;  // positional values, for summaries that pass a parameter through
  eval_arguments(call, callee, true, s, &args);
  if (!callee || !s.reachable) return v;
  const Summary* sum = engine_.summary(callee->module, callee->fn);
  if (sum && sum->never_returns) {
    record_exception(s);
    s = State::unreachable();
    return v;
  }
  v.taint = summary_source(call, callee, s, &args);
  return v;
}

void Interp::eval_arguments(TSNode call, const std::optional<Callee>& callee, bool uses, State& s,
                            std::vector<Value>* positional_values) {
  const Summary* sum = callee ? engine_.summary(callee->module, callee->fn) : nullptr;
  std::vector<std::string> names;
  if (callee) {
    for (auto& [name, node] : parameters_of(callee->fn, engine_.module(callee->module).src())) {
      names.push_back(name);
    }
  }
  int position = 0;
  std::vector<std::pair<std::string, unsigned>> checked_after;
  for (TSNode a : argument_nodes(call)) {
    TSNode value = a;
    int param = -1;
    if (is(a, "keyword_argument")) {
      value = field(a, "value");
      std::string name = text(field(a, "name"));
      for (std::size_t i = 0; i < names.size(); ++i) {
        if (names[i] == name) param = static_cast<int>(i);
      }
    } else if (!is(a, "list_splat") && !is(a, "dictionary_splat")) {
      param = position++ + (callee ? callee->offset : 0);
    }
    Value val = eval(value, s);
    if (!s.reachable) return;
    if (positional_values && !is(a, "keyword_argument") && !is(a, "list_splat") &&
        !is(a, "dictionary_splat")) {
      positional_values->push_back(val);
    }
    // A helper that raises when this argument is missing checks it: not a use.
    bool checks = sum && param >= 0 && param < static_cast<int>(sum->param_on_exit.size()) &&
                  sum->param_on_exit[param] != kAllMissing;
    if (checks) {
      std::string key = key_of(value);
      if (!key.empty()) checked_after.emplace_back(key, sum->param_on_exit[param]);
      continue;
    }
    if (uses && val.taint && val.taint->is_source() && val.taint->unchecked()) {
      report_use(call, value, val);
    }
  }
  for (auto& [key, mask] : checked_after) {
    auto it = s.vars.find(key);
    if (it != s.vars.end()) {
      it->second.mask &= mask;
      if (it->second.mask == 0) it->second.missing = false;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Assignments

void Interp::assign(TSNode target, TSNode value_node, const Value& v, State& s) {
  value_node = unparen(value_node);
  if ((is(target, "pattern_list") || is(target, "tuple_pattern") || is(target, "list_pattern")) &&
      (is(value_node, "expression_list") || is(value_node, "tuple") || is(value_node, "list"))) {
    auto targets = kids(target);
    auto values = kids(value_node);
    if (targets.size() == values.size()) {
      for (std::size_t i = 0; i < targets.size(); ++i) {
        State copy = s;
        Value element = eval(values[i], copy);  // already evaluated once: no new reports
        bind(targets[i], element, s);
      }
      return;
    }
  }
  bind(target, v, s);
}

void Interp::bind(TSNode target, const Value& v, State& s) {
  if (ts_node_is_null(target) || !s.reachable) return;
  if (is(target, "pattern_list") || is(target, "tuple_pattern") || is(target, "list_pattern") ||
      is(target, "tuple") || is(target, "list")) {
    for (TSNode t : kids(target)) bind(t, v, s);
    return;
  }
  if (is(target, "list_splat_pattern") && ts_node_named_child_count(target) > 0) {
    bind(ts_node_named_child(target, 0), v, s);
    return;
  }
  if (is(target, "subscript")) {
    // headers["Authorization"] = f"Bearer {token}": the container now holds the token.
    std::string base = key_of(field(target, "value"));
    if (base.empty() || !v.taint) return;
    Taint t = *v.taint;
    t.add_step(step(target, "stored in " + base));
    auto it = s.vars.find(base);
    s.vars[base] =
        it == s.vars.end() ? t : *join(std::optional<Taint>(it->second), std::optional<Taint>(t));
    return;
  }
  std::string key = key_of(target);
  if (key.empty()) return;
  // Rebinding a name forgets what was known about its attributes (self.x after self = ...).
  for (auto it = s.vars.lower_bound(key + ".");
       it != s.vars.end() && it->first.starts_with(key + ".");) {
    it = s.vars.erase(it);
  }
  if (!v.taint) {
    s.vars.erase(key);
    return;
  }
  Taint t = *v.taint;
  if (t.is_source()) t.add_step(step(target, "assigned to " + key));
  s.vars[key] = std::move(t);
}

// ---------------------------------------------------------------------------------------------
// Conditions

State Interp::narrow_key(const State& s, const std::string& key, bool truthy) const {
  State out = s;
  auto it = out.vars.find(key);
  if (it == out.vars.end()) return out;
  Taint& t = it->second;
  if (truthy) {
    t.mask &= kMayBePlaceholder;
    t.missing = false;
  } else if (t.mask & (kMayBeNone | kMayBeEmpty)) {
    t.missing = true;
  }
  return out;
}

State Interp::narrow(TSNode c, const State& s, bool truthy) const {
  if (!s.reachable || ts_node_is_null(c) || depth_ >= kMaxDepth) return s;
  DepthGuard guard(depth_);
  c = unparen(c);
  std::string_view t = type_of(c);
  if (t == "not_operator") return narrow(field(c, "argument"), s, !truthy);
  if (t == "boolean_operator") {
    TSNode l = field(c, "left"), r = field(c, "right");
    bool is_and = text(field(c, "operator")) == "and";
    if (is_and == truthy) {
      // `a and b` true / `a or b` false: both operands narrowed the same way.
      return narrow(r, narrow(l, s, truthy), truthy);
    }
    // `a and b` false: a false, or a true and b false (and dually for `or`).
    return join(narrow(l, s, truthy), narrow(r, narrow(l, s, !truthy), truthy));
  }
  if (t == "named_expression") return narrow_key(s, key_of(field(c, "name")), truthy);
  std::string key = key_of(c);
  if (!key.empty()) return narrow_key(s, key, truthy);
  if (t == "call" || t == "subscript") {
    auto it = sources_at_.find({ts_node_start_byte(c), ts_node_end_byte(c)});
    if (it != sources_at_.end()) {
      // A read tested directly: its falsy branch is a missing-token branch (OBO005).
      if (truthy || !(it->second.mask & (kMayBeNone | kMayBeEmpty))) return s;
      State out = s;
      Taint pseudo = it->second;
      pseudo.missing = true;
      std::string pseudo_key(1, '\x01');
      pseudo_key += text_of(c, src_);
      out.vars[pseudo_key] = pseudo;
      return out;
    }
  }
  if (t == "call") {
    TSNode fn = field(c, "function");
    std::string name = strip_space(text(fn));
    TSNode arg = positional(c, 0);
    if ((name == "bool" || name == "len") && !ts_node_is_null(arg)) return narrow(arg, s, truthy);
    if (name == "isinstance" && !ts_node_is_null(arg)) {
      std::string k = key_of(arg);
      State out = s;
      auto it = out.vars.find(k);
      if (truthy && it != out.vars.end()) {
        it->second.mask &= ~unsigned{kMayBeNone};
        if (it->second.mask == 0) it->second.missing = false;
      }
      return out;
    }
    // token.strip(), token.startswith("Bearer "): truthy only when the token is present.
    if (is(fn, "attribute") && !key_of(field(fn, "object")).empty() && truthy) {
      return narrow_key(s, key_of(field(fn, "object")), true);
    }
  }
  if (t == "comparison_operator") {
    auto ops = kids(c);
    if (ops.size() != 2) return s;
    std::string op = strip_space(src_.substr(
        ts_node_end_byte(ops[0]), ts_node_start_byte(ops[1]) - ts_node_end_byte(ops[0])));
    TSNode a = unparen(ops[0]), b = unparen(ops[1]);
    // len(token) > 0, len(token) == 0
    auto len_arg = [&](TSNode n) {
      if (is(n, "call") && strip_space(text(field(n, "function"))) == "len")
        return positional(n, 0);
      return TSNode{};
    };
    if (!ts_node_is_null(len_arg(a)) && is(b, "integer")) {
      std::string num = text(b);
      bool nonzero =
          (op == ">" && num == "0") || (op == "!=" && num == "0") || (op == ">=" && num == "1");
      bool zero =
          (op == "==" && num == "0") || (op == "<" && num == "1") || (op == "<=" && num == "0");
      if (nonzero) return narrow(len_arg(a), s, truthy);
      if (zero) return narrow(len_arg(a), s, !truthy);
      return s;
    }
    // "X-Forwarded-Access-Token" in request.headers: later reads of the header are checked
    // where it is true, and the branch where it is false is a missing-token branch.
    if (op == "in" || op == "notin") {
      const FlowPatterns& p = engine_.patterns();
      StaticString name = static_string(a, src_);
      std::string r = res_.resolve(b), tx = strip_space(text(b));
      bool header = name.ok && ((p.header_maps.matches(r, tx) && p.is_header_key(name.value)) ||
                                (p.environ_maps.matches(r, tx) && p.is_environ_key(name.value)));
      if (!header) return s;
      State out = s;
      Taint marker = make_source(c, kMayBeNone, "");
      bool present = (op == "in") == truthy;
      marker.mask = present ? 0u : unsigned{kMayBeNone};
      marker.trace = std::make_shared<const Trace>(
          Trace{step(c, std::string(text_of(a, src_)) + " tested here"), {}});
      marker.missing = !present;
      out.vars[std::string(kHeaderPresent)] = marker;
      return out;
    }
    std::string k = key_of(a);
    TSNode other = b;
    if (k.empty() || !s.find(k)) {
      k = key_of(b);
      other = a;
    }
    const Taint* taint = k.empty() ? nullptr : s.find(k);
    if (!taint) return s;
    bool eq;
    if (op == "is" || op == "==") {
      eq = true;
    } else if (op == "isnot" || op == "!=") {
      eq = false;
    } else {
      return s;
    }
    unsigned bit = 0;
    if (is(other, "none")) {
      bit = kMayBeNone;
    } else {
      StaticString lit = static_string(other, src_);
      if (!lit.ok) return s;
      if (lit.value.empty()) {
        bit = kMayBeEmpty;
      } else if ((taint->mask & kMayBePlaceholder) && lit.value == taint->placeholder) {
        bit = kMayBePlaceholder;
      } else {
        return s;
      }
    }
    State out = s;
    Taint& tt = out.vars[k];
    if (eq == truthy) {
      tt.missing = true;  // token is None / token == "NOT PRESENT"
    } else {
      tt.mask &= ~bit;
      if (tt.mask == 0) tt.missing = false;
    }
    return out;
  }
  return s;
}

// ---------------------------------------------------------------------------------------------
// Reports

namespace {

std::string where(const FlowStep& source, const std::string& path) {
  std::string at = std::to_string(source.span.line) + ":" + std::to_string(source.span.column);
  return source.path == path ? "line " + at : source.path + ":" + at;
}

}  // namespace

void Interp::report_use(TSNode call, TSNode arg, const Value& v) {
  const RuleDef* rule = engine_.patterns().obo004;
  if (mode_ != Mode::Report || !rule) return;
  const Taint& t = *v.taint;
  const std::string& path = mod_.file().path();
  Finding f;
  f.rule_id = rule->id;
  f.severity = rule->severity;
  f.path = path;
  f.span = mod_.span(arg);
  std::string detail = " (" + header_name() + " read at " + where(t.source(), path);
  if (t.mask == kMayBePlaceholder && !t.missing) {
    detail += "; its default \"" + t.placeholder + "\" is not caught by a truthiness check";
  }
  f.message = rule->message + detail + ")";
  f.fingerprint_text = rule->id + ":" + scope_ + ":" + strip_space(text(field(call, "function"))) +
                       ":" + strip_space(text(arg));
  f.related.push_back({t.source().path, t.source().span, t.source().message});
  f.flow.push_back(t.source());
  for (const auto& st : t.steps()) f.flow.push_back(st);
  f.flow.push_back(step(arg, "used here without a presence check"));
  engine_.report(std::move(f));
}

void Interp::report_fallback(TSNode at, TSNode call, const State& s) {
  const RuleDef* rule = engine_.patterns().obo005;
  const Taint* t = s.missing_source();
  if (mode_ != Mode::Report || !rule || !t) return;
  // One finding per fallback: not again for Config() inside WorkspaceClient(config=Config()).
  uint32_t begin = ts_node_start_byte(at), end = ts_node_end_byte(at);
  for (const auto& [b, e] : fallback_ranges_) {
    if (b <= begin && end <= e) return;
  }
  fallback_ranges_.emplace_back(begin, end);
  const std::string& path = mod_.file().path();
  Finding f;
  f.rule_id = rule->id;
  f.severity = rule->severity;
  f.path = path;
  f.span = mod_.span(at);
  f.message = rule->message + " (" + header_name() + " read at " + where(t->source(), path) + ")";
  TSNode fn = is(call, "call") ? field(call, "function") : call;
  f.fingerprint_text = rule->id + ":" + scope_ + ":" + strip_space(text(fn));
  f.related.push_back({t->source().path, t->source().span, t->source().message});
  f.flow.push_back(t->source());
  for (const auto& st : t->steps()) f.flow.push_back(st);
  f.flow.push_back(step(at, "the missing token falls back to the app's own credentials here"));
  engine_.report(std::move(f));
}

}  // namespace obolint::py::flow
