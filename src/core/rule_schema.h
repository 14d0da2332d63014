// The schema of the rule data: every key of every rule file (rules/<ID>-<name>/rule.toml) and
// language file (rules/languages/<lang>.toml) is declared here with its type. The loader checks
// each file against it, so a misspelt key, a wrong type or a regex that does not compile stops
// the run with `file:line:col: what is wrong` instead of silently turning a rule off (as
// ast-grep's deny_unknown_fields does).
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <toml++/toml.h>

namespace obolint::schema {

enum class Type {
  String,  // a non-empty string
  Text,    // any string
  Bool,
  Int,
  Float,
  Severity,    // "FLAG" or "BLOCK"
  StringList,  // an array of strings
  IntList,     // an array of integers
  Regex,       // a string compiled as an RE2 regex at load
  RegexList,   // an array of them
  Matcher,     // a Clang AST matcher expression, checked by the C++ front end
  Section,     // a sub-table with its own fields
  Sections,    // an array of tables ([[section]]), each with the sub-table's fields
};

struct Table;

struct Field {
  std::string_view key;
  Type type = Type::String;
  bool required = false;
  const Table* table = nullptr;                // Section / Sections
  std::vector<std::string_view> allowed = {};  // String: one of these values
};

struct Table {
  std::string_view name;  // for messages: "[token_flow]", "[[text.secret]]"
  std::vector<Field> fields;
};

// The root tables.
const Table& rule_file();
const Table& language_file(std::string_view language);  // "common", "python", "cpp"
// The languages that have a file (rules/languages/<name>.toml).
const std::vector<std::string_view>& languages();

// A regex or matcher found while checking, for the caller to compile.
struct Pattern {
  Type type;  // Regex or Matcher
  std::string text;
  std::string where;  // file:line:col
};

// Checks `doc` against `root`. Returns the first problem as `file:line:col: message`, or nothing.
// Every Regex/Matcher value is appended to `patterns`.
std::optional<std::string> check(const toml::table& doc, const Table& root, const std::string& file,
                                 std::vector<Pattern>& patterns);

// The known key closest to `key` (edit distance at most 2), for "did you mean" hints.
std::string closest(std::string_view key, const std::vector<std::string_view>& known);

}  // namespace obolint::schema
