#include "cpp/cpp_knowledge.h"

#include "cpp/text_util.h"

namespace obolint::cpp {

std::string normalize_callee(std::string_view written) {
  std::string out;
  int angle = 0;
  for (char c : written) {
    if (is_space(c)) continue;
    if (c == '<') {
      ++angle;
    } else if (c == '>' && angle > 0) {
      --angle;
    } else if (angle == 0) {
      out.push_back(c);
    }
  }
  if (out.rfind("::", 0) == 0) out.erase(0, 2);
  return out;
}

std::string_view last_name(std::string_view normalized) {
  std::size_t cut = 0;
  for (std::size_t i = 0; i < normalized.size(); ++i) {
    char c = normalized[i];
    if (c == ':' || c == '.' || (c == '>' && i > 0 && normalized[i - 1] == '-')) cut = i + 1;
  }
  return normalized.substr(cut);
}

NamePatterns::NamePatterns(std::vector<std::string> patterns) : patterns_(std::move(patterns)) {}

namespace {

// `name` ends with `pattern` at a `::` boundary.
bool qualified_suffix(std::string_view name, std::string_view pattern) {
  if (name.size() < pattern.size() || name.substr(name.size() - pattern.size()) != pattern) {
    return false;
  }
  std::size_t at = name.size() - pattern.size();
  return at == 0 || (at >= 2 && name.substr(at - 2, 2) == "::");
}

}  // namespace

bool NamePatterns::matches(std::string_view written, std::string_view resolved) const {
  if (patterns_.empty()) return false;
  std::string w = normalize_callee(written);
  std::string r = normalize_callee(resolved);
  for (const auto& p : patterns_) {
    if (p.find("::") != std::string::npos) {
      if (qualified_suffix(w, p) || (!r.empty() && qualified_suffix(r, p))) return true;
    } else if (last_name(w) == p || (!r.empty() && last_name(r) == p)) {
      return true;
    }
  }
  return false;
}

facts::Sink SinkKnowledge::classify(std::string_view written, std::string_view resolved) const {
  // A credential first: a call that both logs and connects is about the connection.
  if (credential.matches(written, resolved)) return facts::Sink::Credential;
  if (response.matches(written, resolved)) return facts::Sink::Response;
  if (log.matches(written, resolved)) return facts::Sink::Log;
  if (credential_callee != nullptr) {
    std::string name(last_name(normalize_callee(written)));
    if (!name.empty() && credential_callee->search(name)) return facts::Sink::Credential;
  }
  return facts::Sink::Call;
}

bool TokenKnowledge::is_header(std::string_view name) const {
  return contains(headers, to_lower(name));
}

TokenKnowledge TokenKnowledge::load(const RuleSet& rules) {
  const auto& lang = rules.language("cpp");
  TokenKnowledge k;
  for (const auto& h : string_array(rules.language("common")["token"]["headers"])) {
    k.headers.push_back(to_lower(h));
  }
  const auto& flow = lang["token_flow"];
  if (const auto* srcs = flow["source"].as_array()) {
    for (const auto& node : *srcs) {
      const auto& t = *node.as_table();
      k.sources.push_back({string_or(t["framework"]), string_or(t["matcher"])});
    }
  }
  k.present_calls = string_array(flow["present_calls"]);
  k.absent_calls = string_array(flow["absent_calls"]);
  k.end_calls = string_array(flow["end_calls"]);
  k.transparent_calls = string_array(flow["transparent_calls"]);
  k.partial_calls = string_array(flow["partial_calls"]);
  if (auto p = flow["authorization_regex"].value<std::string>()) k.authorization = &rules.regex(*p);

  const auto& sinks = lang["sinks"];
  k.sinks.credential = NamePatterns(string_array(sinks["credential_calls"]));
  k.sinks.log = NamePatterns(string_array(sinks["log_calls"]));
  k.sinks.response = NamePatterns(string_array(sinks["response_calls"]));
  k.sinks.log_streams = NamePatterns(string_array(sinks["log_streams"]));
  k.sinks.response_members = string_array(sinks["response_members"]);
  if (auto p = sinks["credential_callee_regex"].value<std::string>()) {
    k.sinks.credential_callee = &rules.regex(*p);
  }

  k.holder_calls = string_array(lang["stores"]["holder_calls"]);
  k.holder_methods = string_array(lang["stores"]["holder_methods"]);

  const auto& app = lang["app_credentials"];
  k.app.env_variables = string_array(app["env_variables"]);
  for (const auto& p : string_array(app["literal_regexes"]))
    k.app.literals.push_back(&rules.regex(p));
  return k;
}

}  // namespace obolint::cpp
