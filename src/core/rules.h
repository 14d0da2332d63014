// Rule definitions, loaded from the data files under rules/ (one TOML file per rule).
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include <toml++/toml.h>

#include "core/finding.h"

namespace obolint {

struct RuleDef {
  std::string id;    // OBO001
  std::string name;  // credentials-provider (kebab-case)
  Severity severity = Severity::Flag;
  std::string summary;      // one line (SARIF shortDescription, `obolint rules`)
  std::string description;  // a paragraph (SARIF fullDescription)
  std::string message;      // default finding message: what is wrong and the approved fix
  std::vector<std::string> tags;
  std::string security_severity;  // "0.0".."10.0", GitHub code scanning
  std::filesystem::path source;   // the rule file it came from
  // The whole rule file: front ends read their own sections ([python], [cpp], [text]).
  toml::table data;
};

// A rule file that cannot be used: names the file, the line, and what is wrong.
class RuleError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class RuleSet {
 public:
  // Loads every *.toml in `dir`, sorted by id. Throws RuleError on a broken or duplicate rule.
  static RuleSet load(const std::filesystem::path& dir);

  const std::vector<RuleDef>& all() const { return rules_; }
  const RuleDef* find(std::string_view id) const;
  // For merging configuration into the rules before a scan (engine/config.h merge_rule_data).
  RuleDef* find_mutable(std::string_view id) { return const_cast<RuleDef*>(find(id)); }
  // Index of a rule in all() (SARIF ruleIndex), -1 when absent.
  int index_of(std::string_view id) const;
  const std::filesystem::path& directory() const { return dir_; }

 private:
  std::vector<RuleDef> rules_;
  std::filesystem::path dir_;
};

// The directory holding the rule files: $OBOLINT_RULES_DIR, then next to the installed binary
// (<prefix>/share/obolint/rules), then the source tree it was built from.
std::filesystem::path default_rules_dir();
// The directory holding docs/rules/*.md for `obolint explain`, found the same way.
std::filesystem::path default_docs_dir();

// Helpers for front ends reading their sections: a string array, empty when absent.
template <class View>
std::vector<std::string> string_array(const View& node) {
  std::vector<std::string> out;
  if (const auto* arr = node.as_array()) {
    for (const auto& el : *arr) {
      if (auto s = el.template value<std::string>()) out.push_back(*s);
    }
  }
  return out;
}
template <class View>
std::string string_or(const View& node, std::string fallback = {}) {
  if (auto s = node.template value<std::string>()) return *s;
  return fallback;
}

std::optional<Severity> parse_severity(std::string_view text);

}  // namespace obolint
