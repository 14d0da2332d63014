#include "engine/prefilter.h"

#include <algorithm>

#include "python/flow_literals.h"

namespace obolint {
namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

void add(std::vector<std::string>& to, std::string s) {
  if (!s.empty() && std::find(to.begin(), to.end(), s) == to.end()) to.push_back(std::move(s));
}

// "databricks.sdk.WorkspaceClient().statement_execution.execute_statement" -> "execute_statement"
std::string last_segment(std::string callee) {
  if (auto paren = callee.rfind("()"); paren != std::string::npos && paren + 2 == callee.size()) {
    callee.resize(paren);
  }
  auto dot = callee.rfind('.');
  return dot == std::string::npos ? callee : callee.substr(dot + 1);
}

std::string first_segment(const std::string& callee) {
  return callee.substr(0, callee.find('.'));
}

// True when a literal of `set` occurs in `text` not glued to a word character before it.
bool at_word_start(const LiteralSet& set, std::string_view text) {
  bool hit = false;
  set.each_in(text, [&](std::size_t index, std::size_t end) {
    std::size_t begin = end - set.literals()[index].size();
    char before = begin == 0 ? ' ' : text[begin - 1];
    hit = !(std::isalnum(static_cast<unsigned char>(before)) || before == '_');
    return !hit;
  });
  return hit;
}

}  // namespace

std::vector<std::string> python_entry_keywords(std::string_view section, const toml::table& entry) {
  std::vector<std::string> out = string_array(entry["keywords"]);
  if (!out.empty()) return out;
  std::string callee = string_or(entry["callee"]);
  if (section == "call_keyword") {
    out.push_back(string_or(entry["keyword"]));
  } else if (section == "call") {
    out.push_back(last_segment(callee));
  } else if (section == "literal_argument") {
    // The callee's package must be imported (or named) in the file for the call to resolve.
    out.push_back(first_segment(callee));
  }
  return out;
}

Prefilter::Prefilter(const RuleSet& rules, const std::vector<const RuleDef*>& active,
                     bool token_flow, bool app_context)
    : python_({}, true),
      python_word_start_({}, true),
      secret_keywords_({}, false),
      directives_({"noqa", "nolint", "obolint"}, true),
      dump_maps_({}, false),
      cpp_(rules, active, token_flow) {
  std::vector<std::string> literals, secret_keywords, word_start;
  for (const RuleDef* rule : active) {
    if (const auto* python = rule->data["python"].as_table()) {
      for (const auto& [section, node] : *python) {
        const auto* entries = node.as_array();
        if (!entries) continue;
        // A bearer literal starts with its keyword ("Bearer <credential>", after an optional
        // "Authorization:"): inside a word ("GetServiceBearerToken" in a policy document) it
        // cannot begin one.
        auto& to = section.str() == "bearer_literal" ? word_start : literals;
        for (const auto& e : *entries) {
          for (auto& k : python_entry_keywords(section.str(), *e.as_table())) add(to, lower(k));
        }
      }
    }
    // A token split over concatenated literals is found by parsing the concatenation.
    if (const auto* secrets = rule->data["text"]["secret"].as_array()) {
      for (const auto& s : *secrets) {
        for (auto& k : string_array((*s.as_table())["keywords"])) add(secret_keywords, k);
      }
    }
  }
  if (token_flow) {
    py::FlowLiterals flow = py::flow_literals(rules);
    for (auto& l : flow.sources) add(literals, std::move(l));
    dump_maps_ = LiteralSet(std::move(flow.dump_maps), false);
  }
  if (app_context) {
    // A module reaches a library object only by importing its package: its first segment.
    const auto& py = rules.language("python");
    auto each = [&](const char* section, const char* key) {
      if (const auto* entries = py[section].as_array()) {
        for (const auto& e : *entries) {
          for (const auto& path : string_array((*e.as_table())[key])) {
            add(literals, lower(first_segment(path)));
          }
        }
      }
    };
    each("references", "paths");
    each("connections", "callees");
    each("dependencies", "imports");
  }
  python_ = LiteralSet(std::move(literals), true);
  python_word_start_ = LiteralSet(std::move(word_start), true);
  secret_keywords_ = LiteralSet(std::move(secret_keywords), false);
}

CppPrefilter::CppPrefilter(const RuleSet& rules, const std::vector<const RuleDef*>& active,
                           bool token_flow)
    : strong_({}, true), secret_keywords_({}, false) {
  std::vector<std::string> strong, secret_keywords;
  for (const RuleDef* rule : active) {
    // A token split over literals or spelled with escapes is found by parsing the literals.
    if (const auto* secrets = rule->data["text"]["secret"].as_array()) {
      for (const auto& s : *secrets) {
        for (auto& k : string_array((*s.as_table())["keywords"])) add(secret_keywords, k);
      }
    }
    for (const char* section : {"literal", "matcher"}) {
      const auto* entries = rule->data["cpp"][section].as_array();
      if (!entries) continue;
      for (const auto& e : *entries) {
        const auto& t = *e.as_table();
        std::vector<std::string> keywords, context;
        for (auto& k : string_array(t["keywords"])) add(keywords, lower(k));
        for (auto& k : string_array(t["context_keywords"])) add(context, lower(k));
        if (context.empty()) {
          for (auto& k : keywords) add(strong, k);
        } else if (!keywords.empty()) {
          conditional_.emplace_back(LiteralSet(std::move(keywords), true),
                                    LiteralSet(std::move(context), true));
        }
      }
    }
  }
  if (token_flow) {
    for (const auto& h : string_array(rules.language("common")["token"]["headers"])) {
      add(strong, lower(h));
    }
  }
  strong_ = LiteralSet(std::move(strong), true);
  secret_keywords_ = LiteralSet(std::move(secret_keywords), false);
}

bool CppPrefilter::may_matter(std::string_view text) const {
  if (strong_.any_in(text) || at_word_start(secret_keywords_, text)) return true;
  return std::any_of(conditional_.begin(), conditional_.end(), [&](const auto& kc) {
    return kc.first.any_in(text) && kc.second.any_in(text);
  });
}

bool Prefilter::python_may_matter(std::string_view text) const {
  return python_.any_in(text) || at_word_start(python_word_start_, text) ||
         at_word_start(secret_keywords_, text);
}

}  // namespace obolint
