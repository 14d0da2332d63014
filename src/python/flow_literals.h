// The words in a Python file's text that the token flow starts from, read from the rule data
// once for the two places that ask: the engine's prefilter (which files to parse) and the Python
// front end (which parsed trees to keep for the flow).
#pragma once

#include <string>
#include <vector>

#include "core/rules.h"

namespace obolint::py {

struct FlowLiterals {
  // Lower-case (match caselessly): the token's headers in both spellings (`X-Forwarded-...`,
  // `x_forwarded_...`/`HTTP_X_...`) and the last names of the configured source functions.
  std::vector<std::string> sources;
  // Lower-case: request-scoped holders (`flask.g` -> "flask", `*.request.state` ->
  // "request.state"), whose cells a handler may read without naming the header.
  std::vector<std::string> holders;
  // Lower-case: holders that count in app code only (`request`: Django's request object).
  std::vector<std::string> app_holders;
  // As written: the last names of the request's header mappings a dump reads (`headers`).
  std::vector<std::string> dump_maps;
};

FlowLiterals flow_literals(const RuleSet& rules);

}  // namespace obolint::py
