// C++ rule data ([cpp] sections of the rule files, the knowledge of rules/languages/cpp.toml) and
// the evaluation of literal rules over "string chains". Private to the C++ front end; free of Clang
// includes so it compiles fast and can be unit-tested without parsing anything.
#pragma once

#include <cstddef>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/finding.h"
#include "core/regex.h"
#include "core/rules.h"
#include "core/source_file.h"
#include "cpp/cpp_knowledge.h"
#include "text/secret_scanner.h"

namespace obolint::cpp {

// Stands for a non-literal operand (a variable, a call) inside a chain's text.
constexpr char kPlaceholder = '\x01';

// A string value as the program builds it: literal pieces (adjacent literals, `+` chains,
// StrCat/format arguments) with non-literal operands replaced by kPlaceholder. Every byte keeps the
// source range it was spelled at, so a match can be reported inside the literal.
struct Chain {
  std::string text;
  std::vector<std::size_t> src_begin;  // per byte of text
  std::vector<std::size_t> src_end;    // per byte of text (exclusive)
  std::vector<std::size_t> tokens;     // begin offsets of the literal tokens it is made of
  bool from_ast = false;

  void add_placeholder(std::size_t at);
  void append(const Chain& other);
};

// fmt/std::format: copies `format` into `out` with each replacement field ({}, {0}, {:x}) replaced
// by the next argument's chain (a placeholder when there is none); {{ and }} are braces.
void substitute_format(const Chain& format, const std::vector<Chain>& args, Chain& out);

// Decodes one literal token (any prefix, raw or not, optional ud-suffix) spelled at
// content[begin, end) into a chain of one piece. Returns false when it is not a string literal.
bool cook_string_literal(std::string_view content, std::size_t begin, std::size_t end, Chain& out);

// [[cpp.literal]]: a regex over a chain's text.
struct LiteralRule {
  const RuleDef* rule = nullptr;
  std::string description;
  const Regex* regex = nullptr;  // regexes are owned by the RuleSet
  int report_group = 0;
  std::vector<std::string> keywords;  // lower case
  std::vector<const Regex*> context;
  bool context_in_file = false;
  // A match is dropped when one of `unless` matches its scope (the value, the function around
  // it, or the file), except when one of `unless_not` matches that scope too.
  enum class Scope { Expression, Function, File };
  std::vector<const Regex*> unless;
  Scope unless_scope = Scope::Expression;
  std::vector<const Regex*> unless_not;
  bool secret = false;
  const Regex* exclude_value = nullptr;
};

// [[cpp.matcher]]: a dynamic AST matcher expression; the match (or its "report" binding) is a
// finding. With `literal_regex` the bound "literal" string must match it.
struct MatcherRule {
  const RuleDef* rule = nullptr;
  std::string description;
  std::string matcher;
  std::vector<std::string> keywords;  // lower case
  const Regex* literal_regex = nullptr;
  bool secret = false;
};

struct CppRules {
  std::vector<LiteralRule> literals;
  std::vector<MatcherRule> matchers;
  TokenKnowledge token;
  std::vector<std::string> concat_calls;  // StrCat, snprintf: arguments are concatenated
  std::vector<std::string> format_calls;  // format: `{}` in the first string take the arguments
  bool is_string_call(const std::string& name) const;

  // Reads the [cpp] sections of the `active` rules and the C++ knowledge; throws RuleError
  // naming the file on bad data.
  static CppRules load(const RuleSet& rules, const std::vector<const RuleDef*>& active);
};

// Per-file state for literal rules: file-scope regex results and the secrets the engine's
// whole-text scan already reports (never reported twice).
class LiteralEvaluator {
 public:
  LiteralEvaluator(const CppRules& rules, const SecretScanner& secrets, const SourceFile& file);
  // Reports through `out` every rule match in `chain` (not the tokens the engine reports).
  void evaluate(const Chain& chain, std::vector<Finding>& out);
  // True when the engine's whole-text secret scan reports a token starting in [begin, end).
  bool engine_reports(std::size_t begin, std::size_t end) const;

 private:
  bool file_matches(const Regex& re);
  // The body of the function or lambda around `offset` (read lexically: the innermost brace
  // block that follows a parameter list), or the whole file when there is none.
  std::string_view function_text(std::size_t offset) const;
  bool excluded(const LiteralRule& lr, const Chain& chain);
  Location location(const Chain& chain, std::size_t b, std::size_t e) const;
  void evaluate_rule(const LiteralRule& lr, const Chain& chain, std::vector<Finding>& out);

  const CppRules& rules_;
  const SecretScanner& secrets_;
  const SourceFile& file_;
  std::set<std::size_t> engine_secret_begins_;
  std::vector<std::pair<const Regex*, bool>> file_cache_;
};

}  // namespace obolint::cpp
