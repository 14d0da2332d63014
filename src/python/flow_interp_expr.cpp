// The flow interpreter's expressions and assignments: what value (taint) an expression has.
#include "python/flow_interp.h"

#include <algorithm>

#include "python/flow_interp_internal.h"

namespace obolint::py::flow {
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
  // `(token := read()) is None`: the test is on the name it binds.
  if (is(e, "named_expression")) return key_of(field(e, "name"));
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
  if (t == "identifier" || t == "attribute") return eval_name(e, s);
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
  if (t == "assignment" || t == "augmented_assignment" || t == "named_expression") {
    return eval_assignment(e, s);
  }
  if (t == "boolean_operator") return eval_boolean(e, s);
  if (t == "conditional_expression") {
    auto parts = kids(e);
    if (parts.size() != 3) return v;
    eval(parts[1], s);
    State ts = narrow(parts[1], s, true), fs = narrow(parts[1], s, false);
    Value a = eval(parts[0], ts);
    Value b = eval(parts[2], fs);
    s = join(ts, fs);
    // `SecretStr(token) if token else None`: the value is None when the token is missing.
    for (auto [tainted, other] : {std::pair{&a, &b}, std::pair{&b, &a}}) {
      if (tainted->taint && !other->taint && tainted->taint->is_source() &&
          !tainted->taint->client && other->literal == Value::Literal::None) {
        tainted->taint->mask |= kMayBeNone;
      } else if (tainted->taint && !other->taint && tainted->taint->is_source() &&
                 !tainted->taint->client && other->literal == Value::Literal::Empty) {
        tainted->taint->mask |= kMayBeEmpty;
      }
    }
    return join(a, b);
  }
  if (t == "binary_operator" || t == "pair") return eval_credential_parts(e, s);
  if (t == "dictionary" || t == "list" || t == "tuple" || t == "set" || t == "expression_list" ||
      t == "dictionary_splat" || t == "list_splat") {
    for (TSNode c : kids(e)) v.taint = join(v.taint, eval(c, s).taint);
    return v;
  }
  if (t == "lambda") {
    State inner = s;
    for (auto& [name, node] : parameters_of(e, src_)) inner.vars.erase(name);
    eval(field(e, "body"), inner);
    return v;
  }
  if (t == "ERROR") return v;
  if (t == "list_comprehension" || t == "set_comprehension" || t == "generator_expression" ||
      t == "dictionary_comprehension") {
    return eval_comprehension(e, s);
  }
  // Anything else (not, comparisons, yield, slices, keyword arguments outside calls): evaluate
  // the parts for uses.
  for (TSNode c : kids(e)) eval(c, s);
  return v;
}

// The whole header mapping taken as a value (`dict(request.headers)`, `st.json(headers.to_dict())`,
// `print(request.headers)`), not read by key: it holds the token whenever the user has one. A
// value present by definition (a dump is not an unchecked use): what matters is where it goes.
bool Interp::is_header_dump(TSNode e) const {
  const FlowPatterns& p = engine_.patterns();
  // Every attribute read passes here: its last name first, resolution only for `.headers`.
  const auto& names = p.header_dump_names;
  if (std::find(names.begin(), names.end(), text(field(e, "attribute"))) == names.end()) {
    return false;
  }
  if (!p.header_dump_maps.matches(res_.resolve(e), strip_space(text(e)))) return false;
  TSNode parent = ts_node_parent(e);
  // headers.get(...), headers[...], "X" in headers, for k in headers: reads, not dumps.
  if (is(parent, "attribute") && ts_node_eq(field(parent, "object"), e)) {
    std::string_view method = text_of(field(parent, "attribute"), src_);
    return method == "to_dict" || method == "items" || method == "copy" || method == "values";
  }
  if (is(parent, "subscript") || is(parent, "comparison_operator") || is(parent, "for_statement") ||
      is(parent, "for_in_clause")) {
    return false;
  }
  return true;
}

Value Interp::eval_comprehension(TSNode e, State& s) {
  Value v;
  // The clauses bind their targets first (`for k, v in headers.items()`), then the element is
  // what the comprehension is made of: derived from what it reads. A filtered one (`if`) is
  // not followed: filters over header dumps are how apps leave the token out.
  State inner = s;
  std::vector<TSNode> parts = kids(e);
  bool filtered =
      std::any_of(parts.begin(), parts.end(), [](TSNode c) { return is(c, "if_clause"); });
  for (TSNode c : parts) {
    if (!is(c, "for_in_clause")) continue;
    Value from = eval(field(c, "right"), inner);
    bind(field(c, "left"), from, inner);
  }
  for (TSNode c : parts) {
    if (is(c, "for_in_clause")) continue;
    Value element = eval(c, inner);
    if (element.taint && !filtered) v.taint = join(v.taint, element.taint);
  }
  return v;
}

Value Interp::eval_name(TSNode e, State& s) {
  Value v;
  std::string key = key_of(e);
  if (const Taint* taint = key.empty() ? nullptr : s.find(key)) {
    v.taint = *taint;
    return v;
  }
  if (is(e, "attribute") && is_header_dump(e)) {
    Taint dump = make_source(e, 0, "");
    dump.add_step(step(e, "every request header taken at once, the token among them"));
    v.taint = dump;
    return v;
  }
  if (auto app = s.apps.find(key); !key.empty() && app != s.apps.end()) v.app = app->second;
  // Kept by another function: self.bearer set in __init__, a module's global.
  if (auto kept = read_cell_at(e)) {
    v.taint = kept;
    return v;
  }
  if (is(e, "identifier")) check_fallback(e, s);  // a module's own service-principal client
  if (is(e, "attribute")) v.app = stronger(v.app, eval(field(e, "object"), s).app);
  return v;
}

Value Interp::eval_assignment(TSNode e, State& s) {
  if (is(e, "assignment")) {
    TSNode right = field(e, "right");
    Value r = eval(right, s);
    assign(field(e, "left"), right, r, s);
    return r;
  }
  if (is(e, "augmented_assignment")) {
    TSNode left = field(e, "left");
    Value l = eval(left, s);
    Value r = eval(field(e, "right"), s);
    Value out;
    out.taint = join(l.taint, r.taint);
    bind(left, out, s);
    return out;
  }
  Value r = eval(field(e, "value"), s);  // named_expression
  bind(field(e, "name"), r, s);
  return r;
}

Value Interp::eval_boolean(TSNode e, State& s) {
  TSNode left = field(e, "left"), right = field(e, "right");
  bool is_and = text(field(e, "operator")) == "and";
  Value l = eval(left, s);
  State rs = narrow(left, s, is_and);  // the right operand runs when `and`'s left is true
  Value r = eval(right, rs);
  State other = narrow(left, s, !is_and);
  unsigned left_mask = l.taint ? l.taint->mask : 0u;
  if (l.taint) {
    if (!is_and)
      l.taint->mask &= kMayBePlaceholder;  // `or`'s left result: present (or a placeholder)
    l.taint->missing = false;              // `and`: the falsy (missing) value itself is the result
    l.taint->may_missing = false;
  }
  s = join(other, rs);
  Value out = join(l, r);
  // `obo or os.environ.get(...)`: when the token is missing the value is something else, which
  // may be missing too: a later `if not token:` is still the missing case (OBO005), though the
  // value is not unchecked (the missing case was answered, rightly or not).
  if (!is_and && out.taint && !r.taint && r.literal == Value::Literal::Other && rs.reachable &&
      (left_mask & (kMayBeNone | kMayBeEmpty))) {
    out.taint->replaced = true;
  }
  return out;
}

Value Interp::eval_credential_parts(TSNode e, State& s) {
  const Regex* auth = engine_.patterns().credential_text;
  Value v;
  if (is(e, "binary_operator")) {
    Value l = eval(field(e, "left"), s);
    Value r = eval(field(e, "right"), s);
    v.taint = join(l.taint, r.taint);
    // "Bearer " + token: an Authorization value.
    if (v.taint && auth &&
        ((l.literal == Value::Literal::String && auth->search(l.text)) ||
         (r.literal == Value::Literal::String && auth->search(r.text)))) {
      v.taint->credential = true;
    }
    return v;
  }
  Value key = eval(field(e, "key"), s);  // a dict pair
  v.taint = eval(field(e, "value"), s).taint;
  // {"Authorization": ...}: the mapping is a set of credentials (headers) wherever it goes.
  if (v.taint && auth && key.literal == Value::Literal::String && auth->search(key.text)) {
    v.taint->credential = true;
  }
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
  // f"Bearer {token}", f"...;PWD={token}": a credential.
  const Regex* auth = engine_.patterns().credential_text;
  if (v.taint && auth && auth->search(text(e))) v.taint->credential = true;
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
  if (is(e, "subscript")) {
    TSNode obj = field(e, "value");
    std::optional<std::string> key_text = constant_string(field(e, "subscript"));
    if (!key_text) return std::nullopt;
    StaticString key{true, *key_text};
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
    std::optional<std::string> key_text = constant_string(positional(e, 0));
    if (!key_text) key_text = constant_string(keyword(e, "key", src_));
    if (!key_text) return std::nullopt;
    StaticString key{true, *key_text};
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
    if (!raising_reads_.empty()) raising_reads_.back() = src;  // KeyError when it is missing
    return v;
  }
  // os.environ["DATABRICKS_TOKEN"] in a missing-token branch: OBO005.
  check_fallback(e, s);
  Value base = eval(field(e, "value"), s);
  TSNode index = field(e, "subscript");
  eval(index, s);
  v.taint = base.taint;  // token[7:], auth["Authorization"]: derived
  v.app = base.app;
  // token[:8], token[-4:]: a few characters that name the token without giving it away.
  if (v.taint && is(index, "slice")) {
    auto parts = kids(index);
    std::string_view slice = text_of(index, src_);
    bool from_start = !slice.empty() && slice.front() == ':';
    bool from_end = !parts.empty() && is(parts.front(), "unary_operator") && !slice.ends_with(":]");
    v.taint->partial = from_start || (from_end && slice.back() == ':');
  }
  return v;
}

// ---------------------------------------------------------------------------------------------
// Assignments

void Interp::assign(TSNode target, TSNode value_node, const Value& v, State& s) {
  value_node = unparen(value_node);
  if (v.taint && v.taint->is_source() && mode_ == Mode::Report && s.reachable) {
    TSNode t = unparen(target);
    if (is(t, "subscript")) {
      // os.environ["DATABRICKS_TOKEN"] = token: every later request (and child) reads it.
      TSNode obj = field(t, "value");
      if (engine_.patterns().env_maps.matches(res_.resolve(obj), strip_space(text(obj)))) {
        record_use(value_node, strip_space(text(obj)), v, facts::Sink::Environment);
      }
    }
    if (auto kind = store_kind(t)) record_store(t, v, *kind);
  }
  // A helper keeping its parameter (or a client built with it) in shared state: for its callers.
  if (v.taint && v.taint->param >= 0 && mode_ == Mode::Summary && s.reachable) {
    TSNode t = unparen(target);
    if (auto kind = store_kind(t)) record_store(t, v, *kind);
  }
  write_cell(cell_of_target(target), target, v);
  if (is(target, "identifier")) {
    std::string name = text(target);
    std::string_view vt = type_of(value_node);
    bool test = vt == "comparison_operator" || vt == "not_operator" || vt == "boolean_operator";
    if (vt == "call") {
      std::string f = strip_space(text(field(value_node, "function")));
      test = f == "bool" || f == "len" || f == "isinstance" || f == "all" || f == "any";
    }
    if (test) {
      s.aliases[name] = value_node;
    } else {
      s.aliases.erase(name);
    }
  }
  if (unpack_helper_tuple(target, value_node, v, s)) return;
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

bool Interp::unpack_helper_tuple(TSNode target, TSNode value_node, const Value& v, State& s) {
  if (!v.taint || !(is(target, "pattern_list") || is(target, "tuple_pattern"))) return false;
  TSNode call = is(value_node, "await") ? unparen(first_child(value_node)) : value_node;
  if (!is(call, "call")) return false;
  auto callee = engine_.resolve_callee(module_, call);
  const Summary* sum = callee ? engine_.summary(callee->module, callee->fn) : nullptr;
  auto targets = kids(target);
  if (!sum || sum->returns_elements.size() != targets.size()) return false;
  // `identity, token, role = require_role(req)`: only the elements the helper returns the token
  // in hold it (or a client built with it: `role` from a helper that connected).
  for (std::size_t i = 0; i < targets.size(); ++i) {
    Value element;
    if (sum->returns_elements[i] != Element::Other) {
      element = v;
      element.taint->client = sum->returns_elements[i] == Element::Client;
    }
    bind(targets[i], element, s);
  }
  return true;
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
  if (v.app != AppCredentials::None) {
    s.apps[key] = v.app;
  } else {
    s.apps.erase(key);
  }
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

}  // namespace obolint::py::flow
