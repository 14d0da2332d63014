// Framework knowledge of the token flow analysis (OBO004/OBO005), read from the rule data:
// where the X-Forwarded-Access-Token header is read, which calls end a branch, which calls are
// checks rather than uses, and which connections fall back to the app's own credentials.
// See rules/OBO004-unvalidated-header-token/README.md, "Configuring sources and checks", for the
// data format.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/rules.h"
#include "facts/token_facts.h"

namespace obolint::py::flow {

// A callee or object pattern: a dotted path as the resolver spells it ("flask.request.headers"),
// matched exactly; a suffix starting with "*." ("*.headers"), matched at a dot boundary against
// the resolved path or, when the resolver knows nothing, the expression text; a prefix ending
// with ".*" ("logging.*": anything under it); or "*.name.*" (a segment anywhere but last).
class PatternList {
 public:
  PatternList() = default;
  explicit PatternList(std::vector<std::string> patterns) : patterns_(std::move(patterns)) {}
  bool matches(std::string_view resolved, std::string_view text) const;
  bool empty() const { return patterns_.empty(); }
  const std::vector<std::string>& patterns() const { return patterns_; }
  // Last segments of the patterns ("get_obo_token" of "*.auth.get_obo_token"): cheap prefilter.
  std::vector<std::string> names() const;

 private:
  std::vector<std::string> patterns_;
};

// A [[sinks.<kind>]] entry: which arguments of which calls a token value goes to.
struct SinkEntry {
  facts::Sink kind = facts::Sink::Call;
  PatternList callee;
  std::vector<std::string> keywords;
  std::vector<int> positions;
  bool all_arguments = false;
};

struct KeywordCall {
  std::string callee;
  std::string keyword;
};
struct DefaultCredentialCall {
  std::string callee;
  std::vector<std::string> unless_keywords;  // e.g. token=: the user's token is passed
  bool weak = false;  // Config(): counts only where the token is missing on every path
};

struct FlowPatterns {
  std::vector<std::string> headers;            // as configured ("X-Forwarded-Access-Token")
  PatternList header_maps;                     // X.get(header[, default]) / X[header]
  PatternList header_dump_maps;                // the request's own headers, taken whole
  std::vector<std::string> header_dump_names;  // their last names (headers)
  PatternList request_scoped;            // flask.g, request.state: attributes live one request
  PatternList request_scoped_in_apps;    // the same, in app code only (Django's `request`)
  PatternList environ_maps;              // X.get("HTTP_X_FORWARDED_ACCESS_TOKEN") / X["HTTP_..."]
  PatternList attribute_getters;         // getattr(obj, "x_forwarded_access_token"[, default])
  PatternList header_parameters;         // def f(x_forwarded_access_token = Header(None))
  PatternList source_functions;          // team wrappers returning the unchecked token
  PatternList checked_source_functions;  // wrappers that raise when it is missing
  PatternList exits;                     // calls that never return (abort, st.stop, sys.exit)
  PatternList check_calls;               // calls that raise when an argument is falsy (shiny.req)
  PatternList not_uses;                  // len, bool, isinstance: checks, not uses
  PatternList derive_calls;              // str(token), "...".format(token): a derived value
  std::vector<std::string> derive_methods;  // token.strip(): a derived value

  std::vector<DefaultCredentialCall> default_credentials;  // OBO005
  std::vector<KeywordCall> service_principal_keywords;     // OBO005
  std::vector<std::string> env_variables;                  // OBO005: DATABRICKS_TOKEN
  std::vector<std::string> app_keywords;                   // client_id=: a service principal
  std::vector<std::string> token_methods;                  // cfg.oauth_token()
  PatternList env_readers;                                 // os.getenv, os.environ.get
  PatternList env_maps;                                    // os.environ[...]

  std::vector<SinkEntry> sinks;                  // [sinks]
  std::vector<std::string> credential_keywords;  // SomeClient(token=t)
  const Regex* credential_callee = nullptr;      // make_client(t)
  const Regex* credential_text = nullptr;        // f"Bearer {t}"
  std::vector<std::string> handler_decorators;   // @app.get: the return value is a response
  std::vector<std::string> cache_decorators;     // @st.cache_resource: shared across requests
  // The sink an argument of a call goes to, from the data: the first entry matching the callee
  // and naming the argument (`keyword`, or 0-based `position` when positional).
  std::optional<facts::Sink> sink_of(std::string_view resolved, std::string_view text,
                                     std::string_view keyword, int position) const;

  // Reads rules/languages/common.toml [token] and python.toml [token_flow], [app_credentials]
  // (checked by the RuleSet's schema).
  static FlowPatterns load(const RuleSet& rules);

  // Header name forms: "X-Forwarded-Access-Token" in a headers mapping (case-insensitive),
  // "HTTP_X_FORWARDED_ACCESS_TOKEN" in a WSGI/Django environment, "x_forwarded_access_token" as
  // an attribute or a FastAPI parameter name.
  bool is_header_key(std::string_view key) const;
  bool is_environ_key(std::string_view key) const;
  bool is_attribute_name(std::string_view name) const;
  // True when the module text can contain a source at all (prefilter, case-insensitive).
  bool mentions_header(std::string_view text) const;
};

std::string lower(std::string_view s);

}  // namespace obolint::py::flow
