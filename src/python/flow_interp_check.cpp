// The flow interpreter's conditions (narrowing the state on a check) and its reports.
#include <cstdlib>

#include "python/flow_interp.h"

#include <algorithm>

#include "python/flow_interp_internal.h"

namespace obolint::py::flow {
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
    t.may_missing = false;
  } else if ((t.mask & (kMayBeNone | kMayBeEmpty)) || t.replaced) {
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
  if (!key.empty()) {
    // `if has_token:` where has_token = bool(token): the test it stands for.
    if (auto alias = s.aliases.find(key); alias != s.aliases.end() && !s.find(key)) {
      return narrow(alias->second, s, truthy);
    }
    if (!s.find(key) && is(c, "attribute")) {
      // `if not headers.token:` where the attribute is a cell (another function kept it): the
      // test narrows what this function reads from here on.
      if (auto kept = read_cell_at(c)) {
        State in = s;
        in.vars[key] = *kept;
        return narrow_key(in, key, truthy);
      }
    }
    return narrow_key(s, key, truthy);
  }
  if (t == "call" || t == "subscript") {
    if (auto tested = narrow_tested_read(c, s, truthy)) return *tested;
  }
  if (t == "call") return narrow_call(c, s, truthy);
  if (t == "comparison_operator") return narrow_comparison(c, s, truthy);
  return s;
}

std::optional<State> Interp::narrow_tested_read(TSNode c, const State& s, bool truthy) const {
  auto it = sources_at_.find({ts_node_start_byte(c), ts_node_end_byte(c)});
  if (it == sources_at_.end()) return std::nullopt;
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

State Interp::narrow_call(TSNode c, const State& s, bool truthy) const {
  TSNode fn = field(c, "function");
  std::string name = strip_space(text(fn));
  TSNode arg = positional(c, 0);
  if ((name == "bool" || name == "len") && !ts_node_is_null(arg)) return narrow(arg, s, truthy);
  // all([token, email]) true: each element true; any([...]) false: each element false.
  if ((name == "all" || name == "any") && (is(arg, "list") || is(arg, "tuple"))) {
    if ((name == "all") != truthy) return s;
    State out = s;
    for (TSNode el : kids(arg)) out = narrow(el, out, truthy);
    return out;
  }
  if (name == "isinstance" && !ts_node_is_null(arg)) {
    State out = s;
    auto it = out.vars.find(key_of(arg));
    if (truthy && it != out.vars.end()) {
      it->second.mask &= ~unsigned{kMayBeNone};
      if (it->second.mask == 0) it->second.missing = it->second.may_missing = false;
    }
    return out;
  }
  // token.strip(), token.startswith("Bearer "): truthy only when the token is present.
  if (is(fn, "attribute") && !key_of(field(fn, "object")).empty() && truthy) {
    return narrow_key(s, key_of(field(fn, "object")), true);
  }
  return s;
}

State Interp::narrow_comparison(TSNode c, const State& s, bool truthy) const {
  auto ops = kids(c);
  if (ops.size() != 2) return s;
  std::string op = strip_space(
      src_.substr(ts_node_end_byte(ops[0]), ts_node_start_byte(ops[1]) - ts_node_end_byte(ops[0])));
  TSNode a = unparen(ops[0]), b = unparen(ops[1]);
  // len(token) > 0, len(token) == 0
  auto len_arg = [&](TSNode n) {
    if (is(n, "call") && strip_space(text(field(n, "function"))) == "len") return positional(n, 0);
    return TSNode{};
  };
  if (!ts_node_is_null(len_arg(a)) && is(b, "integer")) {
    TSNode arg = unparen(len_arg(a));
    // len(token or "") measures the token: the empty default is what a missing one gives.
    if (is(arg, "boolean_operator") && text(field(arg, "operator")) == "or") {
      StaticString dflt = static_string(field(arg, "right"), src_);
      if (dflt.ok && dflt.value.empty()) arg = unparen(field(arg, "left"));
    }
    long n = std::strtol(text(b).c_str(), nullptr, 10);
    // Which outcome proves the length at least 1 (present), and which proves it 0 (missing).
    bool at_least_one_if_true = (op == ">" && n >= 0) || (op == ">=" && n >= 1) ||
                                (op == "!=" && n == 0) || (op == "==" && n >= 1);
    bool at_least_one_if_false =
        (op == "<" && n >= 1) || (op == "<=" && n >= 0) || (op == "==" && n == 0);
    bool zero_if_true = (op == "==" && n == 0) || (op == "<" && n == 1) || (op == "<=" && n == 0);
    bool zero_if_false = (op == ">" && n == 0) || (op == "!=" && n == 0) || (op == ">=" && n == 1);
    if ((truthy && at_least_one_if_true) || (!truthy && at_least_one_if_false)) {
      return narrow(arg, s, true);
    }
    if ((truthy && zero_if_true) || (!truthy && zero_if_false)) return narrow(arg, s, false);
    return s;  // `len(token) < 10` true: short, maybe empty, maybe not
  }
  if (op == "in" || op == "notin") return narrow_membership(c, a, b, op == "in", s, truthy);
  return narrow_equality(a, b, op, s, truthy);
}

State Interp::narrow_membership(TSNode c, TSNode a, TSNode b, bool in, const State& s,
                                bool truthy) const {
  // token in (None, ""): a membership test among the missing values.
  if ((is(b, "tuple") || is(b, "list") || is(b, "set")) && !key_of(a).empty() &&
      s.find(key_of(a))) {
    unsigned bits = 0;
    for (TSNode el : kids(b)) {
      StaticString lit = static_string(el, src_);
      if (is(el, "none")) {
        bits |= kMayBeNone;
      } else if (lit.ok && lit.value.empty()) {
        bits |= kMayBeEmpty;
      } else {
        return s;  // another value among them: not a test of presence
      }
    }
    if (bits == 0) return s;
    State out = s;
    Taint& tt = out.vars[key_of(a)];
    if (in == truthy) {
      tt.missing = true;
    } else {
      tt.mask &= ~bits;
      if (tt.mask == 0) tt.missing = tt.may_missing = false;
    }
    return out;
  }
  // "X-Forwarded-Access-Token" in request.headers: later reads of the header are checked
  // where it is true, and the branch where it is false is a missing-token branch.
  const FlowPatterns& p = engine_.patterns();
  StaticString name = static_string(a, src_);
  std::string r = res_.resolve(b), tx = strip_space(text(b));
  bool header = name.ok && ((p.header_maps.matches(r, tx) && p.is_header_key(name.value)) ||
                            (p.environ_maps.matches(r, tx) && p.is_environ_key(name.value)));
  if (!header) return s;
  State out = s;
  Taint marker = make_source(c, kMayBeNone, "");
  bool present = in == truthy;
  marker.mask = present ? 0u : unsigned{kMayBeNone};
  marker.trace = std::make_shared<const Trace>(
      Trace{step(c, std::string(text_of(a, src_)) + " tested here"), {}});
  marker.missing = !present;
  out.vars[std::string(kHeaderPresent)] = marker;
  return out;
}

State Interp::narrow_equality(TSNode a, TSNode b, const std::string& op, const State& s,
                              bool truthy) const {
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
    if (tt.mask == 0) tt.missing = tt.may_missing = false;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Facts

void Interp::report_fallback(TSNode at, TSNode call, const State& s) {
  const Taint* t = s.missing_source();
  if (mode_ != Mode::Report || !t) return;
  // One fact per fallback: not again for Config() inside WorkspaceClient(config=Config()).
  uint32_t begin = ts_node_start_byte(at), end = ts_node_end_byte(at);
  for (const auto& [b, e] : fallback_ranges_) {
    if (b <= begin && end <= e) return;
  }
  fallback_ranges_.emplace_back(begin, end);
  facts::CredentialFallback fb;
  fb.at = {mod_.file().path(), mod_.span(at)};
  TSNode fn = is(call, "call") ? field(call, "function") : call;
  fb.construct = strip_space(text(fn));
  fb.scope = scope_;
  fb.trace = t->trace;
  engine_.record(std::move(fb));
}

}  // namespace obolint::py::flow
