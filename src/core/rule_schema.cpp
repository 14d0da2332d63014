#include "core/rule_schema.h"

#include <algorithm>
#include <map>

namespace obolint::schema {
namespace {

using enum Type;

// ---------------------------------------------------------------------------------------------
// Rule files: metadata, then one section per front end. The pattern kinds are documented in
// docs/rule-format.md.

const Table kSecret{
    "[[text.secret]]",
    {{"description", String, true}, {"keywords", StringList, true}, {"regex", Regex, true}}};
const Table kText{"[text]", {{"secret", Sections, false, &kSecret}}};

const Table kCallKeyword{"[[python.call_keyword]]",
                         {{"callee", String, true},
                          {"keyword", String, true},
                          {"position", Int},
                          {"keywords", StringList},
                          {"unless_value", StringList}}};
const Table kCall{"[[python.call]]", {{"callee", String, true}, {"keywords", StringList}}};
const Table kLiteralArgument{"[[python.literal_argument]]",
                             {{"callee", String, true},
                              {"keyword", String, true},
                              {"position", Int},
                              {"keywords", StringList},
                              {"placeholder_regex", Regex}}};
const Table kEnvDefault{"[[python.env_default]]",
                        {{"callees", StringList, true},
                         {"variable_regex", Regex, true},
                         {"keywords", StringList},
                         {"placeholder_regex", Regex}}};
const Table kBearerLiteral{"[[python.bearer_literal]]",
                           {{"regex", Regex, true},
                            {"keywords", StringList},
                            {"placeholder_regex", Regex},
                            {"min_length", Int},
                            {"min_entropy", Float}}};
const Table kPyString{"[[python.string]]",
                      {{"description", String, true},
                       {"keywords", StringList, true},
                       {"regex", Regex, true},
                       {"report_group", Int},
                       {"context", RegexList},
                       {"unless", RegexList}}};
const Table kPython{"[python]",
                    {{"call_keyword", Sections, false, &kCallKeyword},
                     {"call", Sections, false, &kCall},
                     {"literal_argument", Sections, false, &kLiteralArgument},
                     {"env_default", Sections, false, &kEnvDefault},
                     {"bearer_literal", Sections, false, &kBearerLiteral},
                     {"string", Sections, false, &kPyString}}};

const Table kCppLiteral{
    "[[cpp.literal]]",
    {{"description", String, true},
     {"keywords", StringList, true},
     {"context_keywords", StringList},
     {"regex", Regex, true},
     {"report_group", Int},
     {"secret", Bool},
     {"exclude_value", Regex},
     {"context", RegexList},
     {"context_scope", String, false, nullptr, {"expression", "file"}},
     {"unless", RegexList},
     {"unless_scope", String, false, nullptr, {"expression", "function", "file"}},
     {"unless_not", RegexList}}};
const Table kCppMatcher{"[[cpp.matcher]]",
                        {{"description", String, true},
                         {"keywords", StringList, true},
                         {"context_keywords", StringList},
                         {"matcher", Matcher, true},
                         {"literal_regex", Regex},
                         {"secret", Bool}}};
const Table kCpp{
    "[cpp]",
    {{"literal", Sections, false, &kCppLiteral}, {"matcher", Sections, false, &kCppMatcher}}};

const Table kRule{"rule.toml",
                  {{"id", String, true},
                   {"name", String, true},
                   {"severity", Severity, true},
                   {"summary", String, true},
                   {"description", String, true},
                   {"message", String, true},
                   {"tags", StringList},
                   {"security_severity", String},
                   // The check (src/checks/) that decides this rule over the analyses' facts; a
                   // rule made only of patterns has none.
                   {"check", String},
                   {"text", Section, false, &kText},
                   {"python", Section, false, &kPython},
                   {"cpp", Section, false, &kCpp}}};

// ---------------------------------------------------------------------------------------------
// Language files: what the analyses know about frameworks and libraries (no rule ids here).

const Table kCommonToken{"[token]", {{"headers", StringList, true}}};
const Table kCommonApps{"[apps]", {{"manifests", StringList, true}, {"bundles", StringList, true}}};
const Table kCommon{
    "common.toml",
    {{"token", Section, true, &kCommonToken}, {"apps", Section, false, &kCommonApps}}};

const Table kDefaultCredential{
    "[[app_credentials.default_credentials]]",
    {{"callee", String, true}, {"unless_keywords", StringList}, {"weak", Bool}}};
const Table kKeywordCall{"[[app_credentials.service_principal_keywords]]",
                         {{"callee", String, true}, {"keyword", String, true}}};
const Table kAppCredentials{"[app_credentials]",
                            {{"env_variables", StringList},
                             {"env_readers", StringList},
                             {"env_maps", StringList},
                             {"app_keywords", StringList},
                             {"token_methods", StringList},
                             {"default_credentials", Sections, false, &kDefaultCredential},
                             {"service_principal_keywords", Sections, false, &kKeywordCall}}};
const Table kPyTokenFlow{"[token_flow]",
                         {{"header_maps", StringList},
                          {"request_scoped", StringList},
                          {"request_scoped_in_apps", StringList},
                          {"header_dump_maps", StringList},
                          {"environ_maps", StringList},
                          {"attribute_getters", StringList},
                          {"header_parameters", StringList},
                          {"source_functions", StringList},
                          {"checked_source_functions", StringList},
                          {"exits", StringList},
                          {"check_calls", StringList},
                          {"not_uses", StringList},
                          {"derive_calls", StringList},
                          {"derive_methods", StringList}}};
const Table kSink{"[[sinks.<kind>]]",
                  {{"callee", String, true},
                   {"keywords", StringList},
                   {"positions", IntList},
                   {"all_arguments", Bool}}};
const Table kHandlers{"[sinks.response_handlers]", {{"decorators", StringList}}};
const Table kSinks{"[sinks]",
                   {{"credential_keywords", StringList},
                    {"credential_callee_regex", Regex},
                    {"credential_text_regex", Regex},
                    {"credential", Sections, false, &kSink},
                    {"log", Sections, false, &kSink},
                    {"response", Sections, false, &kSink},
                    {"file", Sections, false, &kSink},
                    {"environment", Sections, false, &kSink},
                    {"response_handlers", Section, false, &kHandlers}}};
const Table kStores{"[stores]", {{"cache_decorators", StringList}}};
const Table kResolution{"[resolution]",
                        {{"identity_keywords", StringList}, {"environment_prefixes", StringList}}};
const Table kAppContext{"[app_context]",
                        {{"web_frameworks", StringList, true},
                         {"cli_frameworks", StringList},
                         {"test_folders", StringList},
                         {"test_files", StringList},
                         {"script_folders", StringList}}};
const Table kReference{"[[references]]", {{"kind", String, true}, {"paths", StringList, true}}};
const Table kConnection{"[[connections]]",
                        {{"kind", String, true},
                         {"callees", StringList, true},
                         {"token_keyword", String, true},
                         {"token_position", Int}}};
const Table kDependency{"[[dependencies]]",
                        {{"imports", StringList, true}, {"distribution", String, true}}};
const Table kPythonLanguage{"python.toml",
                            {{"token_flow", Section, true, &kPyTokenFlow},
                             {"app_credentials", Section, true, &kAppCredentials},
                             {"sinks", Section, true, &kSinks},
                             {"stores", Section, false, &kStores},
                             {"resolution", Section, false, &kResolution},
                             {"app_context", Section, false, &kAppContext},
                             {"references", Sections, false, &kReference},
                             {"connections", Sections, false, &kConnection},
                             {"dependencies", Sections, false, &kDependency}}};

const Table kCppSource{"[[token_flow.source]]",
                       {{"framework", String, true}, {"matcher", Matcher, true}}};
const Table kCppTokenFlow{"[token_flow]",
                          {{"present_calls", StringList},
                           {"absent_calls", StringList},
                           {"end_calls", StringList},
                           {"transparent_calls", StringList},
                           {"partial_calls", StringList},
                           {"authorization_regex", Regex},
                           {"source", Sections, false, &kCppSource}}};
const Table kCppStrings{"[strings]", {{"concat_calls", StringList}, {"format_calls", StringList}}};
const Table kCppSinks{"[sinks]",
                      {{"credential_calls", StringList},
                       {"log_calls", StringList},
                       {"response_calls", StringList},
                       {"log_streams", StringList},
                       {"response_members", StringList},
                       {"credential_callee_regex", Regex}}};
const Table kCppStores{"[stores]", {{"holder_calls", StringList}, {"holder_methods", StringList}}};
const Table kCppAppCredentials{"[app_credentials]",
                               {{"env_variables", StringList}, {"literal_regexes", RegexList}}};
const Table kCppLanguage{"cpp.toml",
                         {{"strings", Section, true, &kCppStrings},
                          {"token_flow", Section, true, &kCppTokenFlow},
                          {"sinks", Section, false, &kCppSinks},
                          {"stores", Section, false, &kCppStores},
                          {"app_credentials", Section, false, &kCppAppCredentials}}};

// ---------------------------------------------------------------------------------------------

std::string where(const std::string& file, const toml::source_region& r) {
  return file + ":" + std::to_string(r.begin.line) + ":" + std::to_string(r.begin.column);
}

const char* type_name(Type t) {
  switch (t) {
    case String:
    case Text:
    case Regex:
    case Matcher:
      return "a string";
    case Severity:
      return "\"FLAG\" or \"BLOCK\"";
    case Bool:
      return "true or false";
    case Int:
      return "an integer";
    case Float:
      return "a number";
    case StringList:
    case RegexList:
      return "an array of strings";
    case IntList:
      return "an array of integers";
    case Section:
      return "a table";
    case Sections:
      return "an array of tables ([[...]])";
  }
  return "?";
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diag = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      std::size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diag = up;
    }
  }
  return row[b.size()];
}

class Checker {
 public:
  Checker(const std::string& file, std::vector<Pattern>& patterns)
      : file_(file), patterns_(patterns) {}

  std::optional<std::string> table(const toml::table& t, const schema::Table& spec) {
    for (const auto& [key, node] : t) {
      const Field* f = find(spec, key.str());
      if (!f) return unknown_key(key, spec);
      if (auto err = value(node, *f, spec)) return err;
    }
    for (const auto& f : spec.fields) {
      if (f.required && !t.contains(f.key)) {
        return where(file_, t.source()) + ": " + std::string(spec.name) + " needs '" +
               std::string(f.key) + "' (" + type_name(f.type) + ")";
      }
    }
    return std::nullopt;
  }

 private:
  static const Field* find(const schema::Table& spec, std::string_view key) {
    for (const auto& f : spec.fields) {
      if (f.key == key) return &f;
    }
    return nullptr;
  }

  std::string unknown_key(const toml::key& key, const schema::Table& spec) const {
    std::vector<std::string_view> known;
    for (const auto& f : spec.fields) known.push_back(f.key);
    std::string msg = where(file_, key.source()) + ": unknown key '" + std::string(key.str()) +
                      "' in " + std::string(spec.name);
    if (auto hint = closest(key.str(), known); !hint.empty()) {
      msg += " (did you mean '" + hint + "'?)";
    } else {
      msg += "; known keys:";
      for (auto k : known) msg += " " + std::string(k);
    }
    return msg;
  }

  std::optional<std::string> wrong_type(const toml::node& n, const Field& f,
                                        const schema::Table& spec) const {
    return where(file_, n.source()) + ": '" + std::string(f.key) + "' in " +
           std::string(spec.name) + " must be " + type_name(f.type);
  }

  std::optional<std::string> value(const toml::node& n, const Field& f, const schema::Table& spec) {
    switch (f.type) {
      case String:
      case Text:
      case Regex:
      case Matcher:
      case Severity:
        return string_value(n, f, spec);
      case Bool:
        return n.is_boolean() ? std::nullopt : wrong_type(n, f, spec);
      case Int:
        return n.is_integer() ? std::nullopt : wrong_type(n, f, spec);
      case Float:
        return n.is_number() ? std::nullopt : wrong_type(n, f, spec);
      case StringList:
      case RegexList:
        return list_value(n, f, spec);
      case IntList: {
        const auto* arr = n.as_array();
        if (!arr) return wrong_type(n, f, spec);
        for (const auto& el : *arr) {
          if (!el.is_integer()) return wrong_type(el, f, spec);
        }
        return std::nullopt;
      }
      case Section:
        if (!n.is_table()) return wrong_type(n, f, spec);
        return table(*n.as_table(), *f.table);
      case Sections:
        return table_list(n, f, spec);
    }
    return std::nullopt;
  }

  std::optional<std::string> string_value(const toml::node& n, const Field& f,
                                          const schema::Table& spec) {
    const auto* s = n.as_string();
    if (!s) return wrong_type(n, f, spec);
    const std::string& v = s->get();
    if (v.empty() && f.type != Text) {
      return where(file_, n.source()) + ": '" + std::string(f.key) + "' in " +
             std::string(spec.name) + " must not be empty";
    }
    if (f.type == Severity && v != "FLAG" && v != "BLOCK") return wrong_type(n, f, spec);
    if (!f.allowed.empty() && std::find(f.allowed.begin(), f.allowed.end(), v) == f.allowed.end()) {
      std::string msg = where(file_, n.source()) + ": '" + std::string(f.key) + "' must be one of";
      for (auto a : f.allowed) msg += " \"" + std::string(a) + "\"";
      return msg;
    }
    if (f.type == Regex || f.type == Matcher) {
      patterns_.push_back({f.type, v, where(file_, n.source())});
    }
    return std::nullopt;
  }

  std::optional<std::string> list_value(const toml::node& n, const Field& f,
                                        const schema::Table& spec) {
    const auto* arr = n.as_array();
    if (!arr) return wrong_type(n, f, spec);
    for (const auto& el : *arr) {
      const auto* s = el.as_string();
      if (!s) return wrong_type(el, f, spec);
      if (f.type == RegexList) patterns_.push_back({Regex, s->get(), where(file_, el.source())});
    }
    return std::nullopt;
  }

  std::optional<std::string> table_list(const toml::node& n, const Field& f,
                                        const schema::Table& spec) {
    const auto* arr = n.as_array();
    if (!arr) return wrong_type(n, f, spec);
    for (const auto& el : *arr) {
      if (!el.is_table()) return wrong_type(el, f, spec);
      if (auto err = table(*el.as_table(), *f.table)) return err;
    }
    return std::nullopt;
  }

  const std::string& file_;
  std::vector<Pattern>& patterns_;
};

}  // namespace

const Table& rule_file() {
  return kRule;
}

const std::vector<std::string_view>& languages() {
  static const std::vector<std::string_view> kLanguages = {"common", "cpp", "python"};
  return kLanguages;
}

const Table& language_file(std::string_view language) {
  if (language == "common") return kCommon;
  if (language == "cpp") return kCppLanguage;
  return kPythonLanguage;
}

std::optional<std::string> check(const toml::table& doc, const Table& root, const std::string& file,
                                 std::vector<Pattern>& patterns) {
  return Checker(file, patterns).table(doc, root);
}

std::string closest(std::string_view key, const std::vector<std::string_view>& known) {
  std::string best;
  std::size_t best_distance = 3;
  for (auto k : known) {
    std::size_t d = edit_distance(key, k);
    if (d < best_distance) {
      best_distance = d;
      best = std::string(k);
    }
  }
  return best;
}

}  // namespace obolint::schema
