// OBO003 (a): Databricks tokens anywhere in a file's text, whatever its language.
#pragma once

#include <regex>
#include <string>
#include <string_view>
#include <vector>

#include "core/rules.h"
#include "core/source_file.h"

namespace obolint {

struct SecretPattern {
  std::string description;
  std::vector<std::string> keywords;
  std::regex regex;
};

struct SecretMatch {
  std::size_t begin = 0;  // byte offsets into the scanned text
  std::size_t end = 0;
  const SecretPattern* pattern = nullptr;
};

class SecretScanner {
 public:
  // Reads the [[text.secret]] entries of every rule; throws RuleError on a bad regex.
  explicit SecretScanner(const RuleSet& rules);

  // Every match in `text`, in order. A match glued to word characters on either side is not a
  // token (it is part of a longer identifier or digest).
  std::vector<SecretMatch> find(std::string_view text) const;

  // Findings for `file`'s whole text (comments, literals, config values: everything).
  void scan(const SourceFile& file, std::vector<Finding>& out) const;

  // Replaces every secret in `text` by its redacted form (for snippets and source lines).
  std::string redact_all(std::string_view text) const;

  const std::string& rule_id() const { return rule_id_; }
  bool empty() const { return patterns_.empty(); }

 private:
  std::vector<SecretPattern> patterns_;
  std::string rule_id_;
  const RuleDef* rule_ = nullptr;
};

}  // namespace obolint
