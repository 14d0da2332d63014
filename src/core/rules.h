// Rule definitions, loaded once per run from the rule folders (rules/<ID>-<name>/rule.toml) and
// the language files (rules/languages/<lang>.toml), every key checked against core/rule_schema.h
// and every regex compiled at load.
#pragma once

#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include <toml++/toml.h>

#include "core/finding.h"
#include "core/regex.h"

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
  // The check in src/checks/ that decides this rule over the analyses' facts; empty for a rule
  // made only of patterns (its sections below are evaluated by the pattern engines).
  std::string check;
  std::filesystem::path folder;  // rules/<ID>-<name>/ (README.md, fixtures/)
  std::filesystem::path source;  // its rule.toml
  // The whole rule file: the pattern engines read their own sections ([python], [cpp], [text]).
  toml::table data;
};

// A rule or language file that cannot be used: names the file, the line, and what is wrong.
class RuleError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// What the loader cannot know by itself (core depends on nothing above it): whether a Clang AST
// matcher parses (the C++ front end knows) and whether a check name is registered (src/checks
// knows). main() installs both; without them those two are checked when the analysis runs.
struct RuleValidators {
  // The error, or nothing when the matcher expression parses.
  std::function<std::optional<std::string>(const std::string&)> matcher;
  std::function<bool(std::string_view)> check_exists;
};
void set_rule_validators(RuleValidators validators);

class RuleSet {
 public:
  // Loads every rule folder and language file under `dir`, sorted by id. Throws RuleError on a
  // broken, unknown or duplicate key, rule, regex or matcher.
  static RuleSet load(const std::filesystem::path& dir);

  const std::vector<RuleDef>& all() const { return rules_; }
  const RuleDef* find(std::string_view id) const;
  // For configuration (severity overrides) before a scan.
  RuleDef* find_mutable(std::string_view id) { return const_cast<RuleDef*>(find(id)); }
  // Index of a rule in all() (SARIF ruleIndex), -1 when absent.
  int index_of(std::string_view id) const;
  const std::filesystem::path& directory() const { return dir_; }

  // A language file's data ("common", "python", "cpp"): framework knowledge shared by rules.
  const toml::table& language(std::string_view name) const;
  // For configuration that adds to the framework knowledge (extra token sources and checks).
  toml::table& language_mutable(std::string_view name);

  // A regex declared anywhere in the rule data, compiled once at load. Throws std::logic_error
  // for a pattern the data does not declare (a programming error).
  const Regex& regex(std::string_view pattern) const;

 private:
  std::vector<RuleDef> rules_;
  std::filesystem::path dir_;
  std::map<std::string, toml::table, std::less<>> languages_;
  std::map<std::string, std::unique_ptr<Regex>, std::less<>> regexes_;
};

// The directory holding the rule folders: $OBOLINT_RULES_DIR, then next to the installed binary
// (<prefix>/share/obolint/rules), then the source tree it was built from.
std::filesystem::path default_rules_dir();

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
