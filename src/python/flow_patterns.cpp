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
  auto under = [](std::string_view s, std::string_view prefix) {  // "logging.info" under "logging"
    return s.size() > prefix.size() && s.starts_with(prefix) && s[prefix.size()] == '.';
  };
  for (const auto& p : patterns_) {
    if (p.starts_with("*.") && p.ends_with(".*") && p.size() > 4) {
      // "*.logger.*": a segment anywhere but last ("self.logger.info", "app.logger.warning").
      std::string seg = "." + p.substr(2, p.size() - 4) + ".";
      for (std::string_view s : {resolved, text}) {
        if (!s.empty() && ("." + std::string(s)).find(seg) != std::string::npos) return true;
      }
    } else if (p.ends_with(".*")) {
      std::string_view prefix = std::string_view(p).substr(0, p.size() - 2);
      if (under(resolved.empty() ? text : resolved, prefix)) return true;
    } else if (p.starts_with("*.")) {
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
  p.request_scoped = list("request_scoped");
  p.request_scoped_in_apps = list("request_scoped_in_apps");
  p.header_dump_maps = list("header_dump_maps");
  p.header_dump_names = p.header_dump_maps.names();
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
      p.default_credentials.push_back(
          {string_or(e["callee"]), string_array(e["unless_keywords"]), e["weak"].value_or(false)});
    }
  }
  if (const auto* arr = app["service_principal_keywords"].as_array()) {
    for (const auto& node : *arr) {
      const auto& e = *node.as_table();
      p.service_principal_keywords.push_back({string_or(e["callee"]), string_or(e["keyword"])});
    }
  }
  p.env_variables = string_array(app["env_variables"]);
  p.app_keywords = string_array(app["app_keywords"]);
  p.token_methods = string_array(app["token_methods"]);
  p.env_readers = PatternList(string_array(app["env_readers"]));
  p.env_maps = PatternList(string_array(app["env_maps"]));
  auto sinks = rules.language("python")["sinks"];
  const std::pair<const char*, facts::Sink> kinds[] = {{"credential", facts::Sink::Credential},
                                                       {"log", facts::Sink::Log},
                                                       {"response", facts::Sink::Response},
                                                       {"file", facts::Sink::File},
                                                       {"environment", facts::Sink::Environment}};
  for (const auto& [section, kind] : kinds) {
    if (const auto* arr = sinks[section].as_array()) {
      for (const auto& node : *arr) {
        const auto& e = *node.as_table();
        SinkEntry entry{kind,
                        PatternList({string_or(e["callee"])}),
                        string_array(e["keywords"]),
                        {},
                        e["all_arguments"].value_or(false)};
        if (const auto* pos = e["positions"].as_array()) {
          for (const auto& n : *pos)
            entry.positions.push_back(static_cast<int>(*n.value<int64_t>()));
        }
        p.sinks.push_back(std::move(entry));
      }
    }
  }
  p.credential_keywords = string_array(sinks["credential_keywords"]);
  if (auto re = sinks["credential_callee_regex"].value<std::string>()) {
    p.credential_callee = &rules.regex(*re);
  }
  if (auto re = sinks["credential_text_regex"].value<std::string>()) {
    p.credential_text = &rules.regex(*re);
  }
  p.handler_decorators = string_array(sinks["response_handlers"]["decorators"]);
  p.cache_decorators = string_array(rules.language("python")["stores"]["cache_decorators"]);
  return p;
}

std::optional<facts::Sink> FlowPatterns::sink_of(std::string_view resolved, std::string_view text,
                                                 std::string_view keyword, int position) const {
  for (const auto& e : sinks) {
    if (!e.callee.matches(resolved, text)) continue;
    if (e.all_arguments) return e.kind;
    if (!keyword.empty() &&
        std::find(e.keywords.begin(), e.keywords.end(), keyword) != e.keywords.end()) {
      return e.kind;
    }
    if (keyword.empty() && position >= 0 &&
        std::find(e.positions.begin(), e.positions.end(), position) != e.positions.end()) {
      return e.kind;
    }
  }
  return std::nullopt;
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
