// The abstract state of the token flow analysis: which variables hold the user token (or a
// value derived from it), whether it may still be missing, and how it got there.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/finding.h"

#include <tree_sitter/api.h>

namespace obolint::py::flow {

// The values a token may still hold when the header is missing (bit set). 0: checked present.
enum MissingBits : unsigned {
  kMayBeNone = 1,         // .get(name), Header(None)
  kMayBeEmpty = 2,        // .get(name, "")
  kMayBePlaceholder = 4,  // .get(name, "NOT PRESENT"): `if not token` cannot catch it
  kAllMissing = 7,
  kKnownMissing = 8,  // in summaries only: used where it is known missing
};

// Where a token value came from (core/finding.h Trace): the header read and the steps since,
// shared between the copies of a taint, copied only when a step is added.
struct Taint {
  // >= 0: the value of parameter `param` of the function being summarized (not a source);
  // -1: the user token read from the header.
  int param = -1;
  unsigned mask = kMayBeNone;
  // Known missing on this path: inside `if not token:`, the else of `if token:`.
  bool missing = false;
  // Known missing on some path that reaches here: after `if token: return ...` the fall-through,
  // or after `if token:` whose branch does not leave. What runs here runs when it is missing.
  bool may_missing = false;
  // Built into a credential: f"Bearer {token}", {"Authorization": ...}, a connection string.
  bool credential = false;
  // Stands for the token or, when it is missing, another value (`token or os.getenv(...)`):
  // falsy means the token was missing, but the value is not an unchecked token.
  bool replaced = false;
  // A slice of the token (token[:8]): names it without giving it away.
  bool partial = false;
  // A client, connection or config built with the token (not the token itself): what it does is
  // not a use of the token, but keeping it beyond the request shares the user's identity.
  bool client = false;
  std::string placeholder;  // when mask has kMayBePlaceholder
  std::shared_ptr<const Trace> trace;

  bool is_source() const { return param < 0; }
  bool unchecked() const { return missing || mask != 0; }
  const FlowStep& source() const { return trace->source; }
  const std::vector<FlowStep>& steps() const { return trace->steps; }
  // A trace keeps its first kMaxTraceSteps / 2 steps and the latest ones: each step copies at
  // most kMaxTraceSteps steps, so 8 000 assignments of the token cost linear time and memory
  // (a report of thousands of steps would help nobody either).
  static constexpr std::size_t kMaxTraceSteps = 32;
  void add_step(FlowStep step) {
    auto copy = trace ? std::make_shared<Trace>(*trace) : std::make_shared<Trace>();
    if (copy->steps.size() >= kMaxTraceSteps) {
      copy->steps.erase(copy->steps.begin() + kMaxTraceSteps / 2);
    }
    copy->steps.push_back(std::move(step));
    trace = std::move(copy);
  }
};

// The result of evaluating an expression: a taint, or what kind of literal it is (to join
// `token or None`, `token if token else "anonymous"` precisely).
// How strongly a value is the app's own credentials (OBO005).
enum class AppCredentials {
  None,
  Weak,    // Config(): often made only for the host; counts where the token is surely missing
  Strong,  // a client or connection as the app, an environment PAT, the app's OAuth token
};

inline AppCredentials stronger(AppCredentials a, AppCredentials b) {
  return static_cast<int>(a) >= static_cast<int>(b) ? a : b;
}

struct Value {
  std::optional<Taint> taint;
  // Made from the app's own credentials (`wc.config.authenticate()` of `wc = WorkspaceClient()`):
  // a helper returning it returns the app's credentials.
  AppCredentials app = AppCredentials::None;
  enum class Literal { Other, None, Empty, String } literal = Literal::Other;
  std::string text;  // the String literal
};

struct State {
  bool reachable = true;
  std::map<std::string, Taint, std::less<>> vars;
  // Names bound to a test of the token (`has = bool(token)`, `ok = token is not None`): testing
  // the name tests the token.
  std::map<std::string, TSNode, std::less<>> aliases;
  // Names holding the app's own credentials (or what was made from them).
  std::map<std::string, AppCredentials, std::less<>> apps;

  static State unreachable() {
    State s;
    s.reachable = false;
    return s;
  }
  const Taint* find(std::string_view name) const {
    auto it = vars.find(name);
    return it == vars.end() ? nullptr : &it->second;
  }
  // True inside a branch where some header token is known to be missing (OBO005); `may`: on
  // some path reaching here.
  bool in_missing_branch(bool may = true) const;
  const Taint* missing_source(bool may = true) const;
};

// Either side may hold the token: it may be missing when it may be missing on either side.
std::optional<Taint> join(const std::optional<Taint>& a, const std::optional<Taint>& b);
State join(const State& a, const State& b);
State join_all(const std::vector<State>& states);
// a `x or y` / `a if c else b` result: a literal on one side widens the other's missing bits.
Value join(const Value& a, const Value& b);

}  // namespace obolint::py::flow
