// The one way to build a finding: every pattern engine and every check reports through here, so
// rule id, severity, message, span, fingerprint text and the secret flag are set alike.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/finding.h"
#include "core/rules.h"

namespace obolint {

class Reporter {
 public:
  explicit Reporter(std::vector<Finding>& out) : out_(out) {}

  // A finding of `rule` at `at`. The message is `detail` (what was found here), then the rule's
  // message (why it matters and what to do); `construct` identifies the finding independently of
  // its line (fingerprints, baselines): the offending code as written, whitespace removed.
  Finding& add(const RuleDef& rule, const Location& at, std::string_view detail,
               std::string_view construct);
  // A secret at `at`: `what` names its kind ("Databricks personal access token"); the message
  // shows it redacted, the fingerprint only ever sees its hash, snippets hide the span.
  Finding& add_secret(const RuleDef& rule, const Location& at, std::string_view what,
                      std::string_view secret);

 private:
  std::vector<Finding>& out_;
};

// Adds the trace of the token to a finding: the header read as its related location and the read,
// every step and `last` as its flow (SARIF codeFlows).
void attach_trace(Finding& f, const Trace& trace, FlowStep last);

// "line 12:5", or "other/file.py:12:5" when the step is in another file than `path`.
std::string where(const FlowStep& step, const std::string& path);

}  // namespace obolint
