// The pattern kinds of CallRules that look at values rather than calls: [[python.string]] regexes
// over string values, and connection arguments collected in a dict before the call.
#include <algorithm>

#include "core/redact.h"
#include "python/call_rules.h"
#include "python/ts_util.h"

namespace obolint::py {
namespace {

constexpr char kInterpolation = '\x01';  // an f-string's {…} inside a value

// The value of a string node with its interpolations as U+0001 (f"AuthMech=11;Auth_Flow={f}"),
// and whether it is written plainly enough to map offsets back (no escapes, one piece).
std::string string_value(TSNode n, std::string_view src) {
  StaticString s = static_string(n, src);
  if (s.ok) return s.value;
  std::string out;
  for (TSNode part : named_children(n)) {
    if (is(part, "string")) {
      // f"jdbc:...;" f"AuthMech=11;Auth_Flow=1;" f"...": an implicit concatenation of f-strings
      // is one value (one level: the grammar nests no deeper).
      out += string_value(part, src);
    } else if (is(part, "string_content")) {
      out += text_of(part, src);
    } else if (is(part, "interpolation")) {
      out += kInterpolation;
    }
  }
  return out;
}

// The piece of an implicit concatenation that holds byte `offset` of its value (the line a reader
// looks at: `f"AuthMech=11;Auth_Flow=1;"` among the lines of a JDBC URL); `n` itself otherwise.
TSNode piece_at(TSNode n, std::size_t offset, std::string_view src) {
  if (!is(n, "concatenated_string")) return n;
  std::size_t at = 0;
  for (TSNode part : named_children(n)) {
    if (!is(part, "string")) continue;
    at += string_value(part, src).size();
    if (offset < at) return part;
  }
  return n;
}

}  // namespace

void CallRules::check_string_patterns(const Resolver& r, TSNode n,
                                      std::vector<Finding>& out) const {
  if (string_rules_.empty()) return;
  std::string_view src = r.module().src();
  std::string value;
  TSNode report_at = n;
  std::size_t key_length = 0;  // a pair's value starts after "key="
  if (is(n, "pair")) {
    // {"grant_type": "client_credentials"}: the pair as "key=value".
    StaticString key = static_string(field(n, "key"), src);
    TSNode v = field(n, "value");
    if (!key.ok || !(is(v, "string") || is(v, "concatenated_string"))) return;
    value = key.value + "=" + string_value(v, src);
    key_length = key.value.size() + 1;
    report_at = v;
  } else {
    value = string_value(n, src);
  }
  if (value.empty()) return;
  std::string_view file = r.module().file().content();
  for (const auto& p : string_rules_) {
    auto m = p.regex->find(value);
    if (m.empty()) continue;
    if (!p.context.empty() && std::none_of(p.context.begin(), p.context.end(),
                                           [&](const Regex* c) { return c->search(file); })) {
      continue;
    }
    if (std::any_of(p.unless.begin(), p.unless.end(),
                    [&](const Regex* u) { return u->search(file); })) {
      continue;
    }
    const Group& g = m[static_cast<std::size_t>(std::min<int>(p.report_group, m.size() - 1))];
    std::string shown(g.in(value));
    std::replace(shown.begin(), shown.end(), kInterpolation, '*');
    Finding f =
        make(r, *p.rule, piece_at(report_at, m[0].begin - std::min(m[0].begin, key_length), src),
             p.description + " (" + secrets_.redact_all(shown) + "): " + p.rule->message);
    f.fingerprint_text = p.rule->id + ":" + shown;
    out.push_back(std::move(f));
  }
}

namespace {

// True when the dict goes to a call: splatted or passed as an argument directly, or bound to a
// name that is (`kwargs = dict(...)` then `connect(**kwargs)` or `helper(kwargs)`).
bool passed_to_a_call(TSNode dict, std::string_view src) {
  TSNode parent = ts_node_parent(dict);
  if (is(parent, "dictionary_splat") || is(parent, "argument_list")) return true;
  if (!is(parent, "assignment") || !is(field(parent, "left"), "identifier")) return false;
  std::string_view name = text_of(field(parent, "left"), src);
  TSNode scope = enclosing(dict, "function_definition");
  TSNode root = ts_node_is_null(scope) ? parent : field(scope, "body");
  while (ts_node_is_null(scope) && !ts_node_is_null(ts_node_parent(root)))
    root = ts_node_parent(root);
  bool found = false;
  walk(root, [&](TSNode n) {
    if (found) return false;
    if (is(n, "argument_list")) {
      for (TSNode a : named_children(n)) {
        TSNode v = is(a, "dictionary_splat") && ts_node_named_child_count(a) == 1
                       ? ts_node_named_child(a, 0)
                       : a;
        if (is(v, "identifier") && text_of(v, src) == name) found = true;
      }
    }
    return !found;
  });
  return found;
}

}  // namespace

void CallRules::check_kwargs_dict(const Resolver& r, TSNode dict, std::vector<Finding>& out) const {
  std::string_view src = r.module().src();
  if (keyword_rules_.empty() || !passed_to_a_call(dict, src)) return;
  for (const auto& p : keyword_rules_) {
    // The callee's package must be imported here: `from databricks import sql`.
    std::string package = p.callee.substr(0, p.callee.rfind('.'));
    bool imported = std::any_of(r.imports().begin(), r.imports().end(), [&](const auto& kv) {
      return kv.second == package || kv.second.rfind(package + ".", 0) == 0;
    });
    if (!imported) continue;
    auto report = [&](TSNode at) {
      Finding f = make(r, *p.rule, at, p.rule->message);
      f.fingerprint_text = p.rule->id + ":" + p.callee + ":" + p.keyword;
      out.push_back(std::move(f));
    };
    if (is(dict, "call")) {
      for (TSNode a : named_children(field(dict, "arguments"))) {
        if (is(a, "keyword_argument") && text_of(field(a, "name"), src) == p.keyword) report(a);
      }
      continue;
    }
    for (TSNode pair : named_children(dict)) {
      if (!is(pair, "pair")) continue;
      StaticString key = static_string(field(pair, "key"), src);
      if (key.ok && key.value == p.keyword) report(pair);
    }
  }
}

}  // namespace obolint::py
