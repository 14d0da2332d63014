// OBO003 (a): Databricks tokens anywhere in a file's text, whatever its language.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/literal_set.h"
#include "core/rules.h"
#include "core/source_file.h"

namespace obolint {

// One [[text.secret]] entry: each belongs to its own rule (its id, message and severity).
struct SecretPattern {
  const RuleDef* rule = nullptr;
  std::string description;
  std::vector<std::string> keywords;
  const Regex* regex = nullptr;  // owned by the RuleSet
};

struct SecretMatch {
  std::size_t begin = 0;  // byte offsets into the scanned text
  std::size_t end = 0;
  const SecretPattern* pattern = nullptr;
};

class SecretScanner {
 public:
  // Reads the [[text.secret]] entries of every rule (checked and compiled by the RuleSet).
  explicit SecretScanner(const RuleSet& rules);

  // Every match in `text`, in order. A token glued to word characters is still one (`PAT_<tok>`,
  // `token%3D<tok>`, `<tok>_prod`: the keyword prefixes are distinctive), and a match followed by
  // more hex digits takes them (a window cut after the 32nd digit would show a token whole).
  std::vector<SecretMatch> find(std::string_view text) const;

  // Findings for `file`'s whole text (comments, literals, config values: everything).
  void scan(const SourceFile& file, std::vector<Finding>& out) const;

  // Replaces every secret in `text` by its redacted form (for snippets and source lines).
  std::string redact_all(std::string_view text) const;

  bool empty() const { return patterns_.empty(); }
  const std::vector<SecretPattern>& patterns() const { return patterns_; }

 private:
  std::vector<SecretPattern> patterns_;
  // Every pattern's keywords in one Hyperscan pass (one memchr pass per keyword cost a tenth of a
  // standard-library scan: "d" is everywhere), and the patterns each keyword starts.
  LiteralSet keywords_{{}, false};
  std::vector<std::vector<std::size_t>> patterns_of_keyword_;
};

}  // namespace obolint
