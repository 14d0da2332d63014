// Which files can matter to the selected rules, decided from their bytes before anything is
// parsed: one Hyperscan pass per file over the literals the rule data implies (gitleaks'
// keywords, ripgrep's literal extraction). The literals come from the data, so a rule added as
// data is prefiltered by its own keywords; nothing here names a rule.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/literal_set.h"
#include "core/rules.h"

namespace obolint {

// C++: a file is worth a Clang parse when it holds a keyword of a selected [cpp] rule, a secret
// keyword (a token split over literals), or the header name (token flow). A rule's keywords
// that are ordinary C++ (`token`, `pwd`) count only with one of its `context_keywords` (a
// Databricks, ODBC or OAuth word) in the same file. Used by the engine (texts of other C++ files
// are dropped at once) and by the C++ front end (the files it parses).
class CppPrefilter {
 public:
  CppPrefilter(const RuleSet& rules, const std::vector<const RuleDef*>& active, bool token_flow);
  bool may_matter(std::string_view text) const;

 private:
  LiteralSet strong_;           // caseless
  LiteralSet secret_keywords_;  // as written, at the start of a word ("dapi", not "readApi")
  std::vector<std::pair<LiteralSet, LiteralSet>> conditional_;  // (keywords, context_keywords)
};

class Prefilter {
 public:
  // `active`: the selected rules; `token_flow`: some selected check needs the token facts;
  // `app_context`: some selected check needs the app facts (modules that name the libraries of
  // [[references]], [[connections]] and [[dependencies]] in rules/languages/python.toml).
  Prefilter(const RuleSet& rules, const std::vector<const RuleDef*>& active, bool token_flow,
            bool app_context = false);

  // True when the text of a Python file (or notebook) can hold something a selected rule or
  // the token flow looks for. A file for which this is false is parsed only if it imports a
  // module that gives the user's token (see python_frontend.h).
  bool python_may_matter(std::string_view text) const;
  // False when no selected rule looks at Python code: no Python file is then parsed.
  bool python_selected() const {
    return !python_.empty() || !python_word_start_.empty() || !secret_keywords_.empty();
  }
  // True when the text names a mapping of the request's headers that a dump reads (the last
  // names of [token_flow] header_dump_maps: `headers`, `get_request_headers`); asked of app code
  // only (engine/analyze.cpp).
  bool python_may_dump_headers(std::string_view text) const { return dump_maps_.any_in(text); }
  // True when the text holds a suppression directive (for --report-unused-suppressions).
  bool has_directives(std::string_view text) const { return directives_.any_in(text); }
  bool cpp_may_matter(std::string_view text) const { return cpp_.may_matter(text); }

 private:
  LiteralSet python_;             // caseless: identifiers, header names
  LiteralSet python_word_start_;  // caseless, not glued to a word character before it
  LiteralSet secret_keywords_;    // as written, at the start of a word ("dapi", not "androidapi")
  LiteralSet directives_;
  LiteralSet dump_maps_;  // as written
  CppPrefilter cpp_;
};

// The prefilter keywords of one [python] pattern entry: its `keywords`, else what the entry
// implies (the keyword of a call_keyword, the method of a call, the package of a callee).
std::vector<std::string> python_entry_keywords(std::string_view section, const toml::table& entry);

}  // namespace obolint
