// What the C++ token flow knows about libraries and web frameworks, read from
// rules/languages/cpp.toml (and the header names of common.toml): where the user's token is read,
// what checks it, what receives it (facts::Sink) and what connecting as the app looks like. No
// rule id here: the analyses compute facts from this knowledge and the checks decide.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/regex.h"
#include "core/rules.h"
#include "facts/token_facts.h"

namespace obolint::cpp {

// Callee names from the knowledge. A name without `::` matches the callee's last name
// (`res.set_content` and `httplib::Response::set_content` are both `set_content`); a name with
// `::` matches the end of the qualified name, at a `::` boundary (`spdlog::info`).
class NamePatterns {
 public:
  NamePatterns() = default;
  explicit NamePatterns(std::vector<std::string> patterns);
  // `written`: the callee as spelled in the source (whitespace and template arguments are
  // ignored); `resolved`: the qualified name Clang resolved, empty when it did not.
  bool matches(std::string_view written, std::string_view resolved) const;
  bool empty() const { return patterns_.empty(); }

 private:
  std::vector<std::string> patterns_;
};

// The callee as written, without whitespace, template arguments and a leading `::`.
std::string normalize_callee(std::string_view written);
// The last name of a callee: after the last `::`, `.` or `->`.
std::string_view last_name(std::string_view normalized);

// [[token_flow.source]]: a dynamic AST matcher for header reads of one framework.
struct HeaderSource {
  std::string framework;
  std::string matcher;
};

// [sinks]: what receives the token.
struct SinkKnowledge {
  NamePatterns credential;                    // connections, clients, Authorization headers
  NamePatterns log;                           // printf, syslog, spdlog::info, fmt::print
  NamePatterns response;                      // res.set_content, crow::response, setBody
  NamePatterns log_streams;                   // std::cout << token, LOG_INFO << token
  std::vector<std::string> response_members;  // res.body = token
  // An unknown call (no entry, no body in the file) whose last name matches is a credential
  // sink too (run_query(token, sql), make_client(token)), as in Python.
  const Regex* credential_callee = nullptr;

  // The sink a call or construction named so is, or Call when the knowledge does not say.
  facts::Sink classify(std::string_view written, std::string_view resolved) const;
};

// [app_credentials]: connecting with the app's own identity (OBO005 in a missing-token branch).
struct AppCredentialKnowledge {
  std::vector<std::string> env_variables;  // DATABRICKS_TOKEN
  std::vector<const Regex*> literals;      // OAuth M2M connection strings, client_credentials
};

struct TokenKnowledge {
  std::vector<std::string> headers;  // lower case
  std::vector<HeaderSource> sources;
  std::vector<std::string> present_calls;      // x.has_header(H), opt.has_value(), t.size()
  std::vector<std::string> absent_calls;       // t.empty()
  std::vector<std::string> end_calls;          // it == req.end()
  std::vector<std::string> transparent_calls;  // std::move(t): the value is still the token
  std::vector<std::string> partial_calls;      // t.substr(0, 8): a part of the token
  std::vector<std::string> holder_calls;       // std::make_unique<Conn>(t): holds what it gets
  std::vector<std::string> holder_methods;     // g_conn.reset(new Conn(t)): the object holds it
  const Regex* authorization = nullptr;        // a literal that makes a `+` an Authorization value
  SinkKnowledge sinks;
  AppCredentialKnowledge app;

  // Reads rules/languages/cpp.toml and common.toml (checked by the RuleSet's schema).
  static TokenKnowledge load(const RuleSet& rules);
  bool is_header(std::string_view name) const;  // case-insensitive
};

}  // namespace obolint::cpp
