#include "python/flow_patterns.h"

#include <algorithm>
#include <cctype>

namespace obolint::py::flow {

std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

namespace {

bool suffix_at_dot(std::string_view s, std::string_view suffix) {
  if (s == suffix) return true;
  return s.size() > suffix.size() && s.ends_with(suffix) && s[s.size() - suffix.size() - 1] == '.';
}

std::string snake(std::string_view header) {
  std::string out = lower(header);
  std::replace(out.begin(), out.end(), '-', '_');
  return out;
}

}  // namespace

bool PatternList::matches(std::string_view resolved, std::string_view text) const {
  for (const auto& p : patterns_) {
    if (p.starts_with("*.")) {
      std::string_view suffix = std::string_view(p).substr(2);
      if (!resolved.empty() && suffix_at_dot(resolved, suffix)) return true;
      if (!text.empty() && suffix_at_dot(text, suffix)) return true;
    } else if (resolved.empty() ? text == p : resolved == p) {
      return true;
    }
  }
  return false;
}

std::vector<std::string> PatternList::names() const {
  std::vector<std::string> out;
  for (const auto& p : patterns_) {
    std::string s = p;
    if (auto paren = s.find('('); paren != std::string::npos) s = s.substr(0, paren);
    auto dot = s.rfind('.');
    out.push_back(dot == std::string::npos ? s : s.substr(dot + 1));
  }
  return out;
}

FlowPatterns FlowPatterns::load(const RuleSet& rules) {
  FlowPatterns p;
  p.headers = string_array(rules.language("common")["token"]["headers"]);
  auto t = rules.language("python")["token_flow"];
  auto list = [&](const char* key) { return PatternList(string_array(t[key])); };
  p.header_maps = list("header_maps");
  p.environ_maps = list("environ_maps");
  p.attribute_getters = list("attribute_getters");
  p.header_parameters = list("header_parameters");
  p.source_functions = list("source_functions");
  p.checked_source_functions = list("checked_source_functions");
  p.exits = list("exits");
  p.check_calls = list("check_calls");
  p.not_uses = list("not_uses");
  p.derive_calls = list("derive_calls");
  p.derive_methods = string_array(t["derive_methods"]);
  auto app = rules.language("python")["app_credentials"];
  if (const auto* arr = app["default_credentials"].as_array()) {
    for (const auto& node : *arr) {
      const auto& e = *node.as_table();
      p.default_credentials.push_back({string_or(e["callee"]), string_array(e["unless_keywords"])});
    }
  }
  if (const auto* arr = app["service_principal_keywords"].as_array()) {
    for (const auto& node : *arr) {
      const auto& e = *node.as_table();
      p.service_principal_keywords.push_back({string_or(e["callee"]), string_or(e["keyword"])});
    }
  }
  p.env_variables = string_array(app["env_variables"]);
  p.env_readers = PatternList(string_array(app["env_readers"]));
  p.env_maps = PatternList(string_array(app["env_maps"]));
  return p;
}

bool FlowPatterns::is_header_key(std::string_view key) const {
  std::string k = lower(key);
  for (const auto& h : headers) {
    if (k == lower(h)) return true;
  }
  return false;
}

bool FlowPatterns::is_environ_key(std::string_view key) const {
  std::string k = lower(key);
  for (const auto& h : headers) {
    if (k == "http_" + snake(h)) return true;
  }
  return false;
}

bool FlowPatterns::is_attribute_name(std::string_view name) const {
  std::string k = lower(name);
  for (const auto& h : headers) {
    if (k == snake(h)) return true;
  }
  return false;
}

bool FlowPatterns::mentions_header(std::string_view text) const {
  auto same = [](char a, char b) {
    return std::tolower(static_cast<unsigned char>(a)) == static_cast<unsigned char>(b);
  };
  for (const auto& h : headers) {
    for (const std::string& form : {lower(h), snake(h)}) {
      if (text.size() >= form.size() &&
          std::search(text.begin(), text.end(), form.begin(), form.end(), same) != text.end()) {
        return true;
      }
    }
  }
  return false;
}

}  // namespace obolint::py::flow
