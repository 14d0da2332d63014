#include "python/call_rules.h"

#include <algorithm>
#include <array>
#include <cmath>

#include "core/redact.h"
#include "python/ts_util.h"

namespace obolint::py {
namespace {

template <class F>
void for_each_entry(const RuleDef& rule, const char* section, F&& f) {
  const auto* arr = rule.data["python"][section].as_array();
  if (!arr) return;
  for (const auto& node : *arr) {
    if (const auto* t = node.as_table()) f(*t);
  }
}

// A literal that names a value rather than holding one: "${TOKEN}", "{{ token }}", "<token>".
bool is_template_reference(const std::string& v) {
  return v.find("${") != std::string::npos || v.find("{{") != std::string::npos ||
         (v.size() >= 2 && v.front() == '<' && v.back() == '>');
}

// Bits per character of a value's characters: random tokens score high, words low.
double shannon_entropy(std::string_view v) {
  if (v.empty()) return 0.0;
  std::array<int, 256> count{};
  for (unsigned char c : v) ++count[c];
  double h = 0.0;
  for (int n : count) {
    if (n == 0) continue;
    double p = static_cast<double>(n) / static_cast<double>(v.size());
    h -= p * std::log2(p);
  }
  return h;
}

// Keyword name of an argument node, "" when positional.
std::string_view keyword_name(TSNode arg, std::string_view src) {
  return is(arg, "keyword_argument") ? text_of(field(arg, "name"), src) : std::string_view{};
}

}  // namespace

CallRules::CallRules(const RuleSet& rules, const std::vector<const RuleDef*>& active,
                     const SecretScanner& secrets)
    : secrets_(secrets), active_(active) {
  for (const RuleDef* r : active) {
    const RuleDef& rule = *r;
    auto placeholder = [&](const toml::table& t) -> const Regex* {
      auto p = t["placeholder_regex"].value<std::string>();
      return p ? &rules.regex(*p) : nullptr;
    };
    for_each_entry(rule, "call_keyword", [&](const toml::table& t) {
      keyword_rules_.push_back({&rule, string_or(t["callee"]), string_or(t["keyword"]),
                                static_cast<int>(t["position"].value_or(-1)), nullptr,
                                string_array(t["unless_value"])});
    });
    for_each_entry(rule, "call", [&](const toml::table& t) {
      call_rules_.push_back({&rule, string_or(t["callee"])});
    });
    for_each_entry(rule, "literal_argument", [&](const toml::table& t) {
      literal_rules_.push_back({&rule, string_or(t["callee"]), string_or(t["keyword"]),
                                static_cast<int>(t["position"].value_or(-1)), placeholder(t)});
    });
    for_each_entry(rule, "env_default", [&](const toml::table& t) {
      env_rules_.push_back({&rule, string_array(t["callees"]),
                            &rules.regex(string_or(t["variable_regex"])), placeholder(t)});
    });
    for_each_entry(rule, "bearer_literal", [&](const toml::table& t) {
      bearer_rules_.push_back({&rule, &rules.regex(string_or(t["regex"])), placeholder(t),
                               static_cast<int>(t["min_length"].value_or(0)),
                               t["min_entropy"].value_or(0.0)});
    });
    for_each_entry(rule, "string", [&](const toml::table& t) {
      StringPattern sp{&rule,
                       string_or(t["description"]),
                       &rules.regex(string_or(t["regex"])),
                       static_cast<int>(t["report_group"].value_or(0)),
                       {},
                       {}};
      for (const auto& c : string_array(t["context"])) sp.context.push_back(&rules.regex(c));
      for (const auto& u : string_array(t["unless"])) sp.unless.push_back(&rules.regex(u));
      string_rules_.push_back(std::move(sp));
    });
  }
  auto add_name = [&](std::string callee) {
    if (callee.ends_with("()")) callee.resize(callee.size() - 2);
    method_names_.insert(callee.substr(callee.rfind('.') + 1));
  };
  for (const auto& p : keyword_rules_) add_name(p.callee);
  for (const auto& p : call_rules_) add_name(p.callee);
  for (const auto& p : literal_rules_) add_name(p.callee);
  for (const auto& p : env_rules_) {
    for (const auto& c : p.callees) add_name(c);
  }
}

Finding CallRules::make(const Resolver& r, const RuleDef& rule, TSNode at,
                        std::string message) const {
  Finding f;
  f.rule_id = rule.id;
  f.severity = rule.severity;
  f.path = r.module().file().path();
  f.span = r.module().span(at);
  // A literal is reported at its content, so the quotes stay visible around the redaction.
  if (is(at, "string") && ts_node_child_count(at) >= 2) {
    TSNode open = ts_node_child(at, 0), close = ts_node_child(at, ts_node_child_count(at) - 1);
    if (is(open, "string_start") && is(close, "string_end")) {
      f.span = r.module().file().span_of(ts_node_end_byte(open), ts_node_start_byte(close));
    }
  }
  f.message = std::move(message);
  return f;
}

void CallRules::check(const Resolver& r, std::vector<Finding>& out) const {
  walk(r.module().root(), [&](TSNode n) {
    std::string_view t = type_of(n);
    if (t == "call") {
      check_call(r, n, out);
      if (text_of(field(n, "function"), r.module().src()) == "dict") check_kwargs_dict(r, n, out);
    } else if (t == "dictionary") {
      check_kwargs_dict(r, n, out);
    } else if (t == "pair") {
      check_string_patterns(r, n, out);
    } else if (t == "string" || t == "concatenated_string") {
      check_string(r, n, out);
      check_string_patterns(r, n, out);
      return false;  // pieces of a concatenation are checked as one value
    }
    return true;
  });
}

void CallRules::check_call(const Resolver& r, TSNode call, std::vector<Finding>& out) const {
  TSNode fn = field(call, "function");
  if (is(fn, "attribute") &&
      !method_names_.count(text_of(field(fn, "attribute"), r.module().src()))) {
    return;
  }
  std::string callee = r.resolve(fn);
  if (callee.empty()) return;
  std::string_view src = r.module().src();
  TSNode args = field(call, "arguments");
  for (const auto& p : keyword_rules_) {
    if (p.callee == callee) report_keyword(r, p, args, out);
  }
  for (const auto& p : call_rules_) {
    if (p.callee != callee) continue;
    TSNode name = is(fn, "attribute") ? field(fn, "attribute") : fn;
    Finding f = make(r, *p.rule, name, p.rule->message);
    f.span.end_line = r.module().span(call).end_line;
    f.span.end_column = r.module().span(call).end_column;
    f.fingerprint_text = p.rule->id + ":" + std::string(text_of(fn, src));
    out.push_back(std::move(f));
  }
  if (!is(args, "argument_list")) return;
  auto arg_nodes = named_children(args);
  for (const auto& p : literal_rules_) {
    if (p.callee != callee) continue;
    int positional = 0;
    for (TSNode a : arg_nodes) {
      if (is(a, "keyword_argument")) {
        if (keyword_name(a, src) == p.keyword) report_literal(r, p, field(a, "value"), out);
      } else if (!is(a, "list_splat") && !is(a, "dictionary_splat") && !is(a, "comment")) {
        if (positional++ == p.position) report_literal(r, p, a, out);
      }
    }
  }
  for (const auto& p : env_rules_) {
    if (std::find(p.callees.begin(), p.callees.end(), callee) == p.callees.end()) continue;
    TSNode variable{}, fallback{};
    int positional = 0;
    for (TSNode a : arg_nodes) {
      if (is(a, "keyword_argument")) {
        std::string_view k = keyword_name(a, src);
        if (k == "default") fallback = field(a, "value");
        if (k == "key") variable = field(a, "value");
      } else if (!is(a, "comment")) {
        if (positional == 0) variable = a;
        if (positional == 1) fallback = a;
        ++positional;
      }
    }
    StaticString var = static_string(variable, src);
    StaticString def = static_string(fallback, src);
    if (!var.ok || !def.ok || def.value.empty() || is_template_reference(def.value)) continue;
    if (p.placeholder && p.placeholder->search(def.value)) continue;
    if (!p.variable->search(var.value)) continue;
    Finding f = make(r, *p.rule, fallback,
                     "literal default " + redact_secret(def.value) + " for " + var.value + ": " +
                         p.rule->message);
    f.span_is_secret = true;
    f.fingerprint_text = "secret:" + def.value;
    out.push_back(std::move(f));
  }
}

void CallRules::report_keyword(const Resolver& r, const KeywordPattern& p, TSNode args,
                               std::vector<Finding>& out) const {
  std::string_view src = r.module().src();
  auto report = [&](TSNode at) {
    TSNode value = field(at, "value");
    if (!ts_node_is_null(value) && !p.unless_value.empty()) {
      std::string resolved = r.resolve(value);
      for (const auto& prefix : p.unless_value) {
        if (resolved.rfind(prefix, 0) == 0) return;
      }
    }
    Finding f = make(r, *p.rule, at, p.rule->message);
    f.fingerprint_text = p.rule->id + ":" + p.callee + ":" + p.keyword;
    out.push_back(std::move(f));
  };
  // `**{"keyword": ...}`, or `**kwargs` where kwargs is bound to such a dict in this module.
  auto report_in_dict = [&](TSNode dict) {
    std::string_view fn_text = is(dict, "call") ? text_of(field(dict, "function"), src) : "";
    if (is(dict, "call") && (r.resolve(field(dict, "function")) == "dict" || fn_text == "dict")) {
      for (TSNode a : named_children(field(dict, "arguments"))) {
        if (keyword_name(a, src) == p.keyword) report(a);
      }
      return;
    }
    if (!is(dict, "dictionary")) return;
    for (TSNode pair : named_children(dict)) {
      if (!is(pair, "pair")) continue;
      StaticString key = static_string(field(pair, "key"), src);
      if (key.ok && key.value == p.keyword) report(pair);
    }
  };
  for (TSNode a : named_children(args)) {
    if (is(a, "keyword_argument") && keyword_name(a, src) == p.keyword) {
      report(a);
    } else if (is(a, "dictionary_splat") && ts_node_named_child_count(a) == 1) {
      TSNode value = ts_node_named_child(a, 0);
      if (is(value, "identifier")) {
        for (TSNode bound : r.bindings_of(text_of(value, src), value)) report_in_dict(bound);
      } else {
        report_in_dict(value);
      }
    }
  }
}

void CallRules::report_literal(const Resolver& r, const KeywordPattern& p, TSNode value,
                               std::vector<Finding>& out) const {
  std::string_view src = r.module().src();
  // A module constant (TOKEN = "...") passed by name is reported at its literal.
  if (is(value, "identifier")) {
    auto bound = r.bindings_of(text_of(value, src), value);
    if (bound.size() != 1) return;
    value = bound.front();
  }
  StaticString s = static_string(value, src);
  if (!s.ok || s.value.empty() || is_template_reference(s.value)) return;
  if (p.placeholder && p.placeholder->search(s.value)) return;
  Finding f = make(r, *p.rule, value,
                   "literal " + redact_secret(s.value) + " passed as " + p.keyword + "= of " +
                       p.callee + ": " + p.rule->message);
  f.span_is_secret = true;
  f.fingerprint_text = "secret:" + s.value;
  out.push_back(std::move(f));
}

void CallRules::check_string(const Resolver& r, TSNode str, std::vector<Finding>& out) const {
  std::string_view src = r.module().src();
  StaticString s = static_string(str, src);
  if (!s.ok) return;
  // A token split over implicitly concatenated literals: the whole-text scan cannot see it.
  if (is(str, "concatenated_string") && !secrets_.empty()) {
    for (const auto& m : secrets_.find(s.value)) {
      std::string token = s.value.substr(m.begin, m.end - m.begin);
      if (text_of(str, src).find(token) != std::string_view::npos) continue;  // seen whole
      const RuleDef* rule = m.pattern->rule;
      if (std::find(active_.begin(), active_.end(), rule) == active_.end()) continue;
      Finding f = make(r, *rule, str,
                       m.pattern->description + " " + redact_secret(token) +
                           " split over concatenated literals: " + rule->message);
      f.span_is_secret = true;
      f.fingerprint_text = "secret:" + token;
      out.push_back(std::move(f));
    }
  }
  for (const auto& p : bearer_rules_) {
    auto m = p.regex->match_whole(s.value);
    if (m.empty()) continue;
    bool header_form = m.size() > 1 && m[1].matched();
    TSNode parent = ts_node_parent(str);
    bool authorization_value = false;
    if (is(parent, "pair") && ts_node_eq(field(parent, "value"), str)) {
      StaticString key = static_string(field(parent, "key"), src);
      std::string k = key.value;
      for (auto& c : k) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      authorization_value = key.ok && k == "authorization";
    }
    if (!header_form && !authorization_value) continue;
    if (m.size() < 3 || !m[2].matched()) continue;
    std::string credential(m[2].in(s.value));
    if (is_template_reference(credential)) continue;
    if (p.placeholder && p.placeholder->search(credential)) continue;
    // "Bearer fake_xyz" in a test mock names no credential; a token format or a long random
    // value does (a known format is reported by the secret scan anyway).
    bool digit = std::any_of(credential.begin(), credential.end(), ::isdigit);
    bool upper = std::any_of(credential.begin(), credential.end(), ::isupper);
    bool lower = std::any_of(credential.begin(), credential.end(), ::islower);
    if (static_cast<int>(credential.size()) < p.min_length ||
        shannon_entropy(credential) < p.min_entropy || !(digit || (upper && lower))) {
      continue;  // words ("dynamic-viewer-access-token"), not a generated secret
    }
    Finding f = make(r, *p.rule, str,
                     "literal bearer credential " + redact_secret(credential) +
                         " in an Authorization header: " + p.rule->message);
    // Point at the credential itself when the literal is written plainly (no escapes), so the
    // snippet keeps "Bearer" readable and hides only the secret.
    std::string_view written = text_of(str, src);
    if (auto at = written.find(s.value); is(str, "string") && at != std::string_view::npos) {
      std::size_t begin = ts_node_start_byte(str) + at + m[2].begin;
      f.span = r.module().file().span_of(begin, begin + credential.size());
    }
    f.span_is_secret = true;
    f.fingerprint_text = "secret:" + credential;
    out.push_back(std::move(f));
  }
}

}  // namespace obolint::py
